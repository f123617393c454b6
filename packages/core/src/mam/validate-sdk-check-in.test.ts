import { describe, expect, it } from 'vitest';
import { validateSdkCheckInBody } from './validate-sdk-check-in.js';

const body = (over: Record<string, unknown>): Record<string, unknown> => ({
  registrationId: '01a22831-640b-7195-aa44-4ca4242a9c78',
  sequence: 1,
  sentAt: '2026-11-29T09:00:00.000Z',
  appVersion: '1.0.0',
  sdkVersion: '1.0.0',
  policyVersion: null,
  configurationVersion: null,
  state: { pinSet: true, encrypted: true, jailbroken: false, flagged: [] },
  usage: { launches: 1, activeDays: ['2026-11-29'], lastUsedAt: '2026-11-29T09:00:00.000Z' },
  ...over,
});

describe('validateSdkCheckInBody: versions', () => {
  it('reads the empty version the server answers when no policy applies as no version', () => {
    const read = validateSdkCheckInBody(body({ policyVersion: '', configurationVersion: '' }));
    expect(read).toMatchObject({ ok: true, value: { policyVersion: null, configurationVersion: null } });
  });

  it('keeps a version hash, and refuses one that is not a token', () => {
    expect(validateSdkCheckInBody(body({ policyVersion: 'a'.repeat(64) }))).toMatchObject({ ok: true, value: { policyVersion: 'a'.repeat(64) } });
    expect(validateSdkCheckInBody(body({ policyVersion: 'not a hash!' }))).toMatchObject({ ok: false, code: 'VALIDATION_FAILED', details: { field: 'policyVersion' } });
    expect(validateSdkCheckInBody(body({ policyVersion: 'x'.repeat(129) }))).toMatchObject({ ok: false, code: 'VALIDATION_FAILED' });
  });
});
