import { createPublicKey, verify } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { WardSdkError, type FetchLike } from '../src/index.js';
import { acceptedCheckIns, DAY, harness, MINUTE } from './sdk-harness.js';
import { basePolicy } from './ward-test-peer.js';

describe('check-ins', () => {
  it('signs each check-in over its exact bytes, with a sequence that grows and survives restarts', async () => {
    const h = await harness();
    let sdk = await h.start();
    expect(await sdk.checkInNow()).toEqual({ ok: true });
    expect(await sdk.checkInNow()).toEqual({ ok: true });
    sdk.stop();
    sdk = await h.start(); // checks in at start
    const bodies = acceptedCheckIns(h.peer);
    // 1: right after registering (the server counts a registration once it checked in).
    expect(bodies.map((b) => b.sequence)).toEqual([1, 2, 3, 4]);
    expect(h.peer.checkIns.every((c) => c.status === 200)).toBe(true);
    // The peer verified each signature; check one here too, independently, over the raw bytes.
    const reg = h.peer.only();
    const raw = h.peer.checkIns[0]!.raw;
    expect(JSON.parse(raw.toString()) as unknown).toEqual(bodies[0]);
    expect(bodies[0]).toMatchObject({ registrationId: reg.id, sdkVersion: '1.0.0', appVersion: '1.2.0', policyVersion: h.peer.policyVersion(), state: { pinSet: false, encrypted: true, jailbroken: false, flagged: [] } });
    expect(Date.parse(bodies[0]!.sentAt)).toBe(h.clock.t);
    expect(() => createPublicKey({ key: reg.jwk, format: 'jwk' })).not.toThrow();
    expect(verify('sha256', Buffer.from('{}'), { key: createPublicKey({ key: reg.jwk, format: 'jwk' }), dsaEncoding: 'ieee-p1363' }, Buffer.alloc(64))).toBe(false);
  });

  it('reports usage once: launches, active days, last use', async () => {
    const h = await harness();
    let sdk = await h.start();
    await sdk.checkInNow();
    await sdk.checkInNow();
    sdk.stop();
    h.clock.advance(DAY);
    sdk = await h.start();
    const usage = acceptedCheckIns(h.peer).map((b) => b.usage);
    expect(usage).toHaveLength(4);
    expect(usage[0]).toEqual({ launches: 1, activeDays: ['2026-11-29'], lastUsedAt: '2026-11-29T09:00:00.000Z' });
    expect(usage[1]).toMatchObject({ launches: 0, activeDays: [] });
    expect(usage[2]).toMatchObject({ launches: 0, activeDays: [] });
    expect(usage[3]).toEqual({ launches: 1, activeDays: ['2026-11-30'], lastUsedAt: '2026-11-30T09:00:00.000Z' });
  });

  it('takes policy and configuration changes, and asks again only when they change', async () => {
    const h = await harness();
    const sdk = await h.start();
    const seen: string[] = [];
    sdk.subscribe((s) => { seen.push(s.policy?.clipboard ?? 'none'); });
    h.peer.policy = { ...basePolicy, clipboard: 'blocked' };
    h.peer.configuration = { theme: 'dark' };
    await sdk.checkInNow();
    expect(sdk.state()).toMatchObject({ policyVersion: h.peer.policyVersion(), configuration: { theme: 'dark' }, policy: { clipboard: 'blocked' } });
    expect(seen.at(-1)).toBe('blocked');
    await sdk.checkInNow();
    expect(acceptedCheckIns(h.peer).at(-1)).toMatchObject({ policyVersion: h.peer.policyVersion(), configurationVersion: h.peer.configurationVersion() });
  });

  it('corrects its clock from SDK_CHECK_IN_STALE and retries at once', async () => {
    const h = await harness();
    const server = h.clock.t;
    h.peer.clock = () => server;
    const sdk = await h.start();
    h.clock.advance(20 * MINUTE); // the device clock jumps; the server's does not
    // The first try is stale; the retry uses the server's time from the refusal.
    expect(await sdk.checkInNow()).toEqual({ ok: true });
    expect(h.peer.checkIns.map((c) => c.status)).toEqual([200, 400, 200]);
    // The correction is kept: the next check-in is on time at the first try.
    expect(await sdk.checkInNow()).toEqual({ ok: true });
    expect(h.peer.checkIns.map((c) => c.status)).toEqual([200, 400, 200, 200]);
    expect(Date.parse(acceptedCheckIns(h.peer).at(-1)!.sentAt)).toBe(server);
  });

  it('catches up with the sequence the server names after SDK_CHECK_IN_REPLAYED', async () => {
    const h = await harness();
    const sdk = await h.start();
    h.peer.only().highest = 500; // as if this storage were restored from an old backup
    expect(await sdk.checkInNow()).toEqual({ ok: true });
    expect(h.peer.checkIns.map((c) => c.status)).toEqual([200, 409, 200]);
    expect(acceptedCheckIns(h.peer).at(-1)!.sequence).toBe(501);
  });

  it('jumps its sequence ahead when a replay refusal does not say how far', async () => {
    const h = await harness();
    const sdk = await h.start();
    h.peer.replayDetails = false;
    h.peer.only().highest = 500;
    expect(await sdk.checkInNow()).toMatchObject({ ok: false, code: 'SDK_CHECK_IN_REPLAYED' });
    expect(sdk.state().lastError?.code).toBe('SDK_CHECK_IN_REPLAYED');
    expect(await sdk.checkInNow()).toEqual({ ok: true });
    expect(acceptedCheckIns(h.peer).at(-1)!.sequence).toBeGreaterThan(500);
    expect(sdk.state().lastError).toBeNull();
  });

  it('refuses malformed, hostile and huge answers and changes nothing', async () => {
    const h = await harness();
    const sdk = await h.start();
    await sdk.setPin('2580');
    await sdk.corporateStore.set('n', 'v');
    const before = sdk.state();
    const good = { policy: null, policyVersion: 'x', configuration: null, configurationVersion: 'y', keyShare: null, wipe: null, checkInIntervalSeconds: 900, serverTime: new Date(h.clock.t).toISOString() };
    const answers: [string, string | Buffer, number, string][] = [
      ['wrong type', JSON.stringify({ ...good, checkInIntervalSeconds: 'soon' }), 200, 'ANSWER_INVALID'],
      ['policy out of range', JSON.stringify({ ...good, policy: { ...basePolicy, pin: { ...basePolicy.pin, minLength: 0 } }, policyVersion: 'evil' }), 200, 'ANSWER_INVALID'],
      ['bad key share', JSON.stringify({ ...good, keyShare: 'short' }), 200, 'ANSWER_INVALID'],
      ['header injection in a wipe id', JSON.stringify({ ...good, wipe: { wipeId: 'a\r\nb', scope: 'user' } }), 200, 'ANSWER_INVALID'],
      ['not JSON', '<html>oops</html>', 200, 'ANSWER_INVALID'],
      ['an array', '[]', 200, 'ANSWER_INVALID'],
      ['huge', Buffer.alloc(400 * 1024, 0x20), 200, 'ANSWER_TOO_LARGE'],
      ['a server error page', '<html>502</html>', 502, 'HTTP_502'],
      ['an unknown 404', '{"error":{"code":"NOT_FOUND"}}', 404, 'NOT_FOUND'],
      ['a 410 that is not Ward\'s', 'gone', 410, 'HTTP_410'],
    ];
    for (const [name, body, status, code] of answers) {
      h.peer.forced.push({ status, body });
      const result = await sdk.checkInNow();
      expect(result, name).toMatchObject({ ok: false, code });
      const after = sdk.state();
      expect(after.policy, name).toEqual(before.policy);
      expect(after.policyVersion, name).toBe(before.policyVersion);
      expect(after.configuration, name).toEqual(before.configuration);
      expect(after.registered && !after.locked, name).toBe(true);
      expect(await sdk.corporateStore.get('n'), name).toBe('v');
    }
    expect(h.wipes).toEqual([]);
    expect(await sdk.checkInNow()).toEqual({ ok: true });
  });

  it('retries with exponential backoff while the server is down', async () => {
    const h = await harness();
    const first = await h.start();
    first.stop();
    const times: number[] = [];
    const failing: FetchLike = () => {
      times.push(Date.now());
      return Promise.reject(new TypeError('fetch failed'));
    };
    const sdk = await h.start({ fetch: failing, autoCheckIn: true, random: () => 0.5 });
    expect(sdk.state()).toMatchObject({ online: false, lastError: { code: 'UNREACHABLE' } });
    // Full jitter at 0.5 of a ceiling that doubles from 2 s: 1 s, then 2 s.
    await new Promise((r) => setTimeout(r, 3600));
    sdk.stop();
    expect(times).toHaveLength(3);
    expect(times[1]! - times[0]!).toBeGreaterThanOrEqual(950);
    expect(times[2]! - times[1]!).toBeGreaterThanOrEqual(1950);
  });
});

