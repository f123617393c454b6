import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { backoffDelayMs } from '../src/backoff.js';
import { checkInBody } from '../src/check-in-body.js';
import { evaluateConditionalLaunch } from '../src/conditional-launch.js';
import { utf8 } from '../src/crypto/bytes.js';
import { parseRegistrationRecord } from '../src/registration-record.js';
import { compareVersions } from '../src/version-compare.js';
import { postJson } from '../src/wire/post-json.js';
import { parseProtectionPolicy } from '../src/wire/protection-policy.js';
import { parseCheckInAnswer, parseRegistrationAnswer, parseServerError } from '../src/wire/sdk-answers.js';
import { basePolicy } from './ward-test-peer.js';

const share = Buffer.alloc(32, 7).toString('base64url');
const goodCheckIn = { policy: null, policyVersion: 'v1', configuration: null, configurationVersion: 'c1', keyShare: share, wipe: null, checkInIntervalSeconds: 900, serverTime: '2026-11-29T10:00:00.000Z' };

function clone<T>(v: T): T {
  return JSON.parse(JSON.stringify(v)) as T;
}

describe('the protection policy reader', () => {
  it('reads the contract\'s policy and freezes it', () => {
    const p = parseProtectionPolicy(clone(basePolicy));
    expect(p).toEqual(basePolicy);
    expect(Object.isFrozen(p.pin)).toBe(true);
  });

  interface Spoilable { pin: Record<string, unknown>; offline: Record<string, unknown>; conditionalLaunch: Record<string, unknown>; [field: string]: unknown }
  const hostile: [string, (p: Spoilable) => void][] = [
    ['minLength below 4', (p) => { p.pin.minLength = 3; }],
    ['minLength a string', (p) => { p.pin.minLength = '6'; }],
    ['maxRetries 0', (p) => { p.pin.maxRetries = 0; }],
    ['recheck over a day', (p) => { p.pin.recheckAfterMinutes = 1441; }],
    ['fractional minutes', (p) => { p.offline.accessCheckAfterMinutes = 1.5; }],
    ['wipe after 91 days', (p) => { p.offline.wipeAfterDays = 91; }],
    ['unknown clipboard level', (p) => { p.clipboard = 'some'; }],
    ['pin type', (p) => { p.pin.type = 'emoji'; }],
    ['boolean as string', (p) => { p.printBlocked = 'true'; }],
    ['version not dotted', (p) => { p.conditionalLaunch.minAppVersion = '1.x'; }],
    ['managed apps not a list', (p) => { p.managedApps = 'com.a'; }],
    ['managed app with a space', (p) => { p.managedApps = ['com a']; }],
    ['missing pin', (p) => { p.pin = undefined as unknown as Record<string, unknown>; }],
  ];
  for (const [name, spoil] of hostile) {
    it(`refuses ${name}`, () => {
      const p = clone(basePolicy) as unknown as Spoilable;
      spoil(p);
      expect(() => parseProtectionPolicy(p)).toThrow();
    });
  }

  it('refuses an empty object, null and a list', () => {
    for (const v of [{}, null, []]) expect(() => parseProtectionPolicy(v)).toThrow();
  });

  it('refuses a list of 1001 managed apps', () => {
    expect(() => parseProtectionPolicy({ ...clone(basePolicy), managedApps: Array.from({ length: 1001 }, (_, i) => `a${i}`) })).toThrow(/at most/);
  });
});

