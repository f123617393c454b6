import * as oidc from 'openid-client';
import { Agent, setGlobalDispatcher } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestBrowser } from '../../../packages/idp/test/support/sign-in-harness.js';
import { freePort } from './support/poll.js';
import { signInFirstAdmin, startWard, tempDataDir, type ServedWard } from './support/start-ward.js';

interface SignInOptions {
  issuer: string;
  authorizationEndpoint: string;
  tokenEndpoint: string;
  clientId: string;
  redirectUris: { console: string; portal: string };
}

// Issue 6 §8: the console signs in through Ward's own identity provider. The browser runs the code
// flow with PKCE against the tenant's console client, then trades the provider's access token for a
// console session; only that client's tokens may be traded.
describe('console sign-in through the identity provider (ward serve, loopback)', { timeout: 120_000 }, () => {
  const dataDir = tempDataDir('ward-console-sign-in-');
  let ward: ServedWard | undefined;
  let adminToken = '';
  const served = (): ServedWard => {
    if (ward === undefined) throw new Error('the server is not running');
    return ward;
  };
  const browsers: TestBrowser[] = [];
  const browser = (): TestBrowser => {
    const made = new TestBrowser(new Agent({ connect: { ca: served().caPem }, pipelining: 0 }), new URL(served().url).host);
    browsers.push(made);
    return made;
  };

  beforeAll(async () => {
    ward = await startWard(dataDir, {}, await freePort());
    adminToken = await signInFirstAdmin(ward);
    // openid-client fetches with the global dispatcher: trust Ward's CA there.
    setGlobalDispatcher(new Agent({ connect: { ca: ward.caPem }, pipelining: 0 }));
  }, 60_000);
  afterAll(async () => {
    for (const b of browsers) await b.close();
    await ward?.stop();
  });

  const signInOptions = async (): Promise<SignInOptions> => {
    const answer = await served().client.request<SignInOptions>('GET', '/api/v1/auth/identity-provider');
    expect(answer.status, answer.text).toBe(200);
    return answer.body;
  };

  /** The console's code flow: PKCE, the provider's password page, the code redeemed at the token endpoint. */
  const consoleCodeFlow = async (redirect: 'console' | 'portal'): Promise<string> => {
    const options = await signInOptions();
    const admin = served().admin;
    if (admin === undefined) throw new Error('no first admin');
    const config = await oidc.discovery(new URL(options.issuer), options.clientId, {}, oidc.None());
    const verifier = oidc.randomPKCECodeVerifier();
    const state = oidc.randomState();
    const redirectUri = options.redirectUris[redirect];
    const url = oidc.buildAuthorizationUrl(config, { redirect_uri: redirectUri, scope: 'openid email profile', code_challenge: await oidc.calculatePKCECodeChallenge(verifier), code_challenge_method: 'S256', state });
    const b = browser();
    const page = await b.visit(url);
    expect(page.status, page.body.slice(0, 300)).toBe(200);
    const final = await b.submit(page, { email: admin.email, password: admin.password });
    expect(`${final.url.origin}${final.url.pathname}`, final.body.slice(0, 300)).toBe(redirectUri);
    const tokens = await oidc.authorizationCodeGrant(config, final.url, { pkceCodeVerifier: verifier, expectedState: state });
    return tokens.access_token;
  };

  it('names the tenant\'s console client and its callbacks, and refuses an unknown tenant', async () => {
    const options = await signInOptions();
    expect(options.issuer).toBe(`${served().url}/oidc`);
    expect(options.clientId).toMatch(/^ward-console\./u);
    expect(options.redirectUris).toEqual({ console: `${served().url}/auth/callback`, portal: `${served().url}/portal/auth/callback` });
    const unknown = await served().client.request<{ error: { code: string } }>('GET', '/api/v1/auth/identity-provider?tenant=nobody');
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('TENANT_NOT_FOUND');
  });

  it('signs the admin in through the provider and turns the console client\'s token into a session', async () => {
    for (const redirect of ['console', 'portal'] as const) {
      const accessToken = await consoleCodeFlow(redirect);
      const session = await served().client.request<{ token: string; user: { email: string } }>('POST', '/api/v1/auth/identity-provider-session', { token: accessToken });
      expect(session.status, session.text).toBe(200);
      expect(session.body.user.email).toBe(served().admin?.email);
      const me = await served().client.request<{ grants: { role: string }[] }>('GET', '/api/v1/auth/me', { token: session.body.token });
      expect(me.status, me.text).toBe(200);
      expect(me.body.grants.map((g) => g.role)).toContain('globalAdmin');
      // The provider's token is not itself an API credential.
      const direct = await served().client.request('GET', '/api/v1/auth/me', { token: accessToken });
      expect(direct.status).toBe(401);
    }
    const audit = await served().client.request<{ items: { action: string; after: { via?: string } | null }[] }>('GET', '/api/v1/audit-events?limit=20', { token: adminToken });
    expect(audit.status, audit.text).toBe(200);
    expect(audit.body.items.some((e) => e.action === 'user.signedIn' && e.after?.via === 'identityProvider')).toBe(true);
  });

  it('refuses a missing, malformed, unknown or foreign token, and changes nothing', async () => {
    const party = await served().client.request<{ relyingParty: { clientId: string }; clientSecret: string }>('POST', '/api/v1/identity/relying-parties', {
      token: adminToken,
      body: { name: 'Reporting job', redirectUris: [], postLogoutRedirectUris: [], jwks: null, grantTypes: ['client_credentials'], tokenEndpointAuthMethod: 'client_secret_basic' },
    });
    expect(party.status, party.text).toBe(201);
    const basic = Buffer.from(`${encodeURIComponent(party.body.relyingParty.clientId)}:${encodeURIComponent(party.body.clientSecret)}`).toString('base64');
    const foreign = await served().client.request<{ access_token: string }>('POST', '/oidc/token', { body: 'grant_type=client_credentials', contentType: 'application/x-www-form-urlencoded', headers: { authorization: `Basic ${basic}` } });
    expect(foreign.status, foreign.text).toBe(200);

    const before = await served().client.request<{ items: unknown[] }>('GET', '/api/v1/audit-events?limit=200', { token: adminToken });
    const attempts: { headers: Record<string, string> }[] = [
      { headers: {} },
      { headers: { authorization: 'Basic abc' } },
      { headers: { authorization: `Bearer ${'x'.repeat(400)}` } },
      { headers: { authorization: `Bearer ${foreign.body.access_token}` } },
      // A Ward session token is not the provider's token either.
      { headers: { authorization: `Bearer ${adminToken}` } },
    ];
    for (const attempt of attempts) {
      const refused = await served().client.request<{ error: { code: string } }>('POST', '/api/v1/auth/identity-provider-session', { headers: attempt.headers });
      expect(refused.status, refused.text).toBe(401);
      expect(refused.body.error.code).toBe('UNAUTHENTICATED');
      expect(refused.headers.get('www-authenticate')).toMatch(/^Bearer realm="ward"/u);
    }
    const after = await served().client.request<{ items: unknown[] }>('GET', '/api/v1/audit-events?limit=200', { token: adminToken });
    // The relying party's creation is the only event since; no session was started.
    expect(after.body.items.length).toBe(before.body.items.length);
  });

  it('refuses a redirect URI the console client does not have', async () => {
    const options = await signInOptions();
    const url = new URL(options.authorizationEndpoint);
    url.search = new URLSearchParams({ client_id: options.clientId, response_type: 'code', scope: 'openid', redirect_uri: 'https://evil.example.com/auth/callback', code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM', code_challenge_method: 'S256' }).toString();
    const page = await browser().visit(url);
    expect(page.status).toBe(400);
    expect(page.body).toContain('redirect_uri');
  });
});