describe('offline', () => {
  it('opens with the sealed key share within the access period, refuses after it, and wipes after the wipe period', async () => {
    const h = await harness();
    let sdk = await h.start();
    await sdk.setPin('2580');
    await sdk.corporateStore.set('n', 'corp');
    await sdk.personalStore.set('p', 'mine');
    sdk.stop();
    await h.peer.stop();

    h.clock.advance(60 * MINUTE);
    sdk = await h.start();
    expect(sdk.state()).toMatchObject({ online: false, blocked: [] });
    expect(await sdk.unlock('2580')).toEqual({ ok: true });
    expect(await sdk.corporateStore.get('n')).toBe('corp');

    h.clock.advance(12 * 60 * MINUTE); // past offline.accessCheckAfterMinutes (720)
    expect(sdk.isLocked()).toBe(true);
    expect(sdk.state().blocked).toEqual(['offlineTooLong']);
    await expect(sdk.corporateStore.get('n')).rejects.toMatchObject({ code: 'BLOCKED' });
    expect(await sdk.unlock('2580')).toEqual({ ok: false, code: 'CHECK_IN_REQUIRED' });
    expect(h.wipes).toEqual([]);

    h.clock.advance(30 * DAY);
    sdk.stop();
    sdk = await h.start();
    expect(h.wipes).toEqual(['offlineTooLong']);
    expect(await h.storage.keys('corp/')).toEqual([]);
    expect(await sdk.personalStore.get('p')).toBe('mine');
    sdk.stop();
    await h.start(); // once per offline period, not at every launch
    expect(h.wipes).toEqual(['offlineTooLong']);
  });

  it('trusts the sealed check-in time, not the plain one, when storage is edited', async () => {
    const h = await harness();
    let sdk = await h.start();
    await sdk.setPin('2580');
    sdk.stop();
    await h.peer.stop();
    h.clock.advance(13 * 60 * MINUTE);
    const record = JSON.parse(await h.storage.get('ward/registration') as string) as Record<string, unknown>;
    record.lastCheckInAt = h.clock.t; // an attacker moves the plain time forward
    await h.storage.set('ward/registration', JSON.stringify(record));
    sdk = await h.start();
    expect(sdk.state().blocked).toEqual([]);
    expect(await sdk.unlock('2580')).toEqual({ ok: false, code: 'CHECK_IN_REQUIRED' });
    expect(sdk.isLocked()).toBe(true);
  });

  it('withholds access while the server withholds the key share', async () => {
    const h = await harness();
    const sdk = await h.start();
    await sdk.setPin('2580');
    h.peer.releaseKeyShare = false;
    await sdk.checkInNow();
    expect(sdk.state()).toMatchObject({ locked: true, blocked: ['keyShareWithheld'] });
    expect(await sdk.unlock('2580')).toEqual({ ok: false, code: 'KEY_SHARE_UNAVAILABLE' });
    h.peer.releaseKeyShare = true;
    await sdk.checkInNow();
    expect(await sdk.unlock('2580')).toEqual({ ok: true });
  });
});

