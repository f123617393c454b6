import { existsSync } from 'node:fs';
import { Migrator, sql } from 'kysely';
import { migrationTables, openDatabase, wardMigrations, type WardDatabase } from '@ward/store';
import type { DatabaseTarget } from '../runtime/database-target.js';
import { failed, passed, type DoctorCheck } from './doctor-check.js';

/** Clock differences beyond this break TOTP codes (30 s steps) and job timing between hosts. */
const maxSkewMs = 30_000;

/**
 * The database answers, its schema is at the latest migration, and the clocks agree: this host's
 * with PostgreSQL's, and both with the newest audit event (a clock that jumped back would
 * date new events before old ones).
 */
export async function checkDatabase(target: DatabaseTarget, now: () => Date = () => new Date()): Promise<DoctorCheck[]> {
  const title = 'Database';
  if (target.sqlitePath !== undefined && target.sqlitePath !== ':memory:' && !existsSync(target.sqlitePath)) {
    return [failed(title, `no database at ${target.sqlitePath}; \`ward serve\` or \`ward migrate\` creates it.`)];
  }
  let database: WardDatabase;
  try {
    database = openDatabase(target.open);
  } catch (error) {
    return [failed(title, `${target.description} cannot be opened: ${error instanceof Error ? error.message : String(error)}`)];
  }
  try {
    const checks: DoctorCheck[] = [];
    const started = performance.now();
    try {
      await sql`select 1`.execute(database.db);
    } catch (error) {
      return [failed(title, `${target.description} does not answer: ${error instanceof Error ? error.message : String(error)}`)];
    }
    checks.push(passed(title, `${target.description} answers (${(performance.now() - started).toFixed(0)} ms)`));
    checks.push(await checkMigrations(database));
    checks.push(...(await checkClock(database, now)));
    return checks;
  } finally {
    await database.close();
  }
}

async function checkMigrations(database: WardDatabase): Promise<DoctorCheck> {
  const title = 'Migrations';
  const migrator = new Migrator({
    db: database.db,
    provider: { getMigrations: () => Promise.resolve(wardMigrations(database.dialect)) },
    migrationTableName: migrationTables.migrations,
    migrationLockTableName: migrationTables.lock,
  });
  try {
    const all = await migrator.getMigrations();
    const pending = all.filter((m) => m.executedAt === undefined).map((m) => m.name);
    if (pending.length > 0) return failed(title, `${pending.length} of ${all.length} pending (${pending.join(', ')}); run \`ward migrate\`.`);
    return passed(title, `all ${all.length} applied; the schema is current`);
  } catch (error) {
    return failed(title, `cannot read the migration state: ${error instanceof Error ? error.message : String(error)}`);
  }
}

async function checkClock(database: WardDatabase, now: () => Date): Promise<DoctorCheck[]> {
  const title = 'Clock';
  const checks: DoctorCheck[] = [];
  const local = now();
  if (database.dialect === 'postgres') {
    const before = Date.now();
    const result = await sql<{ now: Date }>`select now() as now`.execute(database.db);
    const roundTrip = Date.now() - before;
    const serverTime = result.rows[0]?.now;
    if (serverTime instanceof Date) {
      // The database read its clock somewhere within the round trip: compare with the midpoint.
      const skew = serverTime.getTime() - (before + roundTrip / 2);
      const text = `this host and PostgreSQL differ by ${(skew / 1000).toFixed(2)} s`;
      checks.push(Math.abs(skew) > maxSkewMs ? failed(title, `${text}; synchronise both with NTP.`) : passed(title, text));
    }
  }
  try {
    const newest = await sql<{ occurred_at: unknown }>`select max(occurred_at) as occurred_at from audit_events`.execute(database.db);
    const raw = newest.rows[0]?.occurred_at;
    const last = raw instanceof Date ? raw : typeof raw === 'number' ? new Date(raw) : typeof raw === 'string' ? new Date(raw) : undefined;
    if (last !== undefined && !Number.isNaN(last.getTime()) && last.getTime() - local.getTime() > maxSkewMs) {
      checks.push(failed(title, `the newest audit event is dated ${last.toISOString()}, after this host's time ${local.toISOString()}: the clock went back.`));
    } else {
      checks.push(passed(title, `${local.toISOString()}, not before the newest audit event`));
    }
  } catch {
    // No audit table yet (schema not migrated): the migration check already says so.
  }
  return checks;
}
