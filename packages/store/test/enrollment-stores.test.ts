import { describe, expect, it } from 'vitest';
import { encodeCursor, WardError, type DeviceId, type EnrollmentRestrictions, type EnrollmentTokenId, type GroupId, type InstalledSoftware, type TenantId, type UserId } from '@ward/core';
import { createStores, type WardStoreSet } from '../src/index.js';
import { at, byteCompare, makeDevice, makeEnrollmentToken, makeIdentity, t0 } from './support/fixtures.js';
import { useStoreSuite } from './support/store-suite.js';
import { nodeDigests, randomIds, testDialects } from './support/test-database.js';
import { walk } from './support/walk.js';

const did = (s: string) => s as DeviceId;
const tid = (s: string) => s as EnrollmentTokenId;
const uid = (s: string) => s as UserId;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The list order: name case-insensitively, then exactly, then version and source (bytewise). */
function softwareOrder(a: InstalledSoftware, b: InstalledSoftware): number {
  return byteCompare(a.name.toLowerCase(), b.name.toLowerCase()) || byteCompare(a.name, b.name) || byteCompare(a.version, b.version) || byteCompare(a.source, b.source);
}

async function expectInvalidCursor(promise: Promise<unknown>): Promise<void> {
  const error: unknown = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(WardError);
  expect((error as WardError).code).toBe('INVALID_CURSOR');
}

