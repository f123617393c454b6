import { rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDataDir } from './support/start-ward.js';
import { runWard, wardEnv } from './support/ward-process.js';

// Real processes on two shared cores: generous timeouts, since a loaded machine is slow, not wrong.
describe('ward CLI (SQLite, real processes)', { timeout: 90_000 }, () => {
  const dataDir = tempDataDir();
  const root = dirname(dataDir);
  const env = wardEnv();
  afterAll(() => { rmSync(root, { recursive: true, force: true }); });

  beforeAll(async () => {
    // A global admin and some audited changes, made the way an operator would.
    const admin = await runWard(['admin', 'create', '--data-dir', dataDir, '--email', 'root@example.com', '--role', 'globalAdmin'], env);
    expect(admin.code, admin.stderr).toBe(0);
    expect(admin.stdout.trim()).toMatch(/^\S{16,}$/);
    const csv = join(root, 'users.csv');
    writeFileSync(csv, '\uFEFFemail,displayName,department\nalice@example.com,Alice,Sales\n"bob@example.com","Bob, Jr.",IT\n');
    const imported = await runWard(['import', 'users', csv, '--data-dir', dataDir], env);
    expect(imported.code, imported.stderr).toBe(0);
    expect(imported.stdout).toBe('Imported users: 2 created, 0 updated, 0 unchanged, 0 memberships added.\n');
    expect(imported.stderr).toContain('Importing users: 2/2 rows (100%)');
  });

  it('migrates a fresh database with a line per migration, then finds nothing to do', async () => {
    const fresh = join(root, 'fresh');
    const first = await runWard(['migrate', '--data-dir', fresh], env);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stderr).toMatch(/applied {2}0001-/);
    expect(first.stdout).toMatch(/^Applied \d+ migration\(s\) in [\d.]+ s; the schema is up to date\.\n$/);
    const second = await runWard(['migrate', '--data-dir', fresh], env);
    expect(second.stdout).toBe('The database schema is up to date; nothing to apply.\n');
  });

  it('imports groups with their members in one go', async () => {
    const csv = join(root, 'groups.csv');
    writeFileSync(csv, 'name,description,membershipType,memberType,rule,members\nSales,Sales team,static,user,,alice@example.com;bob@example.com\nIT people,,dynamic,user,"user.department == ""IT""",\n');
    const run = await runWard(['import', 'groups', csv, '--data-dir', dataDir], env);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toBe('Imported groups: 2 created, 0 updated, 0 unchanged, 2 memberships added.\n');
  });

  it('reports every configuration problem at once, one line each, with status 2', async () => {
    const run = await runWard(['serve', '--data-dir', dataDir, '--port', '99999'], wardEnv({ WARD_LOG_LEVEL: 'chatty', WARD_METRICS_ENABLED: 'maybe', WARD_TLS_KEY_FILE: '/k.pem' }));
    expect(run.code).toBe(2);
    const lines = run.stderr.trim().split('\n');
    expect(lines).toEqual([
      'WARD_LOG_LEVEL: must be one of fatal, error, warn, info, debug, trace, silent, got "chatty"',
      'WARD_METRICS_ENABLED: must be true or false, got "maybe"',
      '--port: must be an integer from 0 to 65535, got "99999"',
      'WARD_TLS_CERT_FILE and WARD_TLS_KEY_FILE: set both or neither',
      '(4 configuration problems; docs/configuration.md describes every option)',
    ]);
    expect(run.stdout).toBe('');
  });

  it('reads a config file, below the environment', async () => {
    const file = join(root, 'ward.json');
    writeFileSync(file, JSON.stringify({ dataDir, port: 'x' }));
    const run = await runWard(['doctor', '--config', file], wardEnv({ WARD_PORT: '1' }));
    // The environment's valid port wins over the file's invalid one, so the file's value is still reported.
    expect(run.stdout).toContain(`✖ Configuration: port in ${file}: must be an integer from 0 to 65535, got "x"`);
    expect(run.code).toBe(1);
  });

  it('doctor passes on a healthy install and fails, line by line, on a broken one', async () => {
    // The CA and TLS certificate come from the first `serve`: a fresh CLI-only install lacks them.
    const before = await runWard(['doctor', '--data-dir', dataDir], env);
    expect(before.code).toBe(1);
    expect(before.stdout).toMatch(/^✔ Configuration: valid/m);
    expect(before.stdout).toMatch(/^✔ Database: SQLite .*ward\.db answers/m);
    expect(before.stdout).toMatch(/^✔ Migrations: all \d+ applied/m);
    expect(before.stdout).toMatch(/^✔ Clock: /m);
    expect(before.stdout).toMatch(/^✖ Certificate authority: none yet; `ward serve` creates it/m);
    expect(before.stdout).toMatch(/^✖ Command-signing key: none yet; `ward serve` creates it/m);
    expect(before.stdout).toMatch(/^✖ TLS certificate: none at /m);

    const empty = await runWard(['doctor', '--data-dir', join(root, 'nowhere')], env);
    expect(empty.code).toBe(1);
    expect(empty.stdout).toMatch(/^✖ Data directory: .*nowhere does not exist/m);
    expect(empty.stdout).toMatch(/^✖ Database: no database at /m);
  });

  it('verifies the audit chain, and names the first row tampered with directly in the database', async () => {
    const intact = await runWard(['audit', 'verify', '--data-dir', dataDir], env);
    expect(intact.code, intact.stderr).toBe(0);
    const [, count = '0'] = intact.stdout.match(/✔ default: (\d+) audit events, chain intact/) ?? [];
    expect(Number(count)).toBeGreaterThanOrEqual(4);

    // Rewrite history as someone with file access would: Alice's creation now names Mallory.
    const db = new Database(join(dataDir, 'ward.db'));
    const row = db.prepare("select seq from audit_events where action = 'user.created' and after like '%Alice%'").get() as { seq: number };
    const changed = db.prepare("update audit_events set after = replace(after, 'Alice', 'Mallory') where seq = ?").run(row.seq);
    db.close();
    expect(changed.changes).toBe(1);

    const tampered = await runWard(['audit', 'verify', '--data-dir', dataDir], env);
    expect(tampered.code).toBe(1);
    expect(tampered.stderr).toContain(`✖ default: the audit chain is broken at seq ${row.seq}: its content does not match its hash`);
  });

  it('backs SQLite up online into a file that opens and holds the data', async () => {
    const out = join(root, 'backup.db');
    const run = await runWard(['backup', '--out', out, '--data-dir', dataDir], env);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain(`to ${out}`);
    // The packages are files beside the database: the command names the directory to copy as well.
    expect(run.stderr).toContain(`copy ${join(dataDir, 'app-packages')} too`);
    const copy = new Database(out, { readonly: true, fileMustExist: true });
    const users = copy.prepare('select email from users order by email').all() as { email: string }[];
    expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
    copy.close();
    expect(users.map((u) => u.email)).toEqual(['alice@example.com', 'bob@example.com', 'root@example.com']);
    const again = await runWard(['backup', '--out', out, '--data-dir', dataDir], env);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('exists; choose another --out or add --force');
  });

  it('on PostgreSQL, backup says which tools to use and exits 2 without making a backup', async () => {
    const run = await runWard(['backup', '--out', join(root, 'pg.db')], wardEnv({ WARD_DATABASE_URL: 'postgres://root@127.0.0.1:5432/test' }));
    expect(run.stderr).toContain('copy that directory too');
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('pg_dump');
    expect(run.stderr).toContain('pg_basebackup');
  });

  it('refuses a bad import as a whole and names the lines', async () => {
    const csv = join(root, 'bad.csv');
    writeFileSync(csv, 'email,displayName\ncarol@example.com,Carol\nnot-an-email,Dave\n');
    const run = await runWard(['import', 'users', csv, '--data-dir', dataDir], env);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/line 3, email: /);
    const db = new Database(join(dataDir, 'ward.db'), { readonly: true });
    const carol = db.prepare("select count(*) as n from users where email = 'carol@example.com'").get() as { n: number };
    db.close();
    expect(carol.n).toBe(0);
  });

  it('shows help and usage errors with the conventional statuses', async () => {
    const help = await runWard(['--help'], env);
    expect(help.code).toBe(0);
    for (const command of ['serve', 'migrate', 'admin', 'token', 'enrollment-token', 'device', 'import', 'audit', 'backup', 'doctor']) expect(help.stdout).toContain(command);
    const unknown = await runWard(['frobnicate'], env);
    expect(unknown.code).toBe(2);
    const missing = await runWard(['admin', 'create', '--email', 'x@example.com'], env);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("required option '--role <role>' not specified");
  });
});
