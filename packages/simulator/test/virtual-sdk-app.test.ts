import { createHash, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createUser, systemPrincipal, type AppRegistration, type AppRegistrationId } from '@ward/core';
import { Agent, request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestBrowser } from '../../idp/test/support/sign-in-harness.js';
import { createSdkAppKey, sdkPrivateJwk, sdkPublicJwk, SdkFleetWorker, VirtualSdkApp, type SdkFleetStats } from '../src/index.js';
import { startInProcessWard, type InProcessWard } from './support/in-process-ward.js';

// Virtual SDK apps against the real server composition: registration with an access token the
// identity provider issued through its sign-in pages, signed check-ins, the server's refusals, a
// policy change and a wipe picked up from the answers, and a worker process of many apps.

// A forked worker runs compiled JavaScript, as the benchmark runs it: `npm test` builds first.
const compiledWorker = fileURLToPath(new URL('../dist/sdk/sdk-fleet-worker.js', import.meta.url));

const appId = 'com.ward.simulator-notes';
const callback = 'https://notes.example.com/callback';
const signer = { email: 'sdk-signer@example.test', password: 'correct horse battery staple' };

let ward: InProcessWard;
let dispatcher: Agent;
let policyId: string;
let policyHash: string;
let accessToken: string;

/** A PATCH of the admin API (the in-process helper sends GET and POST only). */
async function patch<T>(path: string, body: unknown): Promise<T> {
  const res = await request(new URL(path, ward.url), { dispatcher, method: 'PATCH', headers: { authorization: `Bearer ${ward.token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const text = await res.body.text();
  if (res.statusCode !== 200) throw new Error(`PATCH ${path}: ${res.statusCode} ${text}`);
  return JSON.parse(text) as T;
}

/** Changes the policy's PIN length; returns the new policy version. */
async function changePolicy(minLength: number): Promise<string> {
  return (await patch<{ hash: string }>(`/api/v1/app-protection-policies/${policyId}`, { settings: { pin: { minLength } } })).hash;
}

/** The signer's access token, through the authorization code flow with PKCE in a test browser. */
async function signIn(): Promise<string> {
  const rp = await ward.api<{ relyingParty: { clientId: string }; clientSecret: string }>('POST', '/api/v1/identity/relying-parties', {
    name: 'Simulator notes',
    redirectUris: [callback],
    postLogoutRedirectUris: [],
    grantTypes: ['authorization_code'],
    tokenEndpointAuthMethod: 'client_secret_basic',
  });
  const discovery = await request(new URL('/oidc/.well-known/openid-configuration', ward.url), { dispatcher });
  const endpoints = (await discovery.body.json()) as { authorization_endpoint: string; token_endpoint: string };
  const verifier = randomBytes(32).toString('base64url');
  const state = randomBytes(16).toString('base64url');
  const query = new URLSearchParams({
    client_id: rp.relyingParty.clientId,
    redirect_uri: callback,
    response_type: 'code',
    scope: 'openid email',
    state,
    code_challenge: createHash('sha256').update(verifier).digest('base64url'),
    code_challenge_method: 'S256',
  });
  const browser = new TestBrowser(new Agent({ connect: { ca: ward.caPem } }), new URL(ward.url).host);
  try {
    const page = await browser.visit(`${endpoints.authorization_endpoint}?${query.toString()}`);
    const final = await browser.submit(page, signer);
    const code = final.url.searchParams.get('code');
    if (code === null) throw new Error(`the sign-in stopped at ${final.url.href} (${final.status})`);
    const basic = Buffer.from(`${encodeURIComponent(rp.relyingParty.clientId)}:${encodeURIComponent(rp.clientSecret)}`).toString('base64');
    const res = await request(endpoints.token_endpoint, {
      dispatcher,
      method: 'POST',
      headers: { authorization: `Basic ${basic}`, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: callback, code_verifier: verifier }).toString(),
    });
    const tokens = (await res.body.json()) as { access_token?: string };
    if (tokens.access_token === undefined) throw new Error(`no access token: ${JSON.stringify(tokens)}`);
    return tokens.access_token;
  } finally {
    await browser.close();
  }
}

/** Registrations made straight through the server's own stores (key shares sealed as the product seals them). */
async function seedRegistrations(count: number, publicKeys: readonly ReturnType<typeof sdkPublicJwk>[]): Promise<string[]> {
  const { deps, tenant } = ward.server.runtime;
  const user = await createUser(deps, systemPrincipal(tenant.id, 'system'), { email: `seeded-${randomBytes(4).toString('hex')}@example.test`, displayName: 'Seeded' });
  if (!user.ok) throw new Error(user.message);
  const ids: string[] = [];
  await deps.tx.transaction(async (s) => {
    for (let i = 0; i < count; i++) {
      const now = new Date();
      const registration: AppRegistration = {
        id: deps.ids.newId() as AppRegistrationId,
        tenantId: tenant.id,
        userId: user.value.id,
        appIdentifier: appId,
        appVersion: '1.0.0',
        sdkVersion: '1.0.0',
        platform: 'node',
        deviceTag: randomBytes(16).toString('base64url'),
        deviceName: null,
        osName: null,
        osVersion: null,
        clientId: null,
        deviceId: null,
        publicKey: publicKeys[i % publicKeys.length] ?? sdkPublicJwk(createSdkAppKey()),
        keyShare: randomBytes(32).toString('base64url'),
        state: 'active',
        sequence: 0,
        reported: { policyVersion: null, configurationVersion: null, pinSet: null, encrypted: null, jailbroken: null, flagged: [] },
        lastCheckInAt: null,
        lastUsedAt: null,
        wipe: null,
        createdAt: now,
        updatedAt: now,
      };
      if (!(await s.insertAppRegistration(registration))) throw new Error('a seeded registration was refused');
      ids.push(registration.id);
    }
  });
  return ids;
}

beforeAll(async () => {
  ward = await startInProcessWard();
  dispatcher = new Agent({ connect: { ca: ward.caPem }, connections: 4 });
  await ward.api('POST', '/api/v1/apps', { name: 'Simulator notes', kind: 'web', identifier: appId, details: { url: 'https://notes.example.com/' } });
  const policy = await ward.api<{ id: string; hash: string }>('POST', '/api/v1/app-protection-policies', { name: 'Protect simulator notes', targets: { users: { include: 'allUsers' }, apps: [appId] } });
  policyId = policy.id;
  policyHash = policy.hash;
  await ward.api('POST', '/api/v1/admins', { email: signer.email, displayName: 'Signer', role: 'readOnlyAuditor', password: signer.password });
  accessToken = await signIn();
}, 120_000);

afterAll(async () => {
  await dispatcher.close();
  await ward.close();
});

describe('a virtual SDK app against the real server composition', () => {
  const server = (): URL => new URL(ward.url);

  it('registers with a user\'s access token, and is refused without a valid one', async () => {
    const app = new VirtualSdkApp({ server: server(), dispatcher, appId });
    const refused = await app.register('not-an-access-token');
    expect(refused).toMatchObject({ ok: false, status: 401, code: 'UNAUTHENTICATED' });
    expect(app.registrationId).toBeNull();
    expect(() => app.prepareCheckIn()).toThrow(/not registered/);

    const registered = await app.register(accessToken, { deviceName: 'Simulator' });
    expect(registered).toMatchObject({ ok: true, status: 201 });
    expect(app.registrationId).toMatch(/^[0-9a-f-]{36}$/);
    expect(app.policyVersion).toBe(policyHash);
    expect(app.keyShare).toMatch(/^[A-Za-z0-9_-]{43}$/);
    // The same installation again re-keys its registration and keeps the id.
    const again = await app.register(accessToken);
    expect(again).toMatchObject({ ok: true, status: 200 });
    expect(again.ok && again.answer.registrationId).toBe(app.registrationId);
  });

  it('signs check-ins the server accepts over the exact bytes, and is refused a replay, an altered body and another key', async () => {
    const app = new VirtualSdkApp({ server: server(), dispatcher, appId });
    expect((await app.register(accessToken)).ok).toBe(true);
    const first = await app.checkIn();
    expect(first).toMatchObject({ ok: true, policyChanged: false, answer: { policy: null, policyVersion: policyHash } });
    expect(app.sequence).toBe(1);

    const signed = app.prepareCheckIn();
    expect(JSON.parse(signed.bytes.toString('utf8'))).toMatchObject({ registrationId: app.registrationId, sequence: 2, policyVersion: policyHash });
    expect((await app.send(signed)).ok).toBe(true);
    expect(await app.send(signed)).toMatchObject({ ok: false, status: 409, code: 'SDK_CHECK_IN_REPLAYED', details: { sequence: 2 } });

    const next = app.prepareCheckIn();
    const altered = { ...next, bytes: Buffer.from(next.bytes.toString('utf8').replace('"pinSet":true', '"pinSet":false')) };
    expect(await app.send(altered)).toMatchObject({ ok: false, status: 401, code: 'SDK_SIGNATURE_INVALID' });

    // Another key claiming the registration: the id is public, the key is not.
    const impostor = new VirtualSdkApp({ server: server(), dispatcher, appId, registration: { registrationId: app.registrationId ?? '', sequence: 100, policyVersion: null, configurationVersion: null } });
    expect(await impostor.checkIn()).toMatchObject({ ok: false, status: 401, code: 'SDK_SIGNATURE_INVALID' });
    // Refused check-ins stored nothing: the next one of the app goes through.
    expect((await app.checkIn()).ok).toBe(true);
  });

  it('corrects its clock after a stale refusal, as the SDK does', async () => {
    let skew = -10 * 60_000;
    const app = new VirtualSdkApp({ server: server(), dispatcher, appId, now: () => Date.now() + skew });
    expect((await app.register(accessToken)).ok).toBe(true);
    skew -= 10 * 60_000;
    expect(await app.checkIn()).toMatchObject({ ok: false, status: 400, code: 'SDK_CHECK_IN_STALE' });
    expect((await app.checkIn()).ok).toBe(true);
  });

  it('picks up a policy change at its next check-in, and only once', async () => {
    const app = new VirtualSdkApp({ server: server(), dispatcher, appId });
    expect((await app.register(accessToken)).ok).toBe(true);
    const changed = await changePolicy(8);
    expect(changed).not.toBe(app.policyVersion);
    const picked = await app.checkIn();
    expect(picked).toMatchObject({ ok: true, policyChanged: true, answer: { policyVersion: changed, policy: { pin: { minLength: 8 } } } });
    expect(app.policyVersion).toBe(changed);
    expect(app.policy).toMatchObject({ pin: { minLength: 8 } });
    expect(await app.checkIn()).toMatchObject({ ok: true, policyChanged: false, answer: { policy: null } });
    policyHash = changed;
  });

  it('withholds nothing until a wipe, confirms it at the next check-in, and is refused after', async () => {
    const app = new VirtualSdkApp({ server: server(), dispatcher, appId });
    expect((await app.register(accessToken)).ok).toBe(true);
    await ward.api('POST', `/api/v1/app-registrations/${app.registrationId ?? ''}/wipe`, undefined, 202);
    const asked = await app.checkIn();
    expect(asked).toMatchObject({ ok: true, answer: { keyShare: null, wipe: { scope: 'registration' } } });
    expect(app.pendingWipe).not.toBeNull();
    const confirmed = app.prepareCheckIn();
    expect(JSON.parse(confirmed.bytes.toString('utf8'))).toMatchObject({ wipeConfirmation: { wipeId: app.pendingWipe?.wipeId, outcome: 'succeeded' } });
    expect(await app.send(confirmed)).toMatchObject({ ok: true, answer: { keyShare: null, wipe: null, policy: null } });
    expect(app.wiped).toBe(true);
    expect(await app.checkIn()).toMatchObject({ ok: false, status: 410, code: 'SDK_REGISTRATION_WIPED' });
    const registration = await ward.api<{ state: string; wipe: { outcome: string } }>('GET', `/api/v1/app-registrations/${app.registrationId ?? ''}`);
    expect(registration).toMatchObject({ state: 'wiped', wipe: { outcome: 'succeeded' } });
  });
});

describe.runIf(existsSync(compiledWorker))('an SDK fleet worker process', () => {
  let worker: SdkFleetWorker | undefined;

  afterAll(async () => {
    await worker?.stop();
  });

  async function until(predicate: (stats: SdkFleetStats) => boolean, timeoutMs: number): Promise<SdkFleetStats> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const stats = worker?.stats;
      if (stats !== undefined && predicate(stats)) return stats;
      if (Date.now() > deadline) throw new Error(`not reached: ${JSON.stringify(stats)}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  it('takes over seeded registrations, checks in back to back, then on schedule picks up a policy change, over IPC', async () => {
    const keys = [createSdkAppKey(), createSdkAppKey()];
    const ids = await seedRegistrations(6, keys.map((k) => sdkPublicJwk(k)));
    worker = new SdkFleetWorker({ modulePath: compiledWorker });
    await worker.ready();
    const apps = await worker.load({
      server: ward.url,
      caPem: ward.caPem,
      appId,
      keys: keys.map(sdkPrivateJwk),
      registrations: ids.map((id, i) => [id, i % keys.length] as const),
      policyVersion: null,
      configurationVersion: null,
      concurrency: 4,
    }, 10_000);
    expect(apps).toBe(6);

    const steady = await worker.steady(600, 100, 30_000);
    expect(steady.failures).toBe(0);
    expect(steady.checkIns).toBeGreaterThan(0);
    expect(steady.latenciesMs).toHaveLength(steady.checkIns);
    // Their first check-ins reported no version: every app now applies the current policy.
    await until((s) => s.policyVersions[policyHash] === 6, 5_000);

    await worker.pace(6, 300, 0.2, 5_000);
    const changed = await changePolicy(10);
    const changedAt = Date.now();
    await until((s) => s.policyVersions[changed] === 6, 10_000);
    const paced = await worker.halt(10_000);
    expect(paced.failures).toBe(0);
    const report = await worker.pickups(changed, 5_000);
    expect(report.pickups).toHaveLength(6);
    for (const pickup of report.pickups) {
      // Interval 300 ms ± 20 %: every app's next check-in after the change carried it.
      expect(pickup.answeredAt - changedAt).toBeLessThan(2_000);
      expect(pickup.previousStartedAt).not.toBeNull();
    }
    expect(worker.stats).toMatchObject({ failures: 0, inFlight: 0 });

    const child = worker.child;
    await worker.stop();
    expect(child.exitCode).toBe(0);
  }, 60_000);
});
