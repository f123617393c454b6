import { describe, expect, it } from 'vitest';
import { WardSdkError } from '../src/index.js';
import { acceptedCheckIns, expectNoPlaintext, harness, MINUTE } from './sdk-harness.js';
import { basePolicy } from './ward-test-peer.js';

describe('registration and the PIN gate', () => {
  it('registers at start and asks for a PIN before corporate data opens', async () => {
    const h = await harness();
    const sdk = await h.start({ device: { name: 'Test machine', osName: 'linux' } });
    const call = h.peer.registerCalls[0]!;
    expect(call.status).toBe(201);
    expect(call.body).toMatchObject({ appId: 'com.ward.notes-demo', appVersion: '1.2.0', sdkVersion: '1.0.0', platform: 'node', deviceName: 'Test machine', osName: 'linux' });
    expect(call.body.deviceTag).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(Object.keys(call.body.publicKey as object).sort()).toEqual(['crv', 'kty', 'x', 'y']);
    const s = sdk.state();
    expect(s).toMatchObject({ registered: true, locked: true, needsPinSetup: true, pinSet: false, blocked: [], policyVersion: h.peer.policyVersion() });
    expect(s.configuration).toEqual({ theme: 'corporate', 'user.email': 'alice@example.com' });
    await expect(sdk.corporateStore.get('x')).rejects.toMatchObject({ code: 'LOCKED' });
    expect(await sdk.unlock('1234')).toEqual({ ok: false, code: 'PIN_NOT_SET' });
  });

  it('checks a new PIN against the policy', async () => {
    const h = await harness();
    const sdk = await h.start();
    expect(await sdk.setPin('123')).toEqual({ ok: false, code: 'PIN_TOO_SHORT' });
    expect(await sdk.setPin('12a4')).toEqual({ ok: false, code: 'PIN_NOT_NUMERIC' });
    expect(await sdk.setPin('1'.repeat(65))).toEqual({ ok: false, code: 'PIN_TOO_LONG' });
    expect(await sdk.setPin('2580')).toEqual({ ok: true });
    expect(sdk.state()).toMatchObject({ locked: false, pinSet: true, needsPinSetup: false, pinRetriesLeft: 3 });
  });

  it('encrypts corporate data at rest: neither names nor values are stored in clear', async () => {
    const h = await harness();
    const sdk = await h.start();
    await sdk.setPin('2580');
    await sdk.corporateStore.set('quarterly-plan', 'Acquire Initech in Q3');
    await sdk.corporateStore.set('attachment', new Uint8Array([1, 2, 3, 4]));
    await sdk.personalStore.set('holiday', 'Beach in June');
    expect(await sdk.corporateStore.get('quarterly-plan')).toBe('Acquire Initech in Q3');
    expect(await sdk.corporateStore.get('attachment')).toEqual(new Uint8Array([1, 2, 3, 4]));
    expect(await sdk.corporateStore.getText('attachment')).toBeUndefined();
    expect(await sdk.corporateStore.list()).toEqual(['attachment', 'quarterly-plan']);
    await expectNoPlaintext(h.storage, ['quarterly-plan', 'Acquire Initech', 'attachment']);
    // The personal store is the app's own plain data.
    expect(await h.storage.get('personal/holiday')).toBe('Beach in June');
    // Nothing of the corporate store outside corp/ either.
    await expectNoPlaintext(h.storage, ['Acquire Initech'], 'ward/');
    await sdk.corporateStore.delete('attachment');
    expect(await sdk.corporateStore.list()).toEqual(['quarterly-plan']);
    await expect(sdk.corporateStore.set('', 'x')).rejects.toBeInstanceOf(WardSdkError);
  });

  it('refuses a value moved to another name in storage', async () => {
    const h = await harness();
    const sdk = await h.start();
    await sdk.setPin('2580');
    await sdk.corporateStore.set('a', 'alpha');
    await sdk.corporateStore.set('b', 'beta');
    const keys = (await h.storage.keys('corp/data/')).sort();
    const [ka, kb] = keys as [string, string];
    const va = await h.storage.get(ka);
    await h.storage.set(kb, va!);
    const results = await Promise.allSettled([sdk.corporateStore.get('a'), sdk.corporateStore.get('b')]);
    expect(results.filter((r) => r.status === 'rejected')).toHaveLength(1);
    expect(results.find((r) => r.status === 'rejected')).toMatchObject({ reason: { code: 'STORAGE_CORRUPT' } });
  });

  it('counts wrong PINs across restarts and blocks at the limit; resetPin after sign-in starts over', async () => {
    const h = await harness();
    let sdk = await h.start();
    await sdk.setPin('2580');
    await sdk.corporateStore.set('n', 'secret');
    sdk.lock();
    expect(await sdk.unlock('0000')).toEqual({ ok: false, code: 'PIN_WRONG', retriesLeft: 2 });
    sdk.stop();
    sdk = await h.start();
    expect(sdk.state().pinRetriesLeft).toBe(2);
    expect(await sdk.unlock('1111')).toEqual({ ok: false, code: 'PIN_WRONG', retriesLeft: 1 });
    expect(await sdk.unlock('2222')).toEqual({ ok: false, code: 'PIN_RETRIES_EXCEEDED' });
    expect(sdk.state().blocked).toEqual(['pinRetriesExceeded']);
    expect(await sdk.unlock('2580')).toEqual({ ok: false, code: 'PIN_RETRIES_EXCEEDED' });
    await sdk.checkInNow();
    expect(acceptedCheckIns(h.peer).at(-1)!.state.flagged).toEqual(['pinRetriesExceeded']);
    expect(h.wipes).toEqual([]);
    const noToken = await h.start({ getAccessToken: () => null });
    expect(await noToken.resetPin()).toEqual({ ok: false, code: 'SIGN_IN_REQUIRED' });
    expect(await sdk.resetPin()).toEqual({ ok: true });
    expect(sdk.state()).toMatchObject({ blocked: [], needsPinSetup: true });
    expect(await sdk.setPin('9999')).toEqual({ ok: true });
    expect(await sdk.corporateStore.get('n')).toBeUndefined();
  });

  it('wipes the corporate identity at the PIN limit when the policy says wipe, keeping personal data', async () => {
    const h = await harness();
    h.peer.policy = { ...basePolicy, conditionalLaunch: { ...basePolicy.conditionalLaunch, maxPinRetries: 'wipe' } };
    const sdk = await h.start();
    await sdk.setPin('2580');
    await sdk.corporateStore.set('n', 'secret');
    await sdk.personalStore.set('p', 'mine');
    sdk.lock();
    for (const pin of ['1', '2']) expect((await sdk.unlock(pin)).ok).toBe(false);
    expect(await sdk.unlock('3')).toEqual({ ok: false, code: 'PIN_RETRIES_EXCEEDED' });
    expect(h.wipes).toEqual(['pinRetriesExceeded']);
    expect(await h.storage.keys('corp/')).toEqual([]);
    expect(await sdk.personalStore.get('p')).toBe('mine');
    expect(sdk.state()).toMatchObject({ blocked: [], needsPinSetup: true, lastWipe: { reason: 'pinRetriesExceeded' } });
  });

  it('asks for the PIN again after the re-check period without corporate activity', async () => {
    const h = await harness();
    const sdk = await h.start();
    await sdk.setPin('2580');
    h.clock.advance(29 * MINUTE);
    await sdk.corporateStore.set('n', 'v'); // activity restarts the period
    h.clock.advance(29 * MINUTE);
    expect(sdk.isLocked()).toBe(false);
    h.clock.advance(2 * MINUTE);
    expect(sdk.isLocked()).toBe(true);
    await expect(sdk.corporateStore.get('n')).rejects.toMatchObject({ code: 'LOCKED' });
    expect(await sdk.unlock('2580')).toEqual({ ok: true });
    expect(await sdk.corporateStore.get('n')).toBe('v');
  });

  it('opens the same data after a restart with the PIN, and changes the PIN without touching data', async () => {
    const h = await harness();
    let sdk = await h.start();
    await sdk.setPin('2580');
    await sdk.corporateStore.set('n', 'kept');
    sdk.stop();
    sdk = await h.start();
    expect(sdk.isLocked()).toBe(true);
    expect(await sdk.unlock('2580')).toEqual({ ok: true });
    expect(await sdk.setPin('7777')).toEqual({ ok: true });
    sdk.stop();
    sdk = await h.start();
    expect((await sdk.unlock('2580')).ok).toBe(false);
    expect(await sdk.unlock('7777')).toEqual({ ok: true });
    expect(await sdk.corporateStore.get('n')).toBe('kept');
  });

  it('needs no PIN when the policy requires none, and still encrypts', async () => {
    const h = await harness();
    h.peer.policy = { ...basePolicy, pin: { ...basePolicy.pin, required: false } };
    let sdk = await h.start();
    expect(sdk.state()).toMatchObject({ locked: false, needsPinSetup: false, pinSet: false });
    await sdk.corporateStore.set('n', 'Confidential roadmap');
    await expectNoPlaintext(h.storage, ['Confidential roadmap']);
    sdk.stop();
    sdk = await h.start();
    expect(await sdk.corporateStore.get('n')).toBe('Confidential roadmap');
    await sdk.checkInNow();
    expect(acceptedCheckIns(h.peer).at(-1)!.state).toMatchObject({ pinSet: false, encrypted: true });
    // The policy starts requiring a PIN: access closes until one is set, and the data stays.
    h.peer.policy = basePolicy;
    await sdk.checkInNow();
    expect(sdk.state()).toMatchObject({ locked: true, needsPinSetup: true });
    expect(await sdk.setPin('2580')).toEqual({ ok: true });
    expect(await sdk.corporateStore.get('n')).toBe('Confidential roadmap');
    expect(await h.storage.get('corp/local-secret')).toBeUndefined();
  });
});

