import { rmSync } from 'node:fs';
import { connect, type PeerCertificate } from 'node:tls';
import { dirname } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startWard, tempDataDir, type ServedWard } from './support/start-ward.js';
import { runWard, wardEnv } from './support/ward-process.js';

interface Session {
  token: string;
}
interface User {
  id: string;
  email: string;
}
interface UserPage {
  items: User[];
  nextCursor: string | null;
}

/** The certificate the server presents, fetched with verification against the CA only. */
function peerCertificate(url: string, ca: string): Promise<PeerCertificate> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect({ host: hostname, port: Number(port), ca, servername: hostname === '127.0.0.1' ? undefined : hostname }, () => {
      resolve(socket.getPeerCertificate());
      socket.end();
    });
    socket.on('error', reject);
  });
}

// Real processes on two shared cores: generous timeouts, since a loaded machine is slow, not wrong.
describe('ward serve (SQLite, real process, HTTPS)', { timeout: 90_000 }, () => {
  const dataDir = tempDataDir();
  const running: ServedWard[] = [];
  afterAll(async () => {
    for (const ward of running) await ward.stop();
    rmSync(dirname(dataDir), { recursive: true, force: true });
  });

  let password = '';
  let email = '';
  let userId = '';
  let fingerprint = '';

  it('starts on a free port, prints URL, fingerprint and a one-time password, and serves what it printed', async () => {
    const ward = await startWard(dataDir);
    running.push(ward);
    expect(ward.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    expect(ward.admin?.email).toBe('admin@ward.local');
    email = ward.admin?.email ?? '';
    password = ward.admin?.password ?? '';
    expect(password.length).toBeGreaterThanOrEqual(16);
    // The printed fingerprint is the one the listener presents, verified against Ward's CA.
    const peer = await peerCertificate(ward.url, ward.caPem);
    expect(peer.fingerprint256).toBe(ward.fingerprint);
    fingerprint = ward.fingerprint;
    // The password went to stdout only, never into the log.
    expect(ward.process.stderr).not.toContain(password);
  });

  it('signs in over HTTPS, creates a user and lists it; secrets stay out of the log', async () => {
    const ward = running[0]!;
    const health = await ward.client.request('GET', '/healthz');
    expect(health.status).toBe(200);
    const signIn = await ward.client.request<Session>('POST', '/api/v1/auth/sign-in', { body: { email, password } });
    expect(signIn.status).toBe(200);
    const token = signIn.body.token;
    const created = await ward.client.request<User>('POST', '/api/v1/users', { token, body: { email: 'Ada@Example.com', displayName: 'Ada Lovelace' } });
    expect(created.status).toBe(201);
    userId = created.body.id;
    const list = await ward.client.request<UserPage>('GET', '/api/v1/users?q=ada', { token });
    expect(list.status).toBe(200);
    expect(list.body.items.map((u) => u.email)).toEqual(['ada@example.com']);
    const unauthenticated = await ward.client.request('GET', '/api/v1/users');
    expect(unauthenticated.status).toBe(401);
    const metrics = await ward.client.request<string>('GET', '/metrics');
    expect(metrics.text).toMatch(/ward_http_request_duration_seconds_count\{route="\/api\/v1\/users",method="POST",status="201"\} 1/);
    expect(metrics.text).toContain('ward_events_received_total{type="user.changed"}');
    expect(ward.process.stderr).not.toContain(token);
    expect(ward.process.stderr).not.toContain(password);
  });

  it('stops gracefully on SIGTERM', async () => {
    const ward = running.shift()!;
    const exit = await ward.stop();
    expect(exit.code).toBe(0);
    expect(exit.stderr).toContain('stopped');
  });

  it('keeps its data, certificate and admin across a restart and prints no new password', async () => {
    const ward = await startWard(dataDir);
    running.push(ward);
    expect(ward.admin).toBeUndefined();
    expect(ward.fingerprint).toBe(fingerprint);
    expect(ward.process.stdout).not.toMatch(/password/i);
    const signIn = await ward.client.request<Session>('POST', '/api/v1/auth/sign-in', { body: { email, password } });
    expect(signIn.status).toBe(200);
    const user = await ward.client.request<User>('GET', `/api/v1/users/${userId}`, { token: signIn.body.token });
    expect(user.status).toBe(200);
    expect(user.body.email).toBe('ada@example.com');
  });

  it('refuses to start with a master key that is not the one its CA was made with', async () => {
    const run = await runWard(['serve', '--data-dir', dataDir, '--port', '0'], wardEnv({ WARD_MASTER_KEY: Buffer.alloc(32, 1).toString('base64') }));
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('Ward could not start: The master key does not open the stored CA');
    expect(run.stdout).toBe('');
  });

  it('serves API tokens made by the CLI while it runs, and stops honouring a revoked one', async () => {
    const ward = running[0]!;
    const env = wardEnv();
    const nobody = await runWard(['token', 'create', '--data-dir', dataDir, '--admin', 'nobody@example.com', '--name', 'e2e', '--role', 'global-admin'], env);
    expect(nobody.code).toBe(2);
    expect(nobody.stderr).toContain('--admin: no user with the e-mail nobody@example.com');
    expect(nobody.stdout).toBe('');
    const made = await runWard(['token', 'create', '--data-dir', dataDir, '--admin', email, '--name', 'e2e', '--role', 'global-admin', '--expires', '7d'], env);
    expect(made.code, made.stderr).toBe(0);
    const bearer = made.stdout.trim();
    expect(bearer.split('\n')).toHaveLength(1);
    const [, id = ''] = made.stderr.match(/Created API token (\S+)/) ?? [];
    expect((await ward.client.request('GET', '/api/v1/users', { token: bearer })).status).toBe(200);
    const revoked = await runWard(['token', 'revoke', id, '--data-dir', dataDir], env);
    expect(revoked.code, revoked.stderr).toBe(0);
    const after = await ward.client.request<{ error: { code: string } }>('GET', '/api/v1/users', { token: bearer });
    expect(after.status).toBe(401);
    expect(JSON.stringify(after.body)).toContain('TOKEN_REVOKED');
  });

  it('resets an admin password from the CLI: the old password and sessions stop working', async () => {
    const ward = running[0]!;
    const session = await ward.client.request<Session>('POST', '/api/v1/auth/sign-in', { body: { email, password } });
    const reset = await runWard(['admin', 'reset', '--email', email, '--data-dir', dataDir], wardEnv());
    expect(reset.code, reset.stderr).toBe(0);
    const fresh = reset.stdout.trim();
    expect(fresh).not.toBe(password);
    expect((await ward.client.request('GET', '/api/v1/users', { token: session.body.token })).status).toBe(401);
    expect((await ward.client.request('POST', '/api/v1/auth/sign-in', { body: { email, password } })).status).toBe(401);
    expect((await ward.client.request('POST', '/api/v1/auth/sign-in', { body: { email, password: fresh } })).status).toBe(200);
  });
});
