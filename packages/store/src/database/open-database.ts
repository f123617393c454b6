import Database from 'better-sqlite3';
import { Kysely, type KyselyConfig, type LogEvent } from 'kysely';
import pg from 'pg';
import { WardError } from '@ward/core';
import type { Dialect } from './dialect.js';
import type { Schema } from './schema.js';
import { CurrentSchemaPostgresDialect } from './current-schema-postgres-dialect.js';
import { SqliteImmediateDialect } from './sqlite-immediate-dialect.js';
import { withStatementCache } from './statement-cache.js';

/** An open connection (pool) to Ward's database. */
export interface WardDatabase {
  readonly dialect: Dialect;
  readonly db: Kysely<Schema>;
  /** Closes the pool, the event listener and anything else opened on this database. */
  close(): Promise<void>;
}

/** Where the database is: a `postgres://` (or `sqlite:`) URL, or the path of a SQLite file. */
export interface OpenDatabaseOptions {
  /** `postgres://user@host:5432/db` or `postgresql://…`; `sqlite:PATH` is also accepted. */
  readonly url?: string;
  /** A SQLite file, created if missing (`:memory:` for a private in-memory database). */
  readonly sqlitePath?: string;
  /** Connections in the PostgreSQL pool; 10 when absent. */
  readonly poolSize?: number;
  /** Told of every query with its duration (slow-query logs, query-plan checks); none when absent. */
  readonly onQuery?: (event: LogEvent) => void;
}

/** What other modules of this package need about an open database beyond its public face. */
export interface DatabaseInternals {
  /** How to open one more PostgreSQL connection outside the pool (the LISTEN client). */
  readonly pgConfig: pg.ClientConfig | undefined;
  readonly closeHooks: (() => Promise<void>)[];
  /** What `db` was built from, to build more instances over the same dialect (see `transactionBoundDatabase`). */
  readonly kyselyConfig: KyselyConfig;
}

const internals = new WeakMap<WardDatabase, DatabaseInternals>();

/** The package-internal side of a database opened by {@link openDatabase}. */
export function databaseInternals(database: WardDatabase): DatabaseInternals {
  const found = internals.get(database);
  if (found === undefined) throw new WardError('INTERNAL', 'This database was not opened with openDatabase().');
  return found;
}

const int8Oid = 20;

/**
 * Type parsers for this pool only (not pg's process-wide defaults): 64-bit integers (counts,
 * sequence numbers) come back as numbers, as they do from SQLite. Ward's values stay far below 2^53.
 */
type TypeParserLookup = (oid: number, format?: 'text' | 'binary') => (value: string) => unknown;
const defaultTypeParser = pg.types.getTypeParser.bind(pg.types) as TypeParserLookup;
const wardTypeParser: TypeParserLookup = (oid, format) => (oid === int8Oid && format !== 'binary' ? Number : defaultTypeParser(oid, format));
const pgTypes: pg.CustomTypesConfig = { getTypeParser: wardTypeParser };

/**
 * Opens the database. PostgreSQL goes through a pg pool, and Ward sees only the current schema
 * (the first of the connection's search_path) when it introspects; SQLite through one better-sqlite3
 * connection in WAL mode (readers never block the writer), waiting up to 5 s for a lock held by
 * another process, with foreign keys enforced.
 *
 * Open a SQLite file once per process: better-sqlite3 waits for a lock synchronously, so a second
 * connection in the same process waiting on the first would stall the event loop the first needs
 * to finish. Other processes (the CLI beside the server) are fine.
 */
export function openDatabase(options: OpenDatabaseOptions): WardDatabase {
  const target = resolveTarget(options);
  if (target.dialect === 'postgres') {
    const pgConfig: pg.ClientConfig = { connectionString: target.url, types: pgTypes };
    const pool = new pg.Pool({ ...pgConfig, max: options.poolSize ?? 10 });
    // An idle client that loses its connection emits 'error' on the pool; without a listener
    // that would crash the process. The pool drops the client and opens a new one on demand.
    pool.on('error', () => undefined);
    return register('postgres', { dialect: new CurrentSchemaPostgresDialect({ pool }), ...log(options) }, pgConfig);
  }
  const sqlite = new Database(target.path);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('synchronous = NORMAL');
  // SQLite's default page cache is 2 MB; past that, every insert into the device table's many
  // indexes reads pages back from the OS. 64 MB holds the hot pages of a 100,000-device fleet.
  sqlite.pragma('cache_size = -65536');
  sqlite.pragma('temp_store = MEMORY');
  return register('sqlite', { dialect: new SqliteImmediateDialect({ database: withStatementCache(sqlite) }), ...log(options) }, undefined);
}

function log(options: OpenDatabaseOptions): { log?: (event: LogEvent) => void } {
  return options.onQuery === undefined ? {} : { log: options.onQuery };
}

function register(dialect: Dialect, kyselyConfig: KyselyConfig, pgConfig: pg.ClientConfig | undefined): WardDatabase {
  const base = { dialect, db: new Kysely<Schema>(kyselyConfig) };
  const closeHooks: (() => Promise<void>)[] = [];
  let closing: Promise<void> | undefined;
  const database: WardDatabase = {
    ...base,
    close() {
      closing ??= (async () => {
        for (const hook of closeHooks.splice(0).reverse()) await hook();
        await base.db.destroy();
      })();
      return closing;
    },
  };
  internals.set(database, { pgConfig, closeHooks, kyselyConfig });
  return database;
}

type Target = { readonly dialect: 'postgres'; readonly url: string } | { readonly dialect: 'sqlite'; readonly path: string };

function resolveTarget(options: OpenDatabaseOptions): Target {
  const { url, sqlitePath } = options;
  if (url !== undefined && sqlitePath !== undefined) throw new WardError('VALIDATION_FAILED', 'Give either a database URL or a SQLite path, not both.');
  if (sqlitePath !== undefined) {
    if (sqlitePath === '') throw new WardError('VALIDATION_FAILED', 'The SQLite path is empty.');
    return { dialect: 'sqlite', path: sqlitePath };
  }
  if (url === undefined || url === '') throw new WardError('VALIDATION_FAILED', 'No database configured: give a postgres:// URL or a SQLite path.');
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(url)?.[1]?.toLowerCase();
  if (scheme === 'postgres' || scheme === 'postgresql') return { dialect: 'postgres', url };
  if (scheme === 'sqlite') {
    const path = url.slice('sqlite:'.length).replace(/^\/\/(?=\/)/, '');
    if (path === '') throw new WardError('VALIDATION_FAILED', 'The sqlite: URL names no file; write sqlite:PATH, e.g. sqlite:data/ward.db.');
    return { dialect: 'sqlite', path };
  }
  // Never echo the whole URL: it may carry a password.
  throw new WardError('VALIDATION_FAILED', `Unsupported database URL scheme "${scheme ?? '(none)'}:"; use postgres://user@host:5432/db or sqlite:PATH.`);
}
