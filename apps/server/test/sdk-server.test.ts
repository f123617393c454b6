import { generateKeyPairSync, randomBytes, sign, type KeyObject } from 'node:crypto';
import { rmSync } from 'node:fs';
import { dirname } from 'node:path';
import * as oidc from 'openid-client';
import { Agent, setGlobalDispatcher } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestBrowser } from '../../../packages/idp/test/support/sign-in-harness.js';
import { signInFirstAdmin, startWard, tempDataDir, type ServedWard } from './support/start-ward.js';

// The SDK endpoints as `ward serve` wires them beside its identity provider: an app's user signs in
// through the provider (openid-client as the app's back end), the app registers with the access
// token it got, checks in signed by its key, and then proves its registration at the next sign-in
// with an app assertion to meet a "require app protection" policy.
describe('the SDK endpoints in ward serve (SQLite, loopback)', { timeout: 180_000 }, () => {
  const dataDir = tempDataDir('ward-sdk-serve-');
  const callback = 'https://notes.example.com/callback';
  const user = { email: 'ada@example.com', password: 'correct horse battery staple' };
  let ward: ServedWard | undefined;
  let admin = '';
  let cfg: oidc.Configuration;
  let issuer = '';
  let clientId = '';
  const key: { privateKey: KeyObject; jwk: { kty: 'EC'; crv: 'P-256'; x: string; y: string } } = (() => {
    const pair = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const jwk = pair.publicKey.export({ format: 'jwk' });
    return { privateKey: pair.privateKey, jwk: { kty: 'EC', crv: 'P-256', x: jwk.x ?? '', y: jwk.y ?? '' } };
  })();
  const registration = { id: '', sequence: 0, policyVersion: '' };

  const served = (): ServedWard => {
    if (ward === undefined) throw new Error('the server is not running');
    return ward;
  };
  const api = <T>(method: string, path: string, body?: unknown) => served().client.request<T>(method, path, { token: admin, ...(body === undefined ? {} : { body }) });

  async function signIn(extra: Record<string, string> = {}): Promise<{ status: number; tokens?: Awaited<ReturnType<typeof oidc.authorizationCodeGrant>> }> {
    const browser = new TestBrowser(new Agent({ connect: { ca: served().caPem }, pipelining: 0 }), new URL(served().url).host);
    try {
      const verifier = oidc.randomPKCECodeVerifier();
      const state = oidc.randomState();
      const url = oidc.buildAuthorizationUrl(cfg, { redirect_uri: callback, scope: 'openid email', code_challenge: await oidc.calculatePKCECodeChallenge(verifier), code_challenge_method: 'S256', state, ...extra });
      const page = await browser.visit(url);
      const final = await browser.submit(page, user);
      if (final.url.origin + final.url.pathname !== callback) return { status: final.status };
      return { status: 200, tokens: await oidc.authorizationCodeGrant(cfg, final.url, { pkceCodeVerifier: verifier, expectedState: state }) };
    } finally {
      await browser.close();
    }
  }

  function signedCheckIn(sequence: number) {
    const body = JSON.stringify({
      registrationId: registration.id,
      sequence,
      sentAt: new Date().toISOString(),
      appVersion: '1.2.0',
      sdkVersion: '1.0.0',
      policyVersion: registration.policyVersion,
      configurationVersion: null,
      state: { pinSet: true, encrypted: true, jailbroken: false, flagged: [] },
      usage: { launches: 1, activeDays: [], lastUsedAt: null },
    });
    const signature = sign('sha256', Buffer.from(body), { key: key.privateKey, dsaEncoding: 'ieee-p1363' }).toString('base64url');
    return served().client.request<{ keyShare: string | null; policy: unknown }>('POST', '/sdk/v1/check-in', { body, contentType: 'application/json', headers: { 'ward-registration': registration.id, 'ward-signature': signature } });
  }

  beforeAll(async () => {
    ward = await startWard(dataDir);
    admin = await signInFirstAdmin(ward);
    issuer = `${ward.url}/oidc`;
    expect((await api('POST', '/api/v1/admins', { email: user.email, displayName: 'Ada', role: 'readOnlyAuditor', password: user.password })).status).toBe(201);
    const party = await api<{ relyingParty: { clientId: string }; clientSecret: string }>('POST', '/api/v1/identity/relying-parties', {
      name: 'Notes',
      redirectUris: [callback],
      postLogoutRedirectUris: [],
      jwks: null,
      grantTypes: ['authorization_code'],
      tokenEndpointAuthMethod: 'client_secret_basic',
    });
    expect(party.status, party.text).toBe(201);
    clientId = party.body.relyingParty.clientId;
    setGlobalDispatcher(new Agent({ connect: { ca: ward.caPem }, pipelining: 0 }));
    cfg = await oidc.discovery(new URL(issuer), clientId, {}, oidc.ClientSecretBasic(party.body.clientSecret));
    const app = await api('POST', '/api/v1/apps', { name: 'Notes', kind: 'web', identifier: 'com.ward.notes-demo', details: { url: 'https://notes.example.com/' } });
    expect(app.status, app.text).toBe(201);
    const policy = await api('POST', '/api/v1/app-protection-policies', { name: 'Protect notes', targets: { users: { include: 'allUsers' }, apps: ['com.ward.notes-demo'] } });
    expect(policy.status, policy.text).toBe(201);
  }, 120_000);

  afterAll(async () => {
    await ward?.stop();
    rmSync(dirname(dataDir), { recursive: true, force: true });
  });

  it('registers the app with the provider\'s access token, and refuses it once revoked', async () => {
    const { tokens } = await signIn();
    const accessToken = tokens?.access_token ?? '';
    const body = { appId: 'com.ward.notes-demo', appVersion: '1.2.0', sdkVersion: '1.0.0', platform: 'web', deviceTag: randomBytes(16).toString('base64url'), publicKey: key.jwk };
    const registered = await served().client.request<{ registrationId: string; policyVersion: string; keyShare: string }>('POST', '/sdk/v1/registrations', { token: accessToken, body });
    expect(registered.status, registered.text).toBe(201);
    expect(registered.headers.get('access-control-allow-origin')).toBe('*');
    registration.id = registered.body.registrationId;
    registration.policyVersion = registered.body.policyVersion;
    // An admin's API token is not a user's access token from the provider.
    expect((await served().client.request('POST', '/sdk/v1/registrations', { token: admin, body })).status).toBe(401);
    await oidc.tokenRevocation(cfg, accessToken);
    const revoked = await served().client.request<{ error: { code: string } }>('POST', '/sdk/v1/registrations', { token: accessToken, body });
    expect([revoked.status, revoked.body.error.code]).toEqual([401, 'UNAUTHENTICATED']);
  });

  it('accepts a signed check-in and refuses its replay', async () => {
    registration.sequence += 1;
    const first = await signedCheckIn(registration.sequence);
    expect(first.status, first.text).toBe(200);
    expect(first.body.keyShare).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const replayed = await signedCheckIn(registration.sequence);
    expect(replayed.status).toBe(409);
  });

  it('meets "require app protection" with an app assertion, and not without one', async () => {
    const access = await api<{ id: string }>('POST', '/api/v1/identity/conditional-access-policies', {
      name: 'Notes needs a protected app',
      state: 'enabled',
      conditions: { users: { include: 'all' }, relyingParties: { include: [clientId] } },
      grant: { kind: 'require', controls: ['appProtection'] },
    });
    expect(access.status, access.text).toBe(201);
    const without = await signIn();
    expect(without.status).toBe(403);
    const now = Math.floor(Date.now() / 1000);
    const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const input = `${part({ alg: 'ES256', typ: 'JWT' })}.${part({ iss: registration.id, aud: issuer, iat: now, exp: now + 120, jti: randomBytes(16).toString('base64url') })}`;
    const jws = `${input}.${sign('sha256', Buffer.from(input), { key: key.privateKey, dsaEncoding: 'ieee-p1363' }).toString('base64url')}`;
    const allowed = await signIn({ app_assertion: jws });
    expect(allowed.status).toBe(200);
    const sub = allowed.tokens?.claims()?.sub ?? '';
    // Scope claims come from userinfo when an access token is issued (OIDC Core §5.4).
    expect((await oidc.fetchUserInfo(cfg, allowed.tokens?.access_token ?? '', sub)).email).toBe(user.email);
  });
});