describe('hostile storage', () => {
  it('starts over when the stored vault or registration is unreadable', async () => {
    const h = await harness();
    let sdk = await h.start();
    await sdk.setPin('2580');
    sdk.stop();
    await h.storage.set('corp/vault', '{"mode":"pin","salt":"AA"}');
    sdk = await h.start();
    expect(sdk.state()).toMatchObject({ registered: true, needsPinSetup: true, lastError: null });
    expect(await sdk.setPin('1357')).toEqual({ ok: true });
    sdk.stop();
    await h.storage.set('ward/registration', '{"v":1,"registrationId":"x"}');
    sdk = await h.start();
    expect(h.peer.registerCalls).toHaveLength(2); // the unreadable record is not trusted: register again
    expect(h.peer.registerCalls[1]!.status).toBe(200); // same user, app and device tag: same registration
    expect(sdk.state().registered).toBe(true);
  });
});

describe('conditional launch', () => {
  it('blocks an app older than the policy\'s minimum and reports the flag', async () => {
    const h = await harness();
    h.peer.policy = { ...basePolicy, conditionalLaunch: { ...basePolicy.conditionalLaunch, minAppVersion: '2.0.0' } };
    const sdk = await h.start();
    expect(sdk.state().blocked).toEqual(['appVersionTooLow']);
    expect(await sdk.setPin('2580')).toEqual({ ok: false, code: 'BLOCKED' });
    await expect(sdk.corporateStore.get('x')).rejects.toMatchObject({ code: 'BLOCKED' });
    await sdk.checkInNow();
    expect(acceptedCheckIns(h.peer).at(-1)!.state.flagged).toEqual(['appVersionTooLow']);
  });

  it('warns, blocks or wipes on a jailbroken device as the policy says', async () => {
    for (const action of ['warn', 'block', 'wipe'] as const) {
      const h = await harness();
      h.peer.policy = { ...basePolicy, conditionalLaunch: { ...basePolicy.conditionalLaunch, jailbroken: action } };
      let sdk = await h.start();
      await sdk.setPin('2580');
      await sdk.corporateStore.set('n', 'v');
      sdk.stop();
      sdk = await h.start({ isJailbroken: () => Promise.resolve(true) });
      const s = sdk.state();
      expect(s.flagged).toEqual(['jailbroken']);
      expect(acceptedCheckIns(h.peer).at(-1)!.state).toMatchObject({ jailbroken: true, flagged: ['jailbroken'] });
      if (action === 'warn') {
        expect(s).toMatchObject({ warnings: ['jailbroken'], blocked: [] });
        expect(await sdk.unlock('2580')).toEqual({ ok: true });
      } else {
        expect(s.blocked).toEqual(['jailbroken']);
        expect(await sdk.unlock('2580')).toEqual({ ok: false, code: 'BLOCKED' });
      }
      expect(h.wipes).toEqual(action === 'wipe' ? ['jailbroken'] : []);
      if (action === 'wipe') expect(await h.storage.keys('corp/')).toEqual([]);
    }
  });
});

