import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { memoryIo } from '../test-support/memory-io.js';
import { createTempRoot, type TempRoot } from '../test-support/temp-root.js';
import { main } from './main.js';

async function cli(args: readonly string[]) {
  const io = memoryIo();
  const code = await main(['node', 'ward-agent', ...args], io);
  return { code, stdout: io.out(), stderr: io.err() };
}

describe('ward-agent CLI', () => {
  let temp: TempRoot;
  beforeEach(async () => {
    temp = await createTempRoot();
  });
  afterEach(async () => {
    process.exitCode = undefined;
    await temp.remove();
  });

  it('lists its commands', async () => {
    const run = await cli(['--help']);
    expect(run.code).toBe(0);
    for (const command of ['enroll', 'run', 'install-service', 'uninstall-service', 'status', 'collect']) expect(run.stdout).toContain(command);
    expect(run.stdout).toContain('--root <dir>');
  });

  it('enroll: requires a server, a token and one way to trust the server', async () => {
    expect((await cli(['--root', temp.root, 'enroll', '--token', 't'])).code).toBe(2);
    const noTrust = await cli(['--root', temp.root, 'enroll', '--server', 'https://ward.example', '--token', 't']);
    expect(noTrust.code).toBe(2);
    expect(noTrust.stderr).toContain('say how to trust the server');
    const both = await cli(['--root', temp.root, 'enroll', '--server', 'https://ward.example', '--token', 't', '--ca-fingerprint', 'AB', '--ca-file', '/x.pem']);
    expect(both.code).toBe(2);
    expect(both.stderr).toMatch(/cannot be used with/);
  });

  it('enroll: refuses plain HTTP and malformed fingerprints before any network access', async () => {
    const http = await cli(['--root', temp.root, 'enroll', '--server', 'http://ward.example', '--token', 't', '--insecure-first-contact']);
    expect(http.code).toBe(2);
    expect(http.stderr).toContain('--server must be an https:// URL');
    const fingerprint = await cli(['--root', temp.root, 'enroll', '--server', 'https://ward.example', '--token', 't', '--ca-fingerprint', 'AB:CD']);
    expect(fingerprint.code).toBe(2);
    expect(fingerprint.stderr).toContain('--ca-fingerprint must be a SHA-256 fingerprint');
  });

  it('enroll: does not replace an identity without --force', async () => {
    mkdirSync(temp.paths.stateDir, { recursive: true });
    writeFileSync(temp.paths.enrollmentFile, '{}');
    const run = await cli(['--root', temp.root, 'enroll', '--server', 'https://ward.example', '--token', 't', '--insecure-first-contact']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('already enrolled');
  });

  it('status and run: exit 3 when not enrolled', async () => {
    const status = await cli(['--root', temp.root, 'status']);
    expect(status.code).toBe(3);
    expect(status.stdout).toContain('Enrolled:        no');
    const json = await cli(['--root', temp.root, 'status', '--json']);
    expect(JSON.parse(json.stdout)).toMatchObject({ enrolled: false, deviceId: null, pendingResults: 0 });
    const run = await cli(['--root', temp.root, 'run']);
    expect(run.code).toBe(3);
    expect(run.stderr).toContain('not enrolled');
  });

  it('run: reports every configuration problem, with status 2', async () => {
    mkdirSync(temp.paths.configDir, { recursive: true });
    writeFileSync(temp.paths.configFile, JSON.stringify({ actions: { lock: [] }, managedPaths: ['/'], logLevel: 'loud', extra: 1 }));
    const run = await cli(['--root', temp.root, 'run']);
    expect(run.code).toBe(2);
    expect(run.stderr.trim().split('\n')).toEqual([
      `${temp.paths.configFile}: unknown option "extra"`,
      `${temp.paths.configFile}: actions.lock must be a non-empty array of strings (program, then arguments)`,
      `${temp.paths.configFile}: managedPaths must be absolute folder paths other than a filesystem root, got "/"`,
      `${temp.paths.configFile}: logLevel must be one of error, warn, info, debug`,
    ]);
  });

  it('install-service --print shows any platform; without --print only this one', async () => {
    const mac = await cli(['install-service', '--print', '--platform', 'macos', '--node', '/usr/local/bin/node', '--agent', '/opt/ward/bin/ward-agent.js']);
    expect(mac.code).toBe(0);
    expect(mac.stdout).toContain('# write /Library/LaunchDaemons/org.ward.agent.plist (mode 0644)');
    expect(mac.stdout).toContain('<string>/opt/ward/bin/ward-agent.js</string>');
    expect(mac.stdout).toContain('launchctl bootstrap system /Library/LaunchDaemons/org.ward.agent.plist');
    const windows = await cli(['uninstall-service', '--print', '--platform', 'windows']);
    expect(windows.stdout).toContain('sc.exe delete WardAgent');
    const other = process.platform === 'darwin' ? 'windows' : 'macos';
    const refused = await cli(['--root', temp.root, 'install-service', '--platform', other]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('use --print');
    expect((await cli(['install-service', '--print', '--platform', 'beos'])).code).toBe(2);
  });

  it.runIf(process.platform === 'linux')('install-service --root writes the unit under the root and runs nothing', async () => {
    const install = await cli(['--root', temp.root, 'install-service', '--node', '/usr/bin/node', '--agent', '/opt/ward/bin/ward-agent.js']);
    expect(install.code, install.stderr).toBe(0);
    const unit = join(temp.root, 'etc', 'systemd', 'system', 'ward-agent.service');
    expect(readFileSync(unit, 'utf8')).toContain('ExecStart="/usr/bin/node" "/opt/ward/bin/ward-agent.js" run');
    expect(install.stderr).toContain('skipped (--root): systemctl enable --now ward-agent');
    const uninstall = await cli(['--root', temp.root, 'uninstall-service']);
    expect(uninstall.code, uninstall.stderr).toBe(0);
    expect(existsSync(unit)).toBe(false);
  });

  it.runIf(process.platform === 'linux')('collect prints the inventory as JSON, reading files under the root', async () => {
    mkdirSync(join(temp.root, 'etc'), { recursive: true });
    writeFileSync(join(temp.root, 'etc', 'os-release'), 'NAME="Test Linux"\nVERSION_ID=7\n');
    const run = await cli(['--root', temp.root, 'collect']);
    expect(run.code, run.stderr).toBe(0);
    const snapshot = JSON.parse(run.stdout) as { facts: { osVersion?: string; agentVersion?: string }; software: unknown[] };
    expect(snapshot.facts.agentVersion).toBe('0.1.0');
    expect(Array.isArray(snapshot.software)).toBe(true);
  });
});
