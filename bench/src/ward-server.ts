import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const wardBin = fileURLToPath(new URL('../../apps/server/bin/ward.js', import.meta.url));

/** A `ward serve` child process: the server under load runs apart from the load generator. */
export interface ServerProcess {
  readonly url: string;
  readonly caPem: string;
  readonly child: ChildProcess;
  /** Resident memory of the server process in bytes, from /proc. */
  rssBytes(): number;
  stop(): Promise<void>;
}

/** Starts `ward serve` on a free port and waits for its banner. */
export async function startWardServer(dataDir: string, env: Readonly<Record<string, string>>): Promise<ServerProcess> {
  const clean: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined && !k.startsWith('WARD_')) clean[k] = v;
  const child = spawn(process.execPath, [wardBin, 'serve', '--data-dir', dataDir, '--port', '0', '--host', '127.0.0.1'], {
    cwd: repoRoot,
    env: { ...clean, WARD_LOG_LEVEL: 'warn', WARD_LOG_FORMAT: 'json', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout.setEncoding('utf8').on('data', (t: string) => (out += t));
  child.stderr.setEncoding('utf8').on('data', (t: string) => (err += t));
  const deadline = Date.now() + 120_000;
  for (;;) {
    const url = /is listening on (\S+)/.exec(out)?.[1];
    const anchor = /Trust anchor:\s+(\S+)/.exec(out)?.[1];
    if (url !== undefined && anchor !== undefined) {
      const caPem = readFileSync(anchor, 'utf8');
      return {
        url,
        caPem,
        child,
        rssBytes: () => {
          const status = readFileSync(`/proc/${child.pid ?? 0}/status`, 'utf8');
          return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0) * 1024;
        },
        stop: () =>
          new Promise((resolve) => {
            if (child.exitCode !== null) {
              resolve();
              return;
            }
            child.once('close', () => {
              resolve();
            });
            child.kill('SIGTERM');
          }),
      };
    }
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`ward serve did not start.\nstdout:\n${out}\nstderr:\n${err}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
