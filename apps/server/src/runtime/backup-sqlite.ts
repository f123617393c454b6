import Database from 'better-sqlite3';

/** Pages copied per step: large enough to finish quickly, small enough to let writers in between. */
const pagesPerStep = 1000;

/**
 * Copies a live SQLite database to `destination` with SQLite's online backup API (a consistent
 * snapshot, WAL included, while other processes keep writing), then runs `PRAGMA quick_check` on
 * the copy. Returns the check's verdict: `ok`, or what SQLite found wrong.
 */
export async function backupSqlite(source: string, destination: string, onProgress: (done: number, total: number) => void): Promise<string> {
  const db = new Database(source, { fileMustExist: true });
  let pages = 0;
  try {
    db.pragma('busy_timeout = 5000');
    await db.backup(destination, {
      progress({ totalPages, remainingPages }) {
        pages = totalPages;
        onProgress(totalPages - remainingPages, totalPages);
        return pagesPerStep;
      },
    });
    onProgress(pages, pages);
  } finally {
    db.close();
  }
  const copy = new Database(destination, { readonly: true, fileMustExist: true });
  try {
    return String(copy.pragma('quick_check', { simple: true }));
  } finally {
    copy.close();
  }
}
