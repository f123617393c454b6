
/**
 * One line for an operator about why a command failed: the known infrastructure failures in plain
 * words with what to do, anything else by its message.
 */
export function describeError(error: unknown): string {
  // Recognised by name and code rather than `instanceof`, so the CLI need not load @ward/pki to explain its errors.
  if (error instanceof Error && error.name === 'PkiError' && 'code' in error) {
    if (error.code === 'CA_KEY_DECRYPT_FAILED') return 'The master key does not open the stored CA: WARD_MASTER_KEY (or <data dir>/master.key) is not the key this data was created with.';
    if (error.code === 'MASTER_KEY_INVALID') return `The master key is unusable: ${error.message}.`;
    return `Certificate authority: ${error.message}`;
  }
  const database = databaseProblem(error);
  if (database !== undefined) return database;
  if (error instanceof Error) {
    const code = codeOf(error);
    if (code === 'EADDRINUSE') return `${error.message}: another process holds the port; stop it or choose another with --port / WARD_PORT.`;
    if (code === 'EACCES' && error.message.includes('listen')) return `${error.message}: ports below 1024 need privileges; choose another with --port / WARD_PORT.`;
    const cause = error.cause instanceof Error ? ` (${error.cause.message})` : '';
    return `${error.message}${cause}`;
  }
  return String(error);
}

function codeOf(error: unknown): string | undefined {
  return error instanceof Error && 'code' in error && typeof error.code === 'string' ? error.code : undefined;
}

/** Why the database could not be used, from anywhere in the cause chain, in words an operator can act on. */
function databaseProblem(error: unknown): string | undefined {
  for (let current: unknown = error, depth = 0; current instanceof Error && depth < 5; current = current.cause, depth += 1) {
    const reason = `(${current.message})`;
    switch (codeOf(current)) {
      case 'ECONNREFUSED':
      case 'ETIMEDOUT':
      case 'EHOSTUNREACH':
        return `The database server does not answer ${reason}: check WARD_DATABASE_URL and that PostgreSQL is running.`;
      case 'ENOTFOUND':
        return `The database host name does not resolve ${reason}: check WARD_DATABASE_URL.`;
      case '28P01':
      case '28000':
        return `PostgreSQL refused the credentials ${reason}: check the user and password in WARD_DATABASE_URL.`;
      case '3D000':
        return `The database does not exist ${reason}: create it (createdb) or fix WARD_DATABASE_URL.`;
      case 'SQLITE_CANTOPEN':
        return `The SQLite file cannot be opened ${reason}: check WARD_DATA_DIR / WARD_DATABASE_URL and permissions.`;
      default:
    }
  }
  return undefined;
}
