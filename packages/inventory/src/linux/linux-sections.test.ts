import { describe, expect, it } from 'vitest';
import { fixtureRunner, type ServedCommand } from '../../test/support/fixture-runner.js';
import { fixture } from '../../test/support/fixture.js';
import { parseLsblk } from './disks.js';
import { collectFirewall, parseFirewalldState, parseNftRuleset, parseUfwStatus } from './firewall.js';
import { parseDmiValue } from './hardware.js';
import { parseKernelRelease } from './kernel.js';
import type { LinuxContext } from './linux-context.js';
import { parseMeminfo } from './memory.js';
import { parseOsRelease } from './os-release.js';
import { parseDpkgQuery, parseRpmQuery } from './packages.js';
import { collectScreenLock, locksAfter, parseGsettingsValue, parseLoginctlSessions, parseLoginctlShowSession } from './screen-lock.js';
import { parseMokutilSbState, parseSecureBootEfiVar } from './secure-boot.js';
import { storageFromStatfs } from './storage.js';
import { parseUptime } from './uptime.js';
import { parsePasswd } from './users.js';

// Table tests of the Linux section parsers (and the collectors whose logic lives in combining
// tools), over the fixtures in test/fixtures/linux. One file keeps the suite's start-up cost low.

describe('parseOsRelease', () => {
  it.each([
    ['debian-12', { name: 'Debian GNU/Linux', id: 'debian', idLike: null, versionId: '12', versionCodename: 'bookworm', buildId: null, prettyName: 'Debian GNU/Linux 12 (bookworm)' }],
    ['ubuntu-24.04', { name: 'Ubuntu', id: 'ubuntu', idLike: 'debian', versionId: '24.04', versionCodename: 'noble', buildId: null, prettyName: 'Ubuntu 24.04.1 LTS' }],
    // Fedora sets VERSION_CODENAME="" — an empty value is "not set".
    ['fedora-40', { name: 'Fedora Linux', id: 'fedora', idLike: null, versionId: '40', versionCodename: null, buildId: null, prettyName: 'Fedora Linux 40 (Workstation Edition)' }],
    // Arch is rolling: no VERSION_ID, a BUILD_ID instead.
    ['arch', { name: 'Arch Linux', id: 'arch', idLike: null, versionId: null, versionCodename: null, buildId: 'rolling', prettyName: 'Arch Linux' }],
    ['quoting', { name: 'Acme "Secure" Linux', id: 'acme', idLike: null, versionId: '7.1', versionCodename: null, buildId: null, prettyName: 'Acme "Secure" Linux 7.1 $HOME \\o/' }],
  ])('reads %s', (file, expected) => {
    expect(parseOsRelease(fixture(`linux/os-release/${file}`))).toEqual(expected);
  });

  it('cuts an oversized value to the field limit', () => {
    const parsed = parseOsRelease(`NAME="${'x'.repeat(100_000)}"\nID=big\n`);
    expect(parsed.name).toHaveLength(256);
    expect(parsed.id).toBe('big');
  });

  it('returns all nulls for text that is not os-release', () => {
    expect(parseOsRelease('\u0000\u0001 garbage\n=\nname=lowercase-is-not-a-key')).toEqual({
      name: null, id: null, idLike: null, versionId: null, versionCodename: null, buildId: null, prettyName: null,
    });
  });
});

describe('parseDmiValue', () => {
  it.each([
    ['LENOVO\n', 'LENOVO'],
    ['  20XW0055GE  \n', '20XW0055GE'],
    ['PF3ABCDE\u0000\n', 'PF3ABCDE'],
    ['To Be Filled By O.E.M.\n', null],
    ['Default string\n', null],
    ['00000000-0000-0000-0000-000000000000\n', null],
    ['\n', null],
  ])('%j is %j', (text, expected) => {
    expect(parseDmiValue(text)).toBe(expected);
  });
});

