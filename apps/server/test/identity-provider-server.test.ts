import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from './support/poll.js';
import { signInFirstAdmin, startWard, tempDataDir, type ServedWard } from './support/start-ward.js';

interface Discovery {
  issuer: string;
  token_endpoint: string;
  jwks_uri: string;
  code_challenge_methods_supported: string[];
}

// The identity provider as `ward serve` mounts it: discovery and keys under the public URL, its
// signing keys kept in the database across restarts, and client credentials for a relying party
// registered through the admin API.
describe('identity provider in ward serve (SQLite, loopback)', { timeout: 120_000 }, () => {
  const dataDir = tempDataDir('ward-idp-serve-');
  let ward: ServedWard | undefined;
  let port = 0;
  const served = (): ServedWard => {
    if (ward === undefined) throw new Error('the server is not running');
    return ward;
  };
  const client = (): ServedWard['client'] => {
    if (ward === undefined) throw new Error('the server is not running');
    return ward.client;
  };

  beforeAll(async () => {
    port = await freePort();
    ward = await startWard(dataDir, {}, port);
  }, 60_000);
  afterAll(async () => {
    await ward?.stop();
  });

  it('publishes discovery under <public URL>/oidc, with PKCE S256 only', async () => {
    const discovery = await client().request<Discovery>('GET', '/oidc/.well-known/openid-configuration');
    expect(discovery.status, discovery.text).toBe(200);
    expect(discovery.body.issuer).toBe(`${ward?.url ?? ''}/oidc`);
    expect(discovery.body.code_challenge_methods_supported).toEqual(['S256']);
  });

  it('keeps its signing keys across a restart, and issues client-credentials tokens to a registered relying party', async () => {
    const jwksBefore = await client().request<{ keys: { kid: string }[] }>('GET', '/oidc/jwks');
    expect(jwksBefore.status).toBe(200);
    const token = await signInFirstAdmin(ward as ServedWard);
    const created = await client().request<{ relyingParty: { clientId: string }; clientSecret: string }>('POST', '/api/v1/identity/relying-parties', {
      token,
      body: { name: 'Reporting job', redirectUris: [], postLogoutRedirectUris: [], jwks: null, grantTypes: ['client_credentials'], tokenEndpointAuthMethod: 'client_secret_basic' },
    });
    expect(created.status, created.text).toBe(201);

    await ward?.stop();
    ward = await startWard(dataDir, {}, port);
    const jwksAfter = await client().request<{ keys: { kid: string }[] }>('GET', '/oidc/jwks');
    expect(jwksAfter.body.keys.map((k) => k.kid).sort()).toEqual(jwksBefore.body.keys.map((k) => k.kid).sort());

    const basic = Buffer.from(`${encodeURIComponent(created.body.relyingParty.clientId)}:${encodeURIComponent(created.body.clientSecret)}`).toString('base64');
    const issued = await fetchToken(served(), basic);
    expect(issued.status, issued.text).toBe(200);
    expect(issued.body.token_type).toBe('Bearer');
    const wrong = await fetchToken(served(), Buffer.from(`${created.body.relyingParty.clientId}:not-the-secret`).toString('base64'));
    expect(wrong.status).toBe(401);
    expect(wrong.body.error).toBe('invalid_client');
  });
});

async function fetchToken(ward: ServedWard, basic: string): Promise<{ status: number; text: string; body: { token_type?: string; error?: string } }> {
  return ward.client.request<{ token_type?: string; error?: string }>('POST', '/oidc/token', {
    body: 'grant_type=client_credentials',
    contentType: 'application/x-www-form-urlencoded',
    headers: { authorization: `Basic ${basic}` },
  });
}
