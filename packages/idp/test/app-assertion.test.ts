import { generateKeyPairSync, randomBytes, sign, type KeyObject } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as client from 'openid-client';
import { Agent, setGlobalDispatcher } from 'undici';
import {
  checkInSdkApp,
  createAccessPolicy,
  createApp,
  createAppProtectionPolicy,
  listSignIns,
  registerSdkApp,
  updateAccessPolicy,
  updateAppProtectionPolicy,
  wipeAppRegistration,
  type AccessPolicy,
  type AppProtectionPolicy,
  type SdkPublicKey,
  type User,
} from '@ward/core';
import { openSignInWorld, sdkSignatures, type PageVisit, type SignInWorld, type TestBrowser } from './support/sign-in-harness.js';

// "Require app protection policy" at Ward's identity provider, end to end over real TLS sockets:
// an app with the SDK registers and checks in through core, then signs its user in with an
// `app_assertion` (docs/protocols/sdk-v1.md, "Conditional access"). Without one, or with a forged,
// expired, foreign, replayed or misaddressed one, the policy blocks; a refresh re-checks the
// registration, so a wipe or a policy the app has not applied ends the grant.

const callback = 'https://notes.example.com/callback';
const password = 'correct horse battery staple';
const appId = 'com.ward.notes-demo';

let world: SignInWorld;
let cfg: client.Configuration;
let notesClientId: string;
let ada: User;
let grace: User;
let protection: AppProtectionPolicy;
let access: AccessPolicy;

/** An installation of the notes app with the SDK: its key and registration, checked in through core. */
interface Installation {
  readonly key: KeyObject;
  readonly registrationId: string;
  sequence: number;
}

function newKey(): { key: KeyObject; jwk: SdkPublicKey } {
  const pair = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const jwk = pair.publicKey.export({ format: 'jwk' });
  return { key: pair.privateKey, jwk: { kty: 'EC', crv: 'P-256', x: jwk.x ?? '', y: jwk.y ?? '' } };
}

async function install(user: User): Promise<Installation> {
  const { key, jwk } = newKey();
  const registered = await registerSdkApp(world.deps, { tenantId: world.tenantId, userId: user.id }, {
    appId,
    appVersion: '1.2.0',
    sdkVersion: '1.0.0',
    platform: 'web',
    deviceTag: randomBytes(16).toString('base64url'),
    publicKey: jwk,
  });
  if (!registered.ok) throw new Error(`register: ${registered.code} ${registered.message}`);
  const installation = { key, registrationId: registered.value.response.registrationId, sequence: 0 };
  await checkIn(installation, registered.value.response.policyVersion);
  return installation;
}

/** A signed check-in through core, reporting `policyVersion` as the one the app applies. */
async function checkIn(installation: Installation, policyVersion: string, flagged: readonly string[] = []): Promise<void> {
  installation.sequence += 1;
  const body = Buffer.from(
    JSON.stringify({
      registrationId: installation.registrationId,
      sequence: installation.sequence,
      sentAt: new Date().toISOString(),
      appVersion: '1.2.0',
      sdkVersion: '1.0.0',
      policyVersion,
      configurationVersion: null,
      state: { pinSet: true, encrypted: true, jailbroken: false, flagged },
      usage: { launches: 1, activeDays: [], lastUsedAt: null },
    }),
  );
  const signature = sign('sha256', body, { key: installation.key, dsaEncoding: 'ieee-p1363' }).toString('base64url');
  const checked = await checkInSdkApp({ ...world.deps, signatures: sdkSignatures }, { registrationId: installation.registrationId, signature, body: new Uint8Array(body) });
  if (!checked.ok) throw new Error(`check-in: ${checked.code} ${checked.message}`);
}

const part = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');

