import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as client from 'openid-client';
import { Agent, setGlobalDispatcher } from 'undici';
import { updateUser, type User } from '@ward/core';
import { createUserAccessTokenVerifier, type UserAccessTokenVerifier } from '../src/index.js';
import { openSignInWorld, type SignInWorld } from './support/sign-in-harness.js';

// The check APIs outside the provider make of a user's access token (the SDK's registration), on
// tokens the provider really issued through the sign-in pages, over real sockets.

const callback = 'https://notes.example.com/callback';
const password = 'correct horse battery staple';

let world: SignInWorld;
let cfg: client.Configuration;
let clientId: string;
let ada: User;
let verify: UserAccessTokenVerifier;

async function signIn(email: string, scope = 'openid email offline_access'): Promise<client.TokenEndpointResponse> {
  const browser = world.browser();
  const verifier = client.randomPKCECodeVerifier();
  const state = client.randomState();
  const url = client.buildAuthorizationUrl(cfg, { redirect_uri: callback, scope, code_challenge: await client.calculatePKCECodeChallenge(verifier), code_challenge_method: 'S256', state });
  const page = await browser.visit(url);
  const final = await browser.submit(page, { email, password });
  await browser.close();
  return client.authorizationCodeGrant(cfg, final.url, { pkceCodeVerifier: verifier, expectedState: state });
}

beforeAll(async () => {
  world = await openSignInWorld();
  setGlobalDispatcher(new Agent({ connect: { ca: world.ca.rootCertificatePem }, pipelining: 0 }));
  const notes = await world.register({ name: 'Notes', grantTypes: ['authorization_code', 'refresh_token', 'client_credentials'], tokenEndpointAuthMethod: 'client_secret_basic', redirectUris: [callback], postLogoutRedirectUris: [] });
  clientId = notes.clientId;
  cfg = await client.discovery(new URL(world.issuer), notes.clientId, {}, client.ClientSecretBasic(notes.clientSecret ?? ''));
  ada = (await world.addUser('ada@example.com', password)).user;
  verify = createUserAccessTokenVerifier(world.idp, world.deps.stores);
});

afterAll(async () => {
  await world.close();
});

describe('a user access token', () => {
  it('names its user, tenant and relying party while it is live', async () => {
    const tokens = await signIn('ada@example.com');
    expect(await verify(tokens.access_token)).toEqual({ tenantId: world.tenantId, userId: ada.id, clientId, amr: ['pwd'] });
  });

  it('holds no more once revoked (RFC 7009), or once its refresh token rotated with a reuse', async () => {
    const tokens = await signIn('ada@example.com');
    await client.tokenRevocation(cfg, tokens.access_token);
    expect(await verify(tokens.access_token)).toBeUndefined();

    const second = await signIn('ada@example.com');
    const refreshed = await client.refreshTokenGrant(cfg, second.refresh_token ?? '');
    // Reusing the rotated refresh token revokes the whole grant, its access tokens included.
    await expect(client.refreshTokenGrant(cfg, second.refresh_token ?? '')).rejects.toMatchObject({ error: 'invalid_grant' });
    expect(await verify(refreshed.access_token)).toBeUndefined();
  });

  it('holds no more once expired, even while its row is still stored', async () => {
    const tokens = await signIn('ada@example.com');
    const stored = await world.deps.stores.findIdpState('AccessToken', tokens.access_token);
    if (stored === undefined) throw new Error('no stored token');
    // The row outlives the token until the purge job runs; its own exp is what counts.
    await world.deps.stores.upsertIdpState({ ...stored, payload: { ...stored.payload, exp: Math.floor(Date.now() / 1000) - 5 }, expiresAt: null });
    expect(await verify(tokens.access_token)).toBeUndefined();
  });

  it('holds no more for a disabled user', async () => {
    const grace = (await world.addUser('grace@example.com', password)).user;
    const tokens = await signIn('grace@example.com');
    expect((await verify(tokens.access_token))?.userId).toBe(grace.id);
    const disabled = await updateUser(world.deps, world.system, grace.id, { disabled: true });
    expect(disabled.ok).toBe(true);
    expect(await verify(tokens.access_token)).toBeUndefined();
  });

  it('is refused without the openid scope, from a grant of another account, and as a client-credentials token', async () => {
    const stored = await world.deps.stores.findIdpState('AccessToken', (await signIn('ada@example.com')).access_token);
    if (stored === undefined) throw new Error('no stored token');
    await world.deps.stores.upsertIdpState({ ...stored, id: 'no-openid-scope-token-0123456789abcdef', payload: { ...stored.payload, jti: 'no-openid-scope-token-0123456789abcdef', scope: 'email' } });
    expect(await verify('no-openid-scope-token-0123456789abcdef')).toBeUndefined();
    await world.deps.stores.upsertIdpState({ ...stored, id: 'other-account-token-0123456789abcdef', payload: { ...stored.payload, jti: 'other-account-token-0123456789abcdef', accountId: 'someone-else' } });
    expect(await verify('other-account-token-0123456789abcdef')).toBeUndefined();
    await world.deps.stores.upsertIdpState({ ...stored, id: 'audience-token-0123456789abcdef', payload: { ...stored.payload, jti: 'audience-token-0123456789abcdef', aud: 'https://api.example.com' } });
    expect(await verify('audience-token-0123456789abcdef')).toBeUndefined();

    const service = await client.clientCredentialsGrant(cfg, {});
    expect(await verify(service.access_token)).toBeUndefined();
  });

  it('is refused when it is garbage, oversized or unknown, without throwing', async () => {
    for (const value of ['', 'x', 'a'.repeat(10_000), 'not a token at all!', '../../etc/passwd', 'A'.repeat(43)]) {
      expect(await verify(value)).toBeUndefined();
    }
  });
});
