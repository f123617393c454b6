import { describe, expect, it } from 'vitest';
import {
  authenticateDevice,
  checkInDevice,
  requestDeviceAction,
  systemPrincipal,
  type Clock,
  type CommandId,
  type CommandSigner,
  type DeviceId,
  type DeviceSession,
  type PendingCommand,
} from '@ward/core';
import { createStores, type Dialect, type WardStoreSet } from '../src/index.js';
import { at, makeCommand, makeDevice, makeIdentity, makeTenant } from './support/fixtures.js';
import { nodeDigests, openTestDatabase, sequentialIds, testDialects, type TestDatabase } from './support/test-database.js';

const did = (s: string) => s as DeviceId;
const cid = (s: string) => s as CommandId;
const ids = (commands: readonly PendingCommand[]) => commands.map((c) => c.id);

/** Statements that only open, close or nest transactions. */
const control = /^(begin|commit|rollback|savepoint|release)\b/;

/** `verb table` of a statement, e.g. `select devices`, so a failing count reads as a list. */
function shape(statement: string): string {
  if (statement.includes('pg_notify(')) return 'notify';
  // PostgreSQL's take is an UPDATE over a locked CTE.
  const verb = statement.startsWith('with ') ? (/\)\s*(update|delete|insert|select)\b/.exec(statement)?.[1] ?? 'with') : (/^\w+/.exec(statement)?.[0] ?? '?');
  const table = /\b(?:from|into|update)\s+"(\w+)"/.exec(statement)?.[1] ?? '?';
  return `${verb} ${table}`;
}

/** A sync is never sent to a device, so queueing one must not sign anything. */
const refusingSigner: CommandSigner = {
  sign: () => Promise.reject(new Error('a sync needs no signature')),
};

interface Fleet {
  readonly t: TestDatabase;
  readonly set: WardStoreSet;
  readonly statements: string[];
  readonly deps: { clock: Clock; ids: ReturnType<typeof sequentialIds>; digests: typeof nodeDigests; stores: WardStoreSet['stores']; tx: WardStoreSet['tx'] };
  readonly sessions: readonly DeviceSession[];
}

const tenantId = makeTenant('tenant-sync').id;
const origin = { via: 'agent' as const, ip: '127.0.0.1' };
const clock: Clock = { now: () => at(3_600_000) };

/** A database with `size` enrolled devices that have checked in once (so the next check-in is not a first one). */
async function openFleet(dialect: Dialect, size: number): Promise<Fleet> {
  const statements: string[] = [];
  const t = await openTestDatabase(dialect, { onQuery: (event) => statements.push(event.query.sql.toLowerCase()) });
  const idSource = sequentialIds('0190b000-0000-7000-8000');
  const set = createStores(t.database, { digests: nodeDigests, ids: idSource, clock });
  const deps = { clock, ids: idSource, digests: nodeDigests, stores: set.stores, tx: set.tx };
  await set.stores.insertTenant(makeTenant('tenant-sync'));
  const sessions: DeviceSession[] = [];
  for (let i = 0; i < size; i++) {
    const deviceId = `sync-${String(i).padStart(3, '0')}`;
    await set.stores.insertDevice(makeDevice(tenantId, deviceId, { platform: 'linux', facts: { osVersion: '24.04', agentVersion: '1.0.0' } }));
    await set.stores.insertDeviceIdentity(makeIdentity(tenantId, `5e${String(i).padStart(4, '0')}`, deviceId, { fingerprint: `fp-${deviceId}` }));
    const session = await authenticateDevice(deps, { serialNumber: `5e${String(i).padStart(4, '0')}`, fingerprint: `fp-${deviceId}` }, origin);
    if (!session.ok) throw new Error(session.message);
    const first = await checkInDevice(deps, session.value, { agentVersion: '1.0.0', results: [] });
    if (!first.ok) throw new Error(first.message);
    sessions.push(session.value);
  }
  return { t, set, statements, deps, sessions };
}

/** One check-in as the push socket runs it: authenticate the certificate, then check in. */
async function checkIn(fleet: Fleet, session: DeviceSession): Promise<readonly PendingCommand[]> {
  const authenticated = await authenticateDevice(fleet.deps, { serialNumber: session.identity.serialNumber, fingerprint: session.identity.fingerprint }, origin);
  if (!authenticated.ok) throw new Error(authenticated.message);
  const outcome = await checkInDevice(fleet.deps, authenticated.value, { agentVersion: '1.0.0', results: [] });
  if (!outcome.ok) throw new Error(outcome.message);
  return outcome.value.commands;
}

