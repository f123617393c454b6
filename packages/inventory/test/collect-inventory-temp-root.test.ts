import { execFileSync } from 'node:child_process';
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { inventoryLimits } from '../src/inventory-limits.js';
import { collectInventory } from '../src/linux/collect-inventory.js';
import { dpkgQueryArgs, rpmQueryArgs } from '../src/linux/packages.js';
import { secureBootVariable } from '../src/linux/secure-boot.js';
import type { RunCommand } from '../src/run-command.js';
import { expectValidReport } from './support/expect-valid-report.js';
import { fixture } from './support/fixture.js';
import { fixtureRunner, type ServedCommand } from './support/fixture-runner.js';
import { createTempRoot, type TempRoot } from './support/temp-root.js';

/** A desktop laptop: Ubuntu with LUKS, nftables filtering, GNOME locking after five minutes. */
const laptopCommands: ServedCommand[] = [
  { cmd: 'lsblk', result: { stdout: fixture('linux/lsblk/luks-lvm-root.json') } },
  { cmd: 'nft', args: '-j list ruleset', result: { stdout: fixture('linux/nft/input-drop.json') } },
  { cmd: 'ufw', args: 'status', result: { stdout: fixture('linux/ufw/inactive.txt') } },
  { cmd: 'loginctl', args: 'list-sessions --no-legend', result: { stdout: fixture('linux/loginctl/list-sessions.txt') } },
  { cmd: 'loginctl', args: /^show-session 2 /, result: { stdout: fixture('linux/loginctl/show-session-2.txt') } },
  { cmd: 'loginctl', args: /^show-session c1 /, result: { stdout: fixture('linux/loginctl/show-session-c1.txt') } },
  { cmd: 'runuser', args: /idle-delay$/, result: { stdout: 'uint32 300\n' } },
  { cmd: 'runuser', args: /lock-enabled$/, result: { stdout: 'true\n' } },
  { cmd: 'runuser', args: /lock-delay$/, result: { stdout: 'uint32 0\n' } },
  { cmd: 'dpkg-query', args: dpkgQueryArgs.join(' '), result: { stdout: fixture('linux/packages/dpkg-query.txt') } },
];

async function populate(root: TempRoot): Promise<void> {
  await root.write('/etc/os-release', fixture('linux/os-release/ubuntu-24.04'));
  await root.write('/etc/passwd', fixture('linux/etc/passwd'));
  await root.write('/proc/meminfo', fixture('linux/proc/meminfo'));
  await root.write('/proc/uptime', fixture('linux/proc/uptime'));
  await root.write('/proc/sys/kernel/osrelease', '6.8.0-31-generic\n');
  await root.write('/sys/class/dmi/id/sys_vendor', 'LENOVO\n');
  await root.write('/sys/class/dmi/id/product_name', '21CB0071GE\n');
  await root.write('/sys/class/dmi/id/bios_version', 'N3AET75W (1.40 )\n');
  // product_serial and product_uuid are left out: a non-root agent cannot read them.
  await root.write(secureBootVariable, Uint8Array.from([6, 0, 0, 0, 1]));
}

