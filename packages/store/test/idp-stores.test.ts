import { describe, expect, it } from 'vitest';
import { purgeExpiredIdentityProviderStates, WardError, type IdentityProviderState, type RelyingParty, type RelyingPartyId, type TenantId } from '@ward/core';
import { createStores } from '../src/index.js';
import { at, t0 } from './support/fixtures.js';
import { useStoreSuite } from './support/store-suite.js';
import { createTestSecretBox } from './support/test-secret-box.js';
import { nodeDigests, sequentialIds, testDialects } from './support/test-database.js';

function party(tenantId: TenantId, id: string, over: Partial<RelyingParty> = {}): RelyingParty {
  return {
    tenantId,
    id: id as RelyingPartyId,
    name: `App ${id}`,
    redirectUris: ['https://app.example.com/callback'],
    postLogoutRedirectUris: ['https://app.example.com/'],
    grantTypes: ['authorization_code', 'refresh_token'],
    tokenEndpointAuthMethod: 'client_secret_basic',
    jwks: null,
    clientSecret: `secret-of-${id}`,
    createdAt: t0,
    updatedAt: t0,
    secretIssuedAt: t0,
    ...over,
  };
}

function state(model: string, id: string, over: Partial<IdentityProviderState> = {}): IdentityProviderState {
  return { model, id, payload: { jti: id, kind: model }, grantId: null, uid: null, userCode: null, clientId: null, expiresAt: at(60_000), consumedAt: null, ...over };
}

