import { describe, expect, it } from 'vitest';
import type { TenantId, UserId } from '../kernel/brand.js';
import { decideSdkCheckIn, usageIncrements, type SdkCheckInFacts } from './decide-sdk-check-in.js';
import { defaultProtectionSettings, type AppProtectionPolicy, type AppProtectionPolicyId, type AppRegistration, type AppRegistrationId, type AppWipeId } from './model.js';
import type { SdkCheckInBody } from './sdk-wire.js';
import { parseSdkCheckInBody, validateSdkCheckInBody } from './validate-sdk-check-in.js';

const now = new Date('2026-11-29T12:00:00.000Z');
const policy: AppProtectionPolicy = {
  id: 'p1' as AppProtectionPolicyId,
  tenantId: 't1' as TenantId,
  name: 'Notes',
  description: '',
  settings: defaultProtectionSettings,
  targets: { users: { include: 'allUsers', exclude: [] }, apps: ['com.ward.notes-demo'] },
  hash: 'policy-v2',
  version: 2,
  createdAt: now,
  updatedAt: now,
};

const registration: AppRegistration = {
  id: 'reg-1' as AppRegistrationId,
  tenantId: 't1' as TenantId,
  userId: 'u1' as UserId,
  appIdentifier: 'com.ward.notes-demo',
  appVersion: '1.0.0',
  sdkVersion: '1.0.0',
  platform: 'web',
  deviceTag: 'AAAAAAAAAAAAAAAAAAAAAA',
  deviceName: null,
  osName: null,
  osVersion: null,
  clientId: null,
  deviceId: null,
  publicKey: { kty: 'EC', crv: 'P-256', x: 'x', y: 'y' },
  keyShare: 'share',
  state: 'active',
  sequence: 41,
  reported: { policyVersion: 'policy-v1', configurationVersion: 'c1', pinSet: true, encrypted: true, jailbroken: false, flagged: [] },
  lastCheckInAt: null,
  lastUsedAt: new Date('2026-11-28T00:00:00Z'),
  wipe: null,
  createdAt: now,
  updatedAt: now,
};

const body: SdkCheckInBody = {
  registrationId: 'reg-1',
  sequence: 42,
  sentAt: now,
  appVersion: '1.2.0',
  sdkVersion: '1.0.1',
  policyVersion: 'policy-v1',
  configurationVersion: 'c1',
  state: { pinSet: true, encrypted: true, jailbroken: false, flagged: [] },
  usage: { launches: 3, activeDays: ['2026-11-29'], lastUsedAt: new Date('2026-11-29T11:59:00Z') },
  wipeConfirmation: null,
};

function facts(over: Partial<SdkCheckInFacts> = {}): SdkCheckInFacts {
  return {
    registration,
    headerRegistrationId: 'reg-1',
    body,
    now,
    protection: policy,
    configuration: { configuration: { a: '1' }, version: 'c1' },
    user: 'active',
    newWipeId: 'wipe-auto' as AppWipeId,
    ...over,
  };
}

function decided(over: Partial<SdkCheckInFacts> = {}) {
  const d = decideSdkCheckIn(facts(over));
  if (!d.ok) throw new Error(`refused: ${d.code}`);
  return d.value;
}

const pendingWipe = { id: 'w1' as AppWipeId, scope: 'registration' as const, requestedAt: now, requestedBy: 'admin@example.com', confirmedAt: null, outcome: null, error: null };