/** A compact JWS as the SDK makes it; every part may be overridden to forge one. */
function assertion(installation: Installation, overrides: { claims?: Record<string, unknown>; header?: Record<string, unknown>; key?: KeyObject } = {}): string {
  const now = Math.floor(Date.now() / 1000);
  const input = `${part({ alg: 'ES256', typ: 'JWT', ...overrides.header })}.${part({ iss: installation.registrationId, aud: world.issuer, iat: now, exp: now + 120, jti: randomBytes(16).toString('base64url'), ...overrides.claims })}`;
  return `${input}.${sign('sha256', Buffer.from(input), { key: overrides.key ?? installation.key, dsaEncoding: 'ieee-p1363' }).toString('base64url')}`;
}

/** A code flow in a fresh browser with `extra` authorization parameters, signed in with the password. */
async function signIn(email: string, extra: Record<string, string> = {}): Promise<{ final: PageVisit; verifier: string; state: string; browser: TestBrowser }> {
  const browser = world.browser();
  const verifier = client.randomPKCECodeVerifier();
  const state = client.randomState();
  const url = client.buildAuthorizationUrl(cfg, { redirect_uri: callback, scope: 'openid email offline_access', code_challenge: await client.calculatePKCECodeChallenge(verifier), code_challenge_method: 'S256', state, ...extra });
  const page = await browser.visit(url);
  expect(page.status, page.body.slice(0, 300)).toBe(200);
  const final = await browser.submit(page, { email, password });
  await browser.close();
  return { final, verifier, state, browser };
}

async function redeem(attempt: { final: PageVisit; verifier: string; state: string }) {
  expect(attempt.final.url.origin + attempt.final.url.pathname, text(attempt.final.body).slice(0, 500)).toBe(callback);
  return client.authorizationCodeGrant(cfg, attempt.final.url, { pkceCodeVerifier: attempt.verifier, expectedState: attempt.state });
}

