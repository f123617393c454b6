import { afterEach, describe, expect, it } from 'vitest';
import { allTenants, createStores, JobRunner, type ClaimedJob, type JobRunnerOptions, type WardDatabase } from '../src/index.js';
import { useStoreSuite } from './support/store-suite.js';
import { nodeDigests, randomIds, testDialects } from './support/test-database.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until(condition: () => boolean | Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await sleep(10);
  }
}

describe.each(testDialects)('jobs on %s', (dialect) => {
  const s = useStoreSuite(dialect);
  const runners: JobRunner[] = [];
  const extra: WardDatabase[] = [];
  afterEach(async () => {
    for (const r of runners.splice(0)) await r.stop();
    for (const d of extra.splice(0)) await d.close();
    await s.t.database.db.deleteFrom('jobs').execute();
    await s.t.database.db.deleteFrom('job_schedules').execute();
  });

  const runner = (database: WardDatabase, options: Partial<JobRunnerOptions> = {}): JobRunner => {
    const r = new JobRunner(database, { ids: randomIds, pollIntervalMs: 50, retryBaseMs: 20, ...options });
    runners.push(r);
    return r;
  };
  /** A second instance: its own pool and listener on PostgreSQL; the same instance on SQLite, whose file a process opens once. */
  const secondInstance = async (): Promise<WardDatabase> => {
    if (dialect === 'sqlite') return s.t.database;
    const d = await s.t.openAnother();
    extra.push(d);
    return d;
  };
  const jobRows = (kind: string) => s.t.database.db.selectFrom('jobs').selectAll().where('kind', '=', kind).execute();

  it('runs each of 200 jobs exactly once across two runners', async () => {
    const second = await secondInstance();
    for (let i = 0; i < 200; i++) await s.set.stores.enqueue({ kind: 'bulk', tenantId: s.tenant, payload: { i } });
    const runs = new Map<string, number>();
    const byRunner = [0, 0];
    const handler = (which: 0 | 1) => async (job: ClaimedJob) => {
      runs.set(job.id, (runs.get(job.id) ?? 0) + 1);
      byRunner[which]! += 1;
      await sleep(Math.random() * 3);
    };
    runner(s.t.database, { concurrency: 8 }).register('bulk', handler(0)).start();
    runner(second, { concurrency: 8 }).register('bulk', handler(1)).start();
    await until(() => runs.size === 200);
    await until(async () => (await jobRows('bulk')).length === 0);
    expect([...runs.values()].every((n) => n === 1)).toBe(true);
    expect(runs.size).toBe(200);
    // Both took part: the claims really competed.
    expect(byRunner[0]).toBeGreaterThan(0);
    expect(byRunner[1]).toBeGreaterThan(0);
  });

  it('retries a failing job with backoff, recording the last error, until it succeeds', async () => {
    const attempts: number[] = [];
    const r = runner(s.t.database, { onError: () => undefined }).register('flaky', async (job) => {
      attempts.push(job.attempt);
      if (job.attempt < 3) throw new Error(`boom ${job.attempt}`);
      await Promise.resolve();
    }, { maxAttempts: 5 });
    await s.set.stores.enqueue({ kind: 'flaky', tenantId: s.tenant, payload: {} });
    r.start();
    await until(() => attempts.length >= 1);
    await until(async () => (await jobRows('flaky'))[0]?.state === 'waiting' || attempts.length >= 3);
    if (attempts.length < 3) {
      const [row] = await jobRows('flaky');
      expect(row?.last_error).toMatch(/^boom [12]$/);
    }
    await until(async () => attempts.length === 3 && (await jobRows('flaky')).length === 0);
    expect(attempts).toEqual([1, 2, 3]);
  });

  it('gives up after the kind\'s attempts and keeps the job as failed with its error', async () => {
    let runs = 0;
    runner(s.t.database, { onError: () => undefined })
      .register('doomed', async () => {
        runs++;
        await Promise.resolve();
        throw new Error(`attempt ${runs} failed`);
      }, { maxAttempts: 2 })
      .start();
    await s.set.stores.enqueue({ kind: 'doomed', tenantId: s.tenant, payload: {} });
    await until(async () => (await jobRows('doomed'))[0]?.state === 'failed');
    const [row] = await jobRows('doomed');
    expect(row).toMatchObject({ state: 'failed', attempts: 2, last_error: 'attempt 2 failed', locked_by: null });
    await sleep(100);
    expect(runs).toBe(2);
  });

  it('takes over a job whose worker died once its lease expires', async () => {
    const codec = (d: Date) => (dialect === 'sqlite' ? d.getTime() : d);
    const { db } = s.t.database;
    const row = (id: string, attempts: number) => ({
      tenant_id: s.tenant,
      id,
      kind: 'orphan',
      state: 'running',
      unique_key: null,
      run_at: codec(new Date(Date.now() - 60_000)),
      attempts,
      locked_by: 'dead-worker',
      locked_until: codec(new Date(Date.now() - 1000)),
      last_error: null,
      created_at: codec(new Date()),
      payload: '{"x":1}',
    });
    await db.insertInto('jobs').values([row('orphan-1', 1), row('orphan-2', 3)]).execute();
    // Still leased: not taken.
    await db.insertInto('jobs').values({ ...row('leased', 1), locked_until: codec(new Date(Date.now() + 60_000)) }).execute();
    const seen: ClaimedJob[] = [];
    runner(s.t.database).register('orphan', async (job) => {
      seen.push(job);
      await Promise.resolve();
    }, { maxAttempts: 3 }).start();
    await until(async () => (await jobRows('orphan')).length === 2);
    await sleep(100);
    expect(seen.map((j) => [j.id, j.attempt, j.payload])).toEqual([['orphan-1', 2, { x: 1 }]]);
    const rows = await jobRows('orphan');
    expect(rows.find((r) => r.id === 'orphan-2')).toMatchObject({ state: 'failed', last_error: 'gave up: the lease of attempt 3 expired' });
    expect(rows.find((r) => r.id === 'leased')).toMatchObject({ state: 'running', locked_by: 'dead-worker' });
  });

  it('renews the lease of a long job, so no other runner takes it over', async () => {
    const second = await secondInstance();
    const runs: number[] = [];
    // The run outlasts its lease three times over; renewals every third of the lease keep it.
    const slow = async (job: ClaimedJob) => {
      runs.push(job.attempt);
      await sleep(1500);
    };
    runner(s.t.database, { leaseMs: 500 }).register('slow', slow).start();
    await s.set.stores.enqueue({ kind: 'slow', tenantId: s.tenant, payload: {} });
    await until(() => runs.length === 1);
    runner(second, { leaseMs: 500 }).register('slow', slow).start();
    await until(async () => (await jobRows('slow')).length === 0);
    expect(runs).toEqual([1]);
  });

  it('wakes at once when a job is enqueued, from this or another instance', async () => {
    const second = await secondInstance();
    const ran: string[] = [];
    const r = runner(second, { pollIntervalMs: 60_000 }).register('wake', async (job) => {
      ran.push(String(job.payload['n']));
      await Promise.resolve();
    });
    r.start();
    await s.set.events.ready();
    await createStores(second, { digests: nodeDigests, ids: randomIds }).events.ready();
    // Let the first (empty) poll pass, so only a wake-up can find the jobs.
    await sleep(100);
    const started = Date.now();
    await s.set.tx.transaction(async (st) => st.enqueue({ kind: 'wake', tenantId: s.tenant, payload: { n: 1 } }));
    await until(() => ran.length === 1, 3000);
    await s.set.stores.enqueue({ kind: 'wake', tenantId: s.tenant, payload: { n: 2 } });
    await until(() => ran.length === 2, 3000);
    expect(ran).toEqual(['1', '2']);
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it('runs each tick of a schedule once across runners', async () => {
    const second = await secondInstance();
    const ticks: string[] = [];
    const handler = async (job: ClaimedJob) => {
      expect(job.tenantId).toBe(allTenants);
      ticks.push(String(job.payload['scheduledFor']));
      await Promise.resolve();
    };
    const a = runner(s.t.database, { pollIntervalMs: 20 }).register('tick', handler);
    const b = runner(second, { pollIntervalMs: 20 }).register('tick', handler);
    await a.schedule('tick', 100, { payload: { what: 'sweep' } });
    await b.schedule('tick', 100, { payload: { what: 'sweep' } });
    a.start();
    b.start();
    await sleep(1050);
    await a.stop();
    await b.stop();
    expect(new Set(ticks).size).toBe(ticks.length);
    // About ten ticks; fewer if a loaded machine made the runners fall behind (missed ticks are
    // skipped, not bunched), never more than the interval allows.
    expect(ticks.length).toBeGreaterThanOrEqual(4);
    expect(ticks.length).toBeLessThanOrEqual(12);
    const schedules = await s.t.database.db.selectFrom('job_schedules').selectAll().execute();
    expect(schedules).toHaveLength(1);
  });

  it('stop() waits for running handlers and claims nothing more', async () => {
    let finished = false;
    let started = 0;
    // One slot, busy with the first job: the second job, enqueued before stop(), finds no free slot,
    // so whether the enqueue's wake-up reaches the loop before stop() does cannot change the outcome.
    const r = runner(s.t.database, { concurrency: 1 }).register('long', async () => {
      started++;
      await sleep(200);
      finished = true;
    });
    await s.set.stores.enqueue({ kind: 'long', tenantId: s.tenant, payload: {} });
    r.start();
    await until(() => started === 1);
    await s.set.stores.enqueue({ kind: 'long', tenantId: s.tenant, payload: {} });
    await r.stop();
    expect(finished).toBe(true);
    await sleep(100);
    expect(started).toBe(1);
    expect(await jobRows('long')).toHaveLength(1);
  });
});
