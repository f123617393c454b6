import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Agent, fetch } from 'undici';

const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));
const wardBin = fileURLToPath(new URL('../../../server/bin/ward.js', import.meta.url));

/** An API answer: status and parsed JSON (or undefined for an empty body). */
export interface Answer<T> {
  readonly status: number;
  readonly body: T;
}

/** A `ward serve` process on a temporary SQLite data directory, as `npm start` runs it. */
export interface WardServer {
  /** `https://127.0.0.1:PORT`. */
  readonly url: string;
  /** The root CA the server's certificate chains to, PEM. */
  readonly caPem: string;
  /** The first admin the server created, and their one-time password. */
  readonly admin: { readonly email: string; readonly password: string };
  /** Output so far, for failure messages. */
  output(): string;
  /** Calls the API, trusting the server's CA; `token` as bearer. */
  call<T>(method: string, path: string, options?: { readonly token?: string; readonly body?: unknown }): Promise<Answer<T>>;
  stop(): Promise<void>;
}

/**
 * Starts `ward serve --port 0` (or the given port) and reads the banner: URL, trust anchor and the
 * first admin. `env` adds WARD_* settings, e.g. a `WARD_PUBLIC_URL` on `localhost`, which WebAuthn
 * needs (an IP address is not a valid relying party id).
 */
export async function startWardServer(options: { readonly port?: number; readonly env?: Readonly<Record<string, string>> } = {}): Promise<WardServer> {
  const root = mkdtempSync(join(tmpdir(), 'ward-console-e2e-'));
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) if (value !== undefined && !key.startsWith('WARD_')) env[key] = value;
  const child: ChildProcess = spawn(process.execPath, [wardBin, 'serve', '--data-dir', join(root, 'data'), '--port', String(options.port ?? 0), '--host', '127.0.0.1'], {
    cwd: repoRoot,
    env: { ...env, WARD_LOG_FORMAT: 'json', WARD_LOG_LEVEL: 'warn', ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout?.setEncoding('utf8').on('data', (text: string) => (out += text));
  child.stderr?.setEncoding('utf8').on('data', (text: string) => (err += text));
  const deadline = Date.now() + 90_000;
  for (;;) {
    const url = /is listening on (https:\/\/\S+)/.exec(out)?.[1];
    const anchor = /Trust anchor:\s+(\S+)/.exec(out)?.[1];
    const admin = /created the global admin (\S+)\.\n\s+One-time password: (\S+)/.exec(out);
    if (url !== undefined && anchor !== undefined && admin !== null) {
      const caPem = readFileSync(anchor, 'utf8');
      const agent = new Agent({ connect: { ca: caPem } });
      return {
        url,
        caPem,
        admin: { email: admin[1] ?? '', password: admin[2] ?? '' },
        output: () => `stdout:\n${out}\nstderr:\n${err.slice(-4000)}`,
        async call<T>(method: string, path: string, options: { readonly token?: string; readonly body?: unknown } = {}): Promise<Answer<T>> {
          const headers: Record<string, string> = {};
          if (options.token !== undefined) headers.authorization = `Bearer ${options.token}`;
          if (options.body !== undefined) headers['content-type'] = 'application/json';
          const response = await fetch(new URL(path, url), { method, headers, body: options.body === undefined ? undefined : JSON.stringify(options.body), dispatcher: agent });
          const text = await response.text();
          return { status: response.status, body: (text === '' ? undefined : JSON.parse(text)) as T };
        },
        async stop() {
          await agent.close();
          if (child.exitCode === null) {
            const exited = new Promise((resolve) => child.once('close', resolve));
            child.kill('SIGTERM');
            await exited;
          }
          rmSync(root, { recursive: true, force: true });
        },
      };
    }
    if (child.exitCode !== null || Date.now() > deadline) {
      rmSync(root, { recursive: true, force: true });
      throw new Error(`ward serve did not start.\nstdout:\n${out}\nstderr:\n${err}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