describe('selective wipe', () => {
  it('erases the corporate identity, calls onWipe once, confirms, and keeps personal data', async () => {
    const h = await harness();
    const sdk = await h.start();
    await sdk.setPin('2580');
    await sdk.corporateStore.set('n', 'corp');
    await sdk.personalStore.set('p', 'mine');
    const wipeId = h.peer.wipe(h.peer.only().id);
    expect(await sdk.checkInNow()).toEqual({ ok: true });
    expect(h.wipes).toEqual(['adminWipe']);
    const reg = [...h.peer.registrations.values()][0]!;
    expect(reg.state).toBe('wiped');
    expect(reg.confirmations).toBe(1);
    expect(acceptedCheckIns(h.peer).at(-1)!.wipeConfirmation).toEqual({ wipeId, outcome: 'succeeded' });
    expect(await h.storage.keys('corp/')).toEqual([]);
    expect(await h.storage.get('ward/registration-key')).toBeUndefined();
    expect(await sdk.personalStore.get('p')).toBe('mine');
    expect(sdk.state()).toMatchObject({ registered: false, locked: true, blocked: ['wiped'], lastWipe: { reason: 'adminWipe' } });
    await expect(sdk.corporateStore.get('n')).rejects.toMatchObject({ code: 'WIPED' });
    await expect(sdk.createAppAssertion('https://ward.example/oidc')).rejects.toBeInstanceOf(WardSdkError);
    expect(await sdk.unlock('2580')).toEqual({ ok: false, code: 'WIPED' });
    // Idempotent: nothing more happens, and a restart does not register again by itself.
    expect(await sdk.checkInNow()).toMatchObject({ ok: false, code: 'NOT_REGISTERED' });
    sdk.stop();
    const again = await h.start();
    expect(h.wipes).toEqual(['adminWipe']);
    expect(h.peer.registerCalls).toHaveLength(1);
    expect(again.state().blocked).toEqual(['wiped']);
    // Once the user signed in again, the app registers anew: a new registration.
    expect(await again.register()).toEqual({ ok: true });
    expect(again.state()).toMatchObject({ registered: true, needsPinSetup: true, blocked: [] });
    expect(again.state().registrationId).not.toBe(reg.id);
    expect(await again.corporateStore.list().catch((e: unknown) => e)).toMatchObject({ code: 'LOCKED' });
  });

  it('reports a failed wipe when the app\'s callback throws', async () => {
    const h = await harness();
    const sdk = await h.start({ onWipe: () => { throw new Error('disk busy'); } });
    h.peer.wipe(h.peer.only().id);
    await sdk.checkInNow();
    expect(acceptedCheckIns(h.peer).at(-1)!.wipeConfirmation).toMatchObject({ outcome: 'failed', error: 'disk busy' });
  });

  it('finishes a wipe that a crash interrupted at the next start', async () => {
    const h = await harness();
    let sdk = await h.start();
    await sdk.setPin('2580');
    await sdk.corporateStore.set('n', 'corp');
    sdk.stop();
    // A crash right after the marker was written: the data is still there.
    await h.storage.set('ward/wipe-in-progress', JSON.stringify({ reason: 'adminWipe', at: h.clock.t, wipeId: 'wipe77' }));
    sdk = await h.start();
    expect(h.wipes).toEqual(['adminWipe']);
    expect(await h.storage.keys('corp/')).toEqual([]);
    expect(await h.storage.get('ward/wipe-in-progress')).toBeUndefined();
  });

  it('wipes locally when the server answers 410 for the registration', async () => {
    const h = await harness();
    const sdk = await h.start();
    await sdk.setPin('2580');
    await sdk.corporateStore.set('n', 'corp');
    h.peer.only().state = 'wiped';
    expect(await sdk.checkInNow()).toMatchObject({ ok: false, code: 'SDK_REGISTRATION_WIPED' });
    expect(h.wipes).toEqual(['registrationWiped']);
    expect(sdk.state()).toMatchObject({ registered: false, blocked: ['wiped'] });
    expect(await h.storage.keys('corp/')).toEqual([]);
  });

  it('registers again when the server no longer knows the registration, and keeps the data', async () => {
    const h = await harness();
    let sdk = await h.start();
    await sdk.setPin('2580');
    await sdk.corporateStore.set('n', 'kept');
    sdk.lock();
    const old = h.peer.only();
    h.peer.registrations.delete(old.id);
    expect(await sdk.checkInNow()).toEqual({ ok: true });
    const fresh = h.peer.only();
    expect(fresh.id).not.toBe(old.id);
    expect(fresh.keyShare).not.toBe(old.keyShare);
    // The data was wrapped under the old share: the sealed copy opens it, and it is re-wrapped.
    expect(await sdk.unlock('2580')).toEqual({ ok: true });
    expect(await sdk.corporateStore.get('n')).toBe('kept');
    sdk.stop();
    h.peer.forced.length = 0;
    h.clock.advance(MINUTE);
    sdk = await h.start();
    expect(await sdk.unlock('2580')).toEqual({ ok: true });
    expect(await sdk.corporateStore.get('n')).toBe('kept');
    expect(h.wipes).toEqual([]);
  });
});

