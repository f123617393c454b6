import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as client from 'openid-client';
import { Agent, setGlobalDispatcher } from 'undici';
import { createSigningKeySet, type SigningKeySet } from '../src/index.js';
import { browse, CookieJar, freePort, openIdpTestDatabase, startProvider, type IdpTestDatabase, type RunningProvider } from './support/idp-harness.js';

// Black-box tests over a real socket: a real relying-party library (openid-client) against the
// provider, the way Grafana or GitLab would use it, plus raw requests for what a library refuses
// to send (no PKCE, plain PKCE, a replayed code).

const callback = 'https://app.example.com/callback';
const afterLogout = 'https://app.example.com/signed-out';
const spaCallback = 'http://127.0.0.1:9999/cb';

let db: IdpTestDatabase;
let keys: SigningKeySet;
let port: number;
let op: RunningProvider;
let web: { clientId: string; clientSecret: string };
let spa: { clientId: string };
let service: { clientId: string; clientSecret: string };

// Plain http on loopback in tests only (openid-client marks the switch deprecated to make it stand out).
// eslint-disable-next-line @typescript-eslint/no-deprecated
const insecure = client.allowInsecureRequests;

async function config(clientId: string, auth: client.ClientAuth, metadata: Partial<client.ClientMetadata> = {}): Promise<client.Configuration> {
  return client.discovery(new URL(op.issuer), clientId, metadata, auth, { execute: [insecure] });
}

/** Runs the browser part of the code flow; returns the URL the provider sent the browser back to. */
async function authorize(params: Record<string, string>, jar = new CookieJar()): Promise<{ final: URL; last: Response; jar: CookieJar }> {
  const url = new URL(`${op.issuer}/auth`);
  for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
  const { final, last } = await browse(jar, url, new URL(op.base).host);
  return { final, last, jar };
}

async function signIn(cfg: client.Configuration, clientId: string, scope = 'openid email offline_access', jar = new CookieJar()) {
  const verifier = client.randomPKCECodeVerifier();
  const state = client.randomState();
  const url = client.buildAuthorizationUrl(cfg, { redirect_uri: callback, scope, code_challenge: await client.calculatePKCECodeChallenge(verifier), code_challenge_method: 'S256', state });
  expect(url.searchParams.get('client_id')).toBe(clientId);
  const { final } = await browse(jar, url, new URL(op.base).host);
  expect(final.origin + final.pathname).toBe(callback);
  const tokens = await client.authorizationCodeGrant(cfg, final, { pkceCodeVerifier: verifier, expectedState: state });
  return { tokens, jar, final };
}

async function tokenRequest(body: Record<string, string>, headers: Record<string, string> = {}): Promise<{ status: number; json: Record<string, unknown> }> {
  const response = await fetch(`${op.issuer}/token`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers }, body: new URLSearchParams(body).toString() });
  return { status: response.status, json: (await response.json()) as Record<string, unknown> };
}

const basic = (id: string, secret: string) => ({ authorization: `Basic ${Buffer.from(`${encodeURIComponent(id)}:${encodeURIComponent(secret)}`).toString('base64')}` });

beforeAll(async () => {
  // Fresh connections only: the restart test closes the server under pooled keep-alive sockets.
  setGlobalDispatcher(new Agent({ pipelining: 0 }));
  db = await openIdpTestDatabase();
  keys = await createSigningKeySet();
  port = await freePort();
  op = await startProvider(db, keys, port);
  const w = await db.register({ name: 'Wiki', grantTypes: ['authorization_code', 'refresh_token'], tokenEndpointAuthMethod: 'client_secret_basic', redirectUris: [callback], postLogoutRedirectUris: [afterLogout] });
  web = { clientId: w.clientId, clientSecret: w.clientSecret! };
  spa = await db.register({ name: 'Dashboard SPA', grantTypes: ['authorization_code', 'refresh_token'], tokenEndpointAuthMethod: 'none', redirectUris: [spaCallback] });
  const s = await db.register({ name: 'Billing job', grantTypes: ['client_credentials'], tokenEndpointAuthMethod: 'client_secret_post' });
  service = { clientId: s.clientId, clientSecret: s.clientSecret! };
});

afterAll(async () => {
  await op.close();
  await db.dispose();
});

