import { rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../src/cli/main.js';
import { tempDataDir } from './support/start-ward.js';

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

interface ProviderJson {
  id: string;
  name: string;
  issuer: string;
  clientId: string;
  scopes: string[];
  enabled: boolean;
  requireVerifiedEmail: boolean;
}

// The CLI in-process on a real SQLite data directory: the same program `ward` runs, driven through its io.
describe('ward upstream-provider (in-process, SQLite)', { timeout: 60_000 }, () => {
  const dataDir = tempDataDir('ward-upstream-cli-');
  const root = dirname(dataDir);
  const secret = 'cli-upstream-secret-93b1';
  const secretFile = join(root, 'okta-secret.txt');
  writeFileSync(secretFile, `${secret}\n`);
  afterAll(() => {
    rmSync(root, { recursive: true, force: true });
  });

  async function ward(args: string[], env: Record<string, string> = {}): Promise<Run> {
    let stdout = '';
    let stderr = '';
    const io = { stdout: { write: (t: string) => (stdout += t) }, stderr: { write: (t: string) => (stderr += t) }, env: { WARD_DATA_DIR: dataDir, WARD_LOG_LEVEL: 'silent', ...env } };
    const code = await main(['node', 'ward', ...args], io);
    return { code, stdout, stderr };
  }

  let oktaId = '';

  it('registers a provider from a secret file, prints the redirect URI to register upstream, never the secret', async () => {
    const run = await ward(['upstream-provider', 'create', '--name', 'Okta', '--issuer', 'https://example.okta.com', '--client-id', 'ward', '--client-secret-file', secretFile], { WARD_PUBLIC_URL: 'https://ward.example.com' });
    expect(run.code, run.stderr).toBe(0);
    oktaId = /id:\s+(\S+)/u.exec(run.stdout)?.[1] ?? '';
    expect(oktaId).toMatch(/^[0-9a-f-]{36}$/u);
    expect(run.stdout).toContain('redirect URI: https://ward.example.com/interaction/federated/callback');
    expect(run.stderr).toContain(`Created upstream identity provider ${oktaId} "Okta" (https://example.okta.com; enabled).`);
    expect(run.stdout + run.stderr).not.toContain(secret);
  });

  it('takes the secret from the environment, with scopes and flags, as JSON', async () => {
    const run = await ward(['upstream-provider', 'create', '--name', 'Google', '--issuer', 'https://accounts.google.com', '--client-id', 'g-ward', '--scope', 'openid', '--scope', 'email', '--disabled', '--allow-unverified-email', '--json'], { WARD_UPSTREAM_CLIENT_SECRET: 'env-secret' });
    expect(run.code, run.stderr).toBe(0);
    const provider = JSON.parse(run.stdout) as ProviderJson;
    expect(provider).toMatchObject({ name: 'Google', scopes: ['openid', 'email'], enabled: false, requireVerifiedEmail: false });
    expect(run.stdout).not.toContain('env-secret');
  });

  it('refuses bad input with the reason, changing nothing', async () => {
    const noSecret = await ward(['upstream-provider', 'create', '--name', 'Bad', '--issuer', 'https://idp.example.com', '--client-id', 'x']);
    expect(noSecret.code).toBe(2);
    expect(noSecret.stderr).toContain('WARD_UPSTREAM_CLIENT_SECRET');
    const missingFile = await ward(['upstream-provider', 'create', '--name', 'Bad', '--issuer', 'https://idp.example.com', '--client-id', 'x', '--client-secret-file', join(root, 'absent.txt')]);
    expect(missingFile.code).toBe(2);
    const http = await ward(['upstream-provider', 'create', '--name', 'Bad', '--issuer', 'http://idp.example.com', '--client-id', 'x', '--client-secret-file', secretFile]);
    expect(http.code).toBe(1);
    expect(http.stderr).toContain('UPSTREAM_PROVIDER_INVALID');
    const taken = await ward(['upstream-provider', 'create', '--name', 'okta', '--issuer', 'https://idp.example.com', '--client-id', 'x', '--client-secret-file', secretFile]);
    expect(taken.code).toBe(1);
    expect(taken.stderr).toContain('UPSTREAM_PROVIDER_NAME_TAKEN');
    const listed = await ward(['upstream-provider', 'list', '--json']);
    expect(listed.stdout.trim().split('\n').map((l) => (JSON.parse(l) as ProviderJson).name)).toEqual(['Okta', 'Google']);
  });

  it('lists without secrets and deletes', async () => {
    const listed = await ward(['upstream-provider', 'list']);
    expect(listed.code, listed.stderr).toBe(0);
    expect(listed.stdout).toMatch(new RegExp(`${oktaId}\\s+Okta\\s+https://example.okta.com\\s+ward\\s+yes\\s+required`, 'u'));
    expect(listed.stdout).not.toContain(secret);
    const deleted = await ward(['upstream-provider', 'delete', oktaId]);
    expect(deleted.code, deleted.stderr).toBe(0);
    expect(deleted.stdout).toBe(`Deleted upstream identity provider ${oktaId}.\n`);
    const again = await ward(['upstream-provider', 'delete', oktaId]);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('UPSTREAM_PROVIDER_NOT_FOUND');
  });
});