describe('parseLsblk', () => {
  it.each([
    ['luks-lvm-root.json', 'ubuntu--vg-ubuntu--lv', true],
    ['luks-btrfs-root.json', 'luks-6f8e1c2a-3b4d-4e5f-8a9b-0c1d2e3f4a5b', true],
    ['plain-root.json', 'sda2', false],
    ['lvm-half-encrypted.json', 'vg0-root', false],
    ['old-strings.json', 'vda1', false],
  ])('%s: root on %s, encrypted %s', (file, rootDevice, rootEncrypted) => {
    const parsed = parseLsblk(fixture(`linux/lsblk/${file}`));
    expect(parsed).toMatchObject({ ok: true, value: { rootDevice, rootEncrypted, truncated: false } });
  });

  it('flattens the tree, keeps sizes (numbers or strings) and parents', () => {
    const parsed = parseLsblk(fixture('linux/lsblk/luks-lvm-root.json'));
    if (!parsed.ok) throw new Error(parsed.reason);
    expect(parsed.value.devices.map((device) => device.name)).toEqual(['nvme0n1', 'nvme0n1p1', 'nvme0n1p2', 'nvme0n1p3', 'dm_crypt-0', 'ubuntu--vg-ubuntu--lv']);
    expect(parsed.value.devices[3]).toEqual({ name: 'nvme0n1p3', type: 'part', sizeBytes: 508833316864, fstype: 'crypto_LUKS', mountpoint: null, parent: 'nvme0n1' });
    const old = parseLsblk(fixture('linux/lsblk/old-strings.json'));
    expect(old.ok && old.value.devices[0]?.sizeBytes).toBe(21474836480);
  });

  it('lists a device shared by two parents once', () => {
    const parsed = parseLsblk(fixture('linux/lsblk/lvm-half-encrypted.json'));
    expect(parsed.ok && parsed.value.devices.filter((device) => device.name === 'vg0-root')).toHaveLength(1);
  });

  it('follows PKNAME in a flat listing (lsblk --list)', () => {
    const flat = JSON.stringify({
      blockdevices: [
        { name: 'sda', type: 'disk', size: 1, fstype: null, mountpoint: null, pkname: null },
        { name: 'sda2', type: 'part', size: 1, fstype: 'crypto_LUKS', mountpoint: null, pkname: 'sda' },
        { name: 'root', type: 'crypt', size: 1, fstype: 'ext4', mountpoint: '/', pkname: 'sda2' },
      ],
    });
    expect(parseLsblk(flat)).toMatchObject({ ok: true, value: { rootDevice: 'root', rootEncrypted: true } });
  });

  it('reports the root as unknown when no device is mounted at /', () => {
    const parsed = parseLsblk(JSON.stringify({ blockdevices: [{ name: 'loop0', type: 'loop', size: 4096, fstype: 'squashfs', mountpoint: '/snap/core/1', pkname: null }] }));
    expect(parsed).toMatchObject({ ok: true, value: { rootDevice: null, rootEncrypted: null } });
  });

  it.each([
    ['malformed JSON', '{"blockdevices": [', /malformed JSON/],
    ['no list', '{"devices": []}', /no "blockdevices"/],
    ['empty output', '', /printed nothing/],
  ])('refuses %s with a reason', (_name, text, reason) => {
    const parsed = parseLsblk(text);
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.reason).toMatch(reason);
  });

  it('survives hostile nesting and PKNAME cycles', () => {
    // Built as text: JSON.stringify itself would overflow the stack on this depth.
    const depth = 20_000;
    const deep = `{"blockdevices":[${'{"name":"n","type":"part","children":['.repeat(depth)}{"name":"leaf","mountpoint":"/"}${']}'.repeat(depth)}]}`;
    expect(parseLsblk(deep)).toMatchObject({ ok: true, value: { rootDevice: null } });
    const cycle = JSON.stringify({ blockdevices: [{ name: 'a', type: 'part', mountpoint: '/', pkname: 'b' }, { name: 'b', type: 'part', pkname: 'a' }] });
    expect(parseLsblk(cycle)).toMatchObject({ ok: true, value: { rootEncrypted: false } });
  });
});

describe('parseNftRuleset', () => {
  it.each([
    ['empty.json', false],
    ['input-drop.json', true],
    ['docker-accept.json', false],
    ['ufw-rules.json', true],
  ])('%s filters inbound: %s', (file, filtering) => {
    expect(parseNftRuleset(fixture(`linux/nft/${file}`))).toMatchObject({ ok: true, value: { filtering } });
  });

  it('summarises the input chains', () => {
    const parsed = parseNftRuleset(fixture('linux/nft/input-drop.json'));
    expect(parsed.ok && parsed.value.inputChains).toEqual([{ family: 'inet', table: 'filter', name: 'input', policy: 'drop', rules: 2 }]);
  });

  it('refuses malformed JSON with a reason', () => {
    expect(parseNftRuleset('{"nftables": [{"chain": ')).toMatchObject({ ok: false, reason: expect.stringMatching(/malformed JSON/) as unknown });
  });
});