describe.each(testDialects)('identity provider stores on %s', (dialect) => {
  const s = useStoreSuite(dialect);

  it('keeps relying parties per tenant, finds one by client id alone, pages them in creation order', async () => {
    const { stores } = s.set;
    const ids = ['0190c000-0000-7000-8000-000000000001', '0190c000-0000-7000-8000-000000000002', '0190c000-0000-7000-8000-000000000003'];
    for (const id of ids) await stores.insertRelyingParty(party(s.tenant, id));
    const foreign = party(s.other, '0190c000-0000-7000-8000-0000000000ff', { tokenEndpointAuthMethod: 'private_key_jwt', clientSecret: null, secretIssuedAt: null, jwks: { keys: [{ kty: 'EC', crv: 'P-256', x: 'x', y: 'y' }] } });
    await stores.insertRelyingParty(foreign);

    expect(await stores.getRelyingParty(s.tenant, ids[0] as RelyingPartyId)).toEqual(party(s.tenant, ids[0]!));
    expect(await stores.getRelyingParty(s.tenant, foreign.id)).toBeUndefined();
    expect(await stores.findRelyingPartyByClientId(foreign.id)).toEqual(foreign);
    expect(await stores.findRelyingPartyByClientId('nobody')).toBeUndefined();

    const first = await stores.listRelyingParties(s.tenant, { limit: 2 });
    expect(first.items.map((p) => p.id)).toEqual(ids.slice(0, 2));
    expect(first.nextCursor).not.toBeNull();
    const second = await stores.listRelyingParties(s.tenant, { limit: 2, cursor: first.nextCursor! });
    expect(second.items.map((p) => p.id)).toEqual(ids.slice(2));
    expect(second.nextCursor).toBeNull();
    await expect(stores.listRelyingParties(s.tenant, { limit: 2, cursor: 'not-a-cursor' })).rejects.toMatchObject({ code: 'INVALID_CURSOR' });

    const changed = party(s.tenant, ids[1]!, { name: 'Renamed', grantTypes: ['client_credentials'], redirectUris: [], postLogoutRedirectUris: [], clientSecret: 'rotated', updatedAt: at(1000), secretIssuedAt: at(1000) });
    await stores.updateRelyingParty(changed);
    expect(await stores.getRelyingParty(s.tenant, changed.id)).toEqual(changed);
    // Another tenant's id does not reach the row.
    expect(await stores.deleteRelyingParty(s.other, changed.id)).toBe(false);
    expect(await stores.deleteRelyingParty(s.tenant, changed.id)).toBe(true);
    expect(await stores.getRelyingParty(s.tenant, changed.id)).toBeUndefined();
  });

  it('seals client secrets at rest and refuses one moved to another row or opened under another master key', async () => {
    const sealed = createStores(s.t.database, { digests: nodeDigests, ids: sequentialIds('0190b000-0000-7000-8000'), secrets: createTestSecretBox() });
    const a = party(s.tenant, '0190d000-0000-7000-8000-00000000000a', { clientSecret: 'plain-secret-a' });
    const b = party(s.tenant, '0190d000-0000-7000-8000-00000000000b', { clientSecret: 'plain-secret-b' });
    await sealed.stores.insertRelyingParty(a);
    await sealed.stores.insertRelyingParty(b);
    expect(await sealed.stores.findRelyingPartyByClientId(a.id)).toEqual(a);
    const row = await s.t.database.db.selectFrom('idp_relying_parties').selectAll().where('id', '=', a.id).executeTakeFirstOrThrow();
    expect(row.client_secret).toMatch(/^ward-sealed:/);
    expect(row.client_secret).not.toContain('plain-secret');

    // b's sealed secret copied onto a's row does not open as a's.
    const rowB = await s.t.database.db.selectFrom('idp_relying_parties').select('client_secret').where('id', '=', b.id).executeTakeFirstOrThrow();
    await s.t.database.db.updateTable('idp_relying_parties').set({ client_secret: rowB.client_secret }).where('id', '=', a.id).execute();
    await expect(sealed.stores.findRelyingPartyByClientId(a.id)).rejects.toBeInstanceOf(WardError);
    const otherKey = createStores(s.t.database, { digests: nodeDigests, ids: sequentialIds(), secrets: createTestSecretBox() });
    await expect(otherKey.stores.findRelyingPartyByClientId(b.id)).rejects.toBeInstanceOf(WardError);
  });

  it('stores provider state by model and id, finds by uid and user code, consumes once', async () => {
    const { stores, tx } = s.set;
    const session = state('Session', 'sess-1', { uid: 'uid-1', payload: { accountId: 'u1', nested: { list: [1, 'two', null], flag: true } } });
    await stores.upsertIdpState(session);
    expect(await stores.findIdpState('Session', 'sess-1')).toEqual(session);
    expect(await stores.findIdpState('AccessToken', 'sess-1')).toBeUndefined();
    expect(await stores.findIdpStateByUid('Session', 'uid-1')).toEqual(session);
    expect(await stores.findIdpStateByUid('Interaction', 'uid-1')).toBeUndefined();

    const device = state('DeviceCode', 'dc-1', { userCode: 'ABCD-EFGH' });
    await stores.upsertIdpState(device);
    expect(await stores.findIdpStateByUserCode('DeviceCode', 'ABCD-EFGH')).toEqual(device);

    const code = state('AuthorizationCode', 'code-1', { grantId: 'grant-1', clientId: 'client-1' });
    await stores.upsertIdpState(code);
    // Two racing redemptions: exactly one marks it consumed.
    const outcomes = await Promise.all([tx.transaction((t) => t.consumeIdpState('AuthorizationCode', 'code-1', at(1000))), stores.consumeIdpState('AuthorizationCode', 'code-1', at(2000))]);
    expect(outcomes.filter(Boolean)).toHaveLength(1);
    expect((await stores.findIdpState('AuthorizationCode', 'code-1'))?.consumedAt).not.toBeNull();
    expect(await stores.consumeIdpState('AuthorizationCode', 'missing', at(1000))).toBe(false);

    // An upsert replaces the payload and the consumption mark.
    const replaced = { ...code, payload: { jti: 'code-1', replaced: true } };
    await stores.upsertIdpState(replaced);
    expect(await stores.findIdpState('AuthorizationCode', 'code-1')).toEqual(replaced);

    await stores.destroyIdpState('Session', 'sess-1');
    expect(await stores.findIdpState('Session', 'sess-1')).toBeUndefined();
  });

  it('inserts a state only when none has its model and id: of racing writers exactly one wins, and nothing is overwritten', async () => {
    const { stores, tx } = s.set;
    const first = state('DeviceAssertion', 'device-1:jti-1', { payload: { interaction: 'i-1' } });
    const second = state('DeviceAssertion', 'device-1:jti-1', { payload: { interaction: 'i-2' } });
    const outcomes = await Promise.all([tx.transaction((t) => t.insertIdpStateIfAbsent(first)), stores.insertIdpStateIfAbsent(second)]);
    expect(outcomes.filter(Boolean)).toHaveLength(1);
    const kept = await stores.findIdpState('DeviceAssertion', 'device-1:jti-1');
    expect([first, second]).toContainEqual(kept);
    expect(await stores.insertIdpStateIfAbsent(state('DeviceAssertion', 'device-1:jti-1', { payload: { interaction: 'i-3' } }))).toBe(false);
    expect(await stores.findIdpState('DeviceAssertion', 'device-1:jti-1')).toEqual(kept);
    // Another model with the same id is another state.
    expect(await stores.insertIdpStateIfAbsent(state('AppAssertion', 'device-1:jti-1'))).toBe(true);
  });

  it('revokes a grant family, deletes a client\'s state, and purges lapsed rows in batches', async () => {
    const { stores } = s.set;
    await stores.upsertIdpState(state('AccessToken', 'at-g2', { grantId: 'grant-2', clientId: 'client-2' }));
    await stores.upsertIdpState(state('RefreshToken', 'rt-g2', { grantId: 'grant-2', clientId: 'client-2' }));
    await stores.upsertIdpState(state('AccessToken', 'at-g3', { grantId: 'grant-3', clientId: 'client-2' }));
    await stores.upsertIdpState(state('AccessToken', 'at-g4', { grantId: 'grant-4', clientId: 'client-4' }));
    expect(await stores.revokeIdpStatesByGrantId('grant-2')).toBe(2);
    expect(await stores.findIdpState('RefreshToken', 'rt-g2')).toBeUndefined();
    expect(await stores.findIdpState('AccessToken', 'at-g3')).toBeDefined();
    expect(await stores.deleteIdpStatesByClientId('client-2')).toBe(1);
    expect(await stores.findIdpState('AccessToken', 'at-g4')).toBeDefined();

    for (let i = 0; i < 5; i++) await stores.upsertIdpState(state('Interaction', `old-${i}`, { expiresAt: at(-1000 - i) }));
    await stores.upsertIdpState(state('Grant', 'forever', { expiresAt: null }));
    expect(await stores.purgeExpiredIdpStates(t0, 3)).toBe(3);
    expect(await stores.purgeExpiredIdpStates(t0, 3)).toBe(2);
    expect(await stores.purgeExpiredIdpStates(t0, 3)).toBe(0);
    expect(await stores.findIdpState('Grant', 'forever')).toBeDefined();
    expect(await stores.findIdpState('AccessToken', 'at-g4')).toBeDefined();

    // The job's use case runs batches of 1000 until a short one.
    for (let i = 0; i < 1005; i++) await stores.upsertIdpState(state('ReplayDetection', `r-${i}`, { expiresAt: at(-1) }));
    expect(await purgeExpiredIdentityProviderStates({ clock: { now: () => t0 }, stores })).toBe(1005);
    expect(await purgeExpiredIdentityProviderStates({ clock: { now: () => t0 }, stores })).toBe(0);
  });
});
