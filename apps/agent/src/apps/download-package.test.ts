import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { PackageServer } from '../test-support/package-server.js';
import { downloadPackage, type PackageToDownload } from './download-package.js';
import { HttpsPackageFetcher } from './https-package-fetcher.js';

const sha256 = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');
const bytes = randomBytes(300_000);
const pkg = (path: string, content: Buffer = bytes): PackageToDownload => ({ path, sha256: sha256(content), size: content.length, format: 'deb' });

describe('downloadPackage over HTTPS with the device certificate', () => {
  let server: PackageServer;
  let dir: string;

  beforeAll(async () => {
    server = await PackageServer.start();
  });
  afterAll(async () => {
    await server.close();
  });
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ward-download-'));
    server.requests.length = 0;
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('downloads, verifies and names the file by its SHA-256, presenting the device certificate', async () => {
    server.serve('/agent/v1/app-packages/v1', { bytes });
    const result = await downloadPackage(server.fetcher, pkg('/agent/v1/app-packages/v1'), dir);
    expect(result).toEqual({ ok: true, file: join(dir, `${sha256(bytes)}.deb`) });
    expect((await readFile(join(dir, `${sha256(bytes)}.deb`))).equals(bytes)).toBe(true);
    expect(server.requests).toEqual([{ path: '/agent/v1/app-packages/v1', authorized: true }]);
  });

  it('resumes a download cut in the middle with Range from the partial size and If-Range naming the SHA-256', async () => {
    server.serve('/agent/v1/app-packages/cut', { bytes, cutAfter: 100_000 });
    const result = await downloadPackage(server.fetcher, pkg('/agent/v1/app-packages/cut'), dir);
    expect(result.ok).toBe(true);
    expect((await readFile(join(dir, `${sha256(bytes)}.deb`))).equals(bytes)).toBe(true);
    expect(server.requests).toHaveLength(2);
    const resumed = server.requests[1];
    const from = Number(/^bytes=(\d+)-$/.exec(resumed?.range ?? '')?.[1]);
    // What arrived before the cut was kept: the second request asks only for the rest.
    expect(from).toBeGreaterThan(0);
    expect(from).toBeLessThanOrEqual(100_000);
    expect(resumed?.ifRange).toBe(`"${sha256(bytes)}"`);
  });

  it('resumes a partial file left by an earlier run (the agent restarted mid-download)', async () => {
    await writeFile(join(dir, `${sha256(bytes)}.deb.part`), bytes.subarray(0, 123_456));
    server.serve('/agent/v1/app-packages/v1', { bytes });
    expect((await downloadPackage(server.fetcher, pkg('/agent/v1/app-packages/v1'), dir)).ok).toBe(true);
    expect(server.requests.map((r) => r.range)).toEqual(['bytes=123456-']);
  });

  it('starts again from zero when the server answers 200 to a range (its file changed, If-Range did not match)', async () => {
    // The partial file holds bytes of some other content: appending to it would corrupt the package.
    await writeFile(join(dir, `${sha256(bytes)}.deb.part`), randomBytes(5000));
    server.serve('/agent/v1/app-packages/v1', { bytes, ignoreRange: true });
    const result = await downloadPackage(server.fetcher, pkg('/agent/v1/app-packages/v1'), dir);
    expect(result.ok).toBe(true);
    expect((await readFile(join(dir, `${sha256(bytes)}.deb`))).equals(bytes)).toBe(true);
    expect(server.requests[0]?.range).toBe('bytes=5000-');
  });

  it('refuses bytes whose SHA-256 is not the plan\'s, and deletes them', async () => {
    const other = randomBytes(bytes.length);
    server.serve('/agent/v1/app-packages/v1', { bytes: other });
    const result = await downloadPackage(server.fetcher, pkg('/agent/v1/app-packages/v1'), dir);
    expect(result).toMatchObject({ ok: false, permanent: true });
    expect(result.ok ? '' : result.error).toContain('checksum mismatch');
    expect(await readdir(dir)).toEqual([]);
  });

  it('refuses a package of another size than the plan says, before writing it', async () => {
    server.serve('/agent/v1/app-packages/v1', { bytes });
    const result = await downloadPackage(server.fetcher, { ...pkg('/agent/v1/app-packages/v1'), size: bytes.length - 10 }, dir);
    expect(result).toMatchObject({ ok: false, permanent: true, error: `the server's package has ${bytes.length} bytes; the plan says ${bytes.length - 10}` });
  });

  it('stops reading a body longer than the plan says (no Content-Length) and deletes what it wrote', async () => {
    server.serve('/agent/v1/app-packages/v1', { bytes, chunked: true });
    const result = await downloadPackage(server.fetcher, { ...pkg('/agent/v1/app-packages/v1'), size: 1000 }, dir);
    expect(result).toMatchObject({ ok: false, permanent: true, error: 'the server sent more than the 1000 bytes the plan says' });
    expect(await readdir(dir)).toEqual([]);
  });

  it('reports a refusal (404) as permanent and a server error (503) as passing, keeping the partial file', async () => {
    server.serve('/agent/v1/app-packages/gone', { bytes, status: 404 });
    expect(await downloadPackage(server.fetcher, pkg('/agent/v1/app-packages/gone'), dir)).toMatchObject({ ok: false, permanent: true, error: 'the package download answered HTTP 404' });
    await writeFile(join(dir, `${sha256(bytes)}.deb.part`), bytes.subarray(0, 10));
    server.serve('/agent/v1/app-packages/busy', { bytes, status: 503 });
    expect(await downloadPackage(server.fetcher, pkg('/agent/v1/app-packages/busy'), dir)).toMatchObject({ ok: false, permanent: false, error: 'the package download answered HTTP 503' });
    expect(await readdir(dir)).toEqual([`${sha256(bytes)}.deb.part`]);
  });

  it('is not authorised without the device certificate', async () => {
    const { identity } = server.identity;
    // The same server trusted, but a certificate from nowhere: the server refuses it.
    const stranger = await (await import('../test-support/test-identity.js')).createTestIdentity('stranger');
    const fetcher = new HttpsPackageFetcher(() =>
      Promise.resolve({ serverUrl: server.url, trust: { ca: identity.rootCertificatePem }, credentials: { key: stranger.identity.privateKeyPem, cert: stranger.identity.certificateChainPem } }),
    );
    server.serve('/agent/v1/app-packages/v1', { bytes });
    const result = await downloadPackage(fetcher, pkg('/agent/v1/app-packages/v1'), dir);
    expect(result).toMatchObject({ ok: false, permanent: true, error: 'the package download answered HTTP 401' });
    expect(server.requests.every((r) => !r.authorized)).toBe(true);
  });

  it('never sends a request for a path off the Ward server', async () => {
    for (const path of ['https://evil.example/agent/v1/app-packages/v1', '//evil.example/agent/v1/x', '/agent/v1/../../etc/passwd']) {
      const result = await downloadPackage(server.fetcher, pkg(path), dir);
      expect(result).toMatchObject({ ok: false, permanent: false });
      expect(result.ok ? '' : result.error).toContain('refused package path');
    }
    expect(server.requests).toEqual([]);
  });
});