describe('decideSdkCheckIn', () => {
  it('answers the policy only when its version differs, the configuration likewise, and the key share', () => {
    const d = decided();
    expect(d.response.policy).toEqual({ ...defaultProtectionSettings, managedApps: ['com.ward.notes-demo'] });
    expect(d.response.policyVersion).toBe('policy-v2');
    expect(d.response.configuration).toBeNull();
    expect(d.response.configurationVersion).toBe('c1');
    expect(d.response.keyShare).toBe('share');
    expect(d.response.wipe).toBeNull();
    expect(d.response.serverTime).toBe(now.toISOString());
    expect(d.registration).toMatchObject({ sequence: 42, appVersion: '1.2.0', sdkVersion: '1.0.1', lastCheckInAt: now, lastUsedAt: new Date('2026-11-29T11:59:00Z') });
    const current = decided({ body: { ...body, policyVersion: 'policy-v2', configurationVersion: 'c0' } });
    expect(current.response.policy).toBeNull();
    expect(current.response.configuration).toEqual({ a: '1' });
  });

  it('refuses a replay (sequence not above the highest accepted), a stale or future sentAt, and a body for another registration', () => {
    for (const sequence of [41, 40, 1]) expect(decideSdkCheckIn(facts({ body: { ...body, sequence } }))).toMatchObject({ ok: false, code: 'SDK_CHECK_IN_REPLAYED' });
    const skew = 5 * 60_000;
    expect(decideSdkCheckIn(facts({ body: { ...body, sentAt: new Date(now.getTime() - skew) } })).ok).toBe(true);
    expect(decideSdkCheckIn(facts({ body: { ...body, sentAt: new Date(now.getTime() + skew) } })).ok).toBe(true);
    expect(decideSdkCheckIn(facts({ body: { ...body, sentAt: new Date(now.getTime() - skew - 1) } }))).toMatchObject({ ok: false, code: 'SDK_CHECK_IN_STALE', details: { serverTime: now.toISOString() } });
    expect(decideSdkCheckIn(facts({ body: { ...body, sentAt: new Date(now.getTime() + skew + 1) } }))).toMatchObject({ ok: false, code: 'SDK_CHECK_IN_STALE' });
    expect(decideSdkCheckIn(facts({ body: { ...body, registrationId: 'reg-2' } }))).toMatchObject({ ok: false, code: 'SDK_SIGNATURE_INVALID' });
    expect(decideSdkCheckIn(facts({ headerRegistrationId: 'reg-2' }))).toMatchObject({ ok: false, code: 'SDK_SIGNATURE_INVALID' });
  });

  it('withholds the key share while a wipe is pending and tells the app to wipe', () => {
    const d = decided({ registration: { ...registration, state: 'wipePending', wipe: pendingWipe } });
    expect(d.response.keyShare).toBeNull();
    expect(d.response.wipe).toEqual({ wipeId: 'w1', scope: 'registration' });
    expect(d.response.policy).toBeNull();
    expect(d.registration.state).toBe('wipePending');
    expect(d.wipe).toBeNull();
  });

  it('applies the confirmation of the pending wipe once: the registration becomes wiped', () => {
    const pending: AppRegistration = { ...registration, state: 'wipePending', wipe: pendingWipe };
    const d = decided({ registration: pending, body: { ...body, wipeConfirmation: { wipeId: 'w1', outcome: 'failed', error: 'disk busy' } } });
    expect(d.wipe).toBe('confirmed');
    expect(d.registration.state).toBe('wiped');
    expect(d.registration.wipe).toEqual({ ...pendingWipe, confirmedAt: now, outcome: 'failed', error: 'disk busy' });
    expect(d.response).toMatchObject({ keyShare: null, wipe: null, policy: null, configuration: null });
    // A confirmation of another wipe, or while none is pending, changes nothing.
    const other = decided({ registration: pending, body: { ...body, wipeConfirmation: { wipeId: 'w0', outcome: 'succeeded', error: null } } });
    expect(other.wipe).toBeNull();
    expect(other.registration.state).toBe('wipePending');
    const none = decided({ body: { ...body, wipeConfirmation: { wipeId: 'w1', outcome: 'succeeded', error: null } } });
    expect(none.registration.state).toBe('active');
    expect(none.registration.wipe).toBeNull();
  });

  it('starts a wipe when the user left the directory, and withholds the key share of a disabled user', () => {
    const gone = decided({ user: 'deleted' });
    expect(gone.wipe).toBe('requestedForDeletedUser');
    expect(gone.response.wipe).toEqual({ wipeId: 'wipe-auto', scope: 'user' });
    expect(gone.response.keyShare).toBeNull();
    const disabled = decided({ user: 'disabled' });
    expect(disabled.registration.state).toBe('active');
    expect(disabled.response.keyShare).toBeNull();
    expect(disabled.response.wipe).toBeNull();
  });

  it('echoes the app its own policy version when no policy reaches it any more', () => {
    const d = decided({ protection: undefined });
    expect(d.response.policy).toBeNull();
    expect(d.response.policyVersion).toBe('policy-v1');
    expect(d.response.keyShare).toBe('share');
  });

  it('records flags and state as reported', () => {
    const d = decided({ body: { ...body, state: { pinSet: false, encrypted: true, jailbroken: true, flagged: ['jailbroken'] } } });
    expect(d.registration.reported).toEqual({ policyVersion: 'policy-v1', configurationVersion: 'c1', pinSet: false, encrypted: true, jailbroken: true, flagged: ['jailbroken'] });
  });
});