describe('discovery and keys', () => {
  it('publishes the issuer, its endpoints and S256-only PKCE', async () => {
    const response = await fetch(`${op.issuer}/.well-known/openid-configuration`);
    expect(response.status).toBe(200);
    const doc = (await response.json()) as Record<string, unknown>;
    expect(doc['issuer']).toBe(`http://127.0.0.1:${port}/oidc`);
    expect(doc['authorization_endpoint']).toBe(`${op.issuer}/auth`);
    expect(doc['token_endpoint']).toBe(`${op.issuer}/token`);
    expect(doc['introspection_endpoint']).toBe(`${op.issuer}/token/introspection`);
    expect(doc['revocation_endpoint']).toBe(`${op.issuer}/token/revocation`);
    expect(doc['end_session_endpoint']).toBe(`${op.issuer}/session/end`);
    expect(doc['code_challenge_methods_supported']).toEqual(['S256']);
    expect(doc['response_types_supported']).toEqual(['code']);
    expect(doc['grant_types_supported']).toEqual(expect.arrayContaining(['authorization_code', 'refresh_token', 'client_credentials']));
    expect(doc['token_endpoint_auth_methods_supported']).toEqual(expect.arrayContaining(['client_secret_basic', 'client_secret_post', 'private_key_jwt', 'none']));
  });

  it('serves the public RS256 and ES256 keys with their kids, never a private member', async () => {
    const response = await fetch(`${op.issuer}/jwks`);
    expect(response.status).toBe(200);
    const jwks = (await response.json()) as { keys: Record<string, unknown>[] };
    expect(jwks.keys.map((k) => [k['alg'], k['kid']])).toEqual(keys.current.map((k) => [k.alg, k.kid]));
    for (const key of jwks.keys) for (const member of ['d', 'p', 'q', 'dp', 'dq', 'qi']) expect(key).not.toHaveProperty(member);
  });

  it('answers an unknown path under the prefix with the provider\'s 404, not Fastify\'s', async () => {
    const response = await fetch(`${op.issuer}/nothing-here`);
    expect(response.status).toBe(404);
    expect(await response.text()).toContain('invalid_request');
  });
});

describe('authorization code with PKCE', () => {
  it('signs the user in through openid-client and issues ID, access and refresh tokens', async () => {
    const cfg = await config(web.clientId, client.ClientSecretBasic(web.clientSecret));
    const { tokens } = await signIn(cfg, web.clientId);
    const claims = tokens.claims();
    expect(claims?.sub).toBe('user-ada');
    expect(claims?.iss).toBe(op.issuer);
    expect(claims?.aud).toBe(web.clientId);
    // With an access token issued, scope claims go to userinfo, not the ID token (OIDC Core §5.4).
    expect(claims?.['email']).toBeUndefined();
    expect(tokens.refresh_token).toEqual(expect.any(String));
    const info = await client.fetchUserInfo(cfg, tokens.access_token, 'user-ada');
    expect(info.email).toBe('ada@example.com');
    const introspection = await client.tokenIntrospection(cfg, tokens.access_token);
    expect(introspection).toMatchObject({ active: true, sub: 'user-ada', client_id: web.clientId });

    // Every piece of state is a row in Ward's database, none only in memory.
    const models = await db.database.db.selectFrom('idp_states').select('model').distinct().execute();
    expect(models.map((m) => m.model)).toEqual(expect.arrayContaining(['Session', 'Grant', 'AuthorizationCode', 'AccessToken', 'RefreshToken']));
  });

  it('rotates the refresh token on every use, and a reused one revokes the whole family', async () => {
    const cfg = await config(web.clientId, client.ClientSecretBasic(web.clientSecret));
    const { tokens } = await signIn(cfg, web.clientId);
    const first = tokens.refresh_token!;
    const second = await client.refreshTokenGrant(cfg, first);
    expect(second.refresh_token).toEqual(expect.any(String));
    expect(second.refresh_token).not.toBe(first);
    const third = await client.refreshTokenGrant(cfg, second.refresh_token!);

    // The first refresh token again: a thief or a replay. Refused, and the family is revoked.
    await expect(client.refreshTokenGrant(cfg, first)).rejects.toMatchObject({ error: 'invalid_grant' });
    await expect(client.refreshTokenGrant(cfg, third.refresh_token!)).rejects.toMatchObject({ error: 'invalid_grant' });
    expect((await client.tokenIntrospection(cfg, third.access_token)).active).toBe(false);
    expect((await client.tokenIntrospection(cfg, tokens.access_token)).active).toBe(false);
  });

  it('lets a public client sign in with PKCE and rotates its refresh tokens', async () => {
    const cfg = await config(spa.clientId, client.None());
    const verifier = client.randomPKCECodeVerifier();
    const url = client.buildAuthorizationUrl(cfg, { redirect_uri: spaCallback, scope: 'openid', code_challenge: await client.calculatePKCECodeChallenge(verifier), code_challenge_method: 'S256' });
    const { final } = await browse(new CookieJar(), url, new URL(op.base).host);
    expect(final.searchParams.get('code')).toEqual(expect.any(String));
    const tokens = await client.authorizationCodeGrant(cfg, final, { pkceCodeVerifier: verifier, idTokenExpected: true });
    expect(tokens.claims()?.sub).toBe('user-ada');
    const next = await client.refreshTokenGrant(cfg, tokens.refresh_token!);
    expect(next.refresh_token).not.toBe(tokens.refresh_token);
  });

  it('sends access_denied back to the client when the sign-in pages abort', async () => {
    op.loginAs = undefined;
    try {
      const { final } = await authorize({ client_id: web.clientId, response_type: 'code', redirect_uri: callback, scope: 'openid', state: 's1' });
      expect(final.origin + final.pathname).toBe(callback);
      expect(final.searchParams.get('error')).toBe('access_denied');
      expect(final.searchParams.get('state')).toBe('s1');
    } finally {
      op.loginAs = 'user-ada';
    }
  });
});

