import { createHash, randomBytes } from 'node:crypto';
import { access, mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AppItem, AppRemoval, AppReport } from '@ward/agent-protocol';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { inventoryCollector } from '../inventory/inventory-collector.js';
import { buildDebianPackage, prepareDpkgDatabase } from '../test-support/debian-package.js';
import { memoryLogger } from '../test-support/memory-logger.js';
import { PackageServer } from '../test-support/package-server.js';
import { createTempRoot, type TempRoot } from '../test-support/temp-root.js';
import { AppManager, type AppManagerOptions } from './app-manager.js';
import { hostAppTools, type AppTools } from './app-tools.js';

const sha256 = (bytes: Buffer | string): string => createHash('sha256').update(bytes).digest('hex');
const h = (label: string): string => sha256(label);

// Fake package tools are real executables (shell scripts) in a folder of their own, which is the
// whole search path: every call is logged with DEBIAN_FRONTEND, "installed" packages are files in
// the folder, and a tool left out of the folder is genuinely not installed on this "host".
const FAKE_TOOLS: Record<string, string> = {
  'apt-get': `case "$1" in
  install) for last; do :; done
    case "$last" in broken) echo "E: Unable to locate package $last" >&2; exit 100;; slow) sleep 30;; esac
    touch "$STATE/pkg-$last"; echo "Setting up $last (2.0-1) ...";;
  remove) for last; do :; done; rm -f "$STATE/pkg-$last";;
  update) echo "Reading package lists...";;
esac`,
  'dpkg-query': `for last; do :; done
if [ -f "$STATE/pkg-$last" ]; then printf 'ii \\t2.0-1'; else echo "dpkg-query: no packages found matching $last" >&2; exit 1; fi`,
};

interface FakeTools {
  readonly tools: AppTools;
  calls(): Promise<string[]>;
  /** Marks a package as installed, as if a tool had put it there. */
  install(name: string): Promise<void>;
}

async function fakeTools(names: readonly string[]): Promise<FakeTools> {
  const dir = await mkdtemp(join(tmpdir(), 'ward-app-tools-'));
  const log = join(dir, 'calls.log');
  for (const name of names) {
    await writeFile(join(dir, name), `#!/bin/sh\nSTATE='${dir}'\necho "${name} $* [DEBIAN_FRONTEND=$DEBIAN_FRONTEND]" >> '${log}'\n${FAKE_TOOLS[name] ?? 'exit 0'}\n`, { mode: 0o755 });
  }
  return {
    tools: hostAppTools([dir]),
    calls: async () => (await readFile(log, 'utf8').catch(() => '')).split('\n').filter((line) => line !== ''),
    install: (name) => writeFile(join(dir, `pkg-${name}`), ''),
  };
}

function debItem(id: string, deb: Buffer, path: string, identifier = 'ward-hello', version = '1.2.3-1'): AppItem {
  return { id, hash: h(`${id} ${sha256(deb)}`), name: 'Ward Hello', version, source: { kind: 'package', format: 'deb', url: path, sha256: sha256(deb), size: deb.length, identifier, version } };
}

function byId(reports: readonly AppReport[]): Record<string, AppReport> {
  return Object.fromEntries(reports.map((report) => [report.id, report]));
}

async function exists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  );
}

