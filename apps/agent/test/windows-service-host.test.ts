import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderWindowsServiceHost, type WindowsServiceHostSettings } from '../src/service/render-windows-service-host.js';
import { windowsInstallSteps } from '../src/service/windows-service.js';
import { agentBin, agentEnv, assertAgentBuilt, runAgent } from './support/agent-process.js';
import { ProtocolPeer } from './support/protocol-peer.js';

// The Windows service host cannot run under a real Service Control Manager here, but Mono's
// compiler takes the same C# 5 the .NET Framework's csc.exe takes, and Mono's `mono-service` drives
// a ServiceBase as the SCM would: OnStart, then OnStop on SIGTERM. So these tests compile the
// rendered host and run it over the real agent. CI installs Mono (.ci/run); elsewhere they are
// skipped when Mono is missing, and fail in CI.
const hasMono = spawnSync('mcs', ['--version']).status === 0 && spawnSync('sh', ['-c', 'command -v mono-service']).status === 0;
const mustRun = process.env.CI !== undefined && process.env.CI !== '' && process.env.CI !== 'false';

const temps: string[] = [];
function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  temps.push(dir);
  return dir;
}

function prepareRoot(): string {
  const root = tempDir('ward-winsvc-root-');
  mkdirSync(join(root, 'etc', 'ward-agent'), { recursive: true });
  writeFileSync(join(root, 'etc', 'machine-id'), '0123456789abcdef0123456789abcdef\n');
  writeFileSync(join(root, 'etc', 'os-release'), 'NAME="Test Linux"\nVERSION_ID="42"\n');
  writeFileSync(join(root, 'etc', 'ward-agent', 'agent.json'), JSON.stringify({ actions: { lock: ['true'], restart: ['true'] }, logLevel: 'debug' }));
  return root;
}

/** Compiles C# the way the install does on Windows: C# 5, a Windows executable, System.ServiceProcess. */
function compile(source: string, dir: string): string {
  const cs = join(dir, 'WardAgentService.cs');
  const exe = join(dir, 'WardAgentService.exe');
  writeFileSync(cs, source);
  const result = spawnSync('mcs', ['-langversion:5', '-codepage:utf8', '-target:winexe', '-r:System.dll', '-r:System.ServiceProcess.dll', '-warnaserror+', `-out:${exe}`, cs], { encoding: 'utf8' });
  expect(result.status, `${result.stdout}${result.stderr}`).toBe(0);
  return exe;
}

interface Host {
  readonly process: ChildProcess;
  readonly logFile: string;
  readonly exited: Promise<number | null>;
  log(): string;
}

