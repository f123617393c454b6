import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createMockApnsAuthority } from '@ward/simulator';
import { main } from '../src/cli/main.js';
import { tempDataDir } from './support/start-ward.js';

/** The outcome of one in-process `ward` run. */
interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

interface StatusJson {
  state: string;
  warningDays: number;
  active: { topic: string; notAfter: string; daysLeft: number; expiresSoon: boolean } | null;
  pending: { csrPem: string } | null;
}

const dayMs = 86_400_000;
const topic = 'com.apple.mgmt.External.3b5d7f91-2c4e-4a6b-8d0f-1e3a5c7e9b2d';

// The CLI in-process on a real SQLite data directory: the same program `ward` runs, driven through its io.
describe('ward apple push-cert (in-process, SQLite)', { timeout: 60_000 }, () => {
  const dataDir = tempDataDir('ward-apple-cli-');
  const root = dirname(dataDir);
  const apple = createMockApnsAuthority();
  afterAll(() => { rmSync(root, { recursive: true, force: true }); });

  async function ward(...args: string[]): Promise<Run> {
    let stdout = '';
    let stderr = '';
    const io = { stdout: { write: (t: string) => (stdout += t) }, stderr: { write: (t: string) => (stderr += t) }, env: { WARD_DATA_DIR: dataDir, WARD_LOG_LEVEL: 'silent' } };
    const code = await main(['node', 'ward', ...args], io);
    return { code, stdout, stderr };
  }

  async function statusJson(): Promise<StatusJson> {
    const run = await ward('apple', 'push-cert', 'status', '--json');
    expect(run.code, run.stderr).toBe(0);
    return JSON.parse(run.stdout) as StatusJson;
  }

  const csrFile = join(root, 'ward-push.csr');

  it('reports no certificate at first and says how to start', async () => {
    const run = await ward('apple', 'push-cert', 'status');
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('State:      notConfigured');
    expect(run.stdout).toContain('ward apple push-cert request');
    expect(await statusJson()).toEqual({ state: 'notConfigured', active: null, pending: null, warningDays: 30 });
  });

  it('refuses an upload with no pending request, changing nothing', async () => {
    const file = join(root, 'stray.pem');
    writeFileSync(file, apple.issuePushIdentity({ topic }).certificatePem);
    const run = await ward('apple', 'push-cert', 'upload', file);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('(PUSH_CERTIFICATE_REQUEST_NOT_FOUND)');
    expect((await statusJson()).state).toBe('notConfigured');
  });

  it('writes the CSR to a file and explains the vendor signature and Apple\'s portal', async () => {
    const run = await ward('apple', 'push-cert', 'request', '--out', csrFile);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toBe(`Wrote the certificate signing request to ${csrFile}.\n`);
    expect(run.stderr).toContain('mdmcert.download');
    expect(run.stderr).toContain('identity.apple.com');
    const csr = readFileSync(csrFile, 'utf8');
    expect(csr).toMatch(/^-----BEGIN CERTIFICATE REQUEST-----\n/);
    expect(csr).not.toContain('PRIVATE KEY');
    expect(await statusJson()).toMatchObject({ state: 'pending', active: null, pending: { csrPem: csr } });
  });

  const refusals: readonly (readonly [name: string, file: string, text: () => string, code: number, message: string])[] = [
    ['garbage', 'garbage.pem', () => 'not a certificate', 1, '(PUSH_CERTIFICATE_INVALID)'],
    ['a certificate over another key', 'other-key.pem', () => apple.issuePushIdentity({ topic }).certificatePem, 1, '(PUSH_CERTIFICATE_KEY_MISMATCH)'],
    ['a file far larger than a certificate', 'huge.pem', () => 'A'.repeat(200_000), 2, 'is 200000 bytes'],
  ];
  it.each(refusals)('refuses %s, keeping the request pending', async (_name, name, text, code, message) => {
    const file = join(root, name);
    writeFileSync(file, text());
    const run = await ward('apple', 'push-cert', 'upload', file);
    expect(run.code).toBe(code);
    expect(run.stderr).toContain(message);
    expect((await statusJson()).state).toBe('pending');
  });

  it('refuses a file that is not there with status 2', async () => {
    const run = await ward('apple', 'push-cert', 'upload', join(root, 'missing.pem'));
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('No such file');
  });

  it('uploads the certificate Apple issued (DER) and prints topic and expiry, warning within 30 days', async () => {
    // Issued 350 days ago for a year (X.509 keeps whole seconds): 15 days are left, inside the warning window.
    const notBefore = new Date(Math.floor(Date.now() / 1000) * 1000 - 350 * dayMs);
    const pem = apple.issuePushCertificate(readFileSync(csrFile, 'utf8'), { topic, notBefore, days: 365 });
    const file = join(root, 'MDM_Ward_Certificate.cer');
    writeFileSync(file, Buffer.from(pem.replace(/-----[A-Z ]+-----|\s+/g, ''), 'base64'));
    const notAfter = new Date(notBefore.getTime() + 365 * dayMs).toISOString();

    const run = await ward('apple', 'push-cert', 'upload', file);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toBe(`Uploaded the Apple push certificate for topic ${topic}, valid until ${notAfter}.\n`);

    const status = await ward('apple', 'push-cert', 'status');
    expect(status.code, status.stderr).toBe(0);
    const lines = status.stdout.split('\n');
    expect(lines[0]).toMatch(/^WARNING: the Apple push certificate expires in 1[45] days/);
    expect(lines).toContain(`Topic:      ${topic}`);
    expect(status.stdout).toContain(`Expires:    ${notAfter}`);
    expect(await statusJson()).toMatchObject({ state: 'active', pending: null, active: { topic, notAfter, expiresSoon: true } });
  });

  it('writes a renewal CSR to standard output and says the active certificate stays', async () => {
    const run = await ward('apple', 'push-cert', 'request');
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^-----BEGIN CERTIFICATE REQUEST-----\n[\s\S]+-----END CERTIFICATE REQUEST-----\n$/);
    expect(run.stderr).toContain('The active certificate keeps working until the renewed one is uploaded.');
    expect(await statusJson()).toMatchObject({ state: 'active', active: { topic }, pending: { csrPem: run.stdout } });
  });
});
