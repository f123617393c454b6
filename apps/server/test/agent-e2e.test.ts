import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AgentProcess, assertAgentBuilt, runAgent } from '../../agent/test/support/agent-process.js';
import { freePort, poll } from './support/poll.js';
import { signInFirstAdmin, startWard, tempDataDir, type ServedWard } from './support/start-ward.js';
import { runWard, wardEnv } from './support/ward-process.js';

interface DeviceSummary {
  id: string;
  name: string;
  platform: string;
  osVersion: string | null;
  lastSeenAt: string | null;
  facts: Record<string, unknown>;
}
interface DeviceDetail extends DeviceSummary {
  inventory: Record<string, unknown>;
}
interface Action {
  id: string;
  type: string;
  status: string;
  result: Record<string, unknown> | null;
}
interface Outcome {
  deviceId: string;
  commandId: string | null;
  status: string;
}

// The proof of issue 3: the real server and the real agent, on loopback, the agent in a temporary
// root instead of the host's. Enroll with the command line the CLI printed, see the inventory in
// the API, send sync and a script and get both results back; then lose the server and SIGKILL the
// agent while a result waits in its outbox, bring both back, and the result arrives once.
describe('ward serve + ward-agent end to end (SQLite, real processes, loopback)', { timeout: 240_000 }, () => {
  const dataDir = tempDataDir('ward-agent-e2e-');
  const root = mkdtempSync(join(tmpdir(), 'ward-agent-root-'));
  const stateDir = join(root, 'var', 'lib', 'ward-agent');
  const runsFile = join(root, 'script-runs.txt');
  const env = wardEnv();
  let port = 0;
  let ward: ServedWard | undefined;
  let agent: AgentProcess | undefined;
  let token = '';
  let deviceId = '';

  const client = (): ServedWard['client'] => {
    if (ward === undefined) throw new Error('the server is not running');
    return ward.client;
  };
  const actions = async (): Promise<Action[]> => (await client().request<{ items: Action[] }>('GET', `/api/v1/devices/${deviceId}/actions?limit=100`, { token })).body.items;
  const finished = (commandId: string) => async (): Promise<Action | undefined> => (await actions()).find((a) => a.id === commandId && !['pending', 'sent'].includes(a.status));
  const logs = (): string => `agent stderr:\n${agent?.stderr.slice(-4000) ?? ''}\nserver stderr:\n${ward?.process.stderr.slice(-4000) ?? ''}`;

  beforeAll(async () => {
    assertAgentBuilt();
    port = await freePort();
    ward = await startWard(dataDir, {}, port);
    token = await signInFirstAdmin(ward);

    // A machine as the agent sees it under --root, and host actions that do nothing.
    mkdirSync(join(root, 'etc', 'ward-agent'), { recursive: true });
    writeFileSync(join(root, 'etc', 'machine-id'), '0123456789abcdef0123456789abcdef\n');
    writeFileSync(join(root, 'etc', 'os-release'), 'NAME="Test Linux"\nID=testlinux\nVERSION_ID="42"\nPRETTY_NAME="Test Linux 42"\n');
    writeFileSync(join(root, 'etc', 'ward-agent', 'agent.json'), JSON.stringify({ actions: { lock: ['true'], restart: ['true'] }, logLevel: 'debug' }));
  });

  afterAll(async () => {
    await agent?.stop('SIGKILL');
    await ward?.stop();
    rmSync(dirname(dataDir), { recursive: true, force: true });
    rmSync(root, { recursive: true, force: true });
  });

  it('enrolls the agent with the command line `ward enrollment-token create` printed', async () => {
    const created = await runWard(['enrollment-token', 'create', '--name', 'e2e', '--no-qr', '--host', '127.0.0.1', '--port', String(port), '--data-dir', dataDir], env);
    expect(created.code, created.stderr).toBe(0);
    const line = created.stdout.split('\n').map((l) => l.trim()).find((l) => l.startsWith('ward-agent enroll ')) ?? '';
    expect(line).toContain(`--server https://127.0.0.1:${port} `);
    expect(line).toContain(`--ca-fingerprint ${ward?.process.stdout.match(/Root CA:\s+SHA-256 (\S+)/)?.[1] ?? 'missing'}`);
    // The printed words as they are, `ward-agent` being the real launcher under a temporary root.
    const [, ...words] = line.split(' ');
    const enrolled = await runAgent(['--root', root, ...words, '--name', 'e2e-box']);
    expect(enrolled.code, enrolled.stderr).toBe(0);
    deviceId = /Enrolled as device (\S+) /.exec(enrolled.stdout)?.[1] ?? '';
    expect(deviceId).not.toBe('');
    // A one-time token does not enroll a second machine.
    const other = mkdtempSync(join(tmpdir(), 'ward-agent-root2-'));
    mkdirSync(join(other, 'etc'), { recursive: true });
    writeFileSync(join(other, 'etc', 'machine-id'), 'fedcba9876543210fedcba9876543210\n');
    const again = await runAgent(['--root', other, ...words]);
    rmSync(other, { recursive: true, force: true });
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('ENROLLMENT_TOKEN_EXHAUSTED');
  });

  it('reports the inventory at its first check-in, visible in the device API', async () => {
    agent = new AgentProcess(['--root', root, 'run']);
    // Enrollment registered the device; its first check-in brings the inventory.
    const detail = await poll('the inventory of the first check-in', async () => {
      const found = await client().request<DeviceDetail>('GET', `/api/v1/devices/${deviceId}`, { token });
      return Object.keys(found.body.inventory).length > 0 ? found.body : undefined;
    }, { describe: logs });
    expect(detail.facts.osVersion).toBe('42');
    expect(detail.lastSeenAt).not.toBeNull();
    const list = await client().request<{ items: DeviceSummary[] }>('GET', '/api/v1/devices?q=e2e-box', { token });
    expect(list.body.items.find((d) => d.id === deviceId)).toMatchObject({ name: 'e2e-box', platform: 'linux', osVersion: '42' });
    // The agent holds its push socket: the next actions reach it without waiting for its poll.
    await poll('the push connection', async () => {
      const metrics = await ward?.client.request<string>('GET', '/metrics');
      return /^ward_agents_connected 1$/m.test(metrics?.text ?? '') ? true : undefined;
    }, { describe: logs });
    // It holds it on the Noise push port, with the key its first check-in over mTLS brought.
    await poll('the Noise push channel', () => Promise.resolve(agent?.stderr.includes('Noise push connection open') === true ? true : undefined), { describe: logs });
  });

  it('runs sync and a script sent through the admin API and returns both results', async () => {
    const sync = await client().request<Outcome>('POST', `/api/v1/devices/${deviceId}/actions`, { token, body: { type: 'sync' } });
    expect(sync.status).toBe(202);
    expect(sync.body.status).toBe('queued');
    const script = await client().request<Outcome>('POST', `/api/v1/devices/${deviceId}/actions`, { token, body: { type: 'runScript', payload: { interpreter: 'sh', script: 'echo hello\n', timeoutSeconds: 30 } } });
    expect(script.status).toBe(202);

    const syncDone = await poll('the sync result', finished(sync.body.commandId ?? ''), { describe: logs });
    expect(syncDone.status).toBe('succeeded');
    const scriptDone = await poll('the script result', finished(script.body.commandId ?? ''), { describe: logs });
    expect(scriptDone).toMatchObject({ type: 'runScript', status: 'succeeded', result: { exitCode: 0, output: 'hello\n' } });
  });

  it('sends actions from the CLI too: woken through the job runner on SQLite, followed with --wait', async () => {
    const run = await runWard(['device', 'action', 'refreshInventory', deviceId, '--wait', '--wait-timeout', '60', '--data-dir', dataDir], env);
    expect(run.code, `${run.stdout}\n${run.stderr}\n${logs()}`).toBe(0);
    expect(run.stdout).toMatch(new RegExp(`^${deviceId}  queued`, 'm'));
    expect(run.stdout).toMatch(new RegExp(`^${deviceId}  succeeded`, 'm'));

    const shown = await runWard(['device', 'show', deviceId, '--data-dir', dataDir], env);
    expect(shown.code, shown.stderr).toBe(0);
    expect(shown.stdout).toMatch(/^Last check-in\s+\d{4}-/m);
    expect(shown.stdout).toMatch(/^ {2}osVersion\s+42$/m);
    expect(shown.stdout).toMatch(/runScript\s+succeeded .*exit 0; output: "hello\\n"/);
    const listed = await runWard(['device', 'list', '--platform', 'linux', '--data-dir', dataDir], env);
    expect(listed.stdout).toMatch(new RegExp(`^${deviceId}\\s+e2e-box\\s+linux\\s+42\\s+corporate\\s+enrolled`, 'm'));
  });

  it('serves the device CA\'s CRL', async () => {
    const crl = await ward?.client.request<string>('GET', '/pki/crl');
    expect(crl?.status).toBe(200);
    expect(crl?.headers.get('content-type')).toBe('application/pkix-crl');
  });

  it('loses no result when the server goes away and the agent is killed with the result unacknowledged', async () => {
    const script = await client().request<Outcome>('POST', `/api/v1/devices/${deviceId}/actions`, {
      token,
      body: { type: 'runScript', payload: { interpreter: 'sh', script: `echo run >> '${runsFile}'\nsleep 6\necho survived\n`, timeoutSeconds: 60 } },
    });
    expect(script.status).toBe(202);
    const commandId = script.body.commandId ?? '';
    // The script runs; the server stops before it ends, so its result cannot be delivered.
    await poll('the script to start', () => (existsSync(runsFile) ? true : undefined), { describe: logs });
    const stopped = await ward?.stop();
    expect(stopped?.code, stopped?.stderr).toBe(0);
    ward = undefined;
    const outbox = join(stateDir, 'outbox');
    await poll('the result in the agent\'s outbox', () => (existsSync(join(outbox, `${commandId}.json`)) || readdirSync(outbox).some((f) => f.endsWith('.json')) ? true : undefined), { timeoutMs: 30_000, describe: logs });
    await agent?.stop('SIGKILL');

    // Both come back; the server on the port the agent knows.
    ward = await startWard(dataDir, {}, port);
    expect(ward.admin).toBeUndefined();
    agent = new AgentProcess(['--root', root, 'run']);
    const done = await poll('the result after the restarts', finished(commandId), { describe: logs });
    expect(done).toMatchObject({ status: 'succeeded', result: { exitCode: 0, output: 'survived\n' } });
    // Once in the history, and the script ran once, however often the command was handed out again.
    expect((await actions()).filter((a) => a.id === commandId)).toHaveLength(1);
    expect(readFileSync(runsFile, 'utf8')).toBe('run\n');
    await poll('the agent\'s outbox to empty', () => (readdirSync(outbox).filter((f) => f.endsWith('.json')).length === 0 ? true : undefined), { describe: logs });
  });
});