/** Compiles a host for `settings` (paths filled in under a fresh folder) and starts it under mono-service. */
function startHost(settings: Pick<WindowsServiceHostSettings, 'nodePath' | 'nodeArguments' | 'limits'>): Host {
  // Not ASCII, as a user's folder may be: the paths must survive the C# source and its compiler.
  const dir = tempDir('ward-winsvc-hôte-');
  const logFile = join(dir, 'logs', 'ward-agent.log');
  const exe = compile(renderWindowsServiceHost({ serviceName: 'WardAgent', workingDirectory: dir, logFile, ...settings }), dir);
  const child = spawn('mono-service', ['--no-daemon', `-l:${join(dir, 'host.lock')}`, `-d:${dir}`, exe], { env: agentEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.setEncoding('utf8').on('data', (text: string) => (output += text));
  child.stderr.setEncoding('utf8').on('data', (text: string) => (output += text));
  const exited = new Promise<number | null>((resolve) => {
    child.on('close', (code) => {
      resolve(code);
    });
  });
  return {
    process: child,
    logFile,
    exited,
    log: () => (existsSync(logFile) ? readFileSync(logFile, 'utf8') : '') + (output === '' ? '' : `\n[mono-service output]\n${output}`),
  };
}

async function waitFor<T>(what: string, predicate: () => T | undefined | false, timeoutMs = 15_000, details = (): string => ''): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = predicate();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}\n${details()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function count(text: string, needle: string): number {
  return text.split(needle).length - 1;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function outboxResults(root: string): { commandId: string; status: string }[] {
  const outbox = join(root, 'var', 'lib', 'ward-agent', 'outbox');
  if (!existsSync(outbox)) return [];
  return readdirSync(outbox)
    .filter((name) => name.endsWith('.json'))
    .map((name) => JSON.parse(readFileSync(join(outbox, name), 'utf8')) as { commandId: string; status: string });
}

afterAll(() => {
  for (const dir of temps) rmSync(dir, { recursive: true, force: true });
});

describe('ward-agent run --stop-on-stdin-close (real process)', () => {
  let peer: ProtocolPeer;
  let root: string;

  beforeAll(async () => {
    assertAgentBuilt();
    peer = await ProtocolPeer.start();
    root = prepareRoot();
    const enrolled = await runAgent(['--root', root, 'enroll', '--server', peer.url, '--token', peer.enrollmentToken, '--ca-fingerprint', peer.rootFingerprint]);
    expect(enrolled.code, enrolled.stderr).toBe(0);
  });

  afterAll(async () => {
    await peer.close();
  });

  it('stops cleanly when its standard input closes, the running command reported in the outbox', async () => {
    const agent = spawn(process.execPath, [agentBin, '--root', root, 'run', '--stop-on-stdin-close'], { env: agentEnv(), stdio: ['pipe', 'pipe', 'pipe'] });
    let stderr = '';
    agent.stderr.setEncoding('utf8').on('data', (text: string) => (stderr += text));
    agent.stdout.resume();
    const exited = new Promise<number | null>((resolve) => agent.on('close', resolve));
    const first = await peer.waitFor('the first check-in', () => peer.checkIns[0]);
    await peer.waitFor('the push connection', () => peer.pushSockets.size > 0);
    peer.acknowledgeResults = false;
    const script = peer.queue(first.deviceId, 'runScript', { interpreter: 'sh', script: 'sleep 30\n', timeoutSeconds: 60 });
    peer.wake();
    await waitFor('the script to run', () => stderr.includes(`command ${script.id} (runScript) running`), 15_000, () => stderr);

    const closedAt = Date.now();
    agent.stdin.write('ignored\n');
    agent.stdin.end();
    expect(await exited, stderr).toBe(0);
    expect(Date.now() - closedAt).toBeLessThan(10_000);
    expect(stderr).toContain('standard input closed; stopping');
    expect(stderr).toContain('INFO stopped');
    // The interrupted script's result was written before the exit, for the next start to deliver.
    expect(outboxResults(root).find((r) => r.commandId === script.id)).toMatchObject({ status: 'failed' });
  });

  it('without the option, a closed standard input changes nothing', async () => {
    const agent = spawn(process.execPath, [agentBin, '--root', root, 'run'], { env: agentEnv(), stdio: ['pipe', 'pipe', 'pipe'] });
    let stderr = '';
    agent.stderr.setEncoding('utf8').on('data', (text: string) => (stderr += text));
    agent.stdout.resume();
    const exited = new Promise<number | null>((resolve) => agent.on('close', resolve));
    agent.stdin.end();
    const before = peer.checkIns.length;
    await peer.waitFor('a check-in after standard input closed', () => peer.checkIns[before]);
    expect(agent.exitCode).toBeNull();
    agent.kill('SIGTERM');
    expect(await exited, stderr).toBe(0);
    expect(stderr).not.toContain('standard input closed');
  });
});

describe.skipIf(!hasMono && !mustRun)('the Windows service host, compiled with Mono and run by mono-service', () => {
  let peer: ProtocolPeer;

  beforeAll(async () => {
    if (!hasMono) throw new Error('mcs and mono-service are needed (apt-get install mono-mcs mono-4.0-service libmono-system-serviceprocess4.0-cil)');
    assertAgentBuilt();
    peer = await ProtocolPeer.start();
  });

  afterAll(async () => {
    if (hasMono) await peer.close();
  });

  it('compiles as install-service writes it, with the C# 5 compiler against System.ServiceProcess', () => {
    const steps = windowsInstallSteps(
      { nodePath: 'C:\\Program Files\\nodejs\\node.exe', agentPath: 'C:\\Program Files\\Ward\\bin\\ward-agent.js' },
      { root: 'C:\\', stateDir: 'C:\\var\\lib\\ward-agent', configDir: 'C:\\etc\\ward-agent', serviceDir: 'C:\\var\\lib\\ward-agent-service' },
    );
    const write = steps.find((s) => s.kind === 'write');
    expect(write?.kind).toBe('write');
    const exe = compile(write?.kind === 'write' ? write.content : '', tempDir('ward-winsvc-compile-'));
    expect(statSync(exe).size).toBeGreaterThan(0);
  });

  it('runs the agent, logs its output, and stops it by closing its standard input', async () => {
    const root = prepareRoot();
    const enrolled = await runAgent(['--root', root, 'enroll', '--server', peer.url, '--token', peer.enrollmentToken, '--ca-fingerprint', peer.rootFingerprint]);
    expect(enrolled.code, enrolled.stderr).toBe(0);
    const checkInsBefore = peer.checkIns.length;
    const earlierSockets = new Set(peer.pushSockets.keys());
    const host = startHost({ nodePath: process.execPath, nodeArguments: [agentBin, '--root', root, 'run', '--stop-on-stdin-close'] });
    try {
      const checkIn = await peer.waitFor('a check-in from the hosted agent', () => peer.checkIns[checkInsBefore]);
      await waitFor('the agent output in the log', () => host.log().includes('running as device'), 15_000, () => host.log());
      // This peer offers no Noise channel, so the agent opens its TLS push connection after that
      // first check-in (which asked for one); a wake-up before it would be lost.
      await peer.waitFor('the push connection', () => [...peer.pushSockets.keys()].some((socket) => !earlierSockets.has(socket)));
      const pid = Number(/started the agent \(process (\d+)\)/.exec(host.log())?.[1]);
      expect(isAlive(pid)).toBe(true);
      peer.acknowledgeResults = false;
      const script = peer.queue(checkIn.deviceId, 'runScript', { interpreter: 'sh', script: 'sleep 30\n', timeoutSeconds: 60 });
      peer.wake();
      await waitFor('the script to run', () => host.log().includes(`command ${script.id} (runScript) running`), 15_000, () => host.log());

      host.process.kill('SIGTERM');
      expect(await host.exited, host.log()).toBe(0);
      const log = host.log();
      expect(log).toContain("service host: stopping: closed the agent's standard input");
      expect(log).toContain('INFO standard input closed; stopping');
      expect(log).toContain('INFO service host: stopped');
      expect(log).not.toContain('killing it');
      expect(isAlive(pid)).toBe(false);
      expect(outboxResults(root).find((r) => r.commandId === script.id)).toMatchObject({ status: 'failed' });
    } finally {
      host.process.kill('SIGKILL');
    }
  });

  it('stops the service instead of restarting an agent that is not enrolled', async () => {
    const root = prepareRoot();
    const host = startHost({ nodePath: process.execPath, nodeArguments: [agentBin, '--root', root, 'run', '--stop-on-stdin-close'] });
    try {
      await waitFor('the service to stop', () => host.log().includes('service host: stopped'), 20_000, () => host.log());
      // Past the first restart delay (1 s): still the one start.
      await new Promise((resolve) => setTimeout(resolve, 1500));
      const log = host.log();
      expect(log).toContain('ERROR service host: the agent exited with code 3: this device is not enrolled. Enroll it with ward-agent enroll');
      expect(log).toContain('ward-agent run: not enrolled');
      expect(count(log, 'started the agent')).toBe(1);
      expect(log).not.toContain('restarting');
    } finally {
      host.process.kill('SIGKILL');
    }
  });

  it('restarts an agent that fails with a doubling delay, and rotates the log by size', async () => {
    const root = prepareRoot();
    writeFileSync(join(root, 'etc', 'ward-agent', 'agent.json'), '{ not json');
    const host = startHost({ nodePath: process.execPath, nodeArguments: [agentBin, '--root', root, 'run', '--stop-on-stdin-close'], limits: { logMaxBytes: 500, logFilesKept: 3 } });
    const all = (): string => [`${host.logFile}.2`, `${host.logFile}.1`, host.logFile].map((file) => (existsSync(file) ? readFileSync(file, 'utf8') : '')).join('');
    try {
      await waitFor('three starts', () => count(all(), 'started the agent') >= 3, 20_000, all);
      const log = all();
      expect(log).toContain('is not valid JSON');
      expect(log).toContain('WARN service host: the agent exited unexpectedly with code 2; restarting in 1 s');
      expect(log).toContain('WARN service host: the agent exited unexpectedly with code 2; restarting in 2 s');
      expect(existsSync(`${host.logFile}.1`)).toBe(true);
      expect(existsSync(`${host.logFile}.3`)).toBe(false);
      // Rotated once past the limit: no file holds much more than the limit and a line.
      for (const file of [host.logFile, `${host.logFile}.1`]) expect(statSync(file).size).toBeLessThan(500 + 400);
      host.process.kill('SIGTERM');
      expect(await host.exited).toBe(0);
    } finally {
      host.process.kill('SIGKILL');
    }
  });

  it('kills an agent that does not stop within the stop timeout', async () => {
    // A child that ignores its standard input, as a hung agent would.
    const host = startHost({ nodePath: '/bin/sh', nodeArguments: ['-c', 'echo ignoring stdin; exec sleep 60'], limits: { stopTimeoutSeconds: 2 } });
    try {
      await waitFor('the child', () => host.log().includes('ignoring stdin'), 15_000, () => host.log());
      const pid = Number(/started the agent \(process (\d+)\)/.exec(host.log())?.[1]);
      const stoppedAt = Date.now();
      host.process.kill('SIGTERM');
      expect(await host.exited, host.log()).toBe(0);
      expect(Date.now() - stoppedAt).toBeGreaterThanOrEqual(1900);
      expect(host.log()).toContain('WARN service host: the agent did not stop within 2 s; killing it');
      expect(isAlive(pid)).toBe(false);
    } finally {
      host.process.kill('SIGKILL');
    }
  });
});