describe('client credentials, introspection and revocation', () => {
  it('issues a client-credentials token to a confidential client authenticating in the body', async () => {
    const cfg = await config(service.clientId, client.ClientSecretPost(service.clientSecret));
    const tokens = await client.clientCredentialsGrant(cfg);
    expect(tokens.token_type.toLowerCase()).toBe('bearer');
    expect(tokens.refresh_token).toBeUndefined();
    expect(await client.tokenIntrospection(cfg, tokens.access_token)).toMatchObject({ active: true, client_id: service.clientId });
  });

  it('issues a client-credentials token to a private_key_jwt client and refuses a key it did not register', async () => {
    const ecdsa = { name: 'ECDSA', namedCurve: 'P-256' };
    const { privateKey, publicKey } = await crypto.subtle.generateKey(ecdsa, true, ['sign', 'verify']);
    const other = await crypto.subtle.generateKey(ecdsa, true, ['sign', 'verify']);
    const registered = await db.register({ name: 'Key client', grantTypes: ['client_credentials'], tokenEndpointAuthMethod: 'private_key_jwt', jwks: { keys: [{ ...(await crypto.subtle.exportKey('jwk', publicKey)), alg: 'ES256', use: 'sig' }] } });
    const cfg = await config(registered.clientId, client.PrivateKeyJwt(privateKey));
    const tokens = await client.clientCredentialsGrant(cfg);
    expect(tokens.access_token).toEqual(expect.any(String));
    const forged = await config(registered.clientId, client.PrivateKeyJwt(other.privateKey));
    await expect(client.clientCredentialsGrant(forged)).rejects.toMatchObject({ error: 'invalid_client' });
  });

  it('says inactive for an unknown or revoked token, and revocation is idempotent', async () => {
    const cfg = await config(web.clientId, client.ClientSecretBasic(web.clientSecret));
    expect(await client.tokenIntrospection(cfg, 'not-a-token')).toEqual({ active: false });
    const { tokens } = await signIn(cfg, web.clientId);
    await client.tokenRevocation(cfg, tokens.access_token);
    await client.tokenRevocation(cfg, tokens.access_token);
    expect(await client.tokenIntrospection(cfg, tokens.access_token)).toEqual({ active: false });
    // Revoking the refresh token ends its grant: the access token issued beside it goes too.
    const again = await signIn(cfg, web.clientId);
    await client.tokenRevocation(cfg, again.tokens.refresh_token!);
    await expect(client.refreshTokenGrant(cfg, again.tokens.refresh_token!)).rejects.toMatchObject({ error: 'invalid_grant' });
  });

  it('does not let a public client introspect another client\'s token', async () => {
    const webCfg = await config(web.clientId, client.ClientSecretBasic(web.clientSecret));
    const { tokens } = await signIn(webCfg, web.clientId);
    const spaCfg = await config(spa.clientId, client.None());
    expect(await client.tokenIntrospection(spaCfg, tokens.access_token)).toEqual({ active: false });
  });
});

