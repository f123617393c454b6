import { Migrator, sql, type Migration } from 'kysely';
import { WardError } from '@ward/core';
import type { WardDatabase } from '../database/open-database.js';
import { wardMigrations } from './ward-migrations.js';

/** Progress of a migration run, for the CLI to show. */
export type MigrationProgress =
  | { readonly phase: 'start'; readonly migration: string }
  | { readonly phase: 'done'; readonly migration: string };

/** The outcome of {@link migrateToLatest}. */
export interface MigrationReport {
  /** The migrations applied by this run, in order (empty when the schema was current). */
  readonly applied: readonly string[];
}

/** The table where Kysely records applied migrations, and its lock table. */
export const migrationTables = { migrations: 'ward_migrations', lock: 'ward_migration_lock' } as const;

/**
 * Brings the schema up to date. Safe to run from several processes at once: on PostgreSQL Kysely
 * holds an advisory lock, on SQLite the immediate transaction holds the write lock. Pending
 * migrations run in one transaction on both, so a failed run leaves nothing half-applied.
 */
export async function migrateToLatest(database: WardDatabase, onProgress?: (progress: MigrationProgress) => void): Promise<MigrationReport> {
  const migrations = wardMigrations(database.dialect);
  const reported: Record<string, Migration> = {};
  for (const [name, migration] of Object.entries(migrations)) {
    reported[name] = {
      async up(db) {
        onProgress?.({ phase: 'start', migration: name });
        await migration.up(db);
        onProgress?.({ phase: 'done', migration: name });
      },
    };
  }
  const migrator = new Migrator({
    db: database.db,
    provider: { getMigrations: () => Promise.resolve(reported) },
    migrationTableName: migrationTables.migrations,
    migrationLockTableName: migrationTables.lock,
    // Unqualified, Kysely would take a migration table in any other schema of the database (another
    // Ward sharing it) for its own, and then fail to find it. Name the schema Ward works in.
    ...(database.dialect === 'postgres' ? { migrationTableSchema: await currentSchema(database) } : {}),
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error !== undefined) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName;
    throw new WardError('INTERNAL', `Database migration ${failed ?? '(setup)'} failed; no migration of this run was kept.`, { cause: error });
  }
  return { applied: (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName) };
}

async function currentSchema(database: WardDatabase): Promise<string> {
  const result = await sql<{ schema: string | null }>`select current_schema() as schema`.execute(database.db);
  const schema = result.rows[0]?.schema ?? null;
  if (schema === null) throw new WardError('INTERNAL', 'The database connection has no current schema: set search_path to the schema Ward should use.');
  return schema;
}