describe('parseUfwStatus and parseFirewalldState', () => {
  it.each([
    ['active.txt', { ok: true, value: true }],
    ['inactive.txt', { ok: true, value: false }],
    ['not-root.txt', { ok: false }],
  ])('ufw %s', (file, expected) => {
    expect(parseUfwStatus(fixture(`linux/ufw/${file}`))).toMatchObject(expected);
  });

  it.each([
    ['running.txt', true],
    ['not-running.txt', false],
  ])('firewalld %s', (file, on) => {
    expect(parseFirewalldState(fixture(`linux/firewalld/${file}`))).toEqual({ ok: true, value: on });
  });
});

describe('collectFirewall', () => {
  const context = (run: LinuxContext['run']): LinuxContext => ({ root: '/nonexistent', hostRoot: false, uid: 0, run, timeoutMs: 1000, maxOutputBytes: 1 << 20 });

  it('is on when any front end filters, with every source recorded', async () => {
    const { run } = fixtureRunner([
      { cmd: 'nft', result: { stdout: fixture('linux/nft/docker-accept.json') } },
      { cmd: 'firewall-cmd', result: { stdout: fixture('linux/firewalld/running.txt') } },
    ]);
    expect(await collectFirewall(context(run))).toEqual({
      ok: true,
      value: { on: true, sources: { nftables: { state: 'off' }, ufw: { state: 'unavailable', reason: 'ufw is not installed' }, firewalld: { state: 'on' } } },
    });
  });

  it('is off only when a source answered', async () => {
    const { run } = fixtureRunner([{ cmd: 'firewall-cmd', result: { stdout: 'not running\n', code: 252 } }]);
    expect(await collectFirewall(context(run))).toMatchObject({ ok: true, value: { on: false } });
  });

  it('is unavailable when no tool could answer (missing, or refused without root)', async () => {
    const { run } = fixtureRunner([
      { cmd: 'nft', result: { stderr: 'Operation not permitted (you must be root)\n', code: 1 } },
      { cmd: 'ufw', result: { stderr: fixture('linux/ufw/not-root.txt'), code: 1 } },
    ]);
    const result = await collectFirewall(context(run));
    expect(result.ok).toBe(false);
    expect(!result.ok && result.reason).toMatch(/nftables: nft exited with code 1: Operation not permitted.*ufw: ufw exited with code 1: ERROR: You need to be root.*firewalld: firewall-cmd is not installed/);
  });
});

describe('screen lock parsers', () => {
  it.each([
    ['uint32 300', 300],
    ['uint32 0', 0],
    ['300', 300],
    ['true', true],
    ['false\n', false],
  ])('gsettings value %j', (text, value) => {
    expect(parseGsettingsValue(text)).toEqual({ ok: true, value });
  });

  it.each(["'gnome'", 'No such schema “org.gnome.desktop.session”', 'uint32 -5', '', `uint32 ${'9'.repeat(50)}`])('refuses gsettings value %j', (text) => {
    expect(parseGsettingsValue(text).ok).toBe(false);
  });

  it('reads session ids with or without the legend', () => {
    expect(parseLoginctlSessions(fixture('linux/loginctl/list-sessions.txt'))).toEqual(['2', 'c1', '7']);
    expect(parseLoginctlSessions(fixture('linux/loginctl/list-sessions-legend.txt'))).toEqual(['2', 'c1']);
  });

  it('reads show-session properties', () => {
    expect(parseLoginctlShowSession(fixture('linux/loginctl/show-session-2.txt'))).toEqual({ Name: 'alice', User: '1000', Type: 'wayland', Class: 'user', Active: 'yes', Remote: 'no' });
  });

  it.each([
    [300, true, 0, 300],
    [300, true, 30, 330],
    [0, true, 0, null],
    [300, false, 0, null],
  ])('idle %i, lock %s, delay %i locks after %s', (idle, enabled, delay, expected) => {
    expect(locksAfter(idle, enabled, delay)).toBe(expected);
  });
});

