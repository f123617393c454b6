import { createHash, createHmac, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { Digests, Ids } from '@ward/core';
import { migrateToLatest, openDatabase, type Dialect, type OpenDatabaseOptions, type WardDatabase } from '../../src/index.js';

/** Both dialects: every conformance test runs once for each. */
export const testDialects: readonly Dialect[] = ['sqlite', 'postgres'];

/**
 * The PostgreSQL server of the tests. CI starts one; when it is unreachable the PostgreSQL half of
 * the suite fails rather than skips, so a missing database never passes for green.
 */
export const pgBaseUrl = process.env['WARD_TEST_DATABASE_URL'] ?? 'postgres://root@127.0.0.1:5432/test';

/** A fresh, migrated database of one dialect, private to one test file. */
export interface TestDatabase {
  readonly database: WardDatabase;
  /** Opens a second, independent instance on the same data (own pool, own event bus). */
  openAnother(): Promise<WardDatabase>;
  /** Closes every instance and drops the data. */
  dispose(): Promise<void>;
}

function withSearchPath(url: string, schema: string): string {
  const parsed = new URL(url);
  parsed.searchParams.set('options', `-c search_path=${schema}`);
  return parsed.toString();
}

/** Opens an isolated database: a temporary SQLite file, or a new schema `t_<random>` on PostgreSQL. */
export async function openTestDatabase(dialect: Dialect, options: Pick<OpenDatabaseOptions, 'onQuery'> = {}): Promise<TestDatabase> {
  const opened: WardDatabase[] = [];
  if (dialect === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'ward-store-'));
    const path = join(dir, 'ward.db');
    const database = openDatabase({ sqlitePath: path, ...options });
    opened.push(database);
    await migrateToLatest(database);
    return {
      database,
      openAnother: () => {
        const another = openDatabase({ sqlitePath: path });
        opened.push(another);
        return Promise.resolve(another);
      },
      dispose: async () => {
        for (const d of opened) await d.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const schema = `t_${randomUUID().replaceAll('-', '').slice(0, 16)}`;
  const admin = new pg.Client({ connectionString: pgBaseUrl });
  await admin.connect();
  try {
    await admin.query(`create schema ${schema}`);
  } finally {
    await admin.end();
  }
  const url = withSearchPath(pgBaseUrl, schema);
  const database = openDatabase({ url, ...options });
  opened.push(database);
  await migrateToLatest(database);
  return {
    database,
    openAnother: () => {
      const another = openDatabase({ url });
      opened.push(another);
      return Promise.resolve(another);
    },
    dispose: async () => {
      for (const d of opened) await d.close();
      const cleanup = new pg.Client({ connectionString: pgBaseUrl });
      await cleanup.connect();
      try {
        await cleanup.query(`drop schema ${schema} cascade`);
      } finally {
        await cleanup.end();
      }
    },
  };
}

/** SHA-256 and HMAC from node:crypto, as the server wires them. */
export const nodeDigests: Digests = {
  sha256Hex: (data) => createHash('sha256').update(data).digest('hex'),
  hmac: (algorithm, key, data) => new Uint8Array(createHmac(algorithm, key).update(data).digest()),
  timingSafeEqual: (a, b) => a.length === b.length && timingSafeEqual(a, b),
};

/** Time-ordered ids: a fixed UUIDv7-shaped prefix and a counter, so they sort by creation. */
export function sequentialIds(prefix = '0190a000-0000-7000-8000'): Ids {
  let n = 0;
  return {
    newId: () => `${prefix}-${(++n).toString(16).padStart(12, '0')}`,
    randomBytes: (bytes) => new Uint8Array(randomBytes(bytes)),
  };
}

/** Random UUIDs, for tests where several writers create ids at once. */
export const randomIds: Ids = {
  newId: () => randomUUID(),
  randomBytes: (bytes) => new Uint8Array(randomBytes(bytes)),
};
