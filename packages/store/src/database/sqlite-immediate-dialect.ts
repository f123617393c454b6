import { CompiledQuery, SqliteAdapter, SqliteDialect, SqliteDriver, type DatabaseConnection, type DialectAdapter, type Driver, type SqliteDialectConfig } from 'kysely';

/** Kysely's SQLite driver, but transactions take the write lock when they begin. */
class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }
}

/**
 * SQLite can roll back DDL; Kysely's adapter says otherwise only to be safe. Saying so makes the
 * migrator run pending migrations in one transaction, so a failed one leaves nothing half-built.
 */
class TransactionalDdlSqliteAdapter extends SqliteAdapter {
  override get supportsTransactionalDdl(): boolean {
    return true;
  }
}

/**
 * SQLite with `BEGIN IMMEDIATE` transactions and transactional migrations. A deferred transaction that reads and then writes
 * fails at once with SQLITE_BUSY if another process (the CLI beside the server) wrote in between,
 * and the busy timeout cannot help it; an immediate one waits for the lock up front instead.
 */
export class SqliteImmediateDialect extends SqliteDialect {
  readonly #config: SqliteDialectConfig;

  constructor(config: SqliteDialectConfig) {
    super(config);
    this.#config = config;
  }

  override createDriver(): Driver {
    return new ImmediateSqliteDriver(this.#config);
  }

  override createAdapter(): DialectAdapter {
    return new TransactionalDdlSqliteAdapter();
  }
}
