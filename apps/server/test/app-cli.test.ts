import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../src/cli/main.js';
import { tempDataDir } from './support/start-ward.js';

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Builds a .deb with dpkg-deb in `dir` and returns its path. */
function buildDeb(dir: string, name: string, version: string, payloadBytes = 4096): string {
  const root = join(dir, `${name}-${version}`);
  mkdirSync(join(root, 'DEBIAN'), { recursive: true });
  writeFileSync(join(root, 'DEBIAN', 'control'), `Package: ${name}\nVersion: ${version}\nArchitecture: all\nMaintainer: Tests <t@example.test>\nDescription: ${name}\n`);
  mkdirSync(join(root, 'opt'), { recursive: true });
  const payload = Buffer.alloc(payloadBytes);
  for (let i = 0; i < payload.length; i += 32) createHash('sha256').update(`${name}${i}`).digest().copy(payload, i);
  writeFileSync(join(root, 'opt', `${name}.bin`), payload);
  const out = join(dir, `${name}_${version}_all.deb`);
  execFileSync('dpkg-deb', ['--root-owner-group', '-Zgzip', '--build', root, out], { stdio: 'ignore' });
  return out;
}

const sha256 = (file: string): string => createHash('sha256').update(readFileSync(file)).digest('hex');

// The CLI in-process on a real SQLite data directory, with the real file system package store
// and the real package reader: what `ward app` does on a host.
describe('ward app (in-process, SQLite, files on disk)', { timeout: 60_000 }, () => {
  const dataDir = tempDataDir('ward-app-cli-');
  const root = dirname(dataDir);
  const packageDir = join(root, 'shared-packages');
  afterAll(() => { rmSync(root, { recursive: true, force: true }); });

  async function ward(env: Readonly<Record<string, string>>, ...args: string[]): Promise<Run> {
    let stdout = '';
    let stderr = '';
    const io = { stdout: { write: (t: string) => (stdout += t) }, stderr: { write: (t: string) => (stderr += t) }, env: { WARD_DATA_DIR: dataDir, WARD_LOG_LEVEL: 'silent', WARD_APP_PACKAGE_DIR: packageDir, ...env } };
    const code = await main(['node', 'ward', ...args], io);
    return { code, stdout, stderr };
  }
  const run = (...args: string[]): Promise<Run> => ward({}, ...args);
  /** Files in the package directory, except unfinished uploads' folder. */
  const stored = (): string[] => (existsSync(packageDir) ? readdirSync(packageDir).filter((d) => d !== 'incoming').flatMap((d) => readdirSync(join(packageDir, d))) : []).sort();

  let appId = '';
  let firstSha = '';

  it('creates a line-of-business app and uploads a .deb into the shared package directory', async () => {
    const created = await run('app', 'create', '--name', 'Build Tool', '--kind', 'lineOfBusiness', '--identifier', 'build-tool', '--platform', 'linux');
    expect(created.code, created.stderr).toBe(0);
    appId = created.stdout.trim();
    expect(appId).toMatch(/^[0-9a-f-]{36}$/);
    expect(created.stderr).toContain(`ward app upload ${appId} FILE`);

    const deb = buildDeb(root, 'build-tool', '1.0.0', 300 * 1024);
    firstSha = sha256(deb);
    const uploaded = await run('app', 'upload', appId, deb, '--sha256', firstSha);
    expect(uploaded.code, uploaded.stderr).toBe(0);
    expect(uploaded.stdout).toMatch(new RegExp(`^[0-9a-f-]{36} ${firstSha}\\n$`));
    expect(uploaded.stderr).toContain('Uploading build-tool_1.0.0_all.deb:');
    expect(uploaded.stderr).toContain('Published build-tool 1.0.0 (deb,');
    expect(stored()).toEqual([firstSha]);
    expect(readFileSync(join(packageDir, firstSha.slice(0, 2), firstSha))).toEqual(readFileSync(deb));

    const shown = await run('app', 'show', appId, '--json');
    const { app, versions } = JSON.parse(shown.stdout) as { app: { currentVersionId: string }; versions: { id: string; version: string; sha256: string; format: string }[] };
    expect(versions).toEqual([expect.objectContaining({ version: '1.0.0', sha256: firstSha, format: 'deb' })]);
    expect(app.currentVersionId).toBe(versions[0]?.id);
    const listed = await run('app', 'list');
    expect(listed.stdout).toMatch(new RegExp(`${appId}\\s+lineOfBusiness\\s+Build Tool\\s+build-tool\\s+linux\\s+${versions[0]?.id ?? ''}`));
    const table = await run('app', 'versions', appId);
    expect(table.stdout).toMatch(/\*\s+1\.0\.0\s+deb\s+all\s+0\.3 MiB/);
  });

  it('refuses a package that is not what it claims, too large, or of the wrong digest, and keeps no file', async () => {
    const next = buildDeb(root, 'build-tool', '1.0.1');
    const renamed = join(root, 'build-tool.msi');
    writeFileSync(renamed, readFileSync(next));
    const mismatch = await run('app', 'upload', appId, renamed);
    expect(mismatch.code).toBe(1);
    expect(mismatch.stderr).toContain('(APP_PACKAGE_FORMAT_MISMATCH)');

    const cut = join(root, 'cut.deb');
    writeFileSync(cut, readFileSync(next).subarray(0, 700));
    const truncated = await run('app', 'upload', appId, cut);
    expect(truncated.code).toBe(1);
    expect(truncated.stderr).toContain('(APP_PACKAGE_TRUNCATED)');

    const digest = await run('app', 'upload', appId, next, '--sha256', firstSha);
    expect(digest.code).toBe(1);
    expect(digest.stderr).toContain('(APP_PACKAGE_DIGEST_MISMATCH)');

    const tooLarge = await ward({ WARD_APP_PACKAGE_MAX_BYTES: String(1024 * 1024) }, 'app', 'upload', appId, buildDeb(root, 'build-tool', '1.0.2', 2 * 1024 * 1024));
    expect(tooLarge.code).toBe(1);
    expect(tooLarge.stderr).toContain('PAYLOAD_TOO_LARGE');

    expect((await run('app', 'upload', appId, join(root, 'absent.deb'))).code).toBe(2);
    expect((await run('app', 'upload', appId, next, '--format', 'exe')).code).toBe(2);
    expect((await run('app', 'upload', 'no-such-app', next)).stderr).toContain('(APP_NOT_FOUND)');
    expect(stored()).toEqual([firstSha]);
    expect(readdirSync(join(packageDir, 'incoming'))).toEqual([]);
  });

  it('assigns the app, and deletes it with the package files nothing else uses', async () => {
    const assigned = await run('app', 'assign', appId, '--all-devices', '--intent', 'required', '--json');
    expect(assigned.code, assigned.stderr).toBe(0);
    expect(JSON.parse(assigned.stdout)).toMatchObject({ itemKind: 'app', itemId: appId, intent: 'required', target: { type: 'allDevices' } });
    expect((await run('app', 'assign', appId, '--all-devices', '--group', 'g')).code).toBe(2);
    expect((await run('app', 'assign', appId, '--all-devices', '--intent', 'sometimes')).code).toBe(2);

    // A file uploaded within the last hour may be about to be referenced by another upload: kept.
    const file = join(packageDir, firstSha.slice(0, 2), firstSha);
    const longAgo = new Date(Date.now() - 2 * 3_600_000);
    utimesSync(file, longAgo, longAgo);
    const deleted = await run('app', 'delete', appId);
    expect(deleted.code, deleted.stderr).toBe(0);
    expect(deleted.stdout).toContain('1 assignments; 1 package files removed');
    expect(stored()).toEqual([]);
    expect((await run('app', 'show', appId)).stderr).toContain('(APP_NOT_FOUND)');
  });
});
