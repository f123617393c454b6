import { randomUUID } from 'node:crypto';
import { sql, type Selectable } from 'kysely';
import type { Clock, DomainEvent, Ids, JobId, TenantId } from '@ward/core';
import { columnCodec, type ColumnCodec } from '../database/column-codec.js';
import { databaseInternals, type WardDatabase } from '../database/open-database.js';
import type { JobsTable } from '../database/schema.js';
import { isUniqueViolation } from '../database/sql-errors.js';
import { createEventBus, warn } from '../events/event-bus.js';
import { jobEnqueuedEvent } from '../stores/job-enqueuer.js';
import { insertJob } from './insert-job.js';

/** The tenant id of a schedule that is not bound to one tenant: its handler covers them all. */
export const allTenants = '*' as TenantId;

/** A job as its handler receives it. */
export interface ClaimedJob {
  readonly id: JobId;
  readonly kind: string;
  readonly tenantId: TenantId;
  readonly payload: Readonly<Record<string, unknown>>;
  /** 1 on the first run, 2 on the first retry, … */
  readonly attempt: number;
  /**
   * Aborted when this worker lost the job's lease (it stalled past the lease and another worker
   * took the job over): stop early, the other run counts.
   */
  readonly signal: AbortSignal;
}

/** Runs one job. Resolving completes (deletes) the job; throwing schedules a retry. */
export type JobHandler = (job: ClaimedJob) => Promise<void>;

/** Per-kind options. */
export interface JobKindOptions {
  /** Runs before the job gives up and stays `failed` with its last error; 5 when absent. */
  readonly maxAttempts?: number;
}

/** Options of a {@link JobRunner}; every one has a default fit for a server. */
export interface JobRunnerOptions {
  /** Ids of the jobs that schedules enqueue. */
  readonly ids: Ids;
  readonly clock?: Clock;
  /** How often to look for due jobs when nothing wakes the runner; 1000 ms. */
  readonly pollIntervalMs?: number;
  /** How long a claim holds a job; renewed every third of it while the handler runs. 30 s. */
  readonly leaseMs?: number;
  /** Jobs run at once by this runner; 4. */
  readonly concurrency?: number;
  /** First retry delay, doubled per attempt up to `retryMaxMs`; 1 s and 1 h. */
  readonly retryBaseMs?: number;
  readonly retryMaxMs?: number;
  /** Names this worker in `jobs.locked_by`; random when absent. */
  readonly workerId?: string;
  /** Told of handler failures and infrastructure errors; a process warning when absent. */
  readonly onError?: (error: unknown, job?: ClaimedJob) => void;
}

interface Registration {
  readonly handler: JobHandler;
  readonly maxAttempts: number;
}

const systemClock: Clock = { now: () => new Date() };

/**
 * Claims due jobs and runs them, on any number of processes sharing the database.
 *
 * Claiming is one statement: on PostgreSQL an UPDATE over a `FOR UPDATE SKIP LOCKED` selection,
 * so concurrent runners never take the same job and never wait for each other; on SQLite an
 * UPDATE … RETURNING under the single writer. A claim is a lease: a runner that dies stops
 * renewing it, and once it expires another runner takes the job again (at-least-once). A failed
 * run is retried with exponential backoff up to the kind's attempts, then kept as `failed`.
 * The runner polls, and wakes at once when a job of a kind it runs is enqueued anywhere.
 */
export class JobRunner {
  readonly #database: WardDatabase;
  readonly #codec: ColumnCodec;
  readonly #ids: Ids;
  readonly #clock: Clock;
  readonly #pollIntervalMs: number;
  readonly #leaseMs: number;
  readonly #concurrency: number;
  readonly #retryBaseMs: number;
  readonly #retryMaxMs: number;
  readonly #workerId: string;
  readonly #onError: (error: unknown, job?: ClaimedJob) => void;
  readonly #kinds = new Map<string, Registration>();
  readonly #running = new Set<Promise<void>>();
  #loop: Promise<void> | undefined;
  #stopping = false;
  #wake: (() => void) | undefined;
  #woken = false;
  #unsubscribe: (() => void) | undefined;
  #nextScheduleCheck = 0;
  #closeHooked = false;

  constructor(database: WardDatabase, options: JobRunnerOptions) {
    this.#database = database;
    this.#codec = columnCodec(database.dialect);
    this.#ids = options.ids;
    this.#clock = options.clock ?? systemClock;
    this.#pollIntervalMs = options.pollIntervalMs ?? 1000;
    this.#leaseMs = options.leaseMs ?? 30_000;
    this.#concurrency = options.concurrency ?? 4;
    this.#retryBaseMs = options.retryBaseMs ?? 1000;
    this.#retryMaxMs = options.retryMaxMs ?? 3_600_000;
    this.#workerId = options.workerId ?? randomUUID();
    this.#onError = options.onError ?? warn;
  }

  /** Runs jobs of `kind` with `handler`. Register every kind before {@link start}. */
  register(kind: string, handler: JobHandler, options: JobKindOptions = {}): this {
    this.#kinds.set(kind, { handler, maxAttempts: options.maxAttempts ?? 5 });
    return this;
  }

