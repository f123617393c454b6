import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:https';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signInFirstAdmin, startWard, tempDataDir, type ServedWard } from './support/start-ward.js';

/** Builds a .deb with dpkg-deb and returns its bytes. */
function buildDeb(dir: string, name: string, version: string, payloadBytes: number): Buffer {
  const root = join(dir, `${name}-${version}`);
  mkdirSync(join(root, 'DEBIAN'), { recursive: true });
  writeFileSync(join(root, 'DEBIAN', 'control'), `Package: ${name}\nVersion: ${version}\nArchitecture: amd64\nMaintainer: Tests <t@example.test>\nDescription: ${name}\n`);
  mkdirSync(join(root, 'opt'), { recursive: true });
  const payload = Buffer.alloc(payloadBytes);
  for (let i = 0; i < payload.length; i += 32) createHash('sha256').update(`${name}${i}`).digest().copy(payload, i);
  writeFileSync(join(root, 'opt', `${name}.bin`), payload);
  const out = join(dir, `${name}_${version}.deb`);
  execFileSync('dpkg-deb', ['--root-owner-group', '-Zgzip', '--build', root, out], { stdio: 'ignore' });
  return readFileSync(out);
}

// `ward serve` as operators run it, with the package directory on "shared storage" outside the
// data directory: uploads stream over TLS into files named by their SHA-256.
describe('package uploads to ward serve', { timeout: 120_000 }, () => {
  const dataDir = tempDataDir('ward-app-packages-');
  const root = dirname(dataDir);
  const packageDir = join(root, 'shared', 'packages');
  let ward: ServedWard;
  let token: string;

  beforeAll(async () => {
    ward = await startWard(dataDir, { WARD_APP_PACKAGE_DIR: packageDir, WARD_APP_PACKAGE_MAX_BYTES: String(2 * 1024 * 1024) });
    token = await signInFirstAdmin(ward);
  });
  afterAll(async () => {
    await ward.stop();
    rmSync(root, { recursive: true, force: true });
  });

  function upload(appId: string, fileName: string, body: Buffer): Promise<{ status: number; body: string }> {
    const url = new URL(`/api/v1/apps/${appId}/versions?fileName=${encodeURIComponent(fileName)}`, ward.url);
    return new Promise((resolve, reject) => {
      const req = request(url, { method: 'POST', ca: ward.caPem, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/octet-stream', 'content-length': String(body.length) } }, (res) => {
        let text = '';
        res.setEncoding('utf8').on('data', (t: string) => (text += t)).on('end', () => { resolve({ status: res.statusCode ?? 0, body: text }); });
      });
      req.on('error', reject);
      req.end(body);
    });
  }

  const stored = (): string[] => (existsSync(packageDir) ? readdirSync(packageDir).filter((d) => d !== 'incoming').flatMap((d) => readdirSync(join(packageDir, d))) : []).sort();

  it('stores an upload of more than a JSON body under its SHA-256 in the configured directory, and refuses bad ones', async () => {
    const created = await ward.client.request<{ id: string }>('POST', '/api/v1/apps', { token, body: { name: 'Agent Helper', kind: 'lineOfBusiness', identifier: 'agent-helper', platforms: ['linux'] } });
    expect(created.status, created.text).toBe(201);
    const appId = created.body.id;

    const deb = buildDeb(root, 'agent-helper', '1.2.3', 1536 * 1024);
    const sha256 = createHash('sha256').update(deb).digest('hex');
    const published = await upload(appId, 'agent-helper_1.2.3_amd64.deb', deb);
    expect(published.status, published.body).toBe(201);
    expect(JSON.parse(published.body)).toMatchObject({ version: { version: '1.2.3', format: 'deb', architecture: 'amd64', sha256, sizeBytes: deb.length } });
    expect(stored()).toEqual([sha256]);
    expect(readFileSync(join(packageDir, sha256.slice(0, 2), sha256)).equals(deb)).toBe(true);

    const renamed = await upload(appId, 'agent-helper.msi', buildDeb(root, 'agent-helper', '1.2.4', 1024));
    expect(renamed.status).toBe(422);
    expect(JSON.parse(renamed.body)).toMatchObject({ error: { code: 'APP_PACKAGE_FORMAT_MISMATCH' } });
    const tooLarge = await upload(appId, 'agent-helper.deb', buildDeb(root, 'agent-helper', '1.2.5', 2560 * 1024));
    expect(tooLarge.status).toBe(413);
    expect(stored()).toEqual([sha256]);
    expect(readdirSync(join(packageDir, 'incoming'))).toEqual([]);
  });
});
