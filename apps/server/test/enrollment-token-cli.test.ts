import { randomBytes, X509Certificate } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createCertificateAuthority } from '@ward/pki';
import { terminalQrCode } from '../src/cli/terminal-qr-code.js';
import { tempDataDir } from './support/start-ward.js';
import { runWard, wardEnv } from './support/ward-process.js';

const tokenPattern = /wrd_et\.[0-9a-f-]{36}\.[A-Za-z0-9_-]{43}/;

// Real processes on two shared cores: generous timeouts, since a loaded machine is slow, not wrong.
describe('ward enrollment-token (SQLite, real processes)', { timeout: 90_000 }, () => {
  const dataDir = tempDataDir('ward-enroll-cli-');
  const env = wardEnv();
  afterAll(() => { rmSync(dirname(dataDir), { recursive: true, force: true }); });

  let tokenId = '';

  it('prints the token once, the ward-agent enroll command for it and that command as a QR code', async () => {
    const run = await runWard(['enrollment-token', 'create', '--name', 'Lab laptops', '--max-uses', '5', '--expires', '24h', '--data-dir', dataDir, '--public-url', 'https://ward.example.com:8443/'], env);
    expect(run.code, run.stderr).toBe(0);
    const [, id = ''] = /Created enrollment token (\S+) "Lab laptops" for up to 5 devices, corporate, until (\S+)\./.exec(run.stderr) ?? [];
    tokenId = id;
    expect(tokenId).toMatch(/^[0-9a-f-]{36}$/);
    const token = tokenPattern.exec(run.stdout)?.[0] ?? '';
    expect(token).toContain(tokenId);
    // The fingerprint agents pin is the root the server trusts (created now, as `ward serve` would).
    const fingerprint = new X509Certificate(readFileSync(join(dataDir, 'ca.crt'))).fingerprint256;
    const command = `ward-agent enroll --server https://ward.example.com:8443 --token ${token} --ca-fingerprint ${fingerprint}`;
    const lines = run.stdout.split('\n');
    expect(lines).toContain(`  ${token}`);
    expect(lines).toContain(`  ${command}`);
    // The QR code encodes exactly that command: rendering is deterministic, so the same text draws the same code.
    expect(run.stdout).toContain(await terminalQrCode(command));
    // The secret is not in the log.
    expect(run.stderr).not.toContain(token);
  });

  it('names the bound address when no public URL is set, and prints JSON for scripts', async () => {
    const run = await runWard(['enrollment-token', 'create', '--name', 'One-off', '--json', '--host', '0.0.0.0', '--port', '9443', '--data-dir', dataDir], env);
    expect(run.code, run.stderr).toBe(0);
    const created = JSON.parse(run.stdout) as { token: string; command: string; maxUses: number | null; caFingerprint: string };
    expect(created.maxUses).toBe(1);
    expect(created.command).toBe(`ward-agent enroll --server https://localhost:9443 --token ${created.token} --ca-fingerprint ${created.caFingerprint}`);
  });

  it('lists tokens with their state and uses, and revokes one', async () => {
    const listed = await runWard(['enrollment-token', 'list', '--data-dir', dataDir], env);
    expect(listed.code, listed.stderr).toBe(0);
    const row = listed.stdout.split('\n').find((l) => l.startsWith(tokenId)) ?? '';
    expect(row).toMatch(/Lab laptops\s+active\s+0 of 5\s+corporate/);
    expect(listed.stdout).not.toMatch(tokenPattern);

    const revoked = await runWard(['enrollment-token', 'revoke', tokenId, '--data-dir', dataDir], env);
    expect(revoked.code, revoked.stderr).toBe(0);
    expect(revoked.stdout).toBe(`Revoked enrollment token ${tokenId}.\n`);
    const after = await runWard(['enrollment-token', 'list', '--json', '--data-dir', dataDir], env);
    const states = after.stdout.trim().split('\n').map((l) => JSON.parse(l) as { id: string; state: string });
    expect(states.find((t) => t.id === tokenId)?.state).toBe('revoked');
  });

  it('refuses contradictory or unusable options with status 2, creating nothing', async () => {
    const both = await runWard(['enrollment-token', 'create', '--name', 'x', '--max-uses', '2', '--unlimited', '--data-dir', dataDir], env);
    expect(both.code).toBe(2);
    expect(both.stderr).toContain('--max-uses and --unlimited');
    const noPort = await runWard(['enrollment-token', 'create', '--name', 'x', '--port', '0', '--data-dir', dataDir], env);
    expect(noPort.code).toBe(2);
    expect(noPort.stderr).toContain('WARD_PUBLIC_URL');
    const nobody = await runWard(['enrollment-token', 'create', '--name', 'x', '--user', 'nobody@example.com', '--data-dir', dataDir], env);
    expect(nobody.code).toBe(2);
    expect(nobody.stderr).toContain('no user with the e-mail nobody@example.com');
    const list = await runWard(['enrollment-token', 'list', '--json', '--data-dir', dataDir], env);
    expect(list.stdout.trim().split('\n')).toHaveLength(2);
  });
});

describe('a data directory from before the server_secrets table (SQLite, real processes)', { timeout: 90_000 }, () => {
  const dataDir = tempDataDir('ward-legacy-ca-');
  afterAll(() => { rmSync(dirname(dataDir), { recursive: true, force: true }); });

  it('keeps its ca.json CA, moved into the database, so devices that pinned the root still trust it', async () => {
    // What an earlier Ward left: a master key file and the CA bundle beside it.
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    const masterKey = randomBytes(32);
    writeFileSync(join(dataDir, 'master.key'), `${masterKey.toString('base64')}\n`, { mode: 0o600 });
    const bundle = await createCertificateAuthority({ keyAlgorithm: 'ecdsa-p256', organization: 'Ward', masterKey: new Uint8Array(masterKey), now: new Date() });
    writeFileSync(join(dataDir, 'ca.json'), `${JSON.stringify(bundle, null, 2)}\n`, { mode: 0o600 });
    const oldRoot = new X509Certificate(bundle.root.certificatePem).fingerprint256;

    const run = await runWard(['enrollment-token', 'create', '--name', 'after upgrade', '--json', '--public-url', 'https://ward.example.com', '--data-dir', dataDir], wardEnv({ WARD_LOG_FORMAT: 'json' }));
    expect(run.code, run.stderr).toBe(0);
    expect((JSON.parse(run.stdout) as { caFingerprint: string }).caFingerprint).toBe(oldRoot);
    expect(run.stderr).toContain('moved the certificate authority from the data directory into the database');

    const doctor = await runWard(['doctor', '--data-dir', dataDir], wardEnv());
    expect(doctor.stdout).toMatch(/^✔ Certificate authority: root and issuing CA in the database open with the master key/m);
    expect(doctor.stdout).toMatch(/^✔ Command-signing key: ECDSA P-256 in the database/m);
  });
});