describe('multi-identity and the guards', () => {
  it('decides save-as, sharing and printing by policy for corporate data only', async () => {
    const h = await harness();
    const sdk = await h.start({ corporateAccountId: 'alice-sub' });
    expect(sdk.identity()).toBe('corporate');
    expect(sdk.canSaveAs('local')).toBe(false);
    expect(sdk.canSaveAs('personal')).toBe(false);
    expect(sdk.canSaveAs('corporate')).toBe(true);
    expect(sdk.canShare('com.ward.mail')).toBe(true);
    expect(sdk.canShare('COM.WARD.NOTES-DEMO')).toBe(true);
    expect(sdk.canShare('com.example.chat')).toBe(false);
    expect(sdk.canPrint()).toBe(false);
    expect(sdk.canPrint({ identity: 'personal' })).toBe(true);
    sdk.setIdentity('bob-personal-account');
    expect(sdk.identity()).toBe('personal');
    expect(sdk.canSaveAs('local')).toBe(true);
    expect(sdk.canShare('com.example.chat')).toBe(true);
    sdk.setIdentity('alice-sub');
    expect(sdk.identity()).toBe('corporate');
    h.peer.policy = { ...basePolicy, saveAsBlocked: false, shareToUnmanagedBlocked: false, printBlocked: false };
    await sdk.checkInNow();
    expect([sdk.canSaveAs('local'), sdk.canShare('com.example.chat'), sdk.canPrint()]).toEqual([true, true, true]);
  });

  it('keeps corporate text in the managed clipboard unless the policy allows all apps', async () => {
    const h = await harness();
    let system = 'outside text';
    const clipboard = { readText: () => Promise.resolve(system), writeText: (t: string) => { system = t; return Promise.resolve(); } };
    const sdk = await h.start({ ui: { clipboard, clipboardNotice: 'NOTICE' } });
    expect(await sdk.clipboard.paste({ identity: 'corporate' })).toEqual({ ok: false, code: 'CLIPBOARD_PASTE_BLOCKED' }); // managedApps: no paste-in
    expect(await sdk.clipboard.copy('Q3 numbers', { identity: 'corporate' })).toEqual({ ok: true, destination: 'managed' });
    expect(system).toBe('NOTICE');
    expect(await sdk.clipboard.paste({ identity: 'corporate' })).toEqual({ ok: true, text: 'Q3 numbers', source: 'managed' });
    expect(await sdk.clipboard.paste({ identity: 'personal' })).toEqual({ ok: false, code: 'CLIPBOARD_PASTE_BLOCKED' });
    expect(await sdk.clipboard.copy('my own', { identity: 'personal' })).toEqual({ ok: true, destination: 'system' });
    expect(await sdk.clipboard.paste({ identity: 'personal' })).toEqual({ ok: true, text: 'my own', source: 'system' });
    h.peer.policy = { ...basePolicy, clipboard: 'managedAppsWithPasteIn' };
    await sdk.checkInNow();
    expect(await sdk.clipboard.paste({ identity: 'corporate' })).toEqual({ ok: true, text: 'my own', source: 'system' });
    h.peer.policy = { ...basePolicy, clipboard: 'allApps' };
    await sdk.checkInNow();
    expect(await sdk.clipboard.copy('public memo', { identity: 'corporate' })).toEqual({ ok: true, destination: 'system' });
    expect(system).toBe('public memo');
  });

  it('switches screen capture protection with the identity and the policy', async () => {
    const h = await harness();
    const calls: boolean[] = [];
    const sdk = await h.start({ ui: { clipboard: null, setScreenCaptureProtection: (b) => { calls.push(b); } } });
    await Promise.resolve();
    expect(sdk.state().screenCapture).toBe('blocked');
    sdk.setIdentity('personal');
    await Promise.resolve();
    expect(sdk.state().screenCapture).toBe('allowed');
    expect(calls).toEqual([true, false]);
    const plain = await h.start();
    expect(plain.state().screenCapture).toBe('notApplicable');
  });

  it('wipes the previous corporate identity when another corporate account starts the app', async () => {
    const h = await harness();
    let sdk = await h.start({ corporateAccountId: 'alice-sub' });
    await sdk.setPin('2580');
    await sdk.corporateStore.set('n', 'alice data');
    await sdk.personalStore.set('p', 'personal');
    sdk.stop();
    sdk = await h.start({ corporateAccountId: 'bob-sub', getAccessToken: () => 'token-bob' });
    expect(h.wipes).toEqual(['accountChanged']);
    expect(sdk.state()).toMatchObject({ registered: true, needsPinSetup: true });
    expect(h.peer.registrations.size).toBe(2);
    expect(await sdk.personalStore.get('p')).toBe('personal');
  });
});
