import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A CA and a leaf it signed, made by the openssl CLI (an independent implementation). */
export interface TestIdentity {
  readonly caPem: string;
  readonly certificatePem: string;
  readonly privateKeyPem: string;
}

/** Runs `openssl` with `args` in `dir`, returning stdout; throws with stderr when it exits non-zero. */
export function runOpenssl(args: readonly string[], dir: string, input?: Uint8Array): string {
  return execFileSync('openssl', args, { cwd: dir, encoding: 'utf8', timeout: 20_000, ...(input === undefined ? {} : { input }) });
}

/** Runs `openssl` and returns its exit status with stdout and stderr together (some commands describe on stderr). */
export function runOpensslCombined(args: readonly string[], dir: string): { readonly status: number | null; readonly output: string } {
  const run = spawnSync('openssl', args, { cwd: dir, encoding: 'utf8', timeout: 20_000 });
  return { status: run.status, output: `${run.stdout}${run.stderr}` };
}

/** A fresh temporary directory and its cleanup. */
export function tempDir(): { readonly dir: string; readonly remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'ward-apple-'));
  return {
    dir,
    remove: () => {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Makes a self-signed CA and an RSA-2048 leaf (`CN=leaf`) signed by it. */
export function makeTestIdentity(commonName = 'Ward Test Device'): TestIdentity {
  const { dir, remove } = tempDir();
  try {
    runOpenssl(['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'ca.key', '-out', 'ca.pem', '-days', '30', '-subj', '/O=Ward Test/CN=Ward Test Root'], dir);
    runOpenssl(['req', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'leaf.key', '-out', 'leaf.csr', '-subj', `/CN=${commonName}`], dir);
    runOpenssl(['x509', '-req', '-in', 'leaf.csr', '-CA', 'ca.pem', '-CAkey', 'ca.key', '-CAcreateserial', '-out', 'leaf.pem', '-days', '30'], dir);
    return { caPem: readFileSync(join(dir, 'ca.pem'), 'utf8'), certificatePem: readFileSync(join(dir, 'leaf.pem'), 'utf8'), privateKeyPem: readFileSync(join(dir, 'leaf.key'), 'utf8') };
  } finally {
    remove();
  }
}

/** Writes `bytes` to `name` in `dir` and returns the path. */
export function writeTemp(dir: string, name: string, bytes: Uint8Array | string): string {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return path;
}