describe('collectScreenLock', () => {
  const sessions: ServedCommand[] = [
    { cmd: 'loginctl', args: 'list-sessions --no-legend', result: { stdout: fixture('linux/loginctl/list-sessions.txt') } },
    { cmd: 'loginctl', args: /^show-session 2 /, result: { stdout: fixture('linux/loginctl/show-session-2.txt') } },
    { cmd: 'loginctl', args: /^show-session c1 /, result: { stdout: fixture('linux/loginctl/show-session-c1.txt') } },
    { cmd: 'loginctl', args: /^show-session 7 /, result: { stdout: fixture('linux/loginctl/show-session-7.txt') } },
  ];
  const settings = (cmd: string): ServedCommand[] => [
    { cmd, args: /idle-delay$/, result: { stdout: 'uint32 300\n' } },
    { cmd, args: /lock-enabled$/, result: { stdout: 'true\n' } },
    { cmd, args: /lock-delay$/, result: { stdout: 'uint32 0\n' } },
  ];
  const context = (run: LinuxContext['run'], uid: number): LinuxContext => ({ root: '/', hostRoot: true, uid, run, timeoutMs: 1000, maxOutputBytes: 1 << 20 });

  it('as root, reads the graphical user’s settings through runuser with their session bus', async () => {
    const runner = fixtureRunner([...sessions, ...settings('runuser')]);
    expect(await collectScreenLock(context(runner.run, 0))).toEqual({
      ok: true,
      value: { user: 'alice', sessionType: 'wayland', idleDelaySeconds: 300, lockEnabled: true, lockDelaySeconds: 0, locksAfterSeconds: 300 },
    });
    expect(runner.calls.find((call) => call.cmd === 'runuser')?.args).toEqual([
      '-u', 'alice', '--', 'env', 'XDG_RUNTIME_DIR=/run/user/1000', 'DBUS_SESSION_BUS_ADDRESS=unix:path=/run/user/1000/bus', 'gsettings', 'get', 'org.gnome.desktop.session', 'idle-delay',
    ]);
  });

  it('as the desktop user, runs gsettings directly', async () => {
    const runner = fixtureRunner([...sessions, ...settings('gsettings')]);
    expect(await collectScreenLock(context(runner.run, 1000))).toMatchObject({ ok: true, value: { locksAfterSeconds: 300 } });
  });

  it('as another unprivileged user, says it needs root', async () => {
    const runner = fixtureRunner([...sessions, ...settings('gsettings')]);
    expect(await collectScreenLock(context(runner.run, 1001))).toEqual({ ok: false, reason: 'the desktop user is alice; reading their settings needs root' });
  });

  it('without a graphical session (a server), is unavailable', async () => {
    const runner = fixtureRunner([
      { cmd: 'loginctl', args: 'list-sessions --no-legend', result: { stdout: '      7    0 root        pts/1\n' } },
      { cmd: 'loginctl', args: /^show-session 7 /, result: { stdout: fixture('linux/loginctl/show-session-7.txt') } },
    ]);
    expect(await collectScreenLock(context(runner.run, 0))).toEqual({ ok: false, reason: 'no active graphical session (no desktop user is logged in)' });
  });

  it('without GNOME schemas, names gsettings’ complaint', async () => {
    const runner = fixtureRunner([...sessions, { cmd: 'runuser', result: { stderr: 'No such schema “org.gnome.desktop.session”\n', code: 1 } }]);
    const result = await collectScreenLock(context(runner.run, 0));
    expect(!result.ok && result.reason).toMatch(/No such schema/);
  });

  it('refuses a user name that could become an option', async () => {
    const runner = fixtureRunner([
      { cmd: 'loginctl', args: 'list-sessions --no-legend', result: { stdout: '2 1000 x seat0\n' } },
      { cmd: 'loginctl', args: /^show-session 2 /, result: { stdout: 'Name=--help\nUser=1000\nType=x11\nClass=user\nActive=yes\n' } },
    ]);
    expect((await collectScreenLock(context(runner.run, 0))).ok).toBe(false);
    expect(runner.calls.some((call) => call.cmd === 'runuser')).toBe(false);
  });
});

describe('parsePasswd', () => {
  it('keeps root and people, skipping system accounts, nobody, NIS lines and junk', () => {
    expect(parsePasswd(fixture('linux/etc/passwd'))).toEqual({
      users: [
        { name: 'root', uid: 0, home: '/root', shell: '/bin/bash' },
        { name: 'alice', uid: 1000, home: '/home/alice', shell: '/bin/bash' },
        { name: 'bob', uid: 1001, home: '/home/bob', shell: '/usr/bin/zsh' },
      ],
      truncated: false,
    });
  });

  it('caps the number of accounts', () => {
    const many = Array.from({ length: 1500 }, (_, i) => `u${i}:x:${2000 + i}:100::/home/u${i}:/bin/sh`).join('\n');
    const parsed = parsePasswd(many);
    expect(parsed.users).toHaveLength(1000);
    expect(parsed.truncated).toBe(true);
  });
});

