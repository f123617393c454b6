// The upload part of `npm run bench -- mam`: a .deb of `mib` MiB (a file of random data wrapped by
// `dpkg-deb -Znone`, so the package is as large as its payload) is hashed by `sha256sum`, then
// streamed over HTTPS to `POST /api/v1/apps/{id}/versions`, which stores and hashes it as it
// arrives and reads the package; both on the same file in the same run. The files are deleted after.
import { spawn } from 'node:child_process';
import { randomFillSync } from 'node:crypto';
import { closeSync, createReadStream, mkdirSync, mkdtempSync, openSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Agent, request } from 'undici';
import { cpuSeconds } from './mam-check-ins.js';

/** The package's name: the line-of-business app's identifier. */
export const benchPackageName = 'ward-bench-payload';

/** What the upload part measured. */
export interface UploadFigures {
  readonly bytes: number;
  /** Seconds `dpkg-deb` took to build the package (not a figure of Ward's; shown for context). */
  readonly buildSeconds: number;
  readonly sha256sumSeconds: number;
  readonly uploadSeconds: number;
  /** CPU seconds the server spent on the upload. */
  readonly serverCpuSeconds: number;
  /** CPU seconds this process spent sending it (file reads, TLS). */
  readonly clientCpuSeconds: number;
  readonly sha256: string;
  readonly load: number;
}

/** Runs `command` and resolves with its standard output; rejects on a non-zero exit. */
function run(command: string, args: readonly string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.setEncoding('utf8').on('data', (t: string) => (out += t));
    child.stderr.setEncoding('utf8').on('data', (t: string) => (err += t));
    child.once('error', reject);
    child.once('close', (code) => {
      if (code === 0) resolve(out);
      else reject(new Error(`${command} ${args.join(' ')} exited ${String(code)}: ${err.trim()}`));
    });
  });
}

/** Writes `mib` MiB of random bytes to `path`, 16 MiB at a time. */
function writeRandomFile(path: string, mib: number): void {
  const chunk = Buffer.allocUnsafe(16 * 1024 * 1024);
  const fd = openSync(path, 'w');
  try {
    for (let left = mib * 1024 * 1024; left > 0; left -= chunk.length) {
      const part = left >= chunk.length ? chunk : chunk.subarray(0, left);
      randomFillSync(part);
      writeSync(fd, part);
    }
  } finally {
    closeSync(fd);
  }
}

/**
 * Builds the package in a temporary directory, times `sha256sum` on it, creates a
 * line-of-business app through the admin API and times the upload of the package as its first
 * version; checks that the server's SHA-256 is `sha256sum`'s. The page cache holds the fresh file
 * for both readers (the machine's memory permitting), so neither waits on the disk for reading.
 */
export async function measureUpload(server: { readonly url: string; readonly caPem: string; readonly pid: number | undefined }, token: string, mib: number): Promise<UploadFigures> {
  const dir = mkdtempSync(join(tmpdir(), 'ward-bench-mam-package-'));
  const dispatcher = new Agent({ connect: { ca: server.caPem }, connections: 1 });
  try {
    const root = join(dir, 'root');
    mkdirSync(join(root, 'DEBIAN'), { recursive: true });
    mkdirSync(join(root, 'opt', benchPackageName), { recursive: true });
    writeFileSync(
      join(root, 'DEBIAN', 'control'),
      [`Package: ${benchPackageName}`, 'Version: 1.0.0', 'Architecture: all', 'Maintainer: Ward benchmark <bench@example.com>', `Description: ${mib} MiB of random data for Ward's upload benchmark`, ''].join('\n'),
    );
    writeRandomFile(join(root, 'opt', benchPackageName, 'payload.bin'), mib);
    const deb = join(dir, `${benchPackageName}_1.0.0_all.deb`);
    const built = performance.now();
    await run('dpkg-deb', ['--root-owner-group', '-Znone', '--build', root, deb]);
    const buildSeconds = (performance.now() - built) / 1000;
    // Only the package is needed from here; the payload would double the disk used.
    rmSync(root, { recursive: true, force: true });
    const bytes = statSync(deb).size;

    const hashed = performance.now();
    const sum = (await run('sha256sum', [deb])).split(/\s+/u)[0] ?? '';
    const sha256sumSeconds = (performance.now() - hashed) / 1000;

    const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    const created = await request(`${server.url}/api/v1/apps`, { dispatcher, method: 'POST', headers, body: JSON.stringify({ name: 'Bench payload', kind: 'lineOfBusiness', identifier: benchPackageName, platforms: ['linux'] }) });
    const app = (await created.body.json()) as { id?: string };
    if (created.statusCode !== 201 || app.id === undefined) throw new Error(`POST /api/v1/apps: ${created.statusCode} ${JSON.stringify(app)}`);

    const cpu0 = cpuSeconds(server.pid);
    const client0 = process.cpuUsage();
    const uploaded = performance.now();
    const res = await request(`${server.url}/api/v1/apps/${app.id}/versions?fileName=${encodeURIComponent(`${benchPackageName}_1.0.0_all.deb`)}`, {
      dispatcher,
      method: 'POST',
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': 'application/octet-stream',
        'content-length': String(bytes),
        // RFC 9530: the server checks what it stored against the digest sha256sum computed.
        'content-digest': `sha-256=:${Buffer.from(sum, 'hex').toString('base64')}:`,
      },
      // Streamed from the file as the socket takes it: never the whole package in memory.
      body: createReadStream(deb, { highWaterMark: 1024 * 1024 }),
      headersTimeout: 900_000,
      bodyTimeout: 900_000,
    });
    const answer = (await res.body.json()) as { version?: { sha256?: string; sizeBytes?: number } };
    const uploadSeconds = (performance.now() - uploaded) / 1000;
    const serverCpuSeconds = cpuSeconds(server.pid) - cpu0;
    const client = process.cpuUsage(client0);
    const clientCpuSeconds = (client.user + client.system) / 1e6;
    if (res.statusCode !== 201) throw new Error(`upload: ${res.statusCode} ${JSON.stringify(answer).slice(0, 500)}`);
    if (answer.version?.sha256 !== sum || answer.version.sizeBytes !== bytes) throw new Error(`the server stored ${JSON.stringify(answer.version)}; sha256sum says ${sum} over ${bytes} bytes`);
    return { bytes, buildSeconds, sha256sumSeconds, uploadSeconds, serverCpuSeconds, clientCpuSeconds, sha256: sum, load: loadavg()[0] ?? Number.NaN };
  } finally {
    await dispatcher.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
