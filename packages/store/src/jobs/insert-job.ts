import type { Kysely } from 'kysely';
import type { Ids, JobRequest } from '@ward/core';
import type { ColumnCodec } from '../database/column-codec.js';
import type { Schema } from '../database/schema.js';

/**
 * Inserts a waiting job; false when a waiting job has the same unique key (the partial unique
 * index turns the insert into nothing, without an error that would abort a PostgreSQL transaction).
 */
export async function insertJob(db: Kysely<Schema>, codec: ColumnCodec, ids: Ids, job: JobRequest, now: Date): Promise<boolean> {
  const result = await db
    .insertInto('jobs')
    .values({
      tenant_id: job.tenantId,
      id: ids.newId(),
      kind: job.kind,
      state: 'waiting',
      unique_key: job.uniqueKey ?? null,
      run_at: codec.time(job.runAt ?? now),
      attempts: 0,
      locked_by: null,
      locked_until: null,
      last_error: null,
      created_at: codec.time(now),
      payload: codec.json(job.payload),
    })
    .onConflict((oc) => oc.doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
}