describe('AppManager', () => {
  let server: PackageServer;
  let deb: Buffer;
  let temp: TempRoot;
  const opened: AppManager[] = [];
  let log: ReturnType<typeof memoryLogger>;

  beforeAll(async () => {
    server = await PackageServer.start();
    deb = await buildDebianPackage('ward-hello', '1.2.3-1', { '/usr/share/ward-hello/hello.txt': 'hello from Ward\n' });
    server.serve('/agent/v1/app-packages/hello-1', { bytes: deb });
  });
  afterAll(async () => {
    await server.close();
  });
  beforeEach(async () => {
    temp = await createTempRoot();
    await prepareDpkgDatabase(temp.root);
    server.requests.length = 0;
    log = memoryLogger();
  });
  afterEach(async () => {
    for (const manager of opened.splice(0)) await manager.stop();
    await temp.remove();
  });

  async function open(overrides: Partial<AppManagerOptions> = {}): Promise<AppManager> {
    const manager = await AppManager.open({ root: temp.root, stateDir: temp.paths.stateDir, platform: 'linux', tools: hostAppTools(), fetcher: server.fetcher, log, ...overrides });
    opened.push(manager);
    return manager;
  }

  async function settle(manager: AppManager, install: readonly unknown[], remove: readonly unknown[] = []): Promise<AppReport[]> {
    await manager.accept({ install, remove });
    await manager.idle();
    return manager.pendingReports();
  }

  it('installs a real .deb on a test root with dpkg --root, reports what dpkg lists, and the software inventory shows it; removal takes it away', async () => {
    const manager = await open();
    const item = debItem('hello', deb, '/agent/v1/app-packages/hello-1');
    let reported = false;
    manager.onReport(() => {
      reported = true;
    });
    expect(await settle(manager, [item])).toEqual([{ id: 'hello', hash: item.hash, status: 'installed', installedVersion: '1.2.3-1' }]);
    expect(reported).toBe(true);
    expect(await readFile(join(temp.root, 'usr/share/ward-hello/hello.txt'), 'utf8')).toBe('hello from Ward\n');
    expect(await readFile(join(temp.root, 'var/log/dpkg.log'), 'utf8')).toContain('install ward-hello');
    // The verified download is deleted once installed.
    expect(await readdir(join(temp.paths.stateDir, 'apps', 'downloads'))).toEqual([]);
    const software = (await inventoryCollector(temp.root, 'linux')()).software;
    expect(software).toContainEqual({ name: 'ward-hello', version: '1.2.3-1', source: 'dpkg' });

    await manager.acknowledge(manager.pendingReports());
    expect(manager.pendingReports()).toEqual([]);
    const removal: AppRemoval = { id: 'hello', hash: h('remove hello'), name: 'Ward Hello', source: item.source };
    expect(await settle(manager, [], [removal])).toEqual([{ id: 'hello', hash: removal.hash, status: 'removed' }]);
    expect(await exists(join(temp.root, 'usr/share/ward-hello/hello.txt'))).toBe(false);
    expect((await inventoryCollector(temp.root, 'linux')()).software).not.toContainEqual(expect.objectContaining({ name: 'ward-hello' }));
    await manager.acknowledge(manager.pendingReports());
    expect(manager.allReports()).toEqual([]);
  });

  it('keeps reports on disk until acknowledged, and sends every report it holds after a restart', async () => {
    const first = await open();
    const item = debItem('hello', deb, '/agent/v1/app-packages/hello-1');
    await settle(first, [item]);
    await first.stop();
    const second = await open();
    expect(second.pendingReports()).toEqual([{ id: 'hello', hash: item.hash, status: 'installed', installedVersion: '1.2.3-1' }]);
    await second.acknowledge(second.pendingReports());
    await second.stop();
    const third = await open();
    expect(third.pendingReports()).toEqual([]);
    expect(third.allReports()).toEqual([{ id: 'hello', hash: item.hash, status: 'installed', installedVersion: '1.2.3-1' }]);
  });

  it('runs an entry once while it is queued, running or its report is on the way; again once the server shows it lost the report', async () => {
    const manager = await open();
    const item = debItem('hello', deb, '/agent/v1/app-packages/hello-1');
    await manager.accept({ install: [item], remove: [] });
    await manager.accept({ install: [item], remove: [] });
    await manager.idle();
    await manager.accept({ install: [item], remove: [] });
    await manager.idle();
    expect(server.requests).toHaveLength(1);
    expect(manager.pendingReports()).toHaveLength(1);
    // Acknowledged, yet sent again: the server lost it. Already installed at this version: no download.
    await manager.acknowledge(manager.pendingReports());
    expect(await settle(manager, [item])).toEqual([{ id: 'hello', hash: item.hash, status: 'installed', installedVersion: '1.2.3-1' }]);
    expect(server.requests).toHaveLength(1);
  });

  it('reports a package whose bytes are not the plan\'s SHA-256 failed, installs nothing and deletes the download', async () => {
    const manager = await open();
    const other = await buildDebianPackage('ward-hello', '6.6.6', { '/usr/share/ward-hello/evil.txt': 'not the package\n' });
    server.serve('/agent/v1/app-packages/swapped', { bytes: other });
    // The plan names the real package's SHA-256; the server sends other bytes of the size it says.
    const item: AppItem = {
      ...debItem('hello', deb, '/agent/v1/app-packages/swapped'),
      source: { kind: 'package', format: 'deb', url: '/agent/v1/app-packages/swapped', sha256: sha256(deb), size: other.length, identifier: 'ward-hello', version: '1.2.3-1' },
    };
    const [report] = await settle(manager, [item]);
    expect(report).toMatchObject({ id: 'hello', status: 'failed' });
    expect(report?.error).toMatch(/^checksum mismatch: /);
    expect(await exists(join(temp.root, 'usr/share/ward-hello/evil.txt'))).toBe(false);
    expect(await readdir(join(temp.paths.stateDir, 'apps', 'downloads'))).toEqual([]);
  });

  it('reports hostile entries failed at once with the reason, and downloads nothing for them', async () => {
    const manager = await open();
    const good = debItem('x', deb, '/agent/v1/app-packages/hello-1');
    const reports = await settle(manager, [
      { ...good, id: 'unknown-kind', source: { kind: 'brew', package: 'wget' } },
      { ...good, id: 'other-host', source: { ...good.source, url: 'https://evil.example/agent/v1/app-packages/hello-1' } },
      { ...good, id: 'huge', source: { ...good.source, size: 2 ** 50 } },
      { ...good, id: 'bad-sha', source: { ...good.source, sha256: 'xyz' } },
      { ...good, id: 'option', source: { kind: 'apt', package: '--allow-unauthenticated' } },
      { hash: good.hash, name: 'no id', version: '1', source: good.source },
    ]);
    const got = byId(reports);
    expect(Object.keys(got).sort()).toEqual(['bad-sha', 'huge', 'option', 'other-host', 'unknown-kind']);
    expect(got['unknown-kind']).toEqual({ id: 'unknown-kind', hash: good.hash, status: 'failed', error: 'unknown source kind "brew": this agent installs from apt, dnf, flatpak, snap, package' });
    expect(got['other-host']?.error).toMatch(/^source\/url: must be a path on the Ward server/);
    expect(got.huge?.error).toMatch(/^source\/size: .* is more than the agent downloads/);
    expect(got['bad-sha']?.error).toMatch(/^source\/sha256: /);
    expect(got.option?.error).toMatch(/^source\/package: .* is not a Debian package name$/);
    expect(log.lines.some((line) => line.startsWith('warn apps: ignored an entry without a usable id'))).toBe(true);
    expect(server.requests).toEqual([]);
  });

  it('reports notApplicable, never installed, when flatpak or snap are not on this host, or the kind does not fit the platform', async () => {
    const empty = await mkdtemp(join(tmpdir(), 'ward-no-tools-'));
    // The host root with an empty search path: the tools are looked for, nothing can run.
    const manager = await open({ root: '/', tools: hostAppTools([empty]) });
    const reports = byId(
      await settle(manager, [
        { id: 'firefox', hash: h('f'), name: 'Firefox', version: '', source: { kind: 'flatpak', remote: 'flathub', ref: 'org.mozilla.firefox' } },
        { id: 'code', hash: h('c'), name: 'Code', version: '', source: { kind: 'snap', name: 'code', channel: 'latest/stable', classic: true } },
        { id: 'tool', hash: h('t'), name: 'Tool', version: '1', source: { ...debItem('t', deb, '/agent/v1/app-packages/t').source, format: 'msi', identifier: '{12345678-1234-1234-1234-123456789ABC}' } },
        { id: 'ios', hash: h('i'), name: 'iOS app', version: '1', source: { ...debItem('t', deb, '/agent/v1/app-packages/t').source, format: 'ipa', identifier: 'com.example.app' } },
      ]),
    );
    expect(reports.firefox).toEqual({ id: 'firefox', hash: h('f'), status: 'notApplicable', error: 'flatpak is not installed on this host' });
    expect(reports.code).toEqual({ id: 'code', hash: h('c'), status: 'notApplicable', error: 'snap is not installed on this host' });
    expect(reports.tool).toMatchObject({ status: 'notApplicable', error: '.msi packages install on Windows only; this device runs Linux' });
    expect(reports.ios).toMatchObject({ status: 'notApplicable', error: 'iOS and iPadOS apps install through Apple MDM, not the desktop agent' });
    expect(server.requests).toEqual([]);
    await rm(empty, { recursive: true, force: true });
  });

  it('does not run the host\'s package managers under a test root', async () => {
    const fake = await fakeTools(['apt-get', 'dpkg-query']);
    const manager = await open({ tools: fake.tools });
    const [report] = await settle(manager, [{ id: 'curl', hash: h('curl'), name: 'curl', version: '', source: { kind: 'apt', package: 'curl' } }]);
    expect(report).toMatchObject({ status: 'notApplicable' });
    expect(report?.error).toMatch(/^apt is not run against a non-host root: only \.deb packages/);
    expect(await fake.calls()).toEqual([]);
  });

  it('apt: installs noninteractively and reports the version dpkg lists; a failing apt-get is reported with its message', async () => {
    const fake = await fakeTools(['apt-get', 'dpkg-query']);
    const manager = await open({ root: '/', tools: fake.tools });
    const reports = byId(
      await settle(manager, [
        { id: 'curl', hash: h('curl'), name: 'curl', version: '', source: { kind: 'apt', package: 'curl' } },
        { id: 'broken', hash: h('broken'), name: 'broken', version: '', source: { kind: 'apt', package: 'broken' } },
      ]),
    );
    expect(reports.curl).toEqual({ id: 'curl', hash: h('curl'), status: 'installed', installedVersion: '2.0-1' });
    expect(reports.broken?.status).toBe('failed');
    expect(reports.broken?.error).toMatch(/^apt-get exited with code 100: .*E: Unable to locate package broken$/s);
    const calls = await fake.calls();
    expect(calls).toContain('apt-get install -y -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold curl [DEBIAN_FRONTEND=noninteractive]');
    // A failed install refreshes the package lists once and tries again.
    expect(calls.filter((c) => c.startsWith('apt-get update'))).toHaveLength(1);
    expect(calls.filter((c) => c.startsWith('apt-get install') && c.includes(' broken '))).toHaveLength(2);

    await manager.acknowledge(manager.pendingReports());
    const removals = await settle(manager, [], [
      { id: 'curl', hash: h('rm curl'), name: 'curl', source: { kind: 'apt', package: 'curl' } },
      { id: 'never', hash: h('rm never'), name: 'never', source: { kind: 'apt', package: 'never' } },
    ]);
    expect(byId(removals)).toEqual({ curl: { id: 'curl', hash: h('rm curl'), status: 'removed' }, never: { id: 'never', hash: h('rm never'), status: 'removed' } });
    // Nothing to remove for a package that is not installed.
    expect((await fake.calls()).filter((c) => c.startsWith('apt-get remove'))).toEqual(['apt-get remove -y curl [DEBIAN_FRONTEND=noninteractive]']);
  });

  it('settles an install a restart interrupted: failed "interrupted" when the app is not there, installed when it is', async () => {
    const fake = await fakeTools(['apt-get', 'dpkg-query']);
    const slow: AppItem = { id: 'slow', hash: h('slow'), name: 'slow', version: '', source: { kind: 'apt', package: 'slow' } };
    const first = await open({ root: '/', tools: fake.tools });
    await first.accept({ install: [slow], remove: [] });
    for (let i = 0; i < 200 && !(await fake.calls()).some((c) => c.startsWith('apt-get install')); i++) await new Promise((resolve) => setTimeout(resolve, 25));
    await first.stop();
    const state = JSON.parse(await readFile(join(temp.paths.stateDir, 'apps', 'state.json'), 'utf8')) as { running?: { phase: string } };
    expect(state.running?.phase).toBe('change');

    const second = await open({ root: '/', tools: fake.tools });
    const [report] = second.pendingReports();
    expect(report).toMatchObject({ id: 'slow', hash: h('slow'), status: 'failed' });
    expect(report?.error).toMatch(/^interrupted: the agent stopped while installing \(started .*\); the app is not installed$/);
    await second.stop();

    // The same interruption, but the tool had finished its work before the agent went down.
    await writeFile(join(temp.paths.stateDir, 'apps', 'state.json'), JSON.stringify({ ...state, apps: [], removed: [] }));
    await fake.install('slow');
    const third = await open({ root: '/', tools: fake.tools });
    expect(third.pendingReports()).toEqual([{ id: 'slow', hash: h('slow'), status: 'installed', installedVersion: '2.0-1' }]);
  });

  it('resumes a download interrupted by a restart instead of reporting it', async () => {
    const item = debItem('hello', deb, '/agent/v1/app-packages/hello-1');
    const dir = join(temp.paths.stateDir, 'apps');
    await mkdir(join(dir, 'downloads'), { recursive: true });
    await writeFile(join(dir, 'downloads', `${sha256(deb)}.deb.part`), deb.subarray(0, 700));
    await writeFile(join(dir, 'state.json'), JSON.stringify({ version: 1, apps: [], removed: [], retries: {}, running: { action: 'install', app: item, phase: 'download', startedAt: new Date().toISOString() } }));
    const manager = await open();
    expect(manager.pendingReports()).toEqual([]);
    expect(await settle(manager, [item])).toEqual([{ id: 'hello', hash: item.hash, status: 'installed', installedVersion: '1.2.3-1' }]);
    expect(server.requests.map((r) => r.range)).toEqual(['bytes=700-']);
  });

  it('retries a download the server keeps failing each time the app is sent, and reports it failed after five tries', async () => {
    server.serve('/agent/v1/app-packages/busy', { bytes: deb, status: 503 });
    const item = debItem('busy', deb, '/agent/v1/app-packages/busy');
    const manager = await open();
    for (let attempt = 1; attempt <= 4; attempt++) expect(await settle(manager, [item])).toEqual([]);
    const [report] = await settle(manager, [item]);
    expect(report).toEqual({ id: 'busy', hash: item.hash, status: 'failed', error: 'the package download answered HTTP 503' });
  });

  it('places an AppImage under /opt/ward/apps with mode 0755 and a desktop entry, and removes both', async () => {
    const image = Buffer.concat([Buffer.from('\x7fELF'), randomBytes(2000)]);
    server.serve('/agent/v1/app-packages/image', { bytes: image });
    const source = { kind: 'package' as const, format: 'appimage' as const, url: '/agent/v1/app-packages/image', sha256: sha256(image), size: image.length, identifier: 'org.example.Notes', version: '3.1' };
    const manager = await open();
    expect(await settle(manager, [{ id: 'notes', hash: h('notes'), name: 'Notes\nExec=/bin/evil', version: '3.1', source }])).toEqual([{ id: 'notes', hash: h('notes'), status: 'installed', installedVersion: '3.1' }]);
    const file = join(temp.root, 'opt/ward/apps/notes/Notes-Exec-bin-evil.AppImage');
    expect((await readFile(file)).equals(image)).toBe(true);
    expect((await stat(file)).mode & 0o777).toBe(0o755);
    const desktop = await readFile(join(temp.root, 'usr/share/applications/ward-notes.desktop'), 'utf8');
    expect(desktop).toContain('Exec="/opt/ward/apps/notes/Notes-Exec-bin-evil.AppImage" %U\n');
    // The name's newline cannot add a key of its own.
    expect(desktop.split('\n').filter((line) => line.startsWith('Exec='))).toHaveLength(1);

    await manager.acknowledge(manager.pendingReports());
    expect(await settle(manager, [], [{ id: 'notes', hash: h('rm notes'), name: 'Notes\nExec=/bin/evil', source }])).toEqual([{ id: 'notes', hash: h('rm notes'), status: 'removed' }]);
    expect(await exists(join(temp.root, 'opt/ward/apps/notes'))).toBe(false);
    expect(await exists(join(temp.root, 'usr/share/applications/ward-notes.desktop'))).toBe(false);
  });

  it('removes every app Ward installed when the device retires', async () => {
    const manager = await open();
    const item = debItem('hello', deb, '/agent/v1/app-packages/hello-1');
    await settle(manager, [item]);
    await manager.acknowledge(manager.pendingReports());
    await manager.removeAll();
    expect(manager.pendingReports()).toEqual([{ id: 'hello', hash: item.hash, status: 'removed' }]);
    expect(await exists(join(temp.root, 'usr/share/ward-hello/hello.txt'))).toBe(false);
  });

  it('sets a damaged state file aside rather than trusting it', async () => {
    const dir = join(temp.paths.stateDir, 'apps');
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, 'state.json'), JSON.stringify({ version: 1, apps: [{ id: 'x' }], removed: [], retries: {} }));
    const manager = await open();
    expect(manager.allReports()).toEqual([]);
    expect(await exists(join(dir, 'state.json.corrupt'))).toBe(true);
    expect(log.lines.some((line) => line.startsWith('error app state') && line.includes('set aside'))).toBe(true);
  });
});