describe('end session', () => {
  it('signs the user out after the confirmation and returns to the registered post-logout URI', async () => {
    const cfg = await config(web.clientId, client.ClientSecretBasic(web.clientSecret));
    const { tokens, jar } = await signIn(cfg, web.clientId);
    const endUrl = client.buildEndSessionUrl(cfg, { id_token_hint: tokens.id_token!, post_logout_redirect_uri: afterLogout, state: 'bye' });
    const { last } = await browse(jar, endUrl, new URL(op.base).host);
    expect(last.status).toBe(200);
    const page = await last.text();
    expect(page).toContain('Sign out from Wiki?');
    const xsrf = /name="xsrf" value="([^"]+)"/u.exec(page)?.[1];
    const action = /action="([^"]+)"/u.exec(page)?.[1];
    expect(xsrf).toEqual(expect.any(String));
    const confirmed = await browse(jar, new URL(action!, op.base), new URL(op.base).host, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ xsrf: xsrf!, logout: 'yes' }).toString(),
    });
    expect(confirmed.final.origin + confirmed.final.pathname).toBe(afterLogout);
    expect(confirmed.final.searchParams.get('state')).toBe('bye');

    // The session is gone: a new authorization request goes to the sign-in pages again.
    const fresh = await browse(jar, `${op.issuer}/auth?client_id=${web.clientId}&response_type=code&scope=openid&redirect_uri=${encodeURIComponent(callback)}`, 'nowhere.invalid');
    expect(fresh.final.pathname).toMatch(/^\/interaction\//u);
  });

  it('refuses a post-logout redirect URI that is not registered', async () => {
    const cfg = await config(web.clientId, client.ClientSecretBasic(web.clientSecret));
    const { tokens, jar } = await signIn(cfg, web.clientId);
    const endUrl = client.buildEndSessionUrl(cfg, { id_token_hint: tokens.id_token!, post_logout_redirect_uri: 'https://evil.example.net/' });
    const { last, final } = await browse(jar, endUrl, new URL(op.base).host);
    expect(final.host).toBe(new URL(op.base).host);
    expect(last.status).toBe(400);
    expect(await last.text()).toContain('invalid_request');
  });
});

