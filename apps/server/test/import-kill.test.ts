import { createWriteStream, rmSync } from 'node:fs';
import { once } from 'node:events';
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDataDir } from './support/start-ward.js';
import { WardProcess, runWard, wardEnv } from './support/ward-process.js';

const rows = 50_000;

async function writeUsersCsv(path: string): Promise<void> {
  const out = createWriteStream(path);
  out.write('email,displayName,department,jobTitle\n');
  for (let i = 0; i < rows; i += 1) {
    if (!out.write(`user${i}@example.com,User ${i},Dept ${i % 20},Engineer\n`)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}

function countUsers(dataDir: string): number {
  const db = new Database(join(dataDir, 'ward.db'), { readonly: true, fileMustExist: true });
  try {
    return (db.prepare('select count(*) as n from users').get() as { n: number }).n;
  } finally {
    db.close();
  }
}

// Real processes on two shared cores: generous timeouts, since a loaded machine is slow, not wrong.
describe('ward import users, killed mid-way (SQLite)', { timeout: 120_000 }, () => {
  const dataDir = tempDataDir();
  afterAll(() => { rmSync(dirname(dataDir), { recursive: true, force: true }); });

  it('leaves the database as it was: no users, an intact audit chain, a writable file', async () => {
    const csv = join(dirname(dataDir), 'users.csv');
    await writeUsersCsv(csv);
    const env = wardEnv();
    const importing = new WardProcess(['import', 'users', csv, '--data-dir', dataDir], env);
    // Progress is reported from inside the import's transaction: some rows are written, none committed.
    await importing.waitFor(/Importing users: [1-9][\d,]*\/50,000 rows/, 'stderr', 60_000);
    const killed = await importing.stop('SIGKILL');
    expect(killed.signal).toBe('SIGKILL');
    expect(killed.stdout).not.toContain('Imported users');

    // All or nothing: the import was one transaction.
    expect([0, rows]).toContain(countUsers(dataDir));
    expect(countUsers(dataDir)).toBe(0);
    const verify = await runWard(['audit', 'verify', '--data-dir', dataDir], env);
    expect(verify.code, verify.stderr).toBe(0);
    expect(verify.stdout).toMatch(/✔ default: \d+ audit events, chain intact/);

    // No lock or journal left behind: the database takes writes again.
    const db = new Database(join(dataDir, 'ward.db'), { fileMustExist: true });
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.prepare("update tenants set name = name where slug = 'default'").run();
    db.close();
  });
});
