import type { ProtectionPolicy, SdkState } from '@ward/sdk';
import { describe, expect, it } from 'vitest';
import { sameWorkView, setPinProblem, unlockProblem, workViewOf } from './work-view.js';

const policy: ProtectionPolicy = {
  pin: { required: true, type: 'numeric', minLength: 6, biometricAllowed: false, recheckAfterMinutes: 30, maxRetries: 5 },
  encryptData: true,
  clipboard: 'blocked',
  saveAsBlocked: true,
  shareToUnmanagedBlocked: true,
  printBlocked: true,
  screenCaptureBlocked: false,
  offline: { accessCheckAfterMinutes: 720, wipeAfterDays: 90 },
  conditionalLaunch: { minAppVersion: null, minSdkVersion: null, jailbroken: 'block', maxPinRetries: 'block' },
  managedApps: ['com.ward.notes-demo'],
};

const registered: SdkState = {
  registered: true,
  registrationId: 'r-1',
  identity: 'personal',
  locked: true,
  needsPinSetup: false,
  pinSet: true,
  pinRetriesLeft: 4,
  blocked: [],
  warnings: [],
  flagged: [],
  lastWipe: null,
  online: true,
  lastCheckInAt: '2026-11-29T10:00:00.000Z',
  lastError: null,
  policy,
  policyVersion: 'v1',
  configuration: null,
  screenCapture: 'notApplicable',
};
const unregistered: SdkState = { ...registered, registered: false, registrationId: null, pinSet: false, pinRetriesLeft: null, blocked: ['notRegistered'], policy: null, policyVersion: null };

describe('workViewOf', () => {
  it('asks to sign in without a registration, saying why Ward refused one', () => {
    expect(workViewOf({ ...unregistered, lastError: { code: 'SIGN_IN_REQUIRED', message: 'x' } })).toEqual({ kind: 'signIn', problem: null });
    expect(workViewOf(unregistered)).toEqual({ kind: 'signIn', problem: null });
    expect(workViewOf({ ...unregistered, lastError: { code: 'APP_PROTECTION_NOT_ASSIGNED', message: 'x' } })).toMatchObject({ kind: 'signIn', problem: expect.stringContaining('has not set up protection') });
    expect(workViewOf({ ...unregistered, lastError: { code: 'SOMETHING_NEW', message: 'the words' } })).toMatchObject({ kind: 'signIn', problem: expect.stringContaining('SOMETHING_NEW') });
  });

  it('asks to sign in again after a wipe', () => {
    expect(workViewOf({ ...unregistered, blocked: ['wiped'] })).toMatchObject({ kind: 'signIn', problem: expect.stringContaining('removed its data') });
  });

  it('shows a block with its reasons', () => {
    expect(workViewOf({ ...registered, blocked: ['pinRetriesExceeded', 'offlineTooLong'] })).toEqual({ kind: 'blocked', reasons: ['pinRetriesExceeded', 'offlineTooLong'] });
  });

  it('asks for a new PIN, then for the PIN, then shows the notes', () => {
    expect(workViewOf({ ...registered, needsPinSetup: true, pinSet: false })).toEqual({ kind: 'setPin', minLength: 6, numeric: true });
    expect(workViewOf(registered)).toEqual({ kind: 'enterPin', retriesLeft: 4, numeric: true });
    expect(workViewOf({ ...registered, policy: { ...policy, pin: { ...policy.pin, type: 'passcode' } } })).toMatchObject({ numeric: false });
    expect(workViewOf({ ...registered, locked: false })).toEqual({ kind: 'notes' });
  });

  it('opens without a PIN when the policy asks for none', () => {
    expect(workViewOf({ ...registered, pinSet: false, pinRetriesLeft: null })).toEqual({ kind: 'unlocking' });
  });

  it('tells views apart by what they show', () => {
    expect(sameWorkView({ kind: 'enterPin', retriesLeft: 4, numeric: true }, { kind: 'enterPin', retriesLeft: 4, numeric: true })).toBe(true);
    // The PIN form reports the retries itself after a wrong PIN: the same screen.
    expect(sameWorkView({ kind: 'enterPin', retriesLeft: 4, numeric: true }, { kind: 'enterPin', retriesLeft: 3, numeric: true })).toBe(true);
    expect(sameWorkView({ kind: 'setPin', minLength: 6, numeric: true }, { kind: 'setPin', minLength: 8, numeric: true })).toBe(false);
    expect(sameWorkView({ kind: 'blocked', reasons: ['wiped'] }, { kind: 'blocked', reasons: ['offlineTooLong'] })).toBe(false);
    expect(sameWorkView({ kind: 'notes' }, { kind: 'unlocking' })).toBe(false);
  });
});

describe('words for the PIN gate', () => {
  it('says how many tries are left, and nothing on success', () => {
    expect(unlockProblem({ ok: true })).toBeUndefined();
    expect(unlockProblem({ ok: false, code: 'PIN_WRONG', retriesLeft: 1 })).toBe('That PIN is not right. 1 try left.');
    expect(unlockProblem({ ok: false, code: 'PIN_WRONG', retriesLeft: 3 })).toBe('That PIN is not right. 3 tries left.');
    expect(unlockProblem({ ok: false, code: 'PIN_RETRIES_EXCEEDED' })).toContain('Too many');
  });

  it('names the rule a new PIN breaks', () => {
    expect(setPinProblem({ ok: true }, 6)).toBeUndefined();
    expect(setPinProblem({ ok: false, code: 'PIN_TOO_SHORT' }, 6)).toBe('The PIN needs at least 6 characters.');
    expect(setPinProblem({ ok: false, code: 'PIN_NOT_NUMERIC' }, 6)).toBe('The PIN must be digits only.');
  });
});
