import { randomBytes, randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import { dirname } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWard, tempDataDir, type ServedWard } from './support/start-ward.js';
import { runWard, wardEnv } from './support/ward-process.js';

/**
 * The PostgreSQL server of the tests (CI starts it). This file works in a database of its own
 * rather than a schema: LISTEN/NOTIFY channels are per database, so other suites' events cannot
 * reach these processes and pass for theirs, and Kysely's migrator (which looks for its tables in
 * every schema) cannot mistake another suite's migration tables for ours.
 */
const pgBaseUrl = process.env.WARD_TEST_DATABASE_URL ?? 'postgres://root@127.0.0.1:5432/test';

function inDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

async function admin(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: pgBaseUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** The value of `ward_events_received_total{type="…"}` in a Prometheus exposition, 0 when absent. */
function eventsReceived(exposition: string, type: string): number {
  const line = exposition.split('\n').find((l) => l.startsWith(`ward_events_received_total{type="${type}"}`));
  return line === undefined ? 0 : Number(line.split(' ').pop());
}

/** Polls a node's /metrics until its count of `type` events reaches `target`; false after 15 s. */
async function countReaches(node: ServedWard, type: string, target: number): Promise<boolean> {
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    if (eventsReceived((await node.client.request<string>('GET', '/metrics')).text, type) >= target) return true;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return false;
}

// Real processes on two shared cores: generous timeouts, since a loaded machine is slow, not wrong.
describe('two ward serve processes on one PostgreSQL', { timeout: 120_000 }, () => {
  const database = `ward_e2e_${randomUUID().replaceAll('-', '').slice(0, 16)}`;
  const url = inDatabase(pgBaseUrl, database);
  // Every process on one database must share the master key: secrets sealed by one open on the other.
  const env = { WARD_DATABASE_URL: url, WARD_MASTER_KEY: randomBytes(32).toString('base64') };
  const dataDirs = [tempDataDir(), tempDataDir()];
  const nodes: ServedWard[] = [];

  beforeAll(async () => {
    await admin(`create database ${database}`);
  });
  afterAll(async () => {
    try {
      for (const node of nodes) await node.stop();
      await admin(`drop database if exists ${database} with (force)`);
    } finally {
      for (const dir of dataDirs) rmSync(dirname(dir), { recursive: true, force: true });
    }
  });

  it('share the data, and each receives the events the other publishes', async () => {
    const a = await startWard(dataDirs[0]!, env);
    nodes.push(a);
    const b = await startWard(dataDirs[1]!, env);
    nodes.push(b);
    expect(a.process.stdout).toContain(`Database:         PostgreSQL postgres://root@127.0.0.1:5432/${database}`);
    // The first admin exists once, in the shared database: the second process prints no password.
    expect(a.admin).toBeDefined();
    expect(b.admin).toBeUndefined();
    // One CA and one command-signing key for the cluster, from the database, though each node has its
    // own data directory: an agent enrolled through one node trusts and is trusted by the other.
    const rootOf = (node: ServedWard): string => /Root CA:\s+SHA-256 (\S+)/.exec(node.process.stdout)?.[1] ?? 'missing';
    expect(rootOf(b)).toBe(rootOf(a));
    expect(b.caPem).toBe(a.caPem);

    const before = eventsReceived((await b.client.request<string>('GET', '/metrics')).text, 'user.changed');
    const signIn = await a.client.request<{ token: string }>('POST', '/api/v1/auth/sign-in', { body: { email: a.admin?.email, password: a.admin?.password } });
    expect(signIn.status).toBe(200);
    for (const name of ['ann', 'ben', 'cy']) {
      const created = await a.client.request('POST', '/api/v1/users', { token: signIn.body.token, body: { email: `${name}@example.com`, displayName: name } });
      expect(created.status).toBe(201);
    }

    // B made no change itself: what it counts came over LISTEN/NOTIFY from A.
    expect(await countReaches(b, 'user.changed', before + 3)).toBe(true);

    // And the other way round.
    const aBefore = eventsReceived((await a.client.request<string>('GET', '/metrics')).text, 'user.changed');
    const fromB = await b.client.request('POST', '/api/v1/users', { token: signIn.body.token, body: { email: 'dee@example.com', displayName: 'dee' } });
    expect(fromB.status).toBe(201);
    expect(await countReaches(a, 'user.changed', aBefore + 1)).toBe(true);

    // The session A issued is valid on B: one database, no node-local state.
    const list = await b.client.request<{ items: { email: string }[] }>('GET', '/api/v1/users?q=example.com&limit=10', { token: signIn.body.token });
    expect(list.status).toBe(200);
    expect(list.body.items.map((u) => u.email)).toEqual(['ann@example.com', 'ben@example.com', 'cy@example.com', 'dee@example.com']);
  });

  it('doctor checks PostgreSQL: reachable, migrated, and its clock agrees with this host', async () => {
    const run = await runWard(['doctor', '--data-dir', dataDirs[0]!], wardEnv(env));
    expect(run.stdout).toMatch(/^✔ Database: PostgreSQL .* answers/m);
    expect(run.stdout).toMatch(/^✔ Migrations: all \d+ applied/m);
    expect(run.stdout).toMatch(/^✔ Clock: this host and PostgreSQL differ by -?[\d.]+ s$/m);
    expect(run.stdout).toMatch(/^✔ Certificate authority: /m);
    expect(run.code, run.stdout).toBe(0);
  });
});