describe('the answer readers', () => {
  it('read a registration answer', () => {
    const r = parseRegistrationAnswer({ registrationId: 'reg_1', policy: basePolicy, policyVersion: 'v1', configuration: { a: 'b' }, configurationVersion: 'c1', keyShare: share, checkInIntervalSeconds: 900, serverTime: '2026-11-29T10:00:00Z' });
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.value.keyShare.byteLength).toBe(32);
      expect(r.value.serverTime).toBe(Date.parse('2026-11-29T10:00:00Z'));
    }
  });

  const spoiled: [string, Record<string, unknown>][] = [
    ['a key share of 31 bytes', { keyShare: Buffer.alloc(31).toString('base64url') }],
    ['a key share in base64 with padding', { keyShare: Buffer.alloc(32).toString('base64') }],
    ['a number as the key share', { keyShare: 5 }],
    ['an interval of zero', { checkInIntervalSeconds: 0 }],
    ['an interval as text', { checkInIntervalSeconds: '900' }],
    ['a server time that is not a time', { serverTime: 'yesterday' }],
    ['a wipe id with a line break', { wipe: { wipeId: 'w1\r\nX: y', scope: 'user' } }],
    ['an unknown wipe scope', { wipe: { wipeId: 'w1', scope: 'device' } }],
    ['a configuration with a number', { configuration: { a: 1 }, configurationVersion: 'c2' }],
    ['a configuration that is a list', { configuration: ['a'], configurationVersion: 'c2' }],
    ['a policy with a wrong type', { policy: { ...basePolicy, encryptData: 'yes' }, policyVersion: 'v2' }],
    ['a policy version with a slash', { policy: basePolicy, policyVersion: 'v/2' }],
  ];
  for (const [name, change] of spoiled) {
    it(`refuse a check-in answer with ${name}`, () => {
      expect(parseCheckInAnswer({ ...goodCheckIn, ...change }).ok).toBe(false);
    });
  }

  it('refuse an answer that is not an object, and a configuration with too many keys', () => {
    for (const v of [null, 'x', 42, [], undefined]) expect(parseCheckInAnswer(v).ok).toBe(false);
    const big = Object.fromEntries(Array.from({ length: 1001 }, (_, i) => [`k${i}`, 'v']));
    expect(parseCheckInAnswer({ ...goodCheckIn, configuration: big, configurationVersion: 'c2' }).ok).toBe(false);
  });

  it('keep a __proto__ configuration key as a plain setting', () => {
    const r = parseCheckInAnswer(JSON.parse(JSON.stringify({ ...goodCheckIn, configurationVersion: 'c2' }).replace('"configuration":null', '"configuration":{"__proto__":"x"}')));
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.value.configuration!.value['__proto__']).toBe('x');
      expect(({} as Record<string, unknown>).x).toBeUndefined();
    }
  });

  it('read Ward\'s error body leniently', () => {
    expect(parseServerError({ error: { code: 'SDK_CHECK_IN_STALE', details: { serverTime: 't' } } })).toEqual({ code: 'SDK_CHECK_IN_STALE', details: { serverTime: 't' } });
    expect(parseServerError('<html>')).toEqual({ code: null, details: {} });
    expect(parseServerError({ error: { code: 'lower case' } }).code).toBeNull();
  });
});

describe('postJson', () => {
  async function serve(handler: Parameters<typeof createServer>[1]) {
    const server = createServer(handler);
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => new Promise<void>((r) => { server.closeAllConnections(); server.close(() => { r(); }); }) };
  }
  const limits = { timeoutMs: 2000, answerBytes: 1024 };

  it('refuses an answer over the limit, declared or streamed', async () => {
    const s = await serve((req, res) => {
      if (req.url === '/declared') {
        res.writeHead(200, { 'content-length': '5000' });
        res.end('x'.repeat(5000));
      } else {
        res.writeHead(200);
        for (let i = 0; i < 100; i++) res.write('y'.repeat(100));
        res.end();
      }
    });
    try {
      expect((await postJson(fetch, `${s.url}/declared`, utf8('{}'), {}, limits)).kind).toBe('refused');
      expect((await postJson(fetch, `${s.url}/chunked`, utf8('{}'), {}, limits)).kind).toBe('refused');
    } finally {
      await s.close();
    }
  });

  it('reports a timeout, a refused connection and a redirect as unreachable, and non-JSON as no JSON', async () => {
    const s = await serve((req, res) => {
      if (req.url === '/slow') return; // never answers
      if (req.url === '/redirect') {
        res.writeHead(307, { location: 'http://example.invalid/' });
        res.end();
        return;
      }
      res.writeHead(200);
      res.end('<html>not json</html>');
    });
    try {
      expect((await postJson(fetch, `${s.url}/slow`, utf8('{}'), {}, { ...limits, timeoutMs: 200 })).kind).toBe('unreachable');
      expect((await postJson(fetch, `${s.url}/redirect`, utf8('{}'), {}, limits)).kind).toBe('unreachable');
      expect(await postJson(fetch, `${s.url}/html`, utf8('{}'), {}, limits)).toEqual({ kind: 'answered', status: 200, json: undefined });
    } finally {
      await s.close();
    }
    expect((await postJson(fetch, s.url, utf8('{}'), {}, limits)).kind).toBe('unreachable');
  });
});