function text(html: string): string {
  return html.replace(/<[^>]+>/gu, ' ').replace(/&#39;/gu, "'").replace(/\s+/gu, ' ');
}

beforeAll(async () => {
  world = await openSignInWorld();
  setGlobalDispatcher(new Agent({ connect: { ca: world.ca.rootCertificatePem }, pipelining: 0 }));
  const notes = await world.register({ name: 'Notes', grantTypes: ['authorization_code', 'refresh_token'], tokenEndpointAuthMethod: 'client_secret_basic', redirectUris: [callback], postLogoutRedirectUris: [] });
  notesClientId = notes.clientId;
  cfg = await client.discovery(new URL(world.issuer), notes.clientId, {}, client.ClientSecretBasic(notes.clientSecret ?? ''));
  ada = (await world.addUser('ada@example.com', password)).user;
  grace = (await world.addUser('grace@example.com', password)).user;
  const app = await createApp(world.deps, world.system, { name: 'Notes', kind: 'web', identifier: appId, details: { url: 'https://notes.example.com/' } });
  if (!app.ok) throw new Error(app.message);
  const created = await createAppProtectionPolicy(world.deps, world.system, { name: 'Protect notes', targets: { users: { include: 'allUsers' }, apps: [appId] } });
  if (!created.ok) throw new Error(created.message);
  protection = created.value;
  const policy = await createAccessPolicy(world.deps, world.system, {
    name: 'Notes needs a protected app',
    state: 'enabled',
    conditions: { users: { include: 'all' }, relyingParties: { include: [notesClientId] } },
    grant: { kind: 'require', controls: ['appProtection'] },
  });
  if (!policy.ok) throw new Error(policy.message);
  access = policy.value;
});

afterAll(async () => {
  const disabled = await updateAccessPolicy(world.deps, world.system, access.id, { state: 'disabled', expectedVersion: access.version });
  expect(disabled.ok).toBe(true);
  await world.close();
});

describe('a policy that requires app protection', () => {
  it('blocks a sign-in without an app assertion, saying an approved app is needed', async () => {
    const { final } = await signIn('ada@example.com');
    expect(final.status).toBe(403);
    expect(text(final.body)).toContain('Notes needs a protected app');
    expect(text(final.body)).toContain('An approved app is required');
    const log = await listSignIns(world.deps, world.system, { userId: ada.id, outcome: 'failure' });
    expect(log.ok && log.value.items[0]?.failureReason).toBe('ACCESS_BLOCKED');
  });

  it('lets the app sign its user in with a valid assertion, once', async () => {
    const notes = await install(ada);
    const jws = assertion(notes);
    const tokens = await redeem(await signIn('ada@example.com', { app_assertion: jws }));
    expect(tokens.claims()?.sub).toBe(ada.id);
    // The same assertion in another sign-in is a replay: it counts for nothing.
    const replayed = await signIn('ada@example.com', { app_assertion: jws });
    expect(replayed.final.status).toBe(403);
    expect(text(replayed.final.body)).toContain('could not prove it is protected');
  });

  it('refuses forged, expired, long-lived, misaddressed, unsigned and other users\' assertions', async () => {
    const notes = await install(ada);
    const now = Math.floor(Date.now() / 1000);
    const other = newKey();
    const refused: Record<string, string> = {
      'signed by another key': assertion(notes, { key: other.key }),
      expired: assertion(notes, { claims: { iat: now - 600, exp: now - 300 } }),
      'living longer than five minutes': assertion(notes, { claims: { exp: now + 3600 } }),
      'for another issuer': assertion(notes, { claims: { aud: 'https://evil.example.com/oidc' } }),
      'naming another registration': assertion(notes, { claims: { iss: (await install(ada)).registrationId } }),
      'with alg none': `${part({ alg: 'none', typ: 'JWT' })}.${part({ iss: notes.registrationId, aud: world.issuer, iat: now, exp: now + 60, jti: 'abcdefghijklmnop' })}.`,
      'with an HMAC alg': assertion(notes, { header: { alg: 'HS256' } }),
      'that is garbage': 'not.a.jws',
      'that is huge': 'a'.repeat(8000),
    };
    for (const [why, jws] of Object.entries(refused)) {
      const { final } = await signIn('ada@example.com', { app_assertion: jws });
      expect(final.status, why).toBe(403);
    }
    // Ada's registration proves nothing for Grace.
    const { final } = await signIn('grace@example.com', { app_assertion: assertion(notes) });
    expect(final.status).toBe(403);
    expect(grace.id).not.toBe(ada.id);
  });

  it('does not count a registration that is flagged or behind on policy, and explains why', async () => {
    const flagged = await install(ada);
    await checkIn(flagged, protection.hash, ['jailbroken']);
    const blocked = await signIn('ada@example.com', { app_assertion: assertion(flagged) });
    expect(blocked.final.status).toBe(403);
    expect(text(blocked.final.body)).toContain('The app reported a problem');

    const behind = await install(ada);
    const changed = await updateAppProtectionPolicy(world.deps, world.system, protection.id, { settings: { printBlocked: true }, expectedVersion: protection.version });
    if (!changed.ok) throw new Error(changed.message);
    protection = changed.value;
    const outdated = await signIn('ada@example.com', { app_assertion: assertion(behind) });
    expect(outdated.final.status).toBe(403);
    expect(text(outdated.final.body)).toContain("has not applied your organisation's current protection policy");
    // Once the app checks in and applies the new version it counts again.
    await checkIn(behind, protection.hash);
    await redeem(await signIn('ada@example.com', { app_assertion: assertion(behind) }));
  });

  it('re-checks the registration on every refresh: a wipe ends the grant', async () => {
    const notes = await install(ada);
    const tokens = await redeem(await signIn('ada@example.com', { app_assertion: assertion(notes) }));
    const refreshed = await client.refreshTokenGrant(cfg, tokens.refresh_token ?? '');
    expect(refreshed.access_token).not.toBe(tokens.access_token);
    const wiped = await wipeAppRegistration(world.deps, world.system, notes.registrationId);
    expect(wiped.ok).toBe(true);
    await expect(client.refreshTokenGrant(cfg, refreshed.refresh_token ?? '')).rejects.toMatchObject({ error: 'invalid_grant' });
    expect((await client.tokenIntrospection(cfg, refreshed.access_token)).active).toBe(false);
  });
});
