import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Fastify from 'fastify';
import { Agent, setGlobalDispatcher } from 'undici';
import { createIdentityProvider, createSigningKeySet, mountIdentityProvider, type SigningKeySet } from '../src/index.js';
import { freePort, openIdpTestDatabase, startProvider, type IdpTestDatabase, type RunningProvider } from './support/idp-harness.js';

// How the mount treats forwarded headers: only a trusted proxy may change the scheme and host the
// provider builds its URLs from (a forged X-Forwarded-Host would otherwise steer clients elsewhere).

let db: IdpTestDatabase;
let keys: SigningKeySet;
beforeAll(async () => {
  setGlobalDispatcher(new Agent({ pipelining: 0 }));
  db = await openIdpTestDatabase();
  keys = await createSigningKeySet();
});
afterAll(async () => {
  await db.dispose();
});

async function tokenEndpoint(op: RunningProvider): Promise<unknown> {
  const response = await fetch(`${op.issuer}/.well-known/openid-configuration`, { headers: { 'x-forwarded-proto': 'https', 'x-forwarded-host': 'ward.example.com' } });
  return ((await response.json()) as Record<string, unknown>)['token_endpoint'];
}

describe('mountIdentityProvider', () => {
  it('ignores forwarded headers from a peer that is not a trusted proxy', async () => {
    const op = await startProvider(db, keys, await freePort(), { trustedPeer: () => false });
    try {
      expect(await tokenEndpoint(op)).toBe(`${op.issuer}/token`);
    } finally {
      await op.close();
    }
  });

  it('honours them from a trusted proxy', async () => {
    const op = await startProvider(db, keys, await freePort(), { trustedPeer: (address) => address === '127.0.0.1' || address === '::ffff:127.0.0.1' });
    try {
      expect(await tokenEndpoint(op)).toBe('https://ward.example.com/oidc/token');
    } finally {
      await op.close();
    }
  });

  it('refuses a prefix that is not the issuer\'s path', () => {
    const idp = createIdentityProvider({ publicUrl: 'https://ward.example.com', stores: db.deps.stores, keys, findAccount: () => Promise.resolve(undefined) });
    expect(() => {
      mountIdentityProvider(Fastify(), idp, { prefix: '/openid' });
    }).toThrow(/issuer's path \/oidc/u);
  });

  it('keeps Fastify\'s own routes and body parsing outside the prefix', async () => {
    const port = await freePort();
    const idp = createIdentityProvider({ publicUrl: `http://127.0.0.1:${port}`, stores: db.deps.stores, keys, findAccount: () => Promise.resolve(undefined) });
    const app = Fastify({ forceCloseConnections: true });
    mountIdentityProvider(app, idp, { prefix: '/oidc' });
    app.post('/echo', (request) => request.body);
    await app.listen({ host: '127.0.0.1', port });
    try {
      const echo = await fetch(`http://127.0.0.1:${port}/echo`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"a":1}' });
      expect(await echo.json()).toEqual({ a: 1 });
      // The prefix itself (no trailing slash) belongs to the provider too.
      const bare = await fetch(`http://127.0.0.1:${port}/oidc`);
      expect(bare.status).toBe(404);
      expect(((await bare.json()) as { error: string }).error).toBe('invalid_request');
    } finally {
      await app.close();
    }
  });
});
