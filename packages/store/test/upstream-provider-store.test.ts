import { describe, expect, it } from 'vitest';
import { WardError, type TenantId, type UpstreamProvider, type UpstreamProviderId } from '@ward/core';
import { createStores } from '../src/index.js';
import { at, t0 } from './support/fixtures.js';
import { useStoreSuite } from './support/store-suite.js';
import { createTestSecretBox } from './support/test-secret-box.js';
import { nodeDigests, sequentialIds, testDialects } from './support/test-database.js';

function provider(tenantId: TenantId, id: string, over: Partial<UpstreamProvider> = {}): UpstreamProvider {
  return {
    tenantId,
    id: id as UpstreamProviderId,
    name: `Upstream ${id.slice(-4)}`,
    issuer: 'https://idp.example.com',
    clientId: 'ward',
    clientSecret: `secret-of-${id}`,
    scopes: ['openid', 'email', 'profile'],
    enabled: true,
    requireVerifiedEmail: true,
    version: 1,
    createdAt: t0,
    updatedAt: t0,
    ...over,
  };
}

describe.each(testDialects)('upstream identity provider store on %s', (dialect) => {
  const s = useStoreSuite(dialect);

  it('keeps providers per tenant, unique by name case-insensitively, paged in creation order', async () => {
    const { stores } = s.set;
    const ids = ['0190e000-0000-7000-8000-000000000001', '0190e000-0000-7000-8000-000000000002', '0190e000-0000-7000-8000-000000000003'];
    for (const id of ids) expect(await stores.insertUpstreamProvider(provider(s.tenant, id))).toBe(true);
    const foreign = provider(s.other, '0190e000-0000-7000-8000-0000000000ff', { name: 'Upstream 0001', enabled: false, requireVerifiedEmail: false, scopes: ['openid'] });
    // The same name in another tenant is fine; in the same tenant (any case) it is not.
    expect(await stores.insertUpstreamProvider(foreign)).toBe(true);
    expect(await stores.insertUpstreamProvider(provider(s.tenant, '0190e000-0000-7000-8000-000000000009', { name: 'UPSTREAM 0001' }))).toBe(false);

    expect(await stores.getUpstreamProvider(s.tenant, ids[0] as UpstreamProviderId)).toEqual(provider(s.tenant, ids[0]!));
    expect(await stores.getUpstreamProvider(s.tenant, foreign.id)).toBeUndefined();
    expect(await stores.getUpstreamProvider(s.other, foreign.id)).toEqual(foreign);
    expect((await stores.getUpstreamProviderByName(s.tenant, 'upstream 0002'))?.id).toBe(ids[1]);
    expect(await stores.getUpstreamProviderByName(s.other, 'upstream 0002')).toBeUndefined();
    expect(await stores.countUpstreamProviders(s.tenant)).toBe(3);
    expect(await stores.countUpstreamProviders(s.other)).toBe(1);

    const first = await stores.listUpstreamProviders(s.tenant, { limit: 2 });
    expect(first.items.map((p) => p.id)).toEqual(ids.slice(0, 2));
    const second = await stores.listUpstreamProviders(s.tenant, { limit: 2, cursor: first.nextCursor! });
    expect(second.items.map((p) => p.id)).toEqual(ids.slice(2));
    expect(second.nextCursor).toBeNull();
    await expect(stores.listUpstreamProviders(s.tenant, { limit: 2, cursor: 'not-a-cursor' })).rejects.toMatchObject({ code: 'INVALID_CURSOR' });
  });

  it('lists only the enabled providers of the tenant for the sign-in page, bounded', async () => {
    const { stores } = s.set;
    const disabled = provider(s.tenant, '0190e100-0000-7000-8000-000000000001', { name: 'Disabled one', enabled: false });
    await stores.insertUpstreamProvider(disabled);
    const enabled = await stores.listEnabledUpstreamProviders(s.tenant, 20);
    expect(enabled.length).toBeGreaterThan(0);
    expect(enabled.every((p) => p.enabled && p.tenantId === s.tenant)).toBe(true);
    expect(enabled.map((p) => p.id)).not.toContain(disabled.id);
    expect(await stores.listEnabledUpstreamProviders(s.tenant, 1)).toHaveLength(1);
    expect(await stores.listEnabledUpstreamProviders(s.other, 20)).toEqual([]);
  });

  it('updates at the expected version only, refuses a taken name, and deletes within the tenant', async () => {
    const { stores } = s.set;
    const a = provider(s.tenant, '0190e200-0000-7000-8000-00000000000a', { name: 'Alpha' });
    const b = provider(s.tenant, '0190e200-0000-7000-8000-00000000000b', { name: 'Beta' });
    await stores.insertUpstreamProvider(a);
    await stores.insertUpstreamProvider(b);
    const changed = { ...a, name: 'Alpha 2', clientSecret: 'rotated', enabled: false, scopes: ['openid', 'email'], version: 2, updatedAt: at(1000) };
    expect(await stores.updateUpstreamProvider(changed)).toBe(true);
    expect(await stores.getUpstreamProvider(s.tenant, a.id)).toEqual(changed);
    // A stale writer (still at version 1) loses.
    expect(await stores.updateUpstreamProvider({ ...a, name: 'Stale', version: 2 })).toBe(false);
    // Taking another provider's name fails without breaking the transaction.
    expect(await s.set.tx.transaction((t) => t.updateUpstreamProvider({ ...changed, name: 'beta', version: 3 }))).toBe(false);
    expect((await stores.getUpstreamProvider(s.tenant, a.id))?.name).toBe('Alpha 2');

    expect(await stores.deleteUpstreamProvider(s.other, a.id)).toBe(false);
    expect(await stores.deleteUpstreamProvider(s.tenant, a.id)).toBe(true);
    expect(await stores.getUpstreamProvider(s.tenant, a.id)).toBeUndefined();
    expect(await stores.deleteUpstreamProvider(s.tenant, a.id)).toBe(false);
  });

  it('seals client secrets at rest and refuses one moved to another row or opened under another master key', async () => {
    const sealed = createStores(s.t.database, { digests: nodeDigests, ids: sequentialIds('0190b000-0000-7000-8000'), secrets: createTestSecretBox() });
    const a = provider(s.tenant, '0190e300-0000-7000-8000-00000000000a', { name: 'Sealed A', clientSecret: 'plain-secret-a' });
    const b = provider(s.tenant, '0190e300-0000-7000-8000-00000000000b', { name: 'Sealed B', clientSecret: 'plain-secret-b' });
    await sealed.stores.insertUpstreamProvider(a);
    await sealed.stores.insertUpstreamProvider(b);
    expect(await sealed.stores.getUpstreamProvider(s.tenant, a.id)).toEqual(a);
    const row = await s.t.database.db.selectFrom('idp_upstream_providers').selectAll().where('id', '=', a.id).executeTakeFirstOrThrow();
    expect(row.client_secret).toMatch(/^ward-sealed:/u);
    expect(row.client_secret).not.toContain('plain-secret');

    const rowB = await s.t.database.db.selectFrom('idp_upstream_providers').select('client_secret').where('id', '=', b.id).executeTakeFirstOrThrow();
    await s.t.database.db.updateTable('idp_upstream_providers').set({ client_secret: rowB.client_secret }).where('id', '=', a.id).execute();
    await expect(sealed.stores.getUpstreamProvider(s.tenant, a.id)).rejects.toBeInstanceOf(WardError);
    const otherKey = createStores(s.t.database, { digests: nodeDigests, ids: sequentialIds(), secrets: createTestSecretBox() });
    await expect(otherKey.stores.getUpstreamProvider(s.tenant, b.id)).rejects.toBeInstanceOf(WardError);
  });
});
