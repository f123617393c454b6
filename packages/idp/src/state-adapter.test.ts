import { describe, expect, it } from 'vitest';
import { errors } from 'oidc-provider';
import type { IdentityProviderState, RelyingParty, RelyingPartyId, TenantId } from '@ward/core';
import { createStateAdapterFactory, type IdentityProviderStores } from './state-adapter.js';

/** The state store's contract, in memory: the adapter's own logic is what is under test here. */
function memoryStores(party?: RelyingParty): IdentityProviderStores & { rows: Map<string, IdentityProviderState> } {
  const rows = new Map<string, IdentityProviderState>();
  const key = (model: string, id: string) => `${model}:${id}`;
  const find = (pred: (s: IdentityProviderState) => boolean) => [...rows.values()].find(pred);
  return {
    rows,
    findRelyingPartyByClientId: (id) => Promise.resolve(party?.id === id ? party : undefined),
    upsertIdpState: (s) => Promise.resolve(void rows.set(key(s.model, s.id), s)),
    insertIdpStateIfAbsent: (s) => {
      if (rows.has(key(s.model, s.id))) return Promise.resolve(false);
      rows.set(key(s.model, s.id), s);
      return Promise.resolve(true);
    },
    findIdpState: (m, id) => Promise.resolve(rows.get(key(m, id))),
    findIdpStateByUid: (m, uid) => Promise.resolve(find((s) => s.model === m && s.uid === uid)),
    findIdpStateByUserCode: (m, code) => Promise.resolve(find((s) => s.model === m && s.userCode === code)),
    consumeIdpState: (m, id, at) => {
      const row = rows.get(key(m, id));
      if (row === undefined || row.consumedAt !== null) return Promise.resolve(false);
      rows.set(key(m, id), { ...row, consumedAt: at });
      return Promise.resolve(true);
    },
    destroyIdpState: (m, id) => Promise.resolve(void rows.delete(key(m, id))),
    revokeIdpStatesByGrantId: (g) => Promise.resolve([...rows.entries()].filter(([, s]) => s.grantId === g).map(([k]) => rows.delete(k)).length),
    deleteIdpStatesByClientId: () => Promise.resolve(0),
    purgeExpiredIdpStates: () => Promise.resolve(0),
  };
}

const now = new Date('2026-03-01T10:00:00Z');
const clock = { now: () => now };

describe('the state adapter', () => {
  it('stores payloads with their lookup columns and expiry, and hides lapsed rows', async () => {
    const stores = memoryStores();
    const sessions = createStateAdapterFactory(stores, clock)('Session');
    await sessions.upsert('s1', { uid: 'u1', accountId: 'ada' }, 60);
    expect(stores.rows.get('Session:s1')).toMatchObject({ uid: 'u1', grantId: null, expiresAt: new Date(now.getTime() + 60_000), consumedAt: null });
    expect(await sessions.findByUid('u1')).toEqual({ uid: 'u1', accountId: 'ada' });
    stores.rows.set('Session:s1', { ...stores.rows.get('Session:s1')!, expiresAt: new Date(now.getTime() - 1) });
    expect(await sessions.find('s1')).toBeUndefined();
  });

  it('consumes once: the second redemption is invalid_grant, and a consumed token saved again stays consumed', async () => {
    const stores = memoryStores();
    const codes = createStateAdapterFactory(stores, clock)('AuthorizationCode');
    await codes.upsert('c1', { grantId: 'g1', clientId: 'rp' }, 60);
    await codes.consume('c1');
    await expect(codes.consume('c1')).rejects.toBeInstanceOf(errors.InvalidGrant);
    const found = await codes.find('c1');
    expect(found?.consumed).toBe(Math.floor(now.getTime() / 1000));
    await codes.upsert('c1', found!, 60);
    expect(stores.rows.get('AuthorizationCode:c1')?.consumedAt).toEqual(new Date(Math.floor(now.getTime() / 1000) * 1000));
    await codes.revokeByGrantId('g1');
    expect(await codes.find('c1')).toBeUndefined();
  });

  it('reads clients from the relying parties and refuses to write them', async () => {
    const party: RelyingParty = {
      tenantId: 't1' as TenantId,
      id: 'rp-1' as RelyingPartyId,
      name: 'Wiki',
      redirectUris: ['https://wiki.example.com/cb'],
      postLogoutRedirectUris: [],
      grantTypes: ['authorization_code'],
      tokenEndpointAuthMethod: 'client_secret_basic',
      jwks: null,
      clientSecret: 's3cret',
      createdAt: now,
      updatedAt: now,
      secretIssuedAt: now,
    };
    const clients = createStateAdapterFactory(memoryStores(party), clock)('Client');
    expect(await clients.find('rp-1')).toMatchObject({ client_id: 'rp-1', client_secret: 's3cret', response_types: ['code'], redirect_uris: ['https://wiki.example.com/cb'], ward_tenant_id: 't1' });
    expect(await clients.find('rp-2')).toBeUndefined();
    await expect(clients.upsert('rp-9', {}, 0)).rejects.toThrow(/relying parties/u);
  });
});