describe('conditional access', () => {
  it('creates an app assertion signed by the registration key', async () => {
    const h = await harness();
    const sdk = await h.start();
    const jws = await sdk.createAppAssertion('https://ward.example/oidc');
    const [header, claims, sig] = jws.split('.') as [string, string, string];
    const c = JSON.parse(Buffer.from(claims, 'base64url').toString()) as Record<string, number | string>;
    expect(c).toMatchObject({ iss: h.peer.only().id, aud: 'https://ward.example/oidc', iat: Math.floor(h.clock.t / 1000) });
    expect(Number(c.exp) - Number(c.iat)).toBe(300);
    const key = createPublicKey({ key: h.peer.only().jwk, format: 'jwk' });
    expect(verify('sha256', Buffer.from(`${header}.${claims}`), { key, dsaEncoding: 'ieee-p1363' }, Buffer.from(sig, 'base64url'))).toBe(true);
    await expect(sdk.createAppAssertion('')).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
  });

  it('refuses registration without a sign-in and reports the server\'s refusal', async () => {
    const h = await harness();
    const nobody = await h.start({ getAccessToken: () => null });
    expect(nobody.state()).toMatchObject({ registered: false, blocked: ['notRegistered'], lastError: { code: 'SIGN_IN_REQUIRED' } });
    await expect(nobody.createAppAssertion('https://x')).rejects.toMatchObject({ code: 'NOT_REGISTERED' });
    const stranger = await h.start({ getAccessToken: () => 'forged', storage: new (await import('../src/index.js')).MemoryStorage() });
    expect(stranger.state().lastError?.code).toBe('UNAUTHENTICATED');
    h.peer.apps.clear();
    const unknownApp = await h.start({ storage: new (await import('../src/index.js')).MemoryStorage() });
    expect(unknownApp.state().lastError?.code).toBe('APP_NOT_FOUND');
  });
});