describe('parseDpkgQuery', () => {
  it('keeps installed packages (ii, hi), not removed ones (rc) or half-installed ones, and keeps multi-arch apart', () => {
    expect(parseDpkgQuery(fixture('linux/packages/dpkg-query.txt'))).toEqual([
      { name: 'adduser', version: '3.134', source: 'dpkg' },
      { name: 'base-files', version: '12.4+deb12u5', source: 'dpkg' },
      { name: 'libc6:amd64', version: '2.36-9+deb12u4', source: 'dpkg' },
      { name: 'libc6:i386', version: '2.36-9+deb12u4', source: 'dpkg' },
      { name: 'firefox-esr', version: '115.9.0esr-1~deb12u1', source: 'dpkg' },
      { name: 'openssh-server', version: '1:9.2p1-2+deb12u2', source: 'dpkg' },
    ]);
  });

  it('drops the partial last line of cut output', () => {
    expect(parseDpkgQuery('ii \ta\t1\nii \tb\t2\nii \tcut-in-the-mid', true).map((entry) => entry.name)).toEqual(['a', 'b']);
  });

  it('clips hostile fields to the protocol limits and strips control characters', () => {
    const [entry] = parseDpkgQuery(`ii \t${'n'.repeat(1000)}\u001b[31m\t${'v'.repeat(1000)}\n`);
    expect(entry?.name).toHaveLength(256);
    expect(entry?.version).toHaveLength(128);
    expect(parseDpkgQuery('ii \tevil\u001b[2Jname\t1\n')[0]?.name).toBe('evil[2Jname');
  });
});

describe('parseRpmQuery', () => {
  it('lists packages without the gpg-pubkey pseudo-packages', () => {
    expect(parseRpmQuery(fixture('linux/packages/rpm-qa.txt'))).toEqual([
      { name: 'kernel-core', version: '6.8.5-301.fc40', source: 'rpm' },
      { name: 'bash', version: '5.2.26-3.fc40', source: 'rpm' },
      { name: 'firefox', version: '124.0.2-1.fc40', source: 'rpm' },
      { name: 'glibc', version: '2.39-4.fc40', source: 'rpm' },
    ]);
  });
});

describe('parsers of /proc and statfs', () => {
  it('meminfo: MemTotal and MemAvailable in bytes (its kB are KiB)', () => {
    expect(parseMeminfo(fixture('linux/proc/meminfo'))).toEqual({ ok: true, value: { totalBytes: 16248732 * 1024, availableBytes: 9824520 * 1024 } });
    expect(parseMeminfo('MemTotal:  1024 kB\n')).toEqual({ ok: true, value: { totalBytes: 1048576, availableBytes: null } });
    expect(parseMeminfo('MemFree: 5 kB\n').ok).toBe(false);
    expect(parseMeminfo(`MemTotal: ${'9'.repeat(40)} kB\n`).ok).toBe(false);
  });

  it('uptime: whole seconds', () => {
    expect(parseUptime(fixture('linux/proc/uptime'))).toEqual({ ok: true, value: 354782 });
    expect(parseUptime('12\n')).toEqual({ ok: true, value: 12 });
    expect(parseUptime('soon').ok).toBe(false);
  });

  it('kernel release: the first line, trimmed', () => {
    expect(parseKernelRelease('6.1.0-18-amd64\n')).toBe('6.1.0-18-amd64');
    expect(parseKernelRelease('\n')).toBeNull();
  });

  it('statfs: blocks times block size, free as available to users', () => {
    expect(storageFromStatfs({ bsize: 4096, blocks: 1000, bavail: 250 })).toEqual({ ok: true, value: { totalBytes: 4_096_000, freeBytes: 1_024_000 } });
    expect(storageFromStatfs({ bsize: 4096, blocks: Number.MAX_SAFE_INTEGER, bavail: 0 }).ok).toBe(false);
  });
});

describe('Secure Boot parsers', () => {
  it.each([
    [[6, 0, 0, 0, 1], { ok: true, value: true }],
    [[6, 0, 0, 0, 0], { ok: true, value: false }],
    [[6, 0, 0, 0, 7], { ok: false }],
    [[1], { ok: false }],
  ])('efivar bytes %j', (bytes, expected) => {
    expect(parseSecureBootEfiVar(Uint8Array.from(bytes))).toMatchObject(expected);
  });

  it.each([
    ['SecureBoot enabled\n', true],
    ['SecureBoot disabled\nPlatform is in Setup Mode\n', false],
    ['EFI variables are not supported on this system\n', false],
    ["This system doesn't support Secure Boot\n", false],
  ])('mokutil %j', (text, enabled) => {
    expect(parseMokutilSbState(text)).toEqual({ ok: true, value: enabled });
  });

  it('refuses an unknown mokutil answer', () => {
    expect(parseMokutilSbState('Failed to read SecureBoot\n').ok).toBe(false);
  });
});
