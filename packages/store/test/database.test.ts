import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WardError } from '@ward/core';
import { migrateToLatest, openDatabase, wardMigrations } from '../src/index.js';
import { openTestDatabase, pgBaseUrl, testDialects, type TestDatabase } from './support/test-database.js';

describe('openDatabase', () => {
  it.each([
    ['mysql://root@localhost/ward', /Unsupported database URL scheme "mysql:"/],
    ['localhost:5432/ward', /Unsupported database URL scheme "localhost:"/],
    ['', /No database configured/],
    ['sqlite:', /names no file/],
  ])('refuses %s with a clear error', (url, message) => {
    expect(() => openDatabase({ url })).toThrow(message);
    try {
      openDatabase({ url });
    } catch (error) {
      expect(error).toBeInstanceOf(WardError);
      expect((error as WardError).code).toBe('VALIDATION_FAILED');
    }
  });

  it('never echoes a password from a refused URL', () => {
    expect(() => openDatabase({ url: 'mysql://root:hunter2@db/ward' })).toThrow(/^(?!.*hunter2)/);
  });

  it('refuses a URL and a path together, and nothing at all', () => {
    expect(() => openDatabase({ url: 'postgres://x/y', sqlitePath: 'a.db' })).toThrow(/not both/);
    expect(() => openDatabase({})).toThrow(/No database configured/);
  });

  it('opens SQLite from a sqlite: URL', async () => {
    const database = openDatabase({ url: 'sqlite::memory:' });
    expect(database.dialect).toBe('sqlite');
    await migrateToLatest(database);
    await database.close();
  });

  it('reports progress of each migration it applies', async () => {
    const other = openDatabase({ url: 'sqlite::memory:' });
    const progress: string[] = [];
    const report = await migrateToLatest(other, (p) => progress.push(`${p.phase}:${p.migration}`));
    // Every migration, in name order, each announced before and after it runs.
    const names = Object.keys(wardMigrations('sqlite')).sort();
    expect(names.slice(0, 3)).toEqual(['0001-foundation', '0002-device-management', '0003-policy-engine']);
    expect(report.applied).toEqual(names);
    expect(progress).toEqual(names.flatMap((name) => [`start:${name}`, `done:${name}`]));
    await other.close();
  });

  it('opens PostgreSQL from a postgresql:// URL', async () => {
    const database = openDatabase({ url: 'postgresql://root@127.0.0.1:5432/test' });
    expect(database.dialect).toBe('postgres');
    await database.close();
  });
});

describe.each(testDialects)('database on %s', (dialect) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await openTestDatabase(dialect);
  });
  afterAll(async () => {
    await t.dispose();
  });

  it('migrates once: a second run applies nothing', async () => {
    const progress: string[] = [];
    const report = await migrateToLatest(t.database, (p) => progress.push(`${p.phase}:${p.migration}`));
    expect(report.applied).toEqual([]);
    expect(progress).toEqual([]);
  });

  it('returns 64-bit counts as numbers', async () => {
    const row = await sql<{ n: unknown; big: unknown }>`select count(*) as n, cast(9007199254740991 as bigint) as big`.execute(t.database.db);
    expect(row.rows[0]).toEqual({ n: 1, big: 9007199254740991 });
  });

  it.runIf(dialect === 'sqlite')('runs SQLite in WAL mode with foreign keys, a busy timeout and NORMAL sync', async () => {
    const pragma = async (name: string) => Object.values((await sql<Record<string, unknown>>`${sql.raw(`pragma ${name}`)}`.execute(t.database.db)).rows[0] ?? {})[0];
    expect(await pragma('journal_mode')).toBe('wal');
    expect(await pragma('foreign_keys')).toBe(1);
    expect(await pragma('busy_timeout')).toBe(5000);
    expect(await pragma('synchronous')).toBe(1);
  });

  it.runIf(dialect === 'postgres')('looks only at its own schema, so other schemas coming and going never break a migration', async () => {
    const neighbour = await openTestDatabase('postgres');
    const admin = new pg.Client({ connectionString: pgBaseUrl });
    await admin.connect();
    try {
      const schema = (await sql<{ s: string }>`select current_schema() as s`.execute(t.database.db)).rows[0]?.s;
      const tables = await t.database.db.introspection.getTables({ withInternalKyselyTables: true });
      expect(new Set(tables.map((x) => x.schema))).toEqual(new Set([schema]));
      expect(tables.map((x) => x.name)).toEqual(expect.arrayContaining(['devices', 'device_commands', 'ward_migrations']));
      expect((await t.database.db.introspection.getSchemas()).map((x) => x.name)).toEqual([schema]);
      // Kysely's own introspector resolved every table of every schema by name, and failed with
      // "schema … does not exist" when one was dropped while it ran.
      const churn = (async () => {
        for (let i = 0; i < 15; i++) {
          const name = `churn_${randomUUID().replaceAll('-', '').slice(0, 12)}`;
          await admin.query(`create schema ${name}; create table ${name}.a (id serial primary key, b text); create table ${name}.c (id serial primary key)`);
          await admin.query(`drop schema ${name} cascade`);
        }
      })();
      const migrations = (async () => {
        for (let i = 0; i < 15; i++) expect((await migrateToLatest(t.database)).applied).toEqual([]);
      })();
      await Promise.all([churn, migrations]);
    } finally {
      await admin.end();
      await neighbour.dispose();
    }
  });

  it('leads every tenant-owned primary key with tenant_id', async () => {
    const tables = [
      'users',
      'groups',
      'group_members',
      'role_assignments',
      'credentials',
      'access_tokens',
      'devices',
      'audit_events',
      'jobs',
      'job_schedules',
      'device_software',
      'device_hardware_ids',
      'enrollment_tokens',
      'enrollment_restrictions',
      'device_identities',
      'device_commands',
      'command_history',
      'server_secrets',
    ];
    for (const table of tables) {
      const first =
        dialect === 'sqlite'
          ? (await sql<{ name: string; pk: number }>`select name, pk from pragma_table_info(${table}) where pk = 1`.execute(t.database.db)).rows[0]?.name
          : (
              await sql<{ name: string }>`select a.attname as name from pg_index i join pg_attribute a on a.attrelid = i.indrelid and a.attnum = i.indkey[0]
                where i.indrelid = ${table}::regclass and i.indisprimary`.execute(t.database.db)
            ).rows[0]?.name;
      expect(first, table).toBe('tenant_id');
    }
  });
});
