/**
 * Whether a driver error is a unique-constraint violation: SQLSTATE 23505 from pg,
 * SQLITE_CONSTRAINT_UNIQUE or _PRIMARYKEY from better-sqlite3.
 */
export function isUniqueViolation(error: unknown): boolean {
  if (typeof error !== 'object' || error === null || !('code' in error)) return false;
  const code = error.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}