describe('collectInventory against a prepared root', () => {
  let root: TempRoot;
  beforeEach(async () => {
    root = await createTempRoot();
  });
  afterEach(async () => {
    await root.remove();
  });

  it('reads every section from the root’s files and the served tool outputs', async () => {
    await populate(root);
    const runner = fixtureRunner(laptopCommands);
    const report = await collectInventory({ root: root.path, run: runner.run, uid: 0 });

    expect(report.unavailable).toEqual([]);
    expect(report.facts).toEqual({
      osVersion: '24.04',
      osBuild: '6.8.0-31-generic',
      encrypted: true,
      firewallOn: true,
      screenLockSeconds: 300,
      secureBoot: true,
      memoryBytes: 16248732 * 1024,
      totalStorageBytes: expect.any(Number) as unknown,
      freeStorageBytes: expect.any(Number) as unknown,
    });
    expect(report.inventory).toMatchObject({
      platform: 'linux',
      os: { id: 'ubuntu', versionId: '24.04', prettyName: 'Ubuntu 24.04.1 LTS' },
      hardware: { manufacturer: 'LENOVO', model: '21CB0071GE', serialNumber: null, biosVersion: 'N3AET75W (1.40 )', productUuid: null },
      disks: { rootDevice: 'ubuntu--vg-ubuntu--lv', rootEncrypted: true },
      firewall: { on: true, sources: { nftables: { state: 'on' }, ufw: { state: 'off' }, firewalld: { state: 'unavailable', reason: 'firewall-cmd is not installed' } } },
      screenLock: { user: 'alice', locksAfterSeconds: 300 },
      users: { users: [{ name: 'root' }, { name: 'alice' }, { name: 'bob' }] },
      packages: { sources: { dpkg: { state: 'read', count: 6, truncated: false }, rpm: { state: 'unavailable', reason: 'rpm is not installed' } } },
      uptime: { seconds: 354782 },
      secureBoot: { enabled: true, source: 'efivar' },
    });
    expect(report.software.map((entry) => entry.name)).toEqual(['adduser', 'base-files', 'firefox-esr', 'libc6:amd64', 'libc6:i386', 'openssh-server']);
    expectValidReport(report);
    // Tools are called with argument vectors, never through a shell.
    expect(runner.calls.map((call) => call.cmd)).not.toContain('sh');
    expect(runner.calls.find((call) => call.cmd === 'rpm')?.args).toEqual(rpmQueryArgs);
  });

  it('runs no host commands under a non-host root unless given a runner', async () => {
    await populate(root);
    const report = await collectInventory({ root: root.path });
    expect(report.facts).toMatchObject({ osVersion: '24.04', osBuild: '6.8.0-31-generic', secureBoot: true, memoryBytes: 16248732 * 1024 });
    expect(report.facts.encrypted).toBeUndefined();
    const reasons = Object.fromEntries(report.unavailable.map((entry) => [entry.section, entry.reason]));
    expect(Object.keys(reasons).sort()).toEqual(['disks', 'encryption', 'firewall', 'screenLock', 'software']);
    expect(reasons['disks']).toBe('lsblk could not be run: commands are not run against a non-host root (lsblk)');
    expectValidReport(report);
  });

  it('reports an empty root as unavailable sections, each with its reason', async () => {
    const report = await collectInventory({ root: root.path, run: fixtureRunner([]).run });
    expect(report.facts).toEqual({ totalStorageBytes: expect.any(Number) as unknown, freeStorageBytes: expect.any(Number) as unknown });
    expect(report.unavailable.map((entry) => entry.section).sort()).toEqual(
      ['disks', 'encryption', 'firewall', 'hardware', 'kernel', 'memory', 'os', 'screenLock', 'secureBoot', 'software', 'uptime', 'users'].sort(),
    );
    expect(report.unavailable.find((entry) => entry.section === 'os')?.reason).toBe('/etc/os-release does not exist; /usr/lib/os-release does not exist');
    expectValidReport(report);
  });
});

