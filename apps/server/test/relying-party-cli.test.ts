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

interface PartyJson {
  id: string;
  clientId: string;
  name: string;
  grantTypes: string[];
  tokenEndpointAuthMethod: string;
  redirectUris: string[];
  hasSecret: boolean;
  clientSecret?: string | null;
}

// The CLI in-process on a real SQLite data directory: the same program `ward` runs, driven through its io.
describe('ward relying-party (in-process, SQLite)', { timeout: 60_000 }, () => {
  const dataDir = tempDataDir('ward-rp-cli-');
  const root = dirname(dataDir);
  afterAll(() => { rmSync(root, { recursive: true, force: true }); });

  async function ward(...args: string[]): Promise<Run> {
    let stdout = '';
    let stderr = '';
    const io = { stdout: { write: (t: string) => (stdout += t) }, stderr: { write: (t: string) => (stderr += t) }, env: { WARD_DATA_DIR: dataDir, WARD_LOG_LEVEL: 'silent' } };
    const code = await main(['node', 'ward', ...args], io);
    return { code, stdout, stderr };
  }

  let wikiId = '';

  it('registers a relying party and prints its secret once', async () => {
    const run = await ward('relying-party', 'create', '--name', 'Wiki', '--redirect-uri', 'https://wiki.example.com/cb', '--redirect-uri', 'http://127.0.0.1:8080/cb');
    expect(run.code, run.stderr).toBe(0);
    wikiId = /client_id:\s+(\S+)/u.exec(run.stdout)?.[1] ?? '';
    expect(wikiId).toMatch(/^[0-9a-f-]{36}$/u);
    expect(run.stdout).toMatch(/client_secret: [A-Za-z0-9_-]{43}\n/u);
    expect(run.stderr).toContain(`Created relying party ${wikiId} "Wiki" (authorization_code, refresh_token; client_secret_basic).`);
  });

  it('registers a private_key_jwt client from a JWKS file, with no secret', async () => {
    const file = join(root, 'jwks.json');
    writeFileSync(file, JSON.stringify({ keys: [{ kty: 'EC', crv: 'P-256', x: 'f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU', y: 'x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0' }] }));
    const run = await ward('relying-party', 'create', '--name', 'Billing', '--grant-type', 'client_credentials', '--auth-method', 'private_key_jwt', '--jwks-file', file, '--json');
    expect(run.code, run.stderr).toBe(0);
    const party = JSON.parse(run.stdout) as PartyJson;
    expect(party).toMatchObject({ name: 'Billing', grantTypes: ['client_credentials'], tokenEndpointAuthMethod: 'private_key_jwt', hasSecret: false, clientSecret: null });
  });

  it('refuses bad input with the reason, changing nothing', async () => {
    const http = await ward('relying-party', 'create', '--name', 'Bad', '--redirect-uri', 'http://wiki.example.com/cb');
    expect(http.code).toBe(1);
    expect(http.stderr).toContain('RELYING_PARTY_INVALID');
    const file = join(root, 'not-json.txt');
    writeFileSync(file, 'not json');
    const notJson = await ward('relying-party', 'create', '--name', 'Bad', '--grant-type', 'client_credentials', '--auth-method', 'private_key_jwt', '--jwks-file', file);
    expect(notJson.code).toBe(2);
    expect(notJson.stderr).toContain('is not JSON');
    const missing = await ward('relying-party', 'create', '--name', 'Bad', '--auth-method', 'private_key_jwt', '--jwks-file', join(root, 'absent.json'));
    expect(missing.code).toBe(2);
    const listed = await ward('relying-party', 'list', '--json');
    expect(listed.stdout.trim().split('\n').map((l) => (JSON.parse(l) as PartyJson).name)).toEqual(['Wiki', 'Billing']);
  });

  it('lists without secrets, rotates the secret and deletes', async () => {
    const listed = await ward('relying-party', 'list');
    expect(listed.code, listed.stderr).toBe(0);
    expect(listed.stdout).toMatch(new RegExp(`${wikiId}\\s+Wiki\\s+authorization_code,refresh_token\\s+client_secret_basic\\s+https://wiki.example.com/cb http://127.0.0.1:8080/cb`, 'u'));
    expect(listed.stdout).not.toContain('client_secret:');

    const rotated = await ward('relying-party', 'rotate-secret', wikiId, '--json');
    expect(rotated.code, rotated.stderr).toBe(0);
    expect((JSON.parse(rotated.stdout) as PartyJson).clientSecret).toMatch(/^[A-Za-z0-9_-]{43}$/u);

    const deleted = await ward('relying-party', 'delete', wikiId);
    expect(deleted.code, deleted.stderr).toBe(0);
    expect(deleted.stdout).toBe(`Deleted relying party ${wikiId} (0 tokens, codes and grants revoked).\n`);
    const again = await ward('relying-party', 'delete', wikiId);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('RELYING_PARTY_NOT_FOUND');
  });
});
