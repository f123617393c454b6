import { join, resolve } from 'node:path';
import type { OpenDatabaseOptions } from '@ward/store';
import { dataFiles } from './data-files.js';

/** The database a configuration names, and a description of it safe to print. */
export interface DatabaseTarget {
  readonly dialect: 'sqlite' | 'postgres';
  readonly open: OpenDatabaseOptions;
  /** The SQLite file, for backups and permission checks. */
  readonly sqlitePath?: string;
  /** `SQLite /data/ward.db` or `PostgreSQL postgres://ward@db:5432/ward` (never the password). */
  readonly description: string;
}


/**
 * Reads `WARD_DATABASE_URL`: absent means the SQLite file in the data directory; `sqlite:PATH` a
 * SQLite file elsewhere (relative paths from the working directory); `postgres://…` PostgreSQL.
 */
export function databaseTargetOf(databaseUrl: string | undefined, dataDir: string): DatabaseTarget {
  if (databaseUrl === undefined) {
    const path = join(dataDir, dataFiles.sqlite);
    return { dialect: 'sqlite', open: { sqlitePath: path }, sqlitePath: path, description: `SQLite ${path}` };
  }
  if (/^sqlite:/i.test(databaseUrl)) {
    const raw = databaseUrl.slice('sqlite:'.length).replace(/^\/\/(?=\/)/, '');
    const path = raw === ':memory:' ? raw : resolve(raw);
    return { dialect: 'sqlite', open: { sqlitePath: path }, sqlitePath: path, description: `SQLite ${path}` };
  }
  return { dialect: 'postgres', open: { url: databaseUrl }, description: `PostgreSQL ${redactUrl(databaseUrl)}` };
}

/** The URL without its password, for messages and logs. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password !== '') parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(unparseable URL)';
  }
}
