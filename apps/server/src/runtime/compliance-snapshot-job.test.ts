import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ensureTenant, recordComplianceSnapshotsJobKind, type Clock } from '@ward/core';
import { createStores, JobRunner, migrateToLatest, openDatabase, type WardDatabase } from '@ward/store';
import { nodeDigests } from '../adapters/node-digests.js';
import { createUuidV7Ids } from '../adapters/uuid-v7-ids.js';
import { createLogger } from '../logging/create-logger.js';
import { createMetrics } from '../metrics/create-metrics.js';
import { registerComplianceSnapshotJob, scheduleComplianceSnapshots } from './compliance-snapshot-job.js';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A server process: its own connection to the (migrated) database file and its own runner. */
async function startNode(path: string, clock: Clock, errors: unknown[]): Promise<{ stop(): Promise<void> }> {
  const database = openDatabase({ sqlitePath: path });
  cleanups.push(() => database.close());
  const ids = createUuidV7Ids(() => clock.now().getTime());
  const { stores } = createStores(database, { digests: nodeDigests, ids, clock });
  const runner = new JobRunner(database, { ids, clock, pollIntervalMs: 20, onError: (error) => errors.push(error) });
  const logger = createLogger({ level: 'silent', format: 'json' });
  registerComplianceSnapshotJob(runner, { clock, stores }, { metrics: createMetrics(), logger });
  await scheduleComplianceSnapshots(runner, stores);
  runner.start();
  cleanups.push(() => runner.stop());
  return { stop: () => runner.stop() };
}

/** Jobs of the snapshot kind still waiting or running (a finished job is deleted). */
async function snapshotJobsLeft(database: WardDatabase): Promise<number> {
  return (await database.db.selectFrom('jobs').select('id').where('kind', '=', recordComplianceSnapshotsJobKind).execute()).length;
}

describe('the daily compliance snapshot job', () => {
  it('records the day at start, writes nothing on a restart the same day, and records a new day at a restart before the next tick', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ward-snapshot-'));
    cleanups.push(() => { rmSync(dir, { recursive: true, force: true }); return Promise.resolve(); });
    const path = join(dir, 'ward.db');
    let now = new Date('2026-01-15T23:50:00.000Z');
    const clock: Clock = { now: () => now };
    const database = openDatabase({ sqlitePath: path });
    cleanups.push(() => database.close());
    await migrateToLatest(database);
    const { stores, tx } = createStores(database, { digests: nodeDigests, ids: createUuidV7Ids(), clock });
    const tenant = await ensureTenant({ clock, ids: createUuidV7Ids(), digests: nodeDigests, stores, tx });
    const series = async () => (await stores.listComplianceSnapshots(tenant.id, { policyId: null, fromDay: '2026-01-01', toDay: '2026-01-31' })).map((r) => [r.day, r.recordedAt.toISOString()]);
    const errors: unknown[] = [];
    const runOnce = async () => {
      const node = await startNode(path, clock, errors);
      await expect.poll(() => snapshotJobsLeft(database), { timeout: 20_000 }).toBe(0);
      await node.stop();
    };

    await runOnce();
    expect(await series()).toEqual([['2026-01-15', '2026-01-15T23:50:00.000Z']]);
    now = new Date('2026-01-15T23:55:00.000Z');
    await runOnce();
    expect(await series()).toEqual([['2026-01-15', '2026-01-15T23:50:00.000Z']]);
    // The hourly tick is next due at 00:50; the run asked for at start records the new day now.
    now = new Date('2026-01-16T00:10:00.000Z');
    await runOnce();
    expect(await series()).toEqual([['2026-01-15', '2026-01-15T23:50:00.000Z'], ['2026-01-16', '2026-01-16T00:10:00.000Z']]);
    expect(errors).toEqual([]);
  });
});
