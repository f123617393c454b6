import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync, mkdirSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { AgentProcess, assertAgentBuilt, runAgent } from './support/agent-process.js';
import { buildDebianPackage, prepareDpkgDatabase } from '../src/test-support/debian-package.js';
import { ProtocolPeer } from './support/protocol-peer.js';

// The real agent process against the protocol test double: enroll, check in, wake over the push
// WebSocket, a signed script, a SIGKILL before the server acknowledged its result, and the result
// delivered again by the restarted agent without the script running twice.
describe('ward-agent against the agent protocol (real processes, loopback)', () => {
  let peer: ProtocolPeer;
  const root = mkdtempSync(join(tmpdir(), 'ward-agent-it-'));
  const stateDir = join(root, 'var', 'lib', 'ward-agent');
  const runsFile = join(root, 'script-runs.txt');
  let agent: AgentProcess | undefined;

  beforeAll(async () => {
    assertAgentBuilt();
    peer = await ProtocolPeer.start();
    mkdirSync(join(root, 'etc', 'ward-agent'), { recursive: true });
    writeFileSync(join(root, 'etc', 'machine-id'), '0123456789abcdef0123456789abcdef\n');
    writeFileSync(join(root, 'etc', 'os-release'), 'NAME="Test Linux"\nVERSION_ID="42"\nPRETTY_NAME="Test Linux 42"\n');
    // Host actions point at harmless commands: a real configuration option, set in the temp root.
    writeFileSync(join(root, 'etc', 'ward-agent', 'agent.json'), JSON.stringify({ actions: { lock: ['true'], restart: ['true'] }, logLevel: 'debug' }));
  });

  afterAll(async () => {
    await agent?.stop('SIGKILL');
    await peer.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('refuses to enroll when the fingerprint matches nothing the server presents', async () => {
    const run = await runAgent(['--root', root, 'enroll', '--server', peer.url, '--token', peer.enrollmentToken, '--ca-fingerprint', 'AA'.repeat(32)]);
    expect(run.code, run.stderr).toBe(1);
    expect(run.stderr).toContain('no certificate the server presented has the fingerprint');
    expect(peer.enrollments).toHaveLength(0);
    expect(existsSync(join(stateDir, 'enrollment.json'))).toBe(false);
  });

  it('enrolls with the root fingerprint and stores the identity privately', async () => {
    const run = await runAgent(['--root', root, 'enroll', '--server', peer.url, '--token', peer.enrollmentToken, '--ca-fingerprint', peer.rootFingerprint.toLowerCase(), '--name', 'test-box']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^Enrolled as device dev-/);
    expect(peer.enrollments[0]?.device).toMatchObject({ hardwareId: '0123456789abcdef0123456789abcdef', name: 'test-box', platform: 'linux', osVersion: '42' });
    expect(statSync(stateDir).mode & 0o777).toBe(0o700);
    expect(statSync(join(stateDir, 'device-key.pem')).mode & 0o777).toBe(0o600);
    expect(readFileSync(join(stateDir, 'server-root.pem'), 'utf8')).toBe(peer.rootCertificatePem);
  });

  it('checks in at start, again on a wake-up, and delivers a script result across a SIGKILL', async () => {
    agent = new AgentProcess(['--root', root, 'run']);
    const first = await peer.waitFor('the first check-in', () => peer.checkIns[0]);
    expect(first.request.facts?.osVersion).toBe('42');
    expect(first.request.inventory).toBeDefined();
    const deviceId = first.deviceId;

    await peer.waitFor('the push connection', () => peer.pushSockets.size > 0);
    const before = peer.checkIns.length;
    peer.wake();
    const woken = await peer.waitFor('a check-in after the wake-up', () => peer.checkIns[before]);
    // Over the open push connection rather than a new HTTPS request.
    expect(woken.via).toBe('push');
    // Nothing changed, so nothing is re-sent.
    expect(woken.request.facts).toBeUndefined();
    expect(woken.request.inventory).toBeUndefined();

    // The connection is lost with a check-in in flight: that check-in goes over HTTPS at once.
    peer.dropPushCheckIns = true;
    const beforeDrop = peer.checkIns.length;
    peer.wake();
    const fallback = await peer.waitFor('a check-in over HTTPS after the push connection dropped', () => peer.checkIns[beforeDrop]);
    expect(fallback.via).toBe('https');
    peer.dropPushCheckIns = false;
    await peer.waitFor('the push connection again', () => peer.pushSockets.size > 0);

    peer.acknowledgeResults = false;
    const script = peer.queue(deviceId, 'runScript', { interpreter: 'sh', script: `echo hello\necho ran >> '${runsFile}'\n`, timeoutSeconds: 30 });
    peer.wake();
    const delivered = await peer.waitFor('the script result', () => peer.results.find((r) => r.commandId === script.id));
    expect(delivered).toMatchObject({ status: 'succeeded', exitCode: 0, output: 'hello\n' });

    const oldSockets = new Set(peer.pushSockets.keys());
    await agent.stop('SIGKILL');
    const resultsBefore = peer.results.length;
    agent = new AgentProcess(['--root', root, 'run']);
    const resent = await peer.waitFor('the result re-sent after the restart', () => peer.results.slice(resultsBefore).find((r) => r.commandId === script.id));
    expect(resent).toEqual(delivered);
    // The peer kept redelivering the command (no acknowledgement): the agent ran it once all the same.
    expect(readFileSync(runsFile, 'utf8')).toBe('ran\n');

    peer.acknowledgeResults = true;
    await peer.waitFor("the restarted agent's push connection", () => [...peer.pushSockets.keys()].some((socket) => !oldSockets.has(socket)));
    peer.wake();
    await peer.waitFor('the outbox to empty after the acknowledgement', () => readdirSync(join(stateDir, 'outbox')).filter((f) => f.endsWith('.json')).length === 0);
    expect(readFileSync(runsFile, 'utf8')).toBe('ran\n');
  });

  it('refuses a command whose signature does not verify, and renews its certificate when asked', async () => {
    const deviceId = peer.checkIns[0]!.deviceId;
    const forged = peer.queue(deviceId, 'runScript', { interpreter: 'sh', script: `echo forged >> '${runsFile}'\n`, timeoutSeconds: 5 }, {
      tamper: (c) => ({ ...c, payload: { ...c.payload, script: `echo evil >> '${runsFile}'\n` } }),
    });
    peer.renewNext = true;
    peer.wake();
    const refused = await peer.waitFor('the refusal', () => peer.results.find((r) => r.commandId === forged.id));
    expect(refused).toMatchObject({ status: 'failed', error: 'signature invalid' });
    expect(readFileSync(runsFile, 'utf8')).toBe('ran\n');
    const serial = await peer.waitFor('a renewal', () => peer.renewals[0]);

    // The renewed identity is used at once: the push connection reconnects with it, and so do check-ins.
    await peer.waitFor('the push connection with the renewed certificate', () => [...peer.pushSockets.values()].includes(serial));
    const before = peer.checkIns.length;
    peer.wake();
    const renewed = await peer.waitFor('a check-in after the renewal', () => peer.checkIns[before]);
    expect(renewed.certificateSerial).toBe(serial);
    expect(renewed.certificateSerial).not.toBe(peer.checkIns[0]!.certificateSerial);

    const status = await runAgent(['--root', root, 'status', '--json']);
    expect(status.code, status.stderr).toBe(0);
    expect(JSON.parse(status.stdout)).toMatchObject({ enrolled: true, deviceId, server: peer.url, pendingResults: 0 });

    const stopped = await agent!.stop('SIGTERM');
    expect(stopped.code, stopped.stderr).toBe(0);
    expect(stopped.stderr).toContain('SIGTERM received; stopping');
  });

  it('installs an offered .deb on its root (dpkg --root), reports it and lists it in the software; removes it when asked', async () => {
    const deviceId = peer.checkIns[0]!.deviceId;
    await prepareDpkgDatabase(root);
    const deb = await buildDebianPackage('ward-hello', '1.2.3-1', { '/usr/share/ward-hello/hello.txt': 'hello\n' });
    const sha256 = createHash('sha256').update(deb).digest('hex');
    const source = { kind: 'package' as const, format: 'deb' as const, url: '/agent/v1/app-packages/v-1', sha256, size: deb.length, identifier: 'ward-hello', version: '1.2.3-1' };
    const install = { id: 'app-hello', hash: 'c'.repeat(64), name: 'Ward Hello', version: '1.2.3-1', source };
    peer.servePackage(source.url, deb);
    // A source kind this agent does not know: reported failed, and the rest of the answer still works.
    const unknownKind = { id: 'app-brew', hash: 'e'.repeat(64), name: 'wget', version: '1', source: { kind: 'brew', package: 'wget' } } as unknown as typeof install;
    peer.offerApps(deviceId, { install: [unknownKind, install], remove: [] });
    const started = peer.checkIns.length;
    agent = new AgentProcess(['--root', root, 'run']);
    const report = await peer.waitFor('the app report', () => peer.appReports.find((r) => r.id === 'app-hello'));
    expect(report).toEqual({ id: 'app-hello', hash: install.hash, status: 'installed', installedVersion: '1.2.3-1' });
    expect(readFileSync(join(root, 'usr', 'share', 'ward-hello', 'hello.txt'), 'utf8')).toBe('hello\n');
    expect(peer.appReports.find((r) => r.id === 'app-brew')).toEqual({ id: 'app-brew', hash: unknownKind.hash, status: 'failed', error: 'unknown source kind "brew": this agent installs from apt, dnf, flatpak, snap, package' });
    // The check-in that carries the report carries the software list read after the install.
    const carrying = peer.checkIns.slice(started).find((c) => c.request.apps?.reports.some((r) => r.id === 'app-hello'));
    expect(carrying?.request.software).toContainEqual({ name: 'ward-hello', version: '1.2.3-1', source: 'dpkg' });

    const remove = { id: 'app-hello', hash: 'd'.repeat(64), name: 'Ward Hello', source };
    peer.offerApps(deviceId, { install: [], remove: [remove] });
    peer.wake();
    expect(await peer.waitFor('the removal report', () => peer.appReports.find((r) => r.hash === remove.hash))).toEqual({ id: 'app-hello', hash: remove.hash, status: 'removed' });
    expect(existsSync(join(root, 'usr', 'share', 'ward-hello', 'hello.txt'))).toBe(false);
    const stopped = await agent.stop('SIGTERM');
    expect(stopped.code, stopped.stderr).toBe(0);
  });

  it('runs the host actions, refreshes the inventory, and retires: data and identity gone, process ends', async () => {
    const deviceId = peer.checkIns[0]!.deviceId;
    const corp = join(root, 'srv', 'corp');
    mkdirSync(corp, { recursive: true });
    writeFileSync(join(corp, 'report.docx'), 'corporate data');
    writeFileSync(join(root, 'etc', 'ward-agent', 'agent.json'), JSON.stringify({ actions: { lock: ['true'], restart: ['true'] }, managedPaths: ['/srv/corp'] }));
    const earlierSockets = new Set(peer.pushSockets.keys());
    const started = peer.checkIns.length;
    agent = new AgentProcess(['--root', root, 'run']);
    await peer.waitFor('the check-in at start', () => peer.checkIns[started]);

    const lock = peer.queue(deviceId, 'lock');
    const restart = peer.queue(deviceId, 'restart');
    const refresh = peer.queue(deviceId, 'refreshInventory');
    const before = peer.checkIns.length;
    await peer.waitFor('the push connection', () => [...peer.pushSockets.keys()].some((socket) => !earlierSockets.has(socket)));
    peer.wake();
    for (const command of [lock, restart, refresh]) {
      expect(await peer.waitFor(`the ${command.type} result`, () => peer.results.find((r) => r.commandId === command.id))).toMatchObject({ status: 'succeeded' });
    }
    // The refresh makes the agent send the full inventory again although nothing changed.
    const full = peer.checkIns.slice(before).find((c) => c.request.results.some((r) => r.commandId === refresh.id));
    expect(full?.request.inventory).toBeDefined();
    expect(full?.request.facts).toBeDefined();

    const retire = peer.queue(deviceId, 'retire');
    peer.wake();
    expect(await peer.waitFor('the retire result', () => peer.results.find((r) => r.commandId === retire.id))).toMatchObject({ status: 'succeeded' });
    const ended = await agent.exited;
    expect(ended.code, ended.stderr).toBe(0);
    expect(ended.stderr).toContain('device retired');
    expect(existsSync(corp)).toBe(false);
    expect(existsSync(join(root, 'etc', 'ward-agent'))).toBe(false);
    expect(existsSync(stateDir)).toBe(false);
    expect(existsSync(join(root, 'etc', 'machine-id'))).toBe(true);
    expect((await runAgent(['--root', root, 'status'])).code).toBe(3);
  });
});

// Independent enrollments into separate roots: run side by side to keep the suite short.
describe.concurrent('ward-agent enroll: ways to trust the server at first contact', () => {
  let peer: ProtocolPeer;
  const roots: string[] = [];
  function freshRoot(): string {
    const root = mkdtempSync(join(tmpdir(), 'ward-agent-enroll-'));
    mkdirSync(join(root, 'etc'), { recursive: true });
    writeFileSync(join(root, 'etc', 'machine-id'), '00112233445566778899aabbccddeeff\n');
    roots.push(root);
    return root;
  }
  beforeAll(async () => {
    assertAgentBuilt();
    peer = await ProtocolPeer.start();
  });
  afterAll(async () => {
    await peer.close();
    for (const root of roots) rmSync(root, { recursive: true, force: true });
  });

  it('with --ca-file', async () => {
    const root = freshRoot();
    const caFile = join(root, 'ward-root.pem');
    writeFileSync(caFile, peer.rootCertificatePem);
    const run = await runAgent(['--root', root, 'enroll', '--server', peer.url, '--token', peer.enrollmentToken, '--ca-file', caFile]);
    expect(run.code, run.stderr).toBe(0);
  });

  it("with the fingerprint of the server's own certificate", async () => {
    const run = await runAgent(['--root', freshRoot(), 'enroll', '--server', peer.url, '--token', peer.enrollmentToken, '--ca-fingerprint', peer.serverFingerprint]);
    expect(run.code, run.stderr).toBe(0);
  });

  it('on first use, warning loudly with the fingerprint to compare', async () => {
    const run = await runAgent(['--root', freshRoot(), 'enroll', '--server', peer.url, '--token', peer.enrollmentToken, '--insecure-first-contact']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain('WARNING: --insecure-first-contact');
    expect(run.stderr).toContain(peer.rootFingerprint);
  });

  it('reports the server refusing the token, and stores nothing', async () => {
    const root = freshRoot();
    const run = await runAgent(['--root', root, 'enroll', '--server', peer.url, '--token', 'wrong', '--ca-fingerprint', peer.rootFingerprint]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('ENROLLMENT_TOKEN_INVALID');
    expect(existsSync(join(root, 'var', 'lib', 'ward-agent', 'enrollment.json'))).toBe(false);
  });
});