describe.each(testDialects)('device software, registry, enrollment and identities on %s', (dialect) => {
  const s = useStoreSuite(dialect);

  /** Stores on `n` more instances of the database: own pools on PostgreSQL; the same one on SQLite, whose file a process opens once. */
  const moreInstances = async (n: number): Promise<WardStoreSet[]> => {
    if (dialect === 'sqlite') return [s.set];
    const out: WardStoreSet[] = [];
    for (let i = 0; i < n; i++) out.push(createStores(await s.t.openAnother(), { digests: nodeDigests, ids: randomIds }));
    return out;
  };

  describe('device software', () => {
    const software: InstalledSoftware[] = [
      { name: 'firefox', version: '126.0', source: 'dpkg' },
      { name: 'Firefox', version: '126.0', source: 'snap' },
      { name: 'firefox', version: '125.0.3', source: 'dpkg' },
      { name: 'firefox', version: '126.0', source: 'flatpak' },
      { name: 'firefox-esr', version: '115.11', source: 'dpkg' },
      { name: 'libc6', version: '2.36-9', source: 'dpkg' },
      { name: '100% Orange Juice', version: '1', source: 'app' },
      { name: 'my_app', version: '2', source: 'msi' },
      { name: 'myXapp', version: '2', source: 'msi' },
      { name: 'back\\slash', version: '3', source: 'registry' },
      { name: 'Émile Éditeur', version: '4.0', source: 'app' },
      { name: 'zsh', version: '5.9', source: 'dpkg' },
      { name: 'Zoom', version: '6.0.2', source: 'app' },
      // An exact duplicate (Windows lists some programs twice): it counts once.
      { name: 'zsh', version: '5.9', source: 'dpkg' },
    ];
    const unique = [...new Map(software.map((e) => [JSON.stringify(e), e])).values()].sort(softwareOrder);

    it('replaces a device list and pages it by name then version, with cursors', async () => {
      const { stores } = s.set;
      await stores.insertDevice(makeDevice(s.tenant, 'sw-1'));
      await stores.insertDevice(makeDevice(s.tenant, 'sw-2'));
      await stores.insertDevice(makeDevice(s.other, 'sw-1'));
      await stores.replaceDeviceSoftware(s.tenant, did('sw-1'), software);
      await stores.replaceDeviceSoftware(s.tenant, did('sw-2'), [{ name: 'other', version: '1', source: 'dpkg' }]);
      await stores.replaceDeviceSoftware(s.other, did('sw-1'), [{ name: 'foreign', version: '1', source: 'dpkg' }]);

      const all = await walk((cursor) => stores.listDeviceSoftware(s.tenant, did('sw-1'), { limit: 3, ...(cursor === undefined ? {} : { cursor }) }));
      expect(all).toEqual(unique);
      const one = await stores.listDeviceSoftware(s.tenant, did('sw-1'), { limit: 100 });
      expect(one).toEqual({ items: unique, nextCursor: null });
      expect((await stores.listDeviceSoftware(s.other, did('sw-1'), { limit: 10 })).items).toEqual([{ name: 'foreign', version: '1', source: 'dpkg' }]);
      expect((await stores.listDeviceSoftware(s.tenant, did('missing'), { limit: 10 })).items).toEqual([]);
    });

    it('searches a case-insensitive substring of the name, with wildcards matching themselves', async () => {
      const { stores } = s.set;
      const names = async (q: string) => (await walk((cursor) => stores.listDeviceSoftware(s.tenant, did('sw-1'), { limit: 2, q, ...(cursor === undefined ? {} : { cursor }) }))).map((e) => `${e.name}@${e.version}/${e.source}`);
      expect(await names('FIREFOX')).toEqual(['Firefox@126.0/snap', 'firefox@125.0.3/dpkg', 'firefox@126.0/dpkg', 'firefox@126.0/flatpak', 'firefox-esr@115.11/dpkg']);
      expect(await names('%')).toEqual(['100% Orange Juice@1/app']);
      expect(await names('y_a')).toEqual(['my_app@2/msi']);
      expect(await names('\\')).toEqual(['back\\slash@3/registry']);
      expect(await names('éditeur')).toEqual(['Émile Éditeur@4.0/app']);
      expect(await names('nothing like it')).toEqual([]);
      expect(await names('')).toHaveLength(unique.length);
    });

    it('replaces by difference: upgrades, removals and additions, and an empty report empties the list', async () => {
      const { stores } = s.set;
      const next: InstalledSoftware[] = [
        ...unique.filter((e) => e.name !== 'libc6' && e.name !== 'zsh'),
        { name: 'libc6', version: '2.36-9+deb12u7', source: 'dpkg' },
        { name: 'curl', version: '7.88.1', source: 'dpkg' },
      ];
      await stores.replaceDeviceSoftware(s.tenant, did('sw-1'), next);
      expect((await stores.listDeviceSoftware(s.tenant, did('sw-1'), { limit: 100 })).items).toEqual([...next].sort(softwareOrder));
      // The same report again changes nothing.
      await stores.replaceDeviceSoftware(s.tenant, did('sw-1'), next);
      expect((await stores.listDeviceSoftware(s.tenant, did('sw-1'), { limit: 100 })).items).toEqual([...next].sort(softwareOrder));
      await stores.replaceDeviceSoftware(s.tenant, did('sw-1'), []);
      expect((await stores.listDeviceSoftware(s.tenant, did('sw-1'), { limit: 100 })).items).toEqual([]);
      // Other devices and tenants are untouched.
      expect((await stores.listDeviceSoftware(s.tenant, did('sw-2'), { limit: 10 })).items).toHaveLength(1);
      expect((await stores.listDeviceSoftware(s.other, did('sw-1'), { limit: 10 })).items).toHaveLength(1);
    });

    it('replaces a list of thousands in batches, and ignores a device that does not exist', async () => {
      const { stores } = s.set;
      const big = Array.from({ length: 1500 }, (_, i) => ({ name: `pkg-${String(i).padStart(4, '0')}`, version: `${i % 7}.0`, source: 'rpm' }));
      await stores.replaceDeviceSoftware(s.tenant, did('sw-2'), big);
      const half = big.filter((_, i) => i % 2 === 0).concat([{ name: 'pkg-new', version: '1', source: 'rpm' }]);
      await stores.replaceDeviceSoftware(s.tenant, did('sw-2'), half);
      const listed = await walk((cursor) => stores.listDeviceSoftware(s.tenant, did('sw-2'), { limit: 500, ...(cursor === undefined ? {} : { cursor }) }));
      expect(listed).toEqual([...half].sort(softwareOrder));
      await stores.replaceDeviceSoftware(s.tenant, did('never-enrolled'), big.slice(0, 3));
      expect((await stores.listDeviceSoftware(s.tenant, did('never-enrolled'), { limit: 10 })).items).toEqual([]);
    });

    it('refuses a malformed cursor or one from another list', async () => {
      const { stores } = s.set;
      const list = (cursor: string) => stores.listDeviceSoftware(s.tenant, did('sw-2'), { limit: 5, cursor });
      await expectInvalidCursor(list('garbage!'));
      await expectInvalidCursor(list(encodeCursor('createdAt', 'desc', { value: 5, id: 'x' })));
      await expectInvalidCursor(list(encodeCursor('name', 'asc', { value: 'pkg', id: 'not json' })));
      await expectInvalidCursor(list(encodeCursor('name', 'asc', { value: 'pkg', id: '["1"]' })));
      await expect(stores.listDeviceSoftware(s.tenant, did('sw-2'), { limit: 0 })).rejects.toThrow(/positive integer/);
    });
  });

  describe('device registry', () => {
    it('binds a hardware id to a device, moves it on a new binding, per tenant', async () => {
      const { stores } = s.set;
      await stores.insertDevice(makeDevice(s.tenant, 'hw-1'));
      await stores.insertDevice(makeDevice(s.tenant, 'hw-2'));
      await stores.insertDevice(makeDevice(s.other, 'hw-9'));
      expect(await stores.findDeviceByHardwareId(s.tenant, 'machine-0001')).toBeUndefined();
      await stores.bindHardwareId(s.tenant, 'machine-0001', did('hw-1'));
      await stores.bindHardwareId(s.other, 'machine-0001', did('hw-9'));
      expect(await stores.findDeviceByHardwareId(s.tenant, 'machine-0001')).toBe('hw-1');
      await stores.bindHardwareId(s.tenant, 'machine-0001', did('hw-1'));
      expect(await stores.findDeviceByHardwareId(s.tenant, 'machine-0001')).toBe('hw-1');
      await stores.bindHardwareId(s.tenant, 'machine-0001', did('hw-2'));
      expect(await stores.findDeviceByHardwareId(s.tenant, 'machine-0001')).toBe('hw-2');
      expect(await stores.findDeviceByHardwareId(s.other, 'machine-0001')).toBe('hw-9');
      // Inside a PostgreSQL transaction the upsert must not abort it.
      await s.set.tx.transaction(async (st) => {
        await st.bindHardwareId(s.tenant, 'machine-0001', did('hw-1'));
        await st.bindHardwareId(s.tenant, 'machine-0002', did('hw-1'));
      });
      expect(await stores.findDeviceByHardwareId(s.tenant, 'machine-0001')).toBe('hw-1');
      expect(await stores.findDeviceByHardwareId(s.tenant, 'machine-0002')).toBe('hw-1');
    });

    it('counts the devices of a user that are not retired', async () => {
      const { stores } = s.set;
      const owner = uid('counted-user');
      await stores.insertDevice(makeDevice(s.tenant, 'cnt-1', { primaryUserId: owner }));
      await stores.insertDevice(makeDevice(s.tenant, 'cnt-2', { primaryUserId: owner, managementState: 'retirePending' }));
      await stores.insertDevice(makeDevice(s.tenant, 'cnt-3', { primaryUserId: owner, managementState: 'retired' }));
      await stores.insertDevice(makeDevice(s.tenant, 'cnt-4', { primaryUserId: uid('someone-else') }));
      await stores.insertDevice(makeDevice(s.other, 'cnt-5', { primaryUserId: owner }));
      expect(await stores.countDevicesOfUser(s.tenant, owner)).toBe(2);
      expect(await stores.countDevicesOfUser(s.other, owner)).toBe(1);
      expect(await stores.countDevicesOfUser(s.tenant, uid('nobody'))).toBe(0);
    });
  });

  describe('enrollment tokens', () => {
    it('round-trips a token with nulls and timestamps, found by id across tenants', async () => {
      const { stores } = s.set;
      const full = makeEnrollmentToken(s.other, 'tok-full', {
        name: 'Lobby kiosks ☃',
        maxUses: null,
        uses: 3,
        ownership: 'personal',
        targetGroupId: 'g-kiosks' as GroupId,
        userId: uid('u-ada'),
        expiresAt: new Date('2030-01-02T03:04:05.678Z'),
        revokedAt: new Date('2024-06-01T00:00:00.001Z'),
        createdAt: new Date('2024-05-01T12:00:00.999Z'),
      });
      const plain = makeEnrollmentToken(s.tenant, 'tok-plain');
      await stores.insertEnrollmentToken(full);
      await stores.insertEnrollmentToken(plain);
      expect(await stores.getEnrollmentToken(full.id)).toEqual(full);
      expect(await stores.getEnrollmentToken(plain.id)).toEqual(plain);
      expect(await stores.getEnrollmentToken(tid('tok-missing'))).toBeUndefined();
    });

    it('counts uses only while the token is valid and has uses left', async () => {
      const { stores } = s.set;
      const expires = at(10_000);
      await stores.insertEnrollmentToken(makeEnrollmentToken(s.tenant, 'tok-once', { maxUses: 1, expiresAt: expires }));
      await stores.insertEnrollmentToken(makeEnrollmentToken(s.tenant, 'tok-three', { maxUses: 3, expiresAt: expires }));
      await stores.insertEnrollmentToken(makeEnrollmentToken(s.tenant, 'tok-any', { maxUses: null, expiresAt: expires }));
      await stores.insertEnrollmentToken(makeEnrollmentToken(s.tenant, 'tok-revoked', { maxUses: null, revokedAt: t0, expiresAt: expires }));
      const consume = (id: string, when = t0, tenant: TenantId = s.tenant) => stores.consumeEnrollmentToken(tenant, tid(id), when);

      expect(await consume('tok-once', t0, s.other)).toBe(false);
      expect(await consume('tok-once')).toBe(true);
      expect(await consume('tok-once')).toBe(false);
      expect((await stores.getEnrollmentToken(tid('tok-once')))?.uses).toBe(1);

      expect([await consume('tok-three'), await consume('tok-three'), await consume('tok-three'), await consume('tok-three')]).toEqual([true, true, true, false]);
      expect((await stores.getEnrollmentToken(tid('tok-three')))?.uses).toBe(3);

      for (let i = 0; i < 5; i++) expect(await consume('tok-any')).toBe(true);
      // Expired at the instant it expires, not a millisecond later.
      expect(await consume('tok-any', new Date(expires.getTime() - 1))).toBe(true);
      expect(await consume('tok-any', expires)).toBe(false);
      expect((await stores.getEnrollmentToken(tid('tok-any')))?.uses).toBe(6);

      expect(await consume('tok-revoked')).toBe(false);
      expect(await consume('tok-missing')).toBe(false);
      expect((await stores.getEnrollmentToken(tid('tok-revoked')))?.uses).toBe(0);
    });

    it('lets exactly one of many concurrent consumers (several connections) have a one-time token', async () => {
      const sets = await moreInstances(3);
      const { stores } = s.set;
      await stores.insertEnrollmentToken(makeEnrollmentToken(s.tenant, 'tok-race', { maxUses: 1 }));
      await stores.insertEnrollmentToken(makeEnrollmentToken(s.tenant, 'tok-race-5', { maxUses: 5 }));
      await stores.insertEnrollmentToken(makeEnrollmentToken(s.tenant, 'tok-race-plain', { maxUses: 1 }));
      // Each consumer in its own transaction, as enrollment does: PostgreSQL holds the winner's row
      // lock until commit, and the others, waiting on it, must then see the token used up.
      const race = async (id: string) => {
        const outcomes = await Promise.all(
          Array.from({ length: 24 }, (_, i) =>
            sets[i % sets.length]!.tx.transaction(async (st) => {
              const won = await st.consumeEnrollmentToken(s.tenant, tid(id), t0);
              await sleep(5);
              return won;
            }),
          ),
        );
        return outcomes.filter(Boolean).length;
      };
      expect(await race('tok-race')).toBe(1);
      expect(await race('tok-race-5')).toBe(5);
      const plain = await Promise.all(Array.from({ length: 24 }, (_, i) => sets[i % sets.length]!.stores.consumeEnrollmentToken(s.tenant, tid('tok-race-plain'), t0)));
      expect(plain.filter(Boolean)).toHaveLength(1);
      expect((await stores.getEnrollmentToken(tid('tok-race')))?.uses).toBe(1);
      expect((await stores.getEnrollmentToken(tid('tok-race-5')))?.uses).toBe(5);
      expect((await stores.getEnrollmentToken(tid('tok-race-plain')))?.uses).toBe(1);
    });

    it('revokes a token once, keeping the first time, within its tenant only', async () => {
      const { stores } = s.set;
      await stores.insertEnrollmentToken(makeEnrollmentToken(s.tenant, 'tok-rev'));
      expect(await stores.revokeEnrollmentToken(s.other, tid('tok-rev'), at(1))).toBe(false);
      expect(await stores.revokeEnrollmentToken(s.tenant, tid('tok-rev'), at(1))).toBe(true);
      expect(await stores.revokeEnrollmentToken(s.tenant, tid('tok-rev'), at(2))).toBe(true);
      expect((await stores.getEnrollmentToken(tid('tok-rev')))?.revokedAt).toEqual(at(1));
      expect(await stores.revokeEnrollmentToken(s.tenant, tid('tok-nope'), at(1))).toBe(false);
      expect(await stores.consumeEnrollmentToken(s.tenant, tid('tok-rev'), t0)).toBe(false);
    });

    it('lists a tenant’s tokens newest first, with cursors through equal creation times', async () => {
      const { stores } = s.set;
      const tenant = 'tenant-tokens' as TenantId;
      await stores.insertTenant({ id: tenant, slug: 'tenant-tokens', name: 'Tokens', createdAt: t0 });
      const tokens = Array.from({ length: 11 }, (_, i) => makeEnrollmentToken(tenant, `lt-${String((i * 7) % 11).padStart(2, '0')}`, { createdAt: at((i % 4) * 1000), maxUses: i % 2 === 0 ? null : i }));
      for (const token of tokens) await stores.insertEnrollmentToken(token);
      const expected = [...tokens].sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || byteCompare(b.id, a.id));
      const listed = await walk((cursor) => stores.listEnrollmentTokens(tenant, { limit: 3, ...(cursor === undefined ? {} : { cursor }) }));
      expect(listed).toEqual(expected);
      const first = await stores.listEnrollmentTokens(tenant, { limit: 11 });
      expect(first).toEqual({ items: expected, nextCursor: null });
      expect((await stores.listEnrollmentTokens('tenant-none' as TenantId, { limit: 5 })).items).toEqual([]);
      await expectInvalidCursor(stores.listEnrollmentTokens(tenant, { limit: 3, cursor: encodeCursor('name', 'asc', { value: 'x', id: 'y' }) }));
    });
  });

  describe('enrollment restrictions', () => {
    it('has none until put, then round-trips JSON, booleans and time, replaced by the next put', async () => {
      const { stores } = s.set;
      expect(await stores.getEnrollmentRestrictions(s.tenant)).toBeUndefined();
      const first: EnrollmentRestrictions = { tenantId: s.tenant, allowedPlatforms: ['linux', 'windows'], minOsVersion: { windows: '10.0.19045', linux: '6.1' }, allowPersonal: false, maxDevicesPerUser: 3, updatedAt: at(5) };
      await stores.putEnrollmentRestrictions(first);
      expect(await stores.getEnrollmentRestrictions(s.tenant)).toEqual(first);
      const second: EnrollmentRestrictions = { tenantId: s.tenant, allowedPlatforms: [], minOsVersion: {}, allowPersonal: true, maxDevicesPerUser: 15, updatedAt: at(6) };
      await s.set.tx.transaction(async (st) => {
        await st.putEnrollmentRestrictions(second);
      });
      expect(await stores.getEnrollmentRestrictions(s.tenant)).toEqual(second);
      expect(await stores.getEnrollmentRestrictions(s.other)).toBeUndefined();
    });
  });

  describe('device identities', () => {
    it('round-trips identities, found by serial across tenants and listed newest first per device', async () => {
      const { stores } = s.set;
      const old = makeIdentity(s.tenant, '0a1b2c', 'id-dev', { createdAt: at(1), notBefore: at(1), notAfter: at(1_000_000) });
      const renewed = makeIdentity(s.tenant, 'ff0011', 'id-dev', { createdAt: at(2), fingerprint: '01:02', state: 'superseded' });
      const revoked = makeIdentity(s.tenant, '00beef', 'id-dev', { createdAt: at(2), state: 'revoked', revokedAt: at(3) });
      const foreign = makeIdentity(s.other, 'abcdef', 'id-dev');
      for (const identity of [old, renewed, revoked, foreign]) await stores.insertDeviceIdentity(identity);
      expect(await stores.getDeviceIdentity('ff0011')).toEqual(renewed);
      expect(await stores.getDeviceIdentity('abcdef')).toEqual(foreign);
      expect(await stores.getDeviceIdentity('missing')).toBeUndefined();
      expect(await stores.listDeviceIdentities(s.tenant, did('id-dev'))).toEqual([renewed, revoked, old]);
      expect(await stores.listDeviceIdentities(s.other, did('id-dev'))).toEqual([foreign]);
      // Serials are unique across tenants.
      await expect(stores.insertDeviceIdentity(makeIdentity(s.other, '0a1b2c', 'x'))).rejects.toThrow();
    });

    it('supersedes active identities, and revokes active and superseded ones with their time', async () => {
      const { stores } = s.set;
      await stores.insertDeviceIdentity(makeIdentity(s.tenant, 'r-01', 'ret-dev', { createdAt: at(1) }));
      await stores.insertDeviceIdentity(makeIdentity(s.tenant, 'r-02', 'other-dev'));
      expect(await stores.retireDeviceIdentities(s.tenant, did('ret-dev'), 'superseded', at(10))).toBe(1);
      expect(await stores.getDeviceIdentity('r-01')).toMatchObject({ state: 'superseded', revokedAt: null });
      await stores.insertDeviceIdentity(makeIdentity(s.tenant, 'r-03', 'ret-dev', { createdAt: at(10) }));
      expect(await stores.retireDeviceIdentities(s.other, did('ret-dev'), 'revoked', at(20))).toBe(0);
      expect(await stores.retireDeviceIdentities(s.tenant, did('ret-dev'), 'revoked', at(20))).toBe(2);
      expect(await stores.getDeviceIdentity('r-03')).toMatchObject({ state: 'revoked', revokedAt: at(20) });
      // A superseded certificate still authenticates until it expires, so revoking takes it too.
      expect(await stores.getDeviceIdentity('r-01')).toMatchObject({ state: 'revoked', revokedAt: at(20) });
      expect(await stores.retireDeviceIdentities(s.tenant, did('ret-dev'), 'revoked', at(30))).toBe(0);
      expect(await stores.getDeviceIdentity('r-03')).toMatchObject({ revokedAt: at(20) });
      expect(await stores.getDeviceIdentity('r-02')).toMatchObject({ state: 'active' });
    });

    it('lists for the CRL the revoked identities of every tenant that have not expired', async () => {
      const { stores } = s.set;
      const before = new Set((await stores.listRevokedIdentities(at(500))).map((r) => r.serialNumber));
      await stores.insertDeviceIdentity(makeIdentity(s.tenant, 'crl-live', 'crl-dev', { state: 'revoked', revokedAt: at(100), notAfter: at(1000) }));
      await stores.insertDeviceIdentity(makeIdentity(s.other, 'crl-other', 'crl-dev', { state: 'revoked', revokedAt: at(200), notAfter: at(5000) }));
      await stores.insertDeviceIdentity(makeIdentity(s.tenant, 'crl-expired', 'crl-dev', { state: 'revoked', revokedAt: at(100), notAfter: at(500) }));
      await stores.insertDeviceIdentity(makeIdentity(s.tenant, 'crl-superseded', 'crl-dev', { state: 'superseded', notAfter: at(5000) }));
      await stores.insertDeviceIdentity(makeIdentity(s.tenant, 'crl-active', 'crl-dev2', { notAfter: at(5000) }));
      const listed = (await stores.listRevokedIdentities(at(500))).filter((r) => !before.has(r.serialNumber));
      expect(listed).toEqual([
        { serialNumber: 'crl-live', revokedAt: at(100) },
        { serialNumber: 'crl-other', revokedAt: at(200) },
      ]);
      expect((await stores.listRevokedIdentities(at(1000))).map((r) => r.serialNumber)).not.toContain('crl-live');
    });
  });
});