describe('bad input gets the error the specifications prescribe', () => {
  it('does not redirect to an unregistered redirect URI (RFC 6749 §4.1.2.1): an error page instead', async () => {
    const { last, final } = await authorize({ client_id: web.clientId, response_type: 'code', redirect_uri: 'https://evil.example.net/cb', scope: 'openid' });
    expect(final.host).toBe(new URL(op.base).host);
    expect(last.status).toBe(400);
    expect(last.headers.get('location')).toBeNull();
    const body = await last.text();
    expect(body).toContain('invalid_redirect_uri');
    expect(body).not.toContain('<script');
  });

  it('refuses an unknown client at the authorization endpoint without redirecting, and at the token endpoint with 401', async () => {
    const { last } = await authorize({ client_id: 'no-such-client', response_type: 'code', redirect_uri: callback, scope: 'openid' });
    expect(last.status).toBe(400);
    expect(await last.text()).toContain('invalid_client');
    const token = await tokenRequest({ grant_type: 'client_credentials' }, basic('no-such-client', 'x'));
    expect(token.status).toBe(401);
    expect(token.json['error']).toBe('invalid_client');
  });

  it('refuses a wrong client secret with 401 invalid_client', async () => {
    const token = await tokenRequest({ grant_type: 'client_credentials', client_id: service.clientId, client_secret: 'wrong' });
    expect(token.status).toBe(401);
    expect(token.json['error']).toBe('invalid_client');
    const cfg = await config(web.clientId, client.ClientSecretBasic('wrong-secret'));
    await expect(client.refreshTokenGrant(cfg, 'whatever')).rejects.toMatchObject({ status: 401, cause: [{ scheme: 'basic', parameters: { error: 'invalid_client' } }] });
  });

  it('requires PKCE of a public client and refuses the plain method (RFC 7636 §4.4.1, RFC 9700 §2.1.1)', async () => {
    const missing = await authorize({ client_id: spa.clientId, response_type: 'code', redirect_uri: spaCallback, scope: 'openid', state: 'p1' });
    expect(missing.final.origin + missing.final.pathname).toBe(spaCallback);
    expect(missing.final.searchParams.get('error')).toBe('invalid_request');
    expect(missing.final.searchParams.get('error_description')).toMatch(/PKCE/iu);
    expect(missing.final.searchParams.get('state')).toBe('p1');

    const plain = await authorize({ client_id: spa.clientId, response_type: 'code', redirect_uri: spaCallback, scope: 'openid', code_challenge: 'a'.repeat(43), code_challenge_method: 'plain' });
    expect(plain.final.searchParams.get('error')).toBe('invalid_request');
    expect(plain.final.searchParams.get('error_description')).toMatch(/code_challenge_method/u);
  });

  it('refuses a code redeemed with the wrong verifier, and a replayed code revokes what the first redemption issued', async () => {
    const cfg = await config(web.clientId, client.ClientSecretBasic(web.clientSecret));
    const verifier = client.randomPKCECodeVerifier();
    const challenge = await client.calculatePKCECodeChallenge(verifier);
    const { final } = await authorize({ client_id: web.clientId, response_type: 'code', redirect_uri: callback, scope: 'openid', code_challenge: challenge, code_challenge_method: 'S256' });
    const code = final.searchParams.get('code')!;
    const auth = basic(web.clientId, web.clientSecret);

    const wrongVerifier = await tokenRequest({ grant_type: 'authorization_code', code, redirect_uri: callback, code_verifier: client.randomPKCECodeVerifier() }, auth);
    expect(wrongVerifier.status).toBe(400);
    expect(wrongVerifier.json['error']).toBe('invalid_grant');

    const noVerifier = await tokenRequest({ grant_type: 'authorization_code', code, redirect_uri: callback }, auth);
    expect(noVerifier.json['error']).toBe('invalid_grant');

    const wrongRedirect = await tokenRequest({ grant_type: 'authorization_code', code, redirect_uri: 'https://app.example.com/other', code_verifier: verifier }, auth);
    expect(wrongRedirect.json['error']).toBe('invalid_grant');

    const first = await tokenRequest({ grant_type: 'authorization_code', code, redirect_uri: callback, code_verifier: verifier }, auth);
    expect(first.status).toBe(200);
    const replay = await tokenRequest({ grant_type: 'authorization_code', code, redirect_uri: callback, code_verifier: verifier }, auth);
    expect(replay.status).toBe(400);
    expect(replay.json['error']).toBe('invalid_grant');
    expect((await client.tokenIntrospection(cfg, first.json['access_token'] as string)).active).toBe(false);
  });

  it('refuses a grant type the relying party was not allowed (RFC 6749 §5.2 unauthorized_client)', async () => {
    const token = await tokenRequest({ grant_type: 'client_credentials' }, basic(web.clientId, web.clientSecret));
    expect(token.status).toBe(400);
    expect(token.json['error']).toBe('unauthorized_client');
  });

  it('refuses an oversized or malformed token request without a server error', async () => {
    const huge = await fetch(`${op.issuer}/token`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', ...basic(web.clientId, web.clientSecret) }, body: `grant_type=refresh_token&refresh_token=${'x'.repeat(200_000)}` });
    expect([400, 413]).toContain(huge.status);
    const json = await fetch(`${op.issuer}/token`, { method: 'POST', headers: { 'content-type': 'application/json', ...basic(web.clientId, web.clientSecret) }, body: '{"grant_type":' });
    expect(json.status).toBe(400);
    expect(((await json.json()) as { error: string }).error).toBe('invalid_request');
  });
});

describe('state survives a restart', () => {
  it('a new provider instance on the same database honours the session, refresh and access tokens', async () => {
    const cfg = await config(web.clientId, client.ClientSecretBasic(web.clientSecret));
    const { tokens, jar } = await signIn(cfg, web.clientId);
    await op.close();
    op = await startProvider(db, keys, port);

    const after = await config(web.clientId, client.ClientSecretBasic(web.clientSecret));
    expect((await client.tokenIntrospection(after, tokens.access_token)).active).toBe(true);
    const refreshed = await client.refreshTokenGrant(after, tokens.refresh_token!);
    expect(refreshed.claims()?.sub).toBe('user-ada');

    // The browser's session cookie still signs it in without the sign-in pages.
    op.loginAs = undefined;
    try {
      const { final } = await authorize({ client_id: web.clientId, response_type: 'code', redirect_uri: callback, scope: 'openid', code_challenge: await client.calculatePKCECodeChallenge(client.randomPKCECodeVerifier()), code_challenge_method: 'S256' }, jar);
      expect(final.searchParams.get('code')).toEqual(expect.any(String));
    } finally {
      op.loginAs = 'user-ada';
    }
  });
});
