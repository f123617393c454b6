import type { Database, Statement } from 'better-sqlite3';
import type { SqliteDatabase, SqliteStatement } from 'kysely';

/**
 * Statements kept prepared per connection. Ward's queries come from a few hundred code paths; an
 * `IN (…)` list makes one text per list length, so this holds every hot one with room to spare.
 */
export const statementCacheSize = 1_000;

/**
 * Statements longer than this are not kept: bulk writes (hundreds of rows in one INSERT) are long,
 * vary with their row count, and would fill the cache with large texts that rarely repeat exactly.
 */
export const cachedStatementMaxLength = 16 * 1024;

/**
 * The connection as Kysely's SQLite driver sees it, with `prepare` memoised by SQL text (least
 * recently used first out). Kysely prepares every query it runs, and compiling the SQL costs as
 * much as running a primary-key lookup; a cached statement is only bound and stepped again.
 *
 * SQLite re-prepares a statement by itself when the schema changed under it, so a cached
 * statement stays valid across migrations. A statement still being iterated (a streamed query)
 * cannot run twice at once: then a fresh, uncached one is prepared.
 */
export function withStatementCache(database: Database, size = statementCacheSize): SqliteDatabase {
  if (!Number.isInteger(size) || size < 1) throw new RangeError(`The statement cache holds at least one statement, not ${size}.`);
  const cache = new Map<string, Statement>();
  return {
    close() {
      cache.clear();
      database.close();
    },
    prepare(sql): SqliteStatement {
      if (sql.length > cachedStatementMaxLength) return database.prepare(sql);
      const cached = cache.get(sql);
      if (cached !== undefined) {
        if (cached.busy) return database.prepare(sql);
        // A Map iterates in insertion order: moving the hit to the end keeps the oldest first.
        cache.delete(sql);
        cache.set(sql, cached);
        return cached;
      }
      const statement = database.prepare(sql);
      cache.set(sql, statement);
      if (cache.size > size) {
        const oldest = cache.keys().next();
        if (oldest.done !== true) cache.delete(oldest.value);
      }
      return statement;
    },
  };
}
