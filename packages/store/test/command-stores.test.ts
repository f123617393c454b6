import { CompiledQuery } from 'kysely';
import { describe, expect, it } from 'vitest';
import { encodeCursor, type WardError, type CommandId, type CommandRecord, type DeviceId, type GroupId, type PendingCommand, type TenantId } from '@ward/core';
import { createStores, type WardStoreSet } from '../src/index.js';
import { at, byteCompare, makeCommand, makeCommandRecord, makeDevice, makeGroup, makeIdentity, makeTenant, t0 } from './support/fixtures.js';
import { useStoreSuite } from './support/store-suite.js';
import { nodeDigests, openTestDatabase, randomIds, sequentialIds, testDialects } from './support/test-database.js';
import { walk } from './support/walk.js';

const did = (s: string) => s as DeviceId;
const cid = (s: string) => s as CommandId;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const ids = (commands: readonly { readonly id: string }[]) => commands.map((c) => c.id);

/** The time the suite's stores revoke a deleted device's certificates at. */
const deletedAt = at(7_777_000);

describe.each(testDialects)('command queue, history and device deletion on %s', (dialect) => {
  const s = useStoreSuite(dialect, { clock: { now: () => deletedAt } });

  const moreInstances = async (n: number): Promise<WardStoreSet[]> => {
    if (dialect === 'sqlite') return [s.set];
    const out: WardStoreSet[] = [];
    for (let i = 0; i < n; i++) out.push(createStores(await s.t.openAnother(), { digests: nodeDigests, ids: randomIds }));
    return out;
  };

  describe('command queue', () => {
    it('round-trips a pending command with its JSON payload, nulls and timestamps', async () => {
      const { stores } = s.set;
      await stores.insertDevice(makeDevice(s.tenant, 'q-dev'));
      await stores.insertDevice(makeDevice(s.other, 'q-dev'));
      const command = makeCommand(s.tenant, 'cmd-round', 'q-dev', {
        type: 'runScript',
        payload: { interpreter: 'bash', script: 'echo "ü ☃"\nexit 3', timeoutSeconds: 60, nested: { list: [1, null, true] } },
        createdAt: new Date('2024-05-01T12:00:00.123Z'),
        expiresAt: new Date('2024-05-04T12:00:00.456Z'),
      });
      await stores.enqueueCommand(command);
      expect(await stores.getPendingCommand(s.tenant, command.id)).toEqual(command);
      expect(await stores.getPendingCommand(s.other, command.id)).toBeUndefined();
      const sent = makeCommand(s.other, 'cmd-round', 'q-dev', { status: 'sent', deliveries: 2, sentAt: at(5) });
      await stores.enqueueCommand(sent);
      expect(await stores.getPendingCommand(s.other, sent.id)).toEqual(sent);
      expect(await stores.listPendingCommands(s.tenant, did('q-dev'))).toEqual([command]);
    });

    it('hands out queued commands oldest first up to the limit, marking them sent', async () => {
      const { stores } = s.set;
      await stores.insertDevice(makeDevice(s.tenant, 't-dev'));
      await stores.insertDevice(makeDevice(s.tenant, 't-dev-2'));
      // Equal creation times are ordered by id.
      const commands = [makeCommand(s.tenant, 'tc-3', 't-dev', { createdAt: at(2) }), makeCommand(s.tenant, 'tc-2', 't-dev', { createdAt: at(1) }), makeCommand(s.tenant, 'tc-1', 't-dev', { createdAt: at(1) }), makeCommand(s.tenant, 'tc-4', 't-dev', { createdAt: at(3) })];
      for (const c of commands) await stores.enqueueCommand(c);
      await stores.enqueueCommand(makeCommand(s.tenant, 'tc-other-device', 't-dev-2'));
      const now = at(60_000);
      const first = await stores.takeCommands(s.tenant, did('t-dev'), now, at(0), 3);
      expect(ids(first)).toEqual(['tc-1', 'tc-2', 'tc-3']);
      expect(first[0]).toEqual({ ...commands[2], status: 'sent', sentAt: now, deliveries: 1 });
      expect(await stores.getPendingCommand(s.tenant, cid('tc-1'))).toEqual(first[0]);
      // Sent ones are not handed out again until their delivery is old enough.
      expect(ids(await stores.takeCommands(s.tenant, did('t-dev'), at(60_001), at(0), 10))).toEqual(['tc-4']);
      expect(await stores.takeCommands(s.tenant, did('t-dev'), at(60_002), now, 10)).toEqual([]);
      const again = await stores.takeCommands(s.tenant, did('t-dev'), at(120_000), new Date(now.getTime() + 1), 10);
      expect(ids(again)).toEqual(['tc-1', 'tc-2', 'tc-3']);
      expect(again.map((c) => [c.deliveries, c.sentAt])).toEqual([
        [2, at(120_000)],
        [2, at(120_000)],
        [2, at(120_000)],
      ]);
      expect(ids(await stores.listPendingCommands(s.tenant, did('t-dev')))).toEqual(['tc-1', 'tc-2', 'tc-3', 'tc-4']);
      expect((await stores.getPendingCommand(s.tenant, cid('tc-other-device')))?.status).toBe('queued');
    });

    it('never hands out a command at or after its expiry', async () => {
      const { stores } = s.set;
      await stores.insertDevice(makeDevice(s.tenant, 'x-dev'));
      await stores.enqueueCommand(makeCommand(s.tenant, 'xc-1', 'x-dev', { expiresAt: at(1000) }));
      await stores.enqueueCommand(makeCommand(s.tenant, 'xc-2', 'x-dev', { expiresAt: at(2000) }));
      expect(ids(await stores.takeCommands(s.tenant, did('x-dev'), at(1000), at(0), 10))).toEqual(['xc-2']);
      expect(await stores.takeCommands(s.tenant, did('x-dev'), at(5000), at(4000), 10)).toEqual([]);
      expect(await stores.takeCommands(s.other, did('x-dev'), at(0), at(0), 10)).toEqual([]);
      await expect(stores.takeCommands(s.tenant, did('x-dev'), at(0), at(0), 0)).rejects.toThrow(/positive integer/);
    });

    it('hands each command to one of several concurrent check-ins, without making them wait', async () => {
      const sets = await moreInstances(2);
      const { stores } = s.set;
      await stores.insertDevice(makeDevice(s.tenant, 'race-dev'));
      for (let i = 0; i < 30; i++) await stores.enqueueCommand(makeCommand(s.tenant, `rc-${String(i).padStart(2, '0')}`, 'race-dev', { createdAt: at(i) }));
      const takers = Array.from({ length: 8 }, (_, i) =>
        sets[i % sets.length]!.tx.transaction(async (st) => {
          const taken = await st.takeCommands(s.tenant, did('race-dev'), at(100_000), at(0), 5);
          await sleep(30);
          return taken;
        }),
      );
      const taken = (await Promise.all(takers)).flat();
      expect(ids(taken).sort()).toEqual(Array.from({ length: 30 }, (_, i) => `rc-${String(i).padStart(2, '0')}`));
      expect(taken.every((c) => c.deliveries === 1)).toBe(true);
    });

    it.runIf(dialect === 'postgres')('skips commands another check-in holds instead of waiting for it (SKIP LOCKED)', async () => {
      const [a, b] = await moreInstances(2);
      await s.set.stores.insertDevice(makeDevice(s.tenant, 'skip-dev'));
      for (let i = 0; i < 4; i++) await s.set.stores.enqueueCommand(makeCommand(s.tenant, `sk-${i}`, 'skip-dev', { createdAt: at(i) }));
      let release!: () => void;
      const held = new Promise<void>((r) => (release = r));
      let tookA: readonly PendingCommand[] = [];
      const first = a!.tx.transaction(async (st) => {
        tookA = await st.takeCommands(s.tenant, did('skip-dev'), at(100_000), at(0), 2);
        await held;
      });
      while (tookA.length === 0) await sleep(5);
      const started = Date.now();
      const tookB = await b!.stores.takeCommands(s.tenant, did('skip-dev'), at(100_000), at(0), 10);
      expect(Date.now() - started).toBeLessThan(1000);
      release();
      await first;
      expect(ids(tookA)).toEqual(['sk-0', 'sk-1']);
      expect(ids(tookB)).toEqual(['sk-2', 'sk-3']);
    });

    it('deletes a pending command once, within its tenant', async () => {
      const { stores } = s.set;
      await stores.insertDevice(makeDevice(s.tenant, 'd-dev'));
      await stores.enqueueCommand(makeCommand(s.tenant, 'dc-1', 'd-dev'));
      expect(await stores.deletePendingCommand(s.other, cid('dc-1'))).toBe(false);
      expect(await stores.deletePendingCommand(s.tenant, cid('dc-1'))).toBe(true);
      expect(await stores.deletePendingCommand(s.tenant, cid('dc-1'))).toBe(false);
      expect(await stores.getPendingCommand(s.tenant, cid('dc-1'))).toBeUndefined();
    });

    it('takes expired commands of every tenant in batches, removing them, and leaves the live ones', async () => {
      const { stores } = s.set;
      // Commands of earlier tests expire later than these (72 h after t0).
      await stores.insertDevice(makeDevice(s.tenant, 'e-dev'));
      await stores.insertDevice(makeDevice(s.other, 'e-dev'));
      await stores.enqueueCommand(makeCommand(s.tenant, 'ex-1', 'e-dev', { expiresAt: at(-3000) }));
      await stores.enqueueCommand(makeCommand(s.other, 'ex-2', 'e-dev', { expiresAt: at(-2000), status: 'sent', sentAt: at(-5000), deliveries: 4 }));
      await stores.enqueueCommand(makeCommand(s.tenant, 'ex-3', 'e-dev', { expiresAt: at(-1000) }));
      await stores.enqueueCommand(makeCommand(s.tenant, 'ex-live', 'e-dev', { expiresAt: at(1) }));
      const batch1 = await stores.takeExpiredCommands(at(-1000), 2);
      expect(batch1.map((c) => [c.tenantId, c.id])).toEqual([
        [s.tenant, 'ex-1'],
        [s.other, 'ex-2'],
      ]);
      expect(batch1[1]).toEqual(makeCommand(s.other, 'ex-2', 'e-dev', { expiresAt: at(-2000), status: 'sent', sentAt: at(-5000), deliveries: 4 }));
      // Expired at the instant it expires.
      expect(ids(await stores.takeExpiredCommands(at(-1000), 2))).toEqual(['ex-3']);
      expect(await stores.takeExpiredCommands(at(0), 10)).toEqual([]);
      expect(await stores.getPendingCommand(s.tenant, cid('ex-1'))).toBeUndefined();
      expect(await stores.getPendingCommand(s.tenant, cid('ex-live'))).toBeDefined();
      await stores.deletePendingCommand(s.tenant, cid('ex-live'));
    });

    it('lets concurrent expiry jobs take disjoint batches', async () => {
      const sets = await moreInstances(2);
      const { stores } = s.set;
      await stores.insertDevice(makeDevice(s.tenant, 'ej-dev'));
      for (let i = 0; i < 40; i++) await stores.enqueueCommand(makeCommand(s.tenant, `ej-${String(i).padStart(2, '0')}`, 'ej-dev', { expiresAt: at(-10_000 + i) }));
      const jobs = Array.from({ length: 6 }, (_, i) =>
        sets[i % sets.length]!.tx.transaction(async (st) => {
          const taken = await st.takeExpiredCommands(at(0), 10);
          await sleep(20);
          return taken;
        }),
      );
      const taken = ids((await Promise.all(jobs)).flat());
      expect(new Set(taken).size).toBe(taken.length);
      expect(taken.sort()).toEqual(Array.from({ length: 40 }, (_, i) => `ej-${String(i).padStart(2, '0')}`));
    });

    it('clears every pending command of a device, returning them oldest first', async () => {
      const { stores } = s.set;
      await stores.insertDevice(makeDevice(s.tenant, 'c-dev'));
      await stores.insertDevice(makeDevice(s.tenant, 'c-dev-2'));
      await stores.enqueueCommand(makeCommand(s.tenant, 'cl-2', 'c-dev', { createdAt: at(2) }));
      await stores.enqueueCommand(makeCommand(s.tenant, 'cl-1', 'c-dev', { createdAt: at(1), status: 'sent', sentAt: at(3), deliveries: 1 }));
      await stores.enqueueCommand(makeCommand(s.tenant, 'cl-keep', 'c-dev-2'));
      const cleared = await stores.clearPendingCommands(s.tenant, did('c-dev'));
      expect(cleared).toEqual([makeCommand(s.tenant, 'cl-1', 'c-dev', { createdAt: at(1), status: 'sent', sentAt: at(3), deliveries: 1 }), makeCommand(s.tenant, 'cl-2', 'c-dev', { createdAt: at(2) })]);
      expect(await stores.listPendingCommands(s.tenant, did('c-dev'))).toEqual([]);
      expect(await stores.clearPendingCommands(s.tenant, did('c-dev'))).toEqual([]);
      expect(ids(await stores.listPendingCommands(s.tenant, did('c-dev-2')))).toEqual(['cl-keep']);
    });

    it('refuses a command for a device that does not exist', async () => {
      await expect(s.set.stores.enqueueCommand(makeCommand(s.tenant, 'orphan', 'no-such-device'))).rejects.toThrow();
    });

    it('enqueues a bulk action’s commands in one call, past one statement’s rows, and finds pending ones of a type across many devices', async () => {
      const { stores, tx } = s.set;
      const devices = Array.from({ length: 230 }, (_, i) => `bulk-${String(i).padStart(3, '0')}`);
      await tx.transaction(async (st) => {
        for (const id of devices) await st.insertDevice(makeDevice(s.tenant, id));
        await st.insertDevice(makeDevice(s.other, 'bulk-000'));
      });
      // Created newest first, so oldest-first order is not insertion order.
      const syncs = devices.map((id, i) => makeCommand(s.tenant, `bs-${id}`, id, { createdAt: at(10_000 - i) }));
      await stores.enqueueCommands(syncs);
      await stores.enqueueCommands([]);
      await stores.enqueueCommands([makeCommand(s.tenant, 'bl-1', 'bulk-001', { type: 'lock', createdAt: at(5) }), makeCommand(s.other, 'bs-other', 'bulk-000')]);
      expect(await stores.getPendingCommand(s.tenant, cid('bs-bulk-229'))).toEqual(syncs[229]);

      // 630 ids: more than one IN list, most of them naming no device.
      const asked = [...devices, ...Array.from({ length: 400 }, (_, i) => `bulk-missing-${i}`)].map(did);
      const pendingSyncs = await stores.listPendingCommandsOfType(s.tenant, 'sync', asked);
      expect(ids(pendingSyncs)).toEqual([...syncs].reverse().map((c) => c.id));
      expect(ids(await stores.listPendingCommandsOfType(s.tenant, 'lock', asked))).toEqual(['bl-1']);
      expect(await stores.listPendingCommandsOfType(s.tenant, 'restart', asked)).toEqual([]);
      expect(ids(await stores.listPendingCommandsOfType(s.other, 'sync', asked))).toEqual(['bs-other']);
      expect(await stores.listPendingCommandsOfType(s.tenant, 'sync', [])).toEqual([]);

      // In a transaction, one bad command (no such device) undoes the whole bulk, earlier statements included.
      const bad = [...devices.map((id) => makeCommand(s.tenant, `bad-${id}`, id)), makeCommand(s.tenant, 'bad-orphan', 'no-such-device')];
      await expect(tx.transaction((st) => st.enqueueCommands(bad))).rejects.toThrow();
      expect(await stores.getPendingCommand(s.tenant, cid('bad-bulk-000'))).toBeUndefined();
      for (const id of devices) await stores.clearPendingCommands(s.tenant, did(id));
      await stores.clearPendingCommands(s.other, did('bulk-000'));
    });
  });

  describe('command history', () => {
    it('round-trips records, JSON results and null results', async () => {
      const { stores } = s.set;
      await stores.insertDevice(makeDevice(s.tenant, 'h-dev'));
      await stores.insertDevice(makeDevice(s.other, 'h-dev'));
      const done = makeCommandRecord(s.tenant, 'hr-1', 'h-dev', { type: 'runScript', status: 'failed', result: { exitCode: 3, output: 'ü ☃\n', outputTruncated: true, nested: [1, null] }, createdAt: at(1), completedAt: at(2) });
      const expired = makeCommandRecord(s.tenant, 'hr-2', 'h-dev', { status: 'expired', result: null });
      expect(await stores.insertCommandRecord(done)).toBe(true);
      expect(await stores.insertCommandRecord(expired)).toBe(true);
      expect(await stores.getCommandRecord(s.tenant, done.id)).toEqual(done);
      expect(await stores.getCommandRecord(s.tenant, expired.id)).toEqual(expired);
      expect(await stores.getCommandRecord(s.other, done.id)).toBeUndefined();
    });

    it('drops a record whose id exists with false, keeping a PostgreSQL transaction usable', async () => {
      const { stores, tx } = s.set;
      const again = makeCommandRecord(s.tenant, 'hr-1', 'h-dev', { status: 'succeeded' });
      expect(await stores.insertCommandRecord(again)).toBe(false);
      const outcome = await tx.transaction(async (st) => [await st.insertCommandRecord(again), await st.insertCommandRecord(makeCommandRecord(s.tenant, 'hr-3', 'h-dev')), await st.insertCommandRecord(makeCommandRecord(s.other, 'hr-1', 'h-dev'))]);
      expect(outcome).toEqual([false, true, true]);
      expect((await stores.getCommandRecord(s.tenant, cid('hr-1')))?.status).toBe('failed');
      expect(await stores.getCommandRecord(s.tenant, cid('hr-3'))).toBeDefined();
    });

    it('lists a device’s records newest first, with cursors through equal completion times', async () => {
      const { stores } = s.set;
      await stores.insertDevice(makeDevice(s.tenant, 'hl-dev'));
      await stores.insertDevice(makeDevice(s.tenant, 'hl-dev-2'));
      const records: CommandRecord[] = Array.from({ length: 13 }, (_, i) => makeCommandRecord(s.tenant, `hl-${String((i * 5) % 13).padStart(2, '0')}`, 'hl-dev', { completedAt: at((i % 4) * 1000) }));
      for (const r of records) await stores.insertCommandRecord(r);
      await stores.insertCommandRecord(makeCommandRecord(s.tenant, 'hl-elsewhere', 'hl-dev-2'));
      const expected = [...records].sort((a, b) => b.completedAt.getTime() - a.completedAt.getTime() || byteCompare(b.id, a.id));
      expect(await walk((cursor) => stores.listCommandRecords(s.tenant, did('hl-dev'), { limit: 4, ...(cursor === undefined ? {} : { cursor }) }))).toEqual(expected);
      expect(await stores.listCommandRecords(s.tenant, did('hl-dev'), { limit: 13 })).toEqual({ items: expected, nextCursor: null });
      const error: unknown = await stores.listCommandRecords(s.tenant, did('hl-dev'), { limit: 4, cursor: encodeCursor('completedAt', 'asc', { value: 1, id: 'x' }) }).catch((e: unknown) => e);
      expect((error as WardError).code).toBe('INVALID_CURSOR');
    });
  });

  describe('what the check-in path writes', () => {
    it('takes nothing with no statement but one read when no command is due, and touches only the last-seen columns', async () => {
      const statements: string[] = [];
      const t = await openTestDatabase(dialect, { onQuery: (event) => statements.push(event.query.sql.toLowerCase()) });
      try {
        const { stores } = createStores(t.database, { digests: nodeDigests, ids: randomIds });
        await stores.insertTenant(makeTenant('tenant-q'));
        const tenant = makeTenant('tenant-q').id;
        await stores.insertDevice(makeDevice(tenant, 'quiet', { facts: { osVersion: '1' } }));
        // Not due: sent a moment ago, and expired.
        await stores.enqueueCommand(makeCommand(tenant, 'q-sent', 'quiet', { status: 'sent', sentAt: at(50_000) }));
        await stores.enqueueCommand(makeCommand(tenant, 'q-expired', 'quiet', { expiresAt: at(1_000) }));
        statements.length = 0;
        expect(await stores.takeCommands(tenant, did('quiet'), at(60_000), at(40_000), 20)).toEqual([]);
        expect(statements).toHaveLength(1);
        expect(statements[0]).toMatch(/^select /);
        expect((await stores.getPendingCommand(tenant, cid('q-sent')))?.deliveries).toBe(0);

        statements.length = 0;
        await stores.touchDevice(tenant, did('quiet'), at(70_000));
        expect(statements).toHaveLength(1);
        const touch = statements[0] ?? '';
        expect(touch).toMatch(/^update "devices" set /);
        const assigned = [...touch.slice(0, touch.indexOf(' where ')).matchAll(/"(\w+)" = /g)].map((m) => m[1]);
        expect(assigned).toEqual(['last_seen_at', 'last_seen_key']);
      } finally {
        await t.dispose();
      }
    });
  });

  describe('deleting a device', () => {
    it('removes its software, hardware ids, pending commands and history, and revokes its certificates', async () => {
      const { stores } = s.set;
      const tenant: TenantId = s.tenant;
      await stores.insertDevice(makeDevice(tenant, 'gone'));
      await stores.insertDevice(makeDevice(tenant, 'stays'));
      await stores.insertGroup(makeGroup(tenant, 'g-gone'));
      await stores.addMembers(tenant, 'g-gone' as GroupId, [{ memberType: 'device', memberId: 'gone' }], t0);
      for (const id of ['gone', 'stays']) {
        await stores.replaceDeviceSoftware(tenant, did(id), [{ name: 'vim', version: '9', source: 'dpkg' }]);
        await stores.bindHardwareId(tenant, `hw-of-${id}-0001`, did(id));
        await stores.enqueueCommand(makeCommand(tenant, `cmd-of-${id}`, id));
        await stores.insertCommandRecord(makeCommandRecord(tenant, `rec-of-${id}`, id));
        await stores.insertDeviceIdentity(makeIdentity(tenant, `act-${id}`, id));
      }
      await stores.insertDeviceIdentity(makeIdentity(tenant, 'sup-gone', 'gone', { state: 'superseded' }));
      await stores.insertDeviceIdentity(makeIdentity(tenant, 'rev-gone', 'gone', { state: 'revoked', revokedAt: at(5) }));
      await stores.insertDeviceIdentity(makeIdentity(tenant, 'old-gone', 'gone', { state: 'superseded', notAfter: at(-1) }));

      // Rolled back with the transaction it runs in.
      await s.set.tx.transaction(async (st) => {
        await st.deleteDevice(tenant, did('gone'));
        throw new Error('undo');
      }).catch(() => undefined);
      expect(await stores.findDeviceByHardwareId(tenant, 'hw-of-gone-0001')).toBe('gone');
      expect((await stores.getDeviceIdentity('act-gone'))?.state).toBe('active');

      await stores.deleteDevice(tenant, did('gone'));
      expect(await stores.getDevice(tenant, did('gone'))).toBeUndefined();
      expect((await stores.listDeviceSoftware(tenant, did('gone'), { limit: 10 })).items).toEqual([]);
      expect(await stores.findDeviceByHardwareId(tenant, 'hw-of-gone-0001')).toBeUndefined();
      expect(await stores.listPendingCommands(tenant, did('gone'))).toEqual([]);
      expect(await stores.getPendingCommand(tenant, cid('cmd-of-gone'))).toBeUndefined();
      // History goes with the record (the audit trail keeps what was asked and how it ended).
      expect(await stores.getCommandRecord(tenant, cid('rec-of-gone'))).toBeUndefined();
      expect((await stores.listCommandRecords(tenant, did('gone'), { limit: 10 })).items).toEqual([]);
      // Certificates stay, revoked: active and superseded ones now, an already revoked one as it was.
      const identities = Object.fromEntries((await stores.listDeviceIdentities(tenant, did('gone'))).map((i) => [i.serialNumber, [i.state, i.revokedAt]]));
      expect(identities).toEqual({ 'act-gone': ['revoked', deletedAt], 'sup-gone': ['revoked', deletedAt], 'rev-gone': ['revoked', at(5)], 'old-gone': ['revoked', deletedAt] });
      const crl = (await stores.listRevokedIdentities(at(0))).map((r) => r.serialNumber);
      expect(crl).toEqual(expect.arrayContaining(['act-gone', 'sup-gone', 'rev-gone']));
      expect(crl).not.toContain('old-gone');
      expect(await stores.groupsOfMember(tenant, { memberType: 'device', memberId: 'gone' })).toEqual([]);

      // The other device keeps everything.
      expect((await stores.listDeviceSoftware(tenant, did('stays'), { limit: 10 })).items).toHaveLength(1);
      expect(await stores.findDeviceByHardwareId(tenant, 'hw-of-stays-0001')).toBe('stays');
      expect(ids(await stores.listPendingCommands(tenant, did('stays')))).toEqual(['cmd-of-stays']);
      expect(await stores.getCommandRecord(tenant, cid('rec-of-stays'))).toBeDefined();
      expect((await stores.getDeviceIdentity('act-stays'))?.state).toBe('active');
    });
  });
});