  /**
   * Enqueues a job of `kind` every `everyMs`, starting now. The schedule is stored, so however
   * many processes declare it, each tick is enqueued once; declaring it again with another
   * interval or payload changes it. A tick whose previous job still waits is dropped.
   */
  async schedule(kind: string, everyMs: number, options: { readonly tenantId?: TenantId; readonly payload?: Readonly<Record<string, unknown>> } = {}): Promise<void> {
    if (!Number.isInteger(everyMs) || everyMs < 1) throw new RangeError(`A schedule interval must be a positive whole number of milliseconds, not ${everyMs}.`);
    const payload = this.#codec.json(options.payload ?? {});
    await this.#database.db
      .insertInto('job_schedules')
      .values({ tenant_id: options.tenantId ?? allTenants, kind, every_ms: everyMs, next_run_at: this.#codec.time(this.#clock.now()), payload })
      .onConflict((oc) => oc.columns(['tenant_id', 'kind']).doUpdateSet({ every_ms: everyMs, payload }))
      .execute();
    this.#nextScheduleCheck = 0;
    this.#signal();
  }

  /** Starts claiming and running jobs in the background. */
  start(): void {
    if (this.#loop !== undefined) return;
    this.#stopping = false;
    const onEnqueued = (event: DomainEvent): void => {
      if (this.#kinds.has(event.subject)) this.#signal();
    };
    this.#unsubscribe = createEventBus(this.#database).subscribe(jobEnqueuedEvent, onEnqueued);
    if (!this.#closeHooked) {
      // Stop before the pool closes under the running handlers.
      databaseInternals(this.#database).closeHooks.push(() => this.stop());
      this.#closeHooked = true;
    }
    this.#loop = this.#run();
  }

  /** Stops claiming, and resolves once every running handler has finished. */
  async stop(): Promise<void> {
    this.#stopping = true;
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
    this.#signal();
    await this.#loop;
    this.#loop = undefined;
    await Promise.allSettled([...this.#running]);
  }

  /**
   * Enqueues due schedule ticks, claims what free slots allow and starts those jobs; returns how
   * many it started. The loop calls this; tests and the CLI may too.
   */
  async runDue(): Promise<number> {
    if (this.#clock.now().getTime() >= this.#nextScheduleCheck) {
      this.#nextScheduleCheck = this.#clock.now().getTime() + this.#pollIntervalMs;
      await this.#tickSchedules();
    }
    const free = this.#concurrency - this.#running.size;
    if (free <= 0 || this.#kinds.size === 0) return 0;
    const jobs = await this.#claim(free);
    for (const row of jobs) this.#start(row);
    return jobs.length;
  }

  async #run(): Promise<void> {
    while (!this.#stopping) {
      let started = 0;
      try {
        started = await this.runDue();
      } catch (error) {
        // stop() may have closed the pool under the claim.
        if (!this.#isStopping()) this.#onError(error);
      }
      // A full batch suggests more are due: claim again as soon as a slot is free.
      if (started > 0 && this.#running.size < this.#concurrency) continue;
      await this.#sleep();
    }
  }

  #isStopping(): boolean {
    return this.#stopping;
  }

  #signal(): void {
    this.#woken = true;
    this.#wake?.();
  }

  async #sleep(): Promise<void> {
    if (this.#woken) {
      this.#woken = false;
      return;
    }
    await new Promise<void>((resolve) => {
      const timer = setTimeout(done, this.#pollIntervalMs);
      function done(): void {
        clearTimeout(timer);
        resolve();
      }
      this.#wake = done;
    });
    this.#wake = undefined;
    this.#woken = false;
  }

  async #claim(limit: number): Promise<Selectable<JobsTable>[]> {
    const { db, dialect } = this.#database;
    const now = this.#clock.now();
    const codec = this.#codec;
    let due = db
      .selectFrom('jobs')
      .select(['tenant_id', 'id'])
      .where('kind', 'in', [...this.#kinds.keys()])
      .where((eb) =>
        eb.or([
          eb.and([eb('state', '=', 'waiting'), eb('run_at', '<=', codec.time(now))]),
          // A lease that ran out: its worker died or stalled.
          eb.and([eb('state', '=', 'running'), eb('locked_until', '<', codec.time(now))]),
        ]),
      )
      .orderBy('run_at')
      .limit(limit);
    if (dialect === 'postgres') due = due.forUpdate().skipLocked();
    return db
      .updateTable('jobs')
      .set((eb) => ({
        state: 'running',
        attempts: eb('attempts', '+', 1),
        locked_by: this.#workerId,
        locked_until: codec.time(new Date(now.getTime() + this.#leaseMs)),
      }))
      .where(sql`(tenant_id, id)`, 'in', due)
      .returningAll()
      .execute();
  }

  #start(row: Selectable<JobsTable>): void {
    const registration = this.#kinds.get(row.kind);
    if (registration === undefined) return;
    const controller = new AbortController();
    const job: ClaimedJob = {
      id: row.id as JobId,
      kind: row.kind,
      tenantId: row.tenant_id as TenantId,
      payload: this.#codec.readJson(row.payload) as Record<string, unknown>,
      attempt: row.attempts,
      signal: controller.signal,
    };
    const running = this.#execute(job, registration, controller).finally(() => {
      this.#running.delete(running);
      this.#signal();
    });
    this.#running.add(running);
  }

  async #execute(job: ClaimedJob, registration: Registration, controller: AbortController): Promise<void> {
    if (job.attempt > registration.maxAttempts) {
      // Its last attempt's worker died holding it: give up rather than crash another worker.
      await this.#finish(job, { state: 'failed', error: `gave up: the lease of attempt ${job.attempt - 1} expired` }).catch((e: unknown) => {
        this.#onError(e, job);
      });
      return;
    }
    const heartbeat = setInterval(() => {
      this.#renew(job).then(
        (held) => {
          if (!held) controller.abort(new Error('lease lost'));
        },
        (error: unknown) => {
          this.#onError(error, job);
        },
      );
    }, Math.max(10, Math.floor(this.#leaseMs / 3)));
    let failure: unknown;
    let failed = false;
    try {
      await registration.handler(job);
    } catch (error) {
      failed = true;
      failure = error;
    } finally {
      clearInterval(heartbeat);
    }
    try {
      if (!failed) await this.#finish(job, { state: 'done' });
      else {
        this.#onError(failure, job);
        const error = failure instanceof Error ? failure.message : String(failure);
        if (job.attempt >= registration.maxAttempts) await this.#finish(job, { state: 'failed', error });
        else await this.#finish(job, { state: 'retry', error, runAt: new Date(this.#clock.now().getTime() + this.#backoff(job.attempt)) });
      }
    } catch (error) {
      // The lease will expire and another run will happen: at least once, never lost.
      this.#onError(error, job);
    }
  }

  #backoff(attempt: number): number {
    return Math.min(this.#retryMaxMs, this.#retryBaseMs * 2 ** (attempt - 1));
  }

  /** This claim, and only this one: a worker that lost its lease must not touch the next claim. */
  #claimed(job: ClaimedJob) {
    return this.#database.db
      .updateTable('jobs')
      .where('tenant_id', '=', job.tenantId)
      .where('id', '=', job.id)
      .where('locked_by', '=', this.#workerId)
      .where('attempts', '=', job.attempt);
  }

  async #deleteClaimed(job: ClaimedJob): Promise<void> {
    await this.#database.db
      .deleteFrom('jobs')
      .where('tenant_id', '=', job.tenantId)
      .where('id', '=', job.id)
      .where('locked_by', '=', this.#workerId)
      .where('attempts', '=', job.attempt)
      .execute();
  }

  async #renew(job: ClaimedJob): Promise<boolean> {
    const result = await this.#claimed(job)
      .set({ locked_until: this.#codec.time(new Date(this.#clock.now().getTime() + this.#leaseMs)) })
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  async #finish(job: ClaimedJob, outcome: { state: 'done' } | { state: 'failed'; error: string } | { state: 'retry'; error: string; runAt: Date }): Promise<void> {
    if (outcome.state === 'done') {
      await this.#deleteClaimed(job);
      return;
    }
    const error = outcome.error.slice(0, 4000);
    if (outcome.state === 'failed') {
      await this.#claimed(job).set({ state: 'failed', last_error: error, locked_by: null, locked_until: null }).execute();
      return;
    }
    try {
      await this.#claimed(job).set({ state: 'waiting', last_error: error, run_at: this.#codec.time(outcome.runAt), locked_by: null, locked_until: null }).execute();
    } catch (failure) {
      // A newer request with the same unique key waits already; it will do this job's work.
      if (!isUniqueViolation(failure)) throw failure;
      await this.#deleteClaimed(job);
    }
  }

  async #tickSchedules(): Promise<void> {
    const { db } = this.#database;
    const codec = this.#codec;
    const now = this.#clock.now();
    const due = await db.selectFrom('job_schedules').selectAll().where('next_run_at', '<=', codec.time(now)).execute();
    for (const schedule of due) {
      const scheduledFor = codec.readTime(schedule.next_run_at);
      const every = schedule.every_ms;
      let next = scheduledFor.getTime() + every;
      // After downtime, skip the missed ticks rather than run them in a burst.
      if (next <= now.getTime()) next = now.getTime() + every;
      await db.transaction().execute(async (trx) => {
        // Compare-and-set: of all the processes that saw this tick due, one moves it on.
        const moved = await trx
          .updateTable('job_schedules')
          .set({ next_run_at: codec.time(new Date(next)) })
          .where('tenant_id', '=', schedule.tenant_id)
          .where('kind', '=', schedule.kind)
          .where('next_run_at', '=', schedule.next_run_at)
          .executeTakeFirst();
        if (Number(moved.numUpdatedRows) !== 1) return;
        const payload = { ...(codec.readJson(schedule.payload) as Record<string, unknown>), scheduledFor: scheduledFor.toISOString() };
        await insertJob(trx, codec, this.#ids, { kind: schedule.kind, tenantId: schedule.tenant_id as TenantId, payload, uniqueKey: `schedule:${schedule.kind}` }, now);
      });
    }
  }
}