describe('collectInventory on hostile input', () => {
  let root: TempRoot;
  beforeEach(async () => {
    root = await createTempRoot();
    await populate(root);
  });
  afterEach(async () => {
    await root.remove();
  });

  it('cuts oversized command output and caps the software list', async () => {
    // A 1 MiB cap stands in for the default 16 MiB (run-tool.test.ts checks that one) to keep the suite fast.
    const maxOutputBytes = 1024 * 1024;
    const line = 'ii \tpackage-with-a-long-name\t1.0-1\n';
    const huge = line.repeat(Math.ceil((maxOutputBytes * 2) / line.length));
    const runner = fixtureRunner([{ cmd: 'dpkg-query', result: { stdout: huge } }]);
    const report = await collectInventory({ root: root.path, run: runner.run, uid: 0, maxOutputBytes });
    expect(report.inventory['packages']).toEqual({ sources: { dpkg: { state: 'read', count: inventoryLimits.maxSoftwareEntries, truncated: true }, rpm: { state: 'unavailable', reason: 'rpm is not installed' } } });
    expect(report.software).toHaveLength(inventoryLimits.maxSoftwareEntries);
    expectValidReport(report);
  });

  it('turns malformed JSON into unavailable sections with the reason', async () => {
    const runner = fixtureRunner([
      { cmd: 'lsblk', result: { stdout: '{"blockdevices": [{"name": "sda", ' } },
      { cmd: 'nft', result: { stdout: 'not json at all' } },
    ]);
    const report = await collectInventory({ root: root.path, run: runner.run, uid: 0 });
    const reasons = Object.fromEntries(report.unavailable.map((entry) => [entry.section, entry.reason]));
    expect(reasons['disks']).toMatch(/^lsblk printed malformed JSON: /);
    expect(reasons['encryption']).toMatch(/^disks unavailable: lsblk printed malformed JSON/);
    expect(reasons['firewall']).toMatch(/nftables: nft printed malformed JSON/);
    expect(report.facts.encrypted).toBeUndefined();
    expect(report.facts.firewallOn).toBeUndefined();
  });

  it('lets nothing escape from a runner that throws, rejects or hangs past its limit', async () => {
    const throwing: RunCommand = () => {
      throw new TypeError('runner exploded');
    };
    const report = await collectInventory({ root: root.path, run: throwing, uid: 0 });
    expect(report.unavailable.find((entry) => entry.section === 'disks')?.reason).toBe('lsblk could not be run: runner exploded');
    expectValidReport(report);

    const slow: RunCommand = (_cmd, _args, options) =>
      new Promise((resolve) => {
        setTimeout(() => {
          resolve({ stdout: '', stderr: '', code: null, failure: 'timed-out' });
        }, Math.min(options.timeoutMs, 20));
      });
    const timed = await collectInventory({ root: root.path, run: slow, uid: 0, timeoutMs: 20 });
    expect(timed.unavailable.find((entry) => entry.section === 'disks')?.reason).toBe('lsblk did not finish within 20 ms');
  });

  it('clips oversized file fields and refuses FIFOs, devices and folders where files belong', async () => {
    await root.write('/etc/os-release', `NAME="${'N'.repeat(200_000)}"\nID=acme\nVERSION_ID="${'9'.repeat(100)}"\n`);
    // A FIFO would block a plain read forever; a folder cannot be read at all.
    await rm(join(root.path, 'proc/uptime'));
    execFileSync('mkfifo', [join(root.path, 'proc/uptime')]);
    await rm(join(root.path, 'proc/meminfo'));
    await mkdir(join(root.path, 'proc/meminfo'));
    await root.write('/etc/passwd', `root:x:0:0::/root:/bin/sh\n${'#'.repeat(inventoryLimits.maxPasswdBytes)}`);

    const report = await collectInventory({ root: root.path, run: fixtureRunner([]).run, uid: 0 });
    expect((report.inventory['os'] as { name: string }).name).toHaveLength(inventoryLimits.maxFieldChars);
    // A version longer than the protocol allows is left out rather than cut into a wrong version.
    expect(report.facts.osVersion).toBeUndefined();
    const reasons = Object.fromEntries(report.unavailable.map((entry) => [entry.section, entry.reason]));
    expect(reasons['uptime']).toBe('/proc/uptime is not a regular file');
    expect(reasons['memory']).toBe('/proc/meminfo is not a regular file');
    expect(report.inventory['users']).toEqual({ users: [{ name: 'root', uid: 0, home: '/root', shell: '/bin/sh' }], truncated: true });
    expectValidReport(report);
  });

  it('keeps a screen lock beyond the protocol’s range out of the facts but in the inventory', async () => {
    const runner = fixtureRunner([
      ...laptopCommands.filter((entry) => entry.cmd !== 'runuser'),
      { cmd: 'runuser', args: /idle-delay$/, result: { stdout: 'uint32 4294967295\n' } },
      { cmd: 'runuser', args: /lock-enabled$/, result: { stdout: 'true\n' } },
      { cmd: 'runuser', args: /lock-delay$/, result: { stdout: 'uint32 0\n' } },
    ]);
    const report = await collectInventory({ root: root.path, run: runner.run, uid: 0 });
    expect(report.facts.screenLockSeconds).toBeUndefined();
    expect(report.inventory['screenLock']).toMatchObject({ idleDelaySeconds: 4294967295, locksAfterSeconds: 4294967295 });
    expectValidReport(report);
  });

  it('throws only for invalid options', async () => {
    await expect(collectInventory({ root: root.path, timeoutMs: -1 })).rejects.toThrow(RangeError);
  });
});