// A check-in must reach its device's commands through the device's index, whatever else is queued.
// SQLite keeps no statistics by default, and once chose the report index (tenant_id, type,
// expires_at) for the due-command statements: every check-in during a "sync all" of 10,000
// devices then read all 10,000 queued syncs. PostgreSQL plans by its statistics, so only SQLite's
// fixed plans are pinned here.
describe('the check-in statements of the command queue on sqlite', () => {
  it('search device_commands by tenant and device, never by the report index or a scan', async () => {
    const statements: CompiledQuery[] = [];
    let recording = false;
    const t = await openTestDatabase('sqlite', { onQuery: (event) => { if (recording) statements.push(event.query); } });
    try {
      const { stores } = createStores(t.database, { digests: nodeDigests, ids: sequentialIds() });
      const tenant = makeTenant('plan-tenant');
      await stores.insertTenant(tenant);
      const commands: PendingCommand[] = [];
      for (let i = 0; i < 200; i++) {
        await stores.insertDevice(makeDevice(tenant.id, `plan-dev-${i}`));
        commands.push(makeCommand(tenant.id, `plan-sync-${i}`, `plan-dev-${i}`, { type: 'sync', expiresAt: at(10_000_000) }));
      }
      commands.push(makeCommand(tenant.id, 'plan-lock', 'plan-dev-7', { type: 'lock', expiresAt: at(10_000_000) }));
      await stores.enqueueCommands(commands);

      recording = true;
      // A device with a sync and another command due, one with only a sync, one with nothing due.
      const taken = await stores.takeCommands(tenant.id, did('plan-dev-7'), at(1000), at(0), 20, 'sync');
      expect(ids(taken).sort()).toEqual(['plan-lock', 'plan-sync-7']);
      expect(ids(await stores.takeCommands(tenant.id, did('plan-dev-8'), at(1000), at(0), 20, 'sync'))).toEqual(['plan-sync-8']);
      expect(await stores.takeCommands(tenant.id, did('plan-dev-7'), at(1000), at(0), 20, 'sync')).toEqual([]);
      recording = false;

      const queueStatements = statements.filter((q) => q.sql.includes('"device_commands"'));
      // The read of due types, the delete of the syncs, the update of the others (twice the read besides).
      expect(queueStatements.length).toBeGreaterThanOrEqual(5);
      for (const query of queueStatements) {
        const explained = await t.database.db.executeQuery<{ detail: string }>(CompiledQuery.raw(`explain query plan ${query.sql}`, [...query.parameters]));
        const plan = explained.rows.map((row) => row.detail).join('\n');
        expect(plan, query.sql).not.toMatch(/device_commands_pending_idx|device_commands_expires_at_idx/);
        expect(plan, query.sql).not.toMatch(/\bSCAN device_commands\b/);
        expect(plan, query.sql).toMatch(/device_commands_device_idx \(tenant_id=\? AND device_id=\?\)|sqlite_autoindex_device_commands_1 \(tenant_id=\? AND id=\?\)/);
      }
    } finally {
      await t.dispose();
    }
  });
});
