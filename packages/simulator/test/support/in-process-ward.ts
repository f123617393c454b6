import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createAdmin, createApiToken, systemPrincipal } from '@ward/core';
import { createLogger, loadConfig, startServer, type RunningServer } from '@ward/server';
import { Agent, request } from 'undici';

/** The real server composition (`ward serve`'s startServer) in this process, on a temporary data directory. */
export interface InProcessWard {
  readonly server: RunningServer;
  readonly url: string;
  readonly caPem: string;
  /** A global admin's bearer token. */
  readonly token: string;
  /** Calls the admin API as that admin; fails the test on an unexpected status. */
  api<T>(method: 'GET' | 'POST', path: string, body?: unknown, expectStatus?: number): Promise<T>;
  close(): Promise<void>;
}

/**
 * Starts Ward as `ward serve` does (CA, command-signing key, TLS asking for client certificates,
 * agent endpoints, push, event bus) with a global admin token for the admin API.
 */
export async function startInProcessWard(): Promise<InProcessWard> {
  const dataDir = mkdtempSync(join(tmpdir(), 'ward-simulator-test-'));
  const loaded = loadConfig({ env: { WARD_DATA_DIR: dataDir, WARD_PORT: '0', WARD_HOST: '127.0.0.1' } });
  if (!loaded.ok) throw new Error(loaded.errors.join('\n'));
  const server = await startServer(loaded.config, createLogger({ level: 'error', format: 'json' }));
  const { deps, tenant } = server.runtime;
  const system = systemPrincipal(tenant.id, 'system');
  const admin = await createAdmin(deps, system, { email: 'simulator-test@example.test', role: 'globalAdmin' });
  if (!admin.ok) throw new Error(admin.message);
  const created = await createApiToken(deps, system, { name: 'simulator test', role: 'globalAdmin', expiresInDays: 1, ownerUserId: admin.value.user.id });
  if (!created.ok) throw new Error(created.message);
  const token = created.value.bearer;
  const caPem = readFileSync(server.caCertificatePath, 'utf8');
  const dispatcher = new Agent({ connect: { ca: caPem }, connections: 2 });
  return {
    server,
    url: server.url,
    caPem,
    token,
    async api<T>(method: 'GET' | 'POST', path: string, body?: unknown, expectStatus?: number): Promise<T> {
      const response = await request(new URL(path, server.url), {
        dispatcher,
        method,
        headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      const text = await response.body.text();
      if (response.statusCode !== (expectStatus ?? (method === 'POST' ? 201 : 200))) throw new Error(`${method} ${path} answered ${response.statusCode}: ${text}`);
      return JSON.parse(text) as T;
    },
    async close() {
      await dispatcher.close();
      await server.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