describe.each(testDialects)('a check-in that fulfils a sync, on %s', (dialect) => {
  it('takes due commands of the fulfilled type out of the queue in one statement and hands out the others', async () => {
    const fleet = await openFleet(dialect, 1);
    try {
      const { stores } = fleet.set;
      const device = did('sync-000');
      await stores.insertDevice(makeDevice(tenantId, 'sync-other'));
      await stores.enqueueCommand(makeCommand(tenantId, 'f-sync', device, { createdAt: at(1) }));
      await stores.enqueueCommand(makeCommand(tenantId, 'f-script', device, { type: 'runScript', createdAt: at(2) }));
      await stores.enqueueCommand(makeCommand(tenantId, 'f-expired', device, { createdAt: at(3), expiresAt: at(10_000) }));
      // Sent a moment ago: not due again yet, so not taken either way.
      await stores.enqueueCommand(makeCommand(tenantId, 'f-sent', device, { createdAt: at(4), status: 'sent', sentAt: at(55_000) }));
      await stores.enqueueCommand(makeCommand(tenantId, 'f-elsewhere', 'sync-other', { createdAt: at(5) }));

      fleet.statements.length = 0;
      const taken = await stores.takeCommands(tenantId, device, at(60_000), at(50_000), 20, 'sync');
      expect(fleet.statements.map(shape)).toEqual(['select device_commands', 'delete device_commands', 'update device_commands']);
      expect(ids(taken)).toEqual(['f-sync', 'f-script']);
      // The fulfilled one comes back as it was queued; the other is marked sent.
      expect(taken[0]).toMatchObject({ status: 'queued', deliveries: 0, sentAt: null });
      expect(taken[1]).toMatchObject({ status: 'sent', deliveries: 1, sentAt: at(60_000) });
      expect(await stores.getPendingCommand(tenantId, cid('f-sync'))).toBeUndefined();
      expect(ids(await stores.listPendingCommands(tenantId, device))).toEqual(['f-script', 'f-expired', 'f-sent']);
      expect(ids(await stores.listPendingCommands(tenantId, did('sync-other')))).toEqual(['f-elsewhere']);

      // Only a fulfilled type due: no UPDATE. Nothing due: the one read alone.
      await stores.enqueueCommand(makeCommand(tenantId, 'f-sync-2', device, { createdAt: at(6) }));
      fleet.statements.length = 0;
      expect(ids(await stores.takeCommands(tenantId, device, at(61_000), at(50_000), 20, 'sync'))).toEqual(['f-sync-2']);
      expect(fleet.statements.map(shape)).toEqual(['select device_commands', 'delete device_commands']);
      fleet.statements.length = 0;
      expect(await stores.takeCommands(tenantId, device, at(62_000), at(50_000), 20, 'sync')).toEqual([]);
      expect(fleet.statements.map(shape)).toEqual(['select device_commands']);
      // Without a fulfilled type a sync is handed out like any command.
      await stores.enqueueCommand(makeCommand(tenantId, 'f-sync-3', device, { createdAt: at(7) }));
      const handed = await stores.takeCommands(tenantId, device, at(63_000), at(50_000), 20);
      expect(handed.map((c) => [c.id, c.status])).toEqual([['f-sync-3', 'sent']]);
    } finally {
      await fleet.t.dispose();
    }
  });

  it('costs two reads to authenticate and seven statements in its transaction, and is not signed or audited', async () => {
    const fleet = await openFleet(dialect, 3);
    try {
      const admin = systemPrincipal(tenantId, 'cli');
      const deviceIds = fleet.sessions.map((s) => s.device.id);
      const auditBefore = (await fleet.set.stores.readAuditHead(tenantId))?.seq ?? 0;
      const requested = await requestDeviceAction({ ...fleet.deps, signer: refusingSigner }, admin, { deviceIds, type: 'sync' });
      expect(requested.ok && requested.value.map((o) => o.status)).toEqual(['queued', 'queued', 'queued']);
      // The request is audited, once per device.
      expect(((await fleet.set.stores.readAuditHead(tenantId))?.seq ?? 0) - auditBefore).toBe(3);

      for (const session of fleet.sessions) {
        fleet.statements.length = 0;
        expect(await checkIn(fleet, session)).toEqual([]);
        const work = fleet.statements.filter((s) => !control.test(s));
        // Before: fifteen on SQLite (the sync marked sent, read again, deleted, and its completion
        // audited in three more), and BEGIN and COMMIT each time.
        expect(work.map(shape)).toEqual([
          'select device_identities',
          'select devices',
          'select devices',
          'update devices',
          'select device_profile_states',
          'select device_app_states',
          'select device_commands',
          'delete device_commands',
          'insert command_history',
          // PostgreSQL tells other servers of the completion in the transaction; SQLite has no others.
          ...(dialect === 'postgres' ? ['notify'] : []),
        ]);
      }
      expect(((await fleet.set.stores.readAuditHead(tenantId))?.seq ?? 0) - auditBefore).toBe(3);
      for (const deviceId of deviceIds) {
        const history = await fleet.set.stores.listCommandRecords(tenantId, deviceId, { limit: 5 });
        expect(history.items.map((r) => [r.type, r.status, r.completedAt])).toEqual([['sync', 'succeeded', clock.now()]]);
        expect(await fleet.set.stores.listPendingCommands(tenantId, deviceId)).toEqual([]);
      }
      // An idle check-in afterwards: no write but the last-seen time.
      fleet.statements.length = 0;
      await checkIn(fleet, fleet.sessions[0]!);
      expect(fleet.statements.filter((s) => !control.test(s)).map(shape)).toEqual(['select device_identities', 'select devices', 'select devices', 'update devices', 'select device_profile_states', 'select device_app_states', 'select device_commands']);
    } finally {
      await fleet.t.dispose();
    }
  });

  it.runIf(dialect === 'sqlite')('shares one COMMIT among check-ins that arrive together', async () => {
    const fleet = await openFleet(dialect, 24);
    try {
      const requested = await requestDeviceAction({ ...fleet.deps, signer: refusingSigner }, systemPrincipal(tenantId, 'cli'), { deviceIds: fleet.sessions.map((s) => s.device.id), type: 'sync' });
      expect(requested.ok).toBe(true);
      fleet.statements.length = 0;
      const answers = await Promise.all(fleet.sessions.map((session) => checkIn(fleet, session)));
      expect(answers.every((commands) => commands.length === 0)).toBe(true);
      const count = (pattern: RegExp) => fleet.statements.filter((s) => pattern.test(s)).length;
      expect(count(/^begin/)).toBe(1);
      expect(count(/^commit/)).toBe(1);
      expect(count(/^savepoint/)).toBe(24);
      expect(count(/^insert into "command_history"/)).toBe(24);
      for (const session of fleet.sessions) expect(await fleet.set.stores.listPendingCommands(tenantId, session.device.id)).toEqual([]);
    } finally {
      await fleet.t.dispose();
    }
  });
});
