import { execFile } from 'node:child_process';

/** What an `openssl` run printed and how it exited. */
export interface OpensslResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs the `openssl` CLI in `cwd` and resolves however it exits, so tests can assert on refusals
 * (non-zero exits) as well as successes. OpenSSL is the independent judge of what this package
 * produces: if it disagrees with @peculiar/x509, devices will too.
 */
export function openssl(args: readonly string[], cwd: string): Promise<OpensslResult> {
  return new Promise((resolve, reject) => {
    execFile('openssl', args, { cwd, encoding: 'utf8', timeout: 10_000 }, (error, stdout, stderr) => {
      if (error !== null && typeof error.code !== 'number') {
        reject(new Error('openssl did not run', { cause: error }));
        return;
      }
      resolve({ code: typeof error?.code === 'number' ? error.code : 0, stdout, stderr });
    });
  });
}