describe('backoff', () => {
  it('grows exponentially, is capped, and is fully jittered', () => {
    const at = (failures: number, r: number) => backoffDelayMs(failures, { baseMs: 2000, capMs: 60_000, random: () => r });
    expect(at(1, 0.999)).toBe(1998);
    expect(at(2, 0.999)).toBe(3996);
    expect(at(4, 0.5)).toBe(8000);
    expect(at(20, 0.5)).toBe(30_000);
    expect(at(3, 0)).toBe(0);
    expect(at(3, Number.NaN)).toBe(4000);
    const seen = new Set(Array.from({ length: 50 }, () => backoffDelayMs(5, { baseMs: 2000, capMs: 60_000, random: Math.random })));
    expect(seen.size).toBeGreaterThan(40);
  });
});

describe('versions and conditional launch', () => {
  it('compare dotted versions numerically', () => {
    expect(compareVersions('1.10.0', '1.9')).toBeGreaterThan(0);
    expect(compareVersions('1.2', '1.2.0')).toBe(0);
    expect(compareVersions('1.2.0-beta', '1.2.0')).toBe(0);
    expect(compareVersions('garbage', '0.0.1')).toBeLessThan(0);
  });

  it('block, warn or wipe as the policy says', () => {
    const policy = { ...basePolicy, conditionalLaunch: { minAppVersion: '2.0', minSdkVersion: '1.0.0', jailbroken: 'warn' as const, maxPinRetries: 'block' as const } };
    expect(evaluateConditionalLaunch(policy, { appVersion: '1.9.9', sdkVersion: '1.0.0', jailbroken: true })).toEqual({ flagged: ['appVersionTooLow', 'jailbroken'], block: ['appVersionTooLow'], warn: ['jailbroken'], wipe: null });
    const wipe = { ...policy, conditionalLaunch: { ...policy.conditionalLaunch, jailbroken: 'wipe' as const } };
    expect(evaluateConditionalLaunch(wipe, { appVersion: '2.0', sdkVersion: '0.9', jailbroken: true })).toEqual({ flagged: ['sdkVersionTooLow', 'jailbroken'], block: ['sdkVersionTooLow', 'jailbroken'], warn: [], wipe: 'jailbroken' });
  });
});

describe('the check-in body', () => {
  it('stays within the contract\'s limits', () => {
    const { bytes, sent } = checkInBody({
      registrationId: 'r', sequence: 1, sentAtMs: 0, appVersion: '1', sdkVersion: '1.0.0', policyVersion: 'v', configurationVersion: 'c',
      pinSet: true, encrypted: true, jailbroken: false, flagged: [],
      usage: { launches: 1e9, activeDays: Array.from({ length: 150 }, (_, i) => `2026-01-${String(i).padStart(2, '0')}`), lastReportedDay: null, lastUsedAt: null },
      wipeConfirmation: { wipeId: 'w', outcome: 'failed', error: 'e'.repeat(5000) },
    });
    const body = JSON.parse(Buffer.from(bytes).toString()) as { usage: { launches: number; activeDays: string[] }; wipeConfirmation: { error: string } };
    expect(body.usage.launches).toBe(100_000);
    expect(body.usage.activeDays).toHaveLength(100);
    expect(body.wipeConfirmation.error).toHaveLength(1000);
    expect(sent.launches).toBe(100_000);
    expect(bytes.byteLength).toBeLessThan(16 * 1024);
  });
});

describe('the stored registration record', () => {
  it('is refused when corrupt rather than trusted', () => {
    expect(parseRegistrationRecord('not json')).toBeNull();
    expect(parseRegistrationRecord('{"v":2}')).toBeNull();
    expect(parseRegistrationRecord(JSON.stringify({ v: 1, registrationId: 'r\n1' }))).toBeNull();
  });
});
