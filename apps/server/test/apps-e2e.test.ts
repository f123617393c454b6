import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Agent, fetch } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDebianPackage, prepareDpkgDatabase } from '../../agent/src/test-support/debian-package.js';
import { AgentProcess, assertAgentBuilt, runAgent } from '../../agent/test/support/agent-process.js';
import { freePort, poll } from './support/poll.js';
import { signInFirstAdmin, startWard, tempDataDir, type ServedWard } from './support/start-ward.js';
import { runWard, wardEnv } from './support/ward-process.js';

interface AppStatusRow {
  deviceId: string;
  status: string;
  installedVersion?: string | null;
  error?: string | null;
}

// Issue 7's proof, the agent half: `ward serve` and the real `ward-agent` on loopback, the agent
// in a temporary root with its own dpkg database. An admin uploads a line-of-business .deb through
// the API (Ward reads its name and version from the package), assigns it as required to all
// devices; the agent downloads it over its device certificate, checks its SHA-256, installs it
// with dpkg under the root, reports it installed, and its software list shows it. A second version
// supersedes the first and the device is updated; deleting the assignment removes the package.
describe('apps end to end: upload, assign, the real agent installs a .deb (SQLite, loopback)', { timeout: 300_000 }, () => {
  const dataDir = tempDataDir('ward-apps-e2e-');
  const root = mkdtempSync(join(tmpdir(), 'ward-apps-root-'));
  const env = wardEnv();
  let port = 0;
  let ward: ServedWard | undefined;
  let agent: AgentProcess | undefined;
  let token = '';
  let deviceId = '';
  let appId = '';
  let assignmentId = '';

  const client = (): ServedWard['client'] => {
    if (ward === undefined) throw new Error('the server is not running');
    return ward.client;
  };
  const logs = (): string => `agent stderr:\n${agent?.stderr.slice(-6000) ?? ''}\nserver stderr:\n${ward?.process.stderr.slice(-4000) ?? ''}`;
  const dpkgStatus = (): string => {
    const file = join(root, 'var', 'lib', 'dpkg', 'status');
    return existsSync(file) ? readText(file) : '';
  };
  const upload = async (bytes: Buffer, fileName: string) => {
    if (ward === undefined) throw new Error('the server is not running');
    const response = await fetch(new URL(`/api/v1/apps/${appId}/versions?fileName=${encodeURIComponent(fileName)}`, ward.url), {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/octet-stream' },
      body: bytes,
      dispatcher: new Agent({ connect: { ca: ward.caPem } }),
    });
    const text = await response.text();
    return { status: response.status, text, body: JSON.parse(text) as { version?: { version: string; identifier: string }; error?: { code: string } } };
  };
  const status = async (): Promise<AppStatusRow | undefined> => {
    const answer = await client().request<{ devices?: { items: AppStatusRow[] }; items?: AppStatusRow[] }>('GET', `/api/v1/apps/${appId}/status`, { token });
    expect(answer.status, answer.text).toBe(200);
    const rows = answer.body.devices?.items ?? answer.body.items ?? [];
    return rows.find((r) => r.deviceId === deviceId);
  };

  beforeAll(async () => {
    assertAgentBuilt();
    port = await freePort();
    ward = await startWard(dataDir, {}, port);
    token = await signInFirstAdmin(ward);
    mkdirSync(join(root, 'etc', 'ward-agent'), { recursive: true });
    writeFileSync(join(root, 'etc', 'machine-id'), '00112233445566778899aabbccddeeff\n');
    writeFileSync(join(root, 'etc', 'os-release'), 'NAME="Debian GNU/Linux"\nID=debian\nVERSION_ID="12"\nPRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\n');
    writeFileSync(join(root, 'etc', 'ward-agent', 'agent.json'), JSON.stringify({ logLevel: 'debug' }));
    await prepareDpkgDatabase(root);
  });

  afterAll(async () => {
    await agent?.stop('SIGKILL');
    await ward?.stop();
    rmSync(dirname(dataDir), { recursive: true, force: true });
    rmSync(root, { recursive: true, force: true });
  });

  it('enrolls the agent in its test root', async () => {
    const created = await runWard(['enrollment-token', 'create', '--name', 'apps-e2e', '--no-qr', '--host', '127.0.0.1', '--port', String(port), '--data-dir', dataDir], env);
    expect(created.code, created.stderr).toBe(0);
    const line = created.stdout.split('\n').map((l) => l.trim()).find((l) => l.startsWith('ward-agent enroll ')) ?? '';
    const [, ...words] = line.split(' ');
    const enrolled = await runAgent(['--root', root, ...words, '--name', 'apps-box']);
    expect(enrolled.code, enrolled.stderr).toBe(0);
    deviceId = /Enrolled as device (\S+) /.exec(enrolled.stdout)?.[1] ?? '';
    expect(deviceId).not.toBe('');
    agent = new AgentProcess(['--root', root, 'run']);
    // The first check-in reports the agent's version and inventory: the server then knows what the device can install.
    await poll('the first check-in', async () => {
      const device = await client().request<{ lastSeenAt: string | null }>('GET', `/api/v1/devices/${deviceId}`, { token });
      return device.body.lastSeenAt === null ? undefined : true;
    }, { describe: logs });
  });

  it('reads the uploaded package itself, and refuses one that is not what it claims', async () => {
    const app = await client().request<{ id: string }>('POST', '/api/v1/apps', {
      token,
      body: { name: 'Ward hello', kind: 'lineOfBusiness', identifier: 'ward-hello', platforms: ['linux'] },
    });
    expect(app.status, app.text).toBe(201);
    appId = app.body.id;

    const renamed = await upload(Buffer.from('this is not a Debian package at all'), 'ward-hello_1.0.0_all.deb');
    expect(renamed.status, renamed.text).toBe(422);
    expect(renamed.body.error?.code).toMatch(/^APP_PACKAGE_/u);

    const deb = await buildDebianPackage('ward-hello', '1.0.0', { 'opt/ward-hello/hello.txt': 'hello from version 1\n' });
    const published = await upload(deb, 'ward-hello_1.0.0_all.deb');
    expect(published.status, published.text).toBe(201);
    expect(published.body.version).toMatchObject({ version: '1.0.0', identifier: 'ward-hello' });
  });

  it('installs the required app with dpkg under the agent\'s root and reports it', async () => {
    const assigned = await client().request<{ id: string }>('POST', `/api/v1/apps/${appId}/assignments`, { token, body: { target: { type: 'allDevices' }, intent: 'required' } });
    expect(assigned.status, assigned.text).toBe(201);
    assignmentId = assigned.body.id;
    const installed = await poll('the app reported installed', async () => {
      const row = await status();
      return row?.status === 'installed' ? row : undefined;
    }, { describe: logs, timeoutMs: 120_000 });
    expect(installed.installedVersion).toBe('1.0.0');
    expect(readText(join(root, 'opt', 'ward-hello', 'hello.txt'))).toBe('hello from version 1\n');
    expect(dpkgStatus()).toMatch(/Package: ward-hello\nStatus: install ok installed/u);
    // The next inventory lists it, and the fleet search finds it.
    const found = await poll('the fleet inventory', async () => {
      const page = await client().request<{ items: { name: string; version: string; deviceCount: number }[] }>('GET', '/api/v1/app-inventory?q=ward-hello', { token });
      return page.body.items.find((i) => i.name === 'ward-hello' && i.version === '1.0.0');
    }, { describe: logs });
    expect(found.deviceCount).toBe(1);
  });

  it('updates the device when a new version supersedes the old one', async () => {
    const deb = await buildDebianPackage('ward-hello', '1.1.0', { 'opt/ward-hello/hello.txt': 'hello from version 1.1\n' });
    const published = await upload(deb, 'ward-hello_1.1.0_all.deb');
    expect(published.status, published.text).toBe(201);
    await poll('version 1.1.0 installed', async () => {
      const row = await status();
      return row?.status === 'installed' && row.installedVersion === '1.1.0' ? row : undefined;
    }, { describe: logs, timeoutMs: 120_000 });
    expect(readText(join(root, 'opt', 'ward-hello', 'hello.txt'))).toBe('hello from version 1.1\n');
  });

  it('removes the app Ward installed once the assignment is deleted', async () => {
    const deleted = await client().request('DELETE', `/api/v1/assignments/${assignmentId}`, { token });
    expect(deleted.status, deleted.text).toBe(204);
    await poll('the package removed', () => (existsSync(join(root, 'opt', 'ward-hello', 'hello.txt')) ? undefined : true), { describe: logs, timeoutMs: 120_000 });
    expect(dpkgStatus()).not.toMatch(/Package: ward-hello\nStatus: install ok installed/u);
  });
});

function readText(file: string): string {
  return readFileSync(file, 'utf8');
}