describe('usageIncrements', () => {
  it('credits launches to the latest active day, marks each day active, and drops days outside the window', () => {
    const usage = { launches: 5, activeDays: ['2026-11-29', '2026-11-27', '2025-01-01', '2027-01-01'], lastUsedAt: null };
    expect(usageIncrements(registration, usage, null, now).map((i) => [i.day, i.launches])).toEqual([
      ['2026-11-27', 0],
      ['2026-11-29', 5],
    ]);
    expect(usageIncrements(registration, { launches: 2, activeDays: [], lastUsedAt: null }, null, now).map((i) => [i.day, i.launches])).toEqual([['2026-11-29', 2]]);
    expect(usageIncrements(registration, { launches: 0, activeDays: [], lastUsedAt: null }, null, now)).toEqual([]);
  });

  it('caps a future last use at the server time', () => {
    const d = decided({ body: { ...body, usage: { launches: 1, activeDays: [], lastUsedAt: new Date(now.getTime() + 60_000) } } });
    expect(d.registration.lastUsedAt).toEqual(now);
  });
});

describe('validateSdkCheckInBody', () => {
  const wire = {
    registrationId: 'reg-1',
    sequence: 42,
    sentAt: '2026-11-29T12:00:00.000Z',
    appVersion: '1.2.0',
    sdkVersion: '1.0.0',
    policyVersion: 'a'.repeat(64),
    configurationVersion: 'b'.repeat(64),
    state: { pinSet: true, encrypted: true, jailbroken: false, flagged: ['appVersionTooLow'] },
    usage: { launches: 3, activeDays: ['2026-11-29'], lastUsedAt: '2026-11-29T11:00:00Z' },
  };
  const fieldOf = (input: unknown): unknown => {
    const r = validateSdkCheckInBody(input);
    return r.ok ? 'valid' : r.details?.field;
  };

  it('reads the contract body', () => {
    expect(fieldOf(wire)).toBe('valid');
    expect(fieldOf({ ...wire, wipeConfirmation: { wipeId: 'w1', outcome: 'succeeded' } })).toBe('valid');
    expect(fieldOf({ ...wire, usage: undefined, policyVersion: null })).toBe('valid');
  });

  it('names the offending field of hostile or malformed bodies', () => {
    const cases: readonly [unknown, string][] = [
      [[], 'body'],
      [{ ...wire, extra: 1 }, 'body.extra'],
      [{ ...wire, registrationId: "x' or 1=1" }, 'registrationId'],
      [{ ...wire, sequence: 0 }, 'sequence'],
      [{ ...wire, sequence: -1 }, 'sequence'],
      [{ ...wire, sequence: 1.5 }, 'sequence'],
      [{ ...wire, sequence: 2 ** 60 }, 'sequence'],
      [{ ...wire, sequence: '42' }, 'sequence'],
      [{ ...wire, sentAt: 'yesterday' }, 'sentAt'],
      [{ ...wire, sentAt: '2026-13-45T99:00:00Z' }, 'sentAt'],
      [{ ...wire, policyVersion: 'x'.repeat(129) }, 'policyVersion'],
      [{ ...wire, state: { ...wire.state, flagged: ['rooted'] } }, 'state.flagged[0]'],
      [{ ...wire, state: { ...wire.state, flagged: Array(11).fill('jailbroken') } }, 'state.flagged'],
      [{ ...wire, state: { ...wire.state, pinSet: 'yes' } }, 'state.pinSet'],
      [{ ...wire, usage: { launches: 100_001 } }, 'usage.launches'],
      [{ ...wire, usage: { activeDays: ['2026-02-30'] } }, 'usage.activeDays[0]'],
      [{ ...wire, usage: { activeDays: Array(101).fill('2026-11-29') } }, 'usage.activeDays'],
      [{ ...wire, wipeConfirmation: { wipeId: 'w1', outcome: 'maybe' } }, 'wipeConfirmation.outcome'],
      [{ ...wire, wipeConfirmation: { wipeId: 'w1', outcome: 'failed', error: 'e'.repeat(1001) } }, 'wipeConfirmation.error'],
    ];
    for (const [input, field] of cases) expect(fieldOf(input), JSON.stringify(input).slice(0, 100)).toBe(field);
  });

  it('refuses bytes that are not UTF-8 JSON, and more than 16 KiB', () => {
    expect(parseSdkCheckInBody(Uint8Array.of(0xff, 0xfe))).toMatchObject({ ok: false, code: 'VALIDATION_FAILED' });
    expect(parseSdkCheckInBody(new TextEncoder().encode('{"registrationId":'))).toMatchObject({ ok: false, code: 'VALIDATION_FAILED' });
    expect(parseSdkCheckInBody(new Uint8Array(16 * 1024 + 1))).toMatchObject({ ok: false, code: 'PAYLOAD_TOO_LARGE' });
    expect(parseSdkCheckInBody(new TextEncoder().encode(JSON.stringify(wire)))).toMatchObject({ ok: true });
  });
});
