import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HttpsClient } from './https-client.js';
import { WardProcess, wardEnv } from './ward-process.js';

/** A `ward serve` process, with what its banner said. */
export interface ServedWard {
  readonly process: WardProcess;
  readonly url: string;
  readonly fingerprint: string;
  /** The root CA certificate file the banner named. */
  readonly caPath: string;
  readonly caPem: string;
  /** The first admin's e-mail and one-time password: only on the first start. */
  readonly admin: { readonly email: string; readonly password: string } | undefined;
  readonly client: HttpsClient;
  /** SIGTERM, and the exit. */
  stop(): Promise<{ code: number | null; stdout: string; stderr: string }>;
}

/** A fresh temporary data directory. */
export function tempDataDir(prefix = 'ward-e2e-'): string {
  return join(mkdtempSync(join(tmpdir(), prefix)), 'data');
}

/** Starts `ward serve` on 127.0.0.1 (on a free port unless `port` is given) and reads its banner. */
export async function startWard(dataDir: string, env: Readonly<Record<string, string>> = {}, port = 0): Promise<ServedWard> {
  const process = new WardProcess(['serve', '--data-dir', dataDir, '--port', String(port), '--host', '127.0.0.1'], wardEnv(env));
  const [, url = ''] = await process.waitFor(/listening on (https:\/\/\S+)/, 'stdout', 60_000);
  const [, fingerprint = ''] = process.stdout.match(/SHA-256 ([0-9A-F:]{95})/) ?? [];
  const [, caPath = ''] = process.stdout.match(/Trust anchor:\s+(\S+)/) ?? [];
  const admin = process.stdout.match(/created the global admin (\S+)\.\n\s+One-time password: (\S+)/);
  const caPem = readFileSync(caPath, 'utf8');
  const client = new HttpsClient(url, caPem);
  return {
    process,
    url,
    fingerprint,
    caPath,
    caPem,
    admin: admin === null ? undefined : { email: admin[1] ?? '', password: admin[2] ?? '' },
    client,
    async stop() {
      await client.close();
      return process.stop('SIGTERM');
    },
  };
}

/** Signs in as the first admin the banner of a fresh start printed; returns the session token. */
export async function signInFirstAdmin(ward: ServedWard): Promise<string> {
  if (ward.admin === undefined) throw new Error('no first admin in the banner');
  const signIn = await ward.client.request<{ token: string }>('POST', '/api/v1/auth/sign-in', { body: ward.admin });
  if (signIn.status !== 200) throw new Error(`signing in as the first admin: ${signIn.status} ${signIn.text}`);
  return signIn.body.token;
}
