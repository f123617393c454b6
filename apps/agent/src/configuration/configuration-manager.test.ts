import { createHash, generateKeyPairSync, X509Certificate } from 'node:crypto';
import { chmod, lstat, mkdir, mkdtemp, readdir, readFile, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { execFileRun, type RunCommand } from '@ward/inventory';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { matchesSchema } from '../protocol/matches-schema.js';
import { memoryLogger } from '../test-support/memory-logger.js';
import { createTempRoot, type TempRoot } from '../test-support/temp-root.js';
import { createTestIdentity, type TestIdentity } from '../test-support/test-identity.js';
import { ConfigurationManager } from './configuration-manager.js';
import { ConfigurationReport, NO_HASH, type ConfigurationItem } from '@ward/agent-protocol';
import { notApplicableOnLinux } from './linux/settings/linux-setting-catalog.js';
import { wireguardPublicKey } from './linux/wireguard-key.js';

// The tools the appliers call are real executables (small shell scripts) in a folder of their own:
// each logs its argument vector, and ufw keeps its on/off state in a file, so the tests see exactly
// which commands ran, and a tool left out of the folder is genuinely not installed.
const TOOL_SCRIPTS: Record<string, string> = {
  dconf: 'exit 0',
  nmcli: 'exit 0',
  runuser: 'exit 0',
  'update-ca-certificates': 'echo "1 added, 0 removed; done."',
  'update-ca-trust': 'exit 0',
  loginctl: `case "$1" in
  list-sessions) echo "  2 1000 alice seat0 tty2";;
  show-session) printf 'Name=alice\\nUser=1000\\nType=wayland\\nClass=user\\nActive=yes\\nRemote=no\\n';;
esac`,
  ufw: `case "$1" in
  status) if [ -f "$STATE/ufw-on" ]; then echo "Status: active"; else echo "Status: inactive"; fi;;
  --force) touch "$STATE/ufw-on"; echo "Firewall is active and enabled on system startup";;
esac`,
  systemctl: `case "$1" in
  is-enabled) if [ -f "$STATE/$2-on" ]; then echo enabled; else echo disabled; exit 1; fi;;
  enable) touch "$STATE/$3-on";;
  disable) rm -f "$STATE/$3-on";;
esac`,
};

interface Tools {
  readonly dir: string;
  readonly run: RunCommand;
  /** Every tool call so far, as "name arg arg…". */
  calls(): Promise<string[]>;
}

async function createTools(names: readonly string[] = Object.keys(TOOL_SCRIPTS)): Promise<Tools> {
  const dir = await mkdtemp(join(tmpdir(), 'ward-config-tools-'));
  const log = join(dir, 'calls.log');
  for (const name of names) {
    const body = TOOL_SCRIPTS[name] ?? 'exit 0';
    await writeFile(join(dir, name), `#!/bin/sh\nSTATE='${dir}'\necho "${name} $*" >> '${log}'\n${body}\n`, { mode: 0o755 });
  }
  return {
    dir,
    run: (cmd, args, options) => execFileRun(join(dir, cmd), args, options),
    calls: async () => (await readFile(log, 'utf8').catch(() => '')).split('\n').filter((line) => line !== ''),
  };
}

/** A Debian-like machine: the files and folders the appliers look for, and a file a custom profile replaces. */
async function debianLayout(root: string): Promise<void> {
  const files: Record<string, string> = {
    '/etc/debian_version': '12.5\n',
    '/var/lib/dpkg/status': '',
    '/etc/security/pwquality.conf': '# minlen = 8\n',
    '/etc/security/pwhistory.conf': '# remember = 10\n',
    '/etc/login.defs': 'MAIL_DIR\t/var/mail\nPASS_MAX_DAYS\t99999\nPASS_MIN_DAYS\t0\n',
    '/etc/pam.d/common-password':
      'password requisite pam_pwquality.so retry=3\npassword required pam_pwhistory.so use_authtok\npassword [success=1 default=ignore] pam_unix.so obscure use_authtok yescrypt\n',
    '/usr/bin/unattended-upgrade': '',
    '/usr/lib/NetworkManager/VPN/nm-strongswan-service.name': '[VPN Connection]\n',
    '/etc/app/app.conf': 'original setting\n',
    '/etc/dconf/profile/gdm': 'user-db:user\nsystem-db:gdm\nfile-db:/usr/share/gdm/greeter-dconf-defaults\n',
  };
  for (const [path, content] of Object.entries(files)) {
    await mkdir(dirname(join(root, path)), { recursive: true });
    await writeFile(join(root, path), content);
  }
  await chmod(join(root, '/etc/app/app.conf'), 0o640);
  for (const dir of ['/etc/dconf/db', '/etc/modprobe.d', '/etc/NetworkManager/system-connections', '/usr/local/share/ca-certificates', '/etc/ssl/certs']) {
    await mkdir(join(root, dir), { recursive: true });
  }
}

interface Entry {
  readonly type: 'file' | 'dir' | 'link';
  readonly mode: number;
  readonly content?: string;
  readonly mtimeMs?: number;
}

/** Every path under the root except the agent's own state, with type, mode and content (and times on request). */
async function snapshot(root: string, exclude: string, withTimes = false): Promise<Record<string, Entry>> {
  const entries: Record<string, Entry> = {};
  const walk = async (dir: string): Promise<void> => {
    for (const name of await readdir(dir)) {
      const path = join(dir, name);
      if (path === exclude) continue;
      const stats = await lstat(path);
      const times = withTimes ? { mtimeMs: stats.mtimeMs } : {};
      const key = `/${relative(root, path)}`;
      if (stats.isSymbolicLink()) entries[key] = { type: 'link', mode: 0 };
      else if (stats.isDirectory()) {
        entries[key] = { type: 'dir', mode: stats.mode & 0o7777, ...times };
        await walk(path);
      } else entries[key] = { type: 'file', mode: stats.mode & 0o7777, content: (await readFile(path)).toString('base64'), ...times };
    }
  };
  await walk(root);
  return entries;
}

function item(id: string, kind: string, payload: Record<string, unknown>, name = `Profile ${id}`): ConfigurationItem {
  return { id, hash: createHash('sha256').update(JSON.stringify({ kind, payload })).digest('hex'), name, kind, payload };
}

function byId(reports: readonly ConfigurationReport[]): Record<string, ConfigurationReport> {
  return Object.fromEntries(reports.map((report) => [report.id, report]));
}

const text = (root: string, path: string): Promise<string> => readFile(join(root, path), 'utf8');
const modeOf = async (root: string, path: string): Promise<number> => (await stat(join(root, path))).mode & 0o777;

describe('ConfigurationManager on Linux', () => {
  let identity: TestIdentity;
  let leafPem: string;
  let chainPem: string;
  let temp: TempRoot;
  let tools: Tools;
  let outside: string;
  let log: ReturnType<typeof memoryLogger>;

  beforeAll(async () => {
    identity = await createTestIdentity('device-config');
    const blocks = identity.identity.certificateChainPem.match(/-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g) ?? [];
    leafPem = `${blocks[0] ?? ''}\n`;
    chainPem = `${blocks.slice(1).join('\n')}\n`;
  });
  beforeEach(async () => {
    temp = await createTempRoot();
    await debianLayout(temp.root);
    tools = await createTools();
    outside = await mkdtemp(join(tmpdir(), 'ward-config-outside-'));
    log = memoryLogger();
  });
  afterEach(async () => {
    await temp.remove();
    await rm(tools.dir, { recursive: true, force: true });
    await rm(outside, { recursive: true, force: true });
  });

  function open(options: { run?: RunCommand; platform?: 'linux' | 'macos' } = {}): Promise<ConfigurationManager> {
    return ConfigurationManager.open({ root: temp.root, stateDir: temp.paths.stateDir, platform: options.platform ?? 'linux', run: options.run ?? tools.run, log, uid: 0 });
  }

  const allSettings = {
    'screenLock.timeoutSeconds': 300,
    'passcode.maxInactivitySeconds': 600,
    'passcode.minimumLength': 12,
    'passcode.complexity': 'complex',
    'passcode.historyCount': 5,
    'passcode.expiryDays': 90,
    'firewall.enabled': true,
    'restrictions.usbStorageDisabled': true,
    'restrictions.cameraDisabled': true,
    'softwareUpdate.automaticDownload': true,
    'softwareUpdate.automaticInstall': true,
    'encryption.required': true,
    'restrictions.screenshotDisabled': true,
    'osUpdate.deadlineDays': 7,
    'passcode.required': true,
    'softwareUpdate.deferralDays': 3,
    'lockScreen.message': "Authorised use only.\nIt's monitored.",
  };

  function everyKind(): ConfigurationItem[] {
    const clientCertificate = { certificatePem: leafPem, chainPem, privateKeyPem: identity.identity.privateKeyPem };
    const peer = generateKeyPairSync('x25519').publicKey.export({ format: 'jwk' }).x ?? '';
    return [
      item('settings-1', 'settings', { settings: allSettings }),
      item('wifi-home', 'wifi', { ssid: 'Home', hidden: true, autoJoin: true, security: 'wpa2Personal', passphrase: 'correct horse battery', proxy: { type: 'manual', host: 'proxy.example.com', port: 3128 } }),
      item('wifi-corp', 'wifi', {
        ssid: 'Corp',
        hidden: false,
        autoJoin: true,
        security: 'wpa3Enterprise',
        eap: { method: 'tls', identity: 'alice@example.com', serverNames: ['radius.example.com'], trustedRootsPem: [identity.identity.rootCertificatePem], clientCertificate },
        proxy: { type: 'auto', pacUrl: 'https://proxy.example.com/proxy.pac' },
      }),
      item('vpn-ike', 'vpn', {
        connectionName: 'Corp IKEv2',
        onDemand: { enabled: true, rules: [{ action: 'connect', ssids: ['Cafe'] }, { action: 'disconnect', ssids: ['Corp'] }] },
        type: 'ikev2',
        server: 'vpn.example.com',
        remoteId: 'vpn.example.com',
        localId: 'alice@example.com',
        authentication: { method: 'certificate', ...clientCertificate, trustedRootsPem: [identity.identity.rootCertificatePem] },
      }),
      item('vpn-psk', 'vpn', {
        connectionName: 'Branch',
        onDemand: { enabled: false, rules: [] },
        type: 'ikev2',
        server: '203.0.113.7',
        remoteId: 'branch.example.com',
        localId: 'device-7',
        authentication: { method: 'sharedSecret', sharedSecret: 'a shared secret of some length' },
      }),
      item('vpn-wg', 'vpn', {
        connectionName: 'Corp WireGuard',
        onDemand: { enabled: true, rules: [{ action: 'connect' }] },
        type: 'wireguard',
        interface: { addresses: ['10.8.0.2/32', 'fd00::2/128'], dns: ['10.0.0.53'], mtu: 1420 },
        peers: [{ publicKey: Buffer.from(peer, 'base64url').toString('base64'), endpoint: 'vpn.example.com:51820', allowedIps: ['10.0.0.0/8'], persistentKeepaliveSeconds: 25 }],
      }),
      item('mail', 'email', { accountType: 'imap', accountName: 'Work', emailAddress: 'alice@example.com', username: 'alice', incoming: { host: 'imap.example.com', port: 993, ssl: true } }),
      item('cert-root', 'certificate', { type: 'trustedRoot', name: 'Ward Root', certificatePem: identity.identity.rootCertificatePem }),
      item('cert-issued', 'certificate', { type: 'issued', scope: 'device', ...clientCertificate }),
      item('cert-scep', 'certificate', { type: 'scep', url: 'https://scep.example.com/scep', challenge: 'secret', subject: 'CN=alice', keySize: 2048, keyUsage: ['digitalSignature'] }),
      item('custom-app', 'custom', { platform: 'linux', format: 'file', path: '/etc/app/app.conf', contentBase64: Buffer.from('managed setting\n').toString('base64'), mode: '0644' }),
      item('custom-mac', 'custom', { platform: 'macos', format: 'mobileconfig', contentBase64: Buffer.from('<plist/>').toString('base64') }),
    ];
  }

  it('applies every kind for real under the root, reports each profile and setting, and runs the tools', async () => {
    const manager = await open();
    await manager.apply({ install: everyKind(), remove: [] });
    const reports = byId(manager.pendingReports());
    for (const report of Object.values(reports)) expect(matchesSchema(ConfigurationReport, report), report.id).toBe(true);

    expect(Object.fromEntries(Object.values(reports).map((r) => [r.id, r.status]))).toEqual({
      'settings-1': 'succeeded',
      'wifi-home': 'succeeded',
      'wifi-corp': 'succeeded',
      'vpn-ike': 'succeeded',
      'vpn-psk': 'succeeded',
      'vpn-wg': 'succeeded',
      mail: 'notApplicable',
      'cert-root': 'succeeded',
      'cert-issued': 'succeeded',
      'cert-scep': 'notApplicable',
      'custom-app': 'succeeded',
      'custom-mac': 'notApplicable',
    });
    const settings = Object.fromEntries((reports['settings-1']?.settings ?? []).map((s) => [s.id, s]));
    for (const id of ['encryption.required', 'restrictions.screenshotDisabled', 'osUpdate.deadlineDays', 'passcode.required', 'softwareUpdate.deferralDays']) {
      expect(settings[id], id).toEqual({ id, status: 'notApplicable', error: notApplicableOnLinux[id] });
    }
    for (const id of ['lockScreen.message', 'screenLock.timeoutSeconds', 'passcode.maxInactivitySeconds', 'passcode.minimumLength', 'passcode.complexity', 'passcode.historyCount', 'passcode.expiryDays', 'firewall.enabled', 'restrictions.usbStorageDisabled', 'restrictions.cameraDisabled', 'softwareUpdate.automaticDownload', 'softwareUpdate.automaticInstall']) {
      expect(settings[id]?.status, `${id}: ${settings[id]?.error ?? ''}`).toBe('succeeded');
    }
    expect(settings['passcode.expiryDays']?.error).toContain('applies to accounts created from now on');
    expect(settings['screenLock.timeoutSeconds']?.error).toContain('the screen locks after 300 s idle');
    expect(settings['screenLock.timeoutSeconds']?.error).toContain('applied to the running desktop of alice');
    expect(reports['mail']?.error).toMatch(/no system-wide mail account store/);
    expect(reports['cert-scep']?.error).toMatch(/SCEP/);
    expect(reports['custom-mac']?.error).toMatch(/macos mobileconfig payload; it does not apply to Linux/);

    // Settings: dconf keyfile and locks, pwquality drop-in, managed blocks, modprobe rules, APT periodic.
    const root = temp.root;
    const dconf = await text(root, '/etc/dconf/db/local.d/50-ward-settings-1');
    expect(dconf).toMatch(/^# Written by the Ward agent for profile "settings-1"/);
    expect(dconf).toContain('[org/gnome/desktop/session]\nidle-delay=uint32 300\n');
    expect(dconf).toContain('[org/gnome/desktop/screensaver]\nlock-enabled=true\nlock-delay=uint32 0\n');
    expect(await text(root, '/etc/dconf/db/local.d/locks/50-ward-settings-1')).toContain('/org/gnome/desktop/session/idle-delay\n');
    expect(await text(root, '/etc/dconf/profile/user')).toContain('system-db:local');
    expect(await text(root, '/etc/dconf/db/gdm.d/50-ward-settings-1')).toContain("[org/gnome/login-screen]\nbanner-message-enable=true\nbanner-message-text='Authorised use only.\\nIt\\'s monitored.'\n");
    const pwquality = await text(root, '/etc/security/pwquality.conf.d/50-ward-settings-1.conf');
    expect(pwquality).toContain('minlen = 12\nminclass = 3\ndcredit = 0\nucredit = 0\nlcredit = 0\nocredit = 0\n');
    expect(await text(root, '/etc/security/pwhistory.conf')).toMatch(/^# remember = 10\n# BEGIN Ward profile settings-1 .*\nremember = 5\n# END Ward profile settings-1\n$/);
    expect(await text(root, '/etc/login.defs')).toMatch(/PASS_MIN_DAYS\t0\n# BEGIN Ward profile settings-1 .*\nPASS_MAX_DAYS 90\n# END Ward profile settings-1\n$/);
    const modprobe = await text(root, '/etc/modprobe.d/ward-settings-1.conf');
    expect(modprobe).toContain('blacklist usb-storage\ninstall usb-storage /bin/false\n');
    expect(modprobe).toContain('blacklist uvcvideo\ninstall uvcvideo /bin/false\n');
    const apt = await text(root, '/etc/apt/apt.conf.d/52ward-settings-1');
    expect(apt).toContain('APT::Periodic::Download-Upgradeable-Packages "1";\nAPT::Periodic::Unattended-Upgrade "1";\n');

    // Wi-Fi: 0600 keyfiles, personal and EAP-TLS with certificate files beside.
    const home = await text(root, '/etc/NetworkManager/system-connections/ward-wifi-home.nmconnection');
    expect(await modeOf(root, '/etc/NetworkManager/system-connections/ward-wifi-home.nmconnection')).toBe(0o600);
    expect(home).toContain('[connection]\nid=Profile wifi-home\n');
    expect(home).toContain('type=wifi\nautoconnect=true\n');
    expect(home).toContain('[wifi]\nmode=infrastructure\nssid=Home\nhidden=true\n');
    expect(home).toContain('[wifi-security]\nkey-mgmt=wpa-psk\npsk=correct horse battery\n');
    expect(home).toContain('[proxy]\nmethod=1\npac-script=function FindProxyForURL(url, host) { return "PROXY proxy.example.com:3128"; }\n');
    expect(reports['wifi-home']?.error).toContain('NetworkManager has no manual proxy');
    const corp = await text(root, '/etc/NetworkManager/system-connections/ward-wifi-corp.nmconnection');
    expect(corp).toContain('[wifi-security]\nkey-mgmt=wpa-eap\npmf=3\n');
    expect(corp).toContain('[802-1x]\neap=tls;\nidentity=alice@example.com\nca-cert=/etc/ward-agent/certificates/wifi-corp/ca.pem\n');
    expect(corp).toContain('domain-suffix-match=radius.example.com\n');
    expect(corp).toContain('[proxy]\nmethod=1\npac-url=https://proxy.example.com/proxy.pac\n');
    expect(new X509Certificate(await text(root, '/etc/ward-agent/certificates/wifi-corp/ca.pem')).fingerprint256).toBe(new X509Certificate(identity.identity.rootCertificatePem).fingerprint256);
    expect(await modeOf(root, '/etc/ward-agent/certificates/wifi-corp/client-key.pem')).toBe(0o600);

    // VPN: strongSwan plugin keyfile, WireGuard with a generated key whose public half is reported.
    const ike = await text(root, '/etc/NetworkManager/system-connections/ward-vpn-ike.nmconnection');
    expect(ike).toContain('type=vpn\nautoconnect=true\n');
    expect(ike).toContain('[vpn]\nservice-type=org.freedesktop.NetworkManager.strongswan\naddress=vpn.example.com\nremote-identity=vpn.example.com\nlocal-identity=alice@example.com\n');
    expect(ike).toContain('method=cert\ncert-source=file\nusercert=/etc/ward-agent/certificates/vpn-ike/client.pem\nuserkey=/etc/ward-agent/certificates/vpn-ike/client-key.pem\n');
    expect(reports['vpn-ike']?.error).toContain('on-demand rules are approximated');
    expect(reports['vpn-ike']?.error).toContain('rule 1 (connect on SSIDs Cafe), rule 2 (disconnect on SSIDs Corp)');
    const psk = await text(root, '/etc/NetworkManager/system-connections/ward-vpn-psk.nmconnection');
    expect(psk).toContain('type=vpn\nautoconnect=false\n');
    expect(psk).toContain('address=203.0.113.7\n');
    expect(psk).toContain('method=psk\npassword-flags=0\n\n[vpn-secrets]\npassword=a shared secret of some length\n');
    const wg = await text(root, '/etc/NetworkManager/system-connections/ward-vpn-wg.nmconnection');
    const privateKey = /\nprivate-key=(\S+)\n/.exec(wg)?.[1] ?? '';
    const publicKey = wireguardPublicKey(privateKey, 'test');
    expect(reports['vpn-wg']?.error).toContain(`WireGuard public key of this device: ${publicKey}`);
    expect(wg).toContain('type=wireguard\n');
    expect(wg).toMatch(/\ninterface-name=ward[0-9a-f]{8}\n/);
    expect(wg).toContain('allowed-ips=10.0.0.0/8;\npersistent-keepalive=25\n');
    expect(wg).toContain('[ipv4]\nmethod=manual\naddress1=10.8.0.2/32\ndns=10.0.0.53;\n');
    expect(wg).toContain('[ipv6]\nmethod=manual\naddress1=fd00::2/128\n');
    expect(reports['vpn-wg']?.error).toContain('on demand: connects automatically');

    // Certificates: the trust store and Ward's certificate folder.
    expect(new X509Certificate(await text(root, '/usr/local/share/ca-certificates/ward-cert-root.crt')).fingerprint256).toBe(new X509Certificate(identity.identity.rootCertificatePem).fingerprint256);
    expect(await modeOf(root, '/etc/ward-agent/certificates/cert-issued/key.pem')).toBe(0o600);
    expect(await text(root, '/etc/ward-agent/certificates/cert-issued/cert.pem')).toContain('BEGIN CERTIFICATE');

    // The custom file is exactly what was sent, with its mode.
    expect(await text(root, '/etc/app/app.conf')).toBe('managed setting\n');
    expect(await modeOf(root, '/etc/app/app.conf')).toBe(0o644);

    const calls = await tools.calls();
    expect(calls).toEqual(
      expect.arrayContaining([
        'dconf update',
        'loginctl list-sessions --no-legend',
        'runuser -u alice -- env XDG_RUNTIME_DIR=/run/user/1000 DBUS_SESSION_BUS_ADDRESS=unix:path=/run/user/1000/bus gsettings set org.gnome.desktop.session idle-delay 300',
        'ufw status',
        'ufw --force enable',
        'nmcli connection reload',
        'update-ca-certificates ',
      ]),
    );
    expect(settings['firewall.enabled']?.error).toBe('ufw was inactive and is now enabled');
  });

  it('re-applying the same profiles changes no file and reports the same', async () => {
    const manager = await open();
    const items = everyKind();
    await manager.apply({ install: items, remove: [] });
    const first = manager.pendingReports();
    const before = await snapshot(temp.root, temp.paths.stateDir, true);
    const callsBefore = (await tools.calls()).length;

    await manager.apply({ install: items, remove: [] });
    expect(await snapshot(temp.root, temp.paths.stateDir, true)).toEqual(before);
    const second = byId(manager.pendingReports());
    // Reports are the same, except that the firewall is now found already on.
    for (const report of first) {
      if (report.id === 'settings-1') continue;
      expect(second[report.id], report.id).toEqual(report);
    }
    expect(second['settings-1']?.settings?.find((s) => s.id === 'firewall.enabled')?.error).toBe('ufw is active');
    const newCalls = (await tools.calls()).slice(callsBefore);
    expect(newCalls).not.toContain('ufw --force enable');
  });

  it('removing takes away exactly what Ward put there and restores the custom file it replaced', async () => {
    const baseline = await snapshot(temp.root, temp.paths.stateDir);
    // Something else in Ward's folders that Ward did not write stays.
    const manager = await open();
    const items = everyKind();
    await manager.apply({ install: items, remove: [] });
    await writeFile(join(temp.root, '/etc/NetworkManager/system-connections/Home.nmconnection'), '[connection]\nid=Home\n', { mode: 0o600 });
    const withForeign = { ...baseline, '/etc/NetworkManager/system-connections/Home.nmconnection': (await snapshot(temp.root, temp.paths.stateDir))['/etc/NetworkManager/system-connections/Home.nmconnection'] as Entry };

    await manager.apply({ install: [], remove: items.map((i) => i.id) });
    expect(await snapshot(temp.root, temp.paths.stateDir)).toEqual(withForeign);
    expect(await text(temp.root, '/etc/app/app.conf')).toBe('original setting\n');
    expect(await modeOf(temp.root, '/etc/app/app.conf')).toBe(0o640);
    const reports = manager.pendingReports();
    expect(reports.map((r) => [r.id, r.status, r.hash])).toEqual(items.map((i) => [i.id, 'removed', i.hash]));
    // The services were told: connections reloaded, trust store rebuilt from scratch, dconf database rebuilt.
    const calls = await tools.calls();
    expect(calls.filter((c) => c === 'nmcli connection reload').length).toBeGreaterThanOrEqual(2);
    expect(calls).toContain('update-ca-certificates --fresh');
    // The backups of replaced files are gone with the profile.
    expect(await readdir(join(temp.paths.stateDir, 'configuration', 'backups'))).toEqual([]);
  });

  it('re-applying a changed profile takes back only the parts it no longer has', async () => {
    const manager = await open();
    const clientCertificate = { certificatePem: leafPem, chainPem, privateKeyPem: identity.identity.privateKeyPem };
    await manager.apply({
      install: [
        item('settings-2', 'settings', { settings: { 'restrictions.usbStorageDisabled': true, 'passcode.expiryDays': 30 } }),
        item('wifi-2', 'wifi', {
          ssid: 'Corp',
          hidden: false,
          autoJoin: true,
          security: 'wpa2Enterprise',
          eap: { method: 'tls', identity: 'alice', serverNames: [], trustedRootsPem: [identity.identity.rootCertificatePem], clientCertificate },
          proxy: { type: 'none' },
        }),
      ],
      remove: [],
    });
    expect(await text(temp.root, '/etc/modprobe.d/ward-settings-2.conf')).toContain('usb-storage');
    expect((await stat(join(temp.root, '/etc/ward-agent/certificates/wifi-2'))).isDirectory()).toBe(true);

    await manager.apply({
      install: [
        item('settings-2', 'settings', { settings: { 'passcode.expiryDays': 0 } }),
        item('wifi-2', 'wifi', { ssid: 'Corp', hidden: false, autoJoin: false, security: 'wpa3Personal', passphrase: 'a long passphrase', proxy: { type: 'none' } }),
      ],
      remove: [],
    });
    await expect(stat(join(temp.root, '/etc/modprobe.d/ward-settings-2.conf'))).rejects.toThrow(/ENOENT/);
    await expect(stat(join(temp.root, '/etc/ward-agent/certificates/wifi-2'))).rejects.toThrow(/ENOENT/);
    // Ward's certificates folder itself was Ward's creation and is empty now, so it went too.
    await expect(stat(join(temp.root, '/etc/ward-agent'))).rejects.toThrow(/ENOENT/);
    expect(await text(temp.root, '/etc/login.defs')).toMatch(/PASS_MAX_DAYS 99999\n# END Ward profile settings-2\n$/);
    expect((await text(temp.root, '/etc/login.defs')).match(/BEGIN Ward/g)).toHaveLength(1);
    const wifi = await text(temp.root, '/etc/NetworkManager/system-connections/ward-wifi-2.nmconnection');
    expect(wifi).toContain('key-mgmt=sae\n');
    expect(wifi).not.toContain('802-1x');
  });

  it('keeps what a profile applied when an update of it fails, and still removes all of it later', async () => {
    const baseline = await snapshot(temp.root, temp.paths.stateDir);
    const manager = await open();
    const good = item('wifi-3', 'wifi', { ssid: 'Office', hidden: false, autoJoin: true, security: 'wpa2Personal', passphrase: 'office passphrase', proxy: { type: 'none' } });
    await manager.apply({ install: [good], remove: [] });
    const file = '/etc/NetworkManager/system-connections/ward-wifi-3.nmconnection';
    const before = await text(temp.root, file);
    const bad = item('wifi-3', 'wifi', { ssid: 'Office', hidden: false, autoJoin: true, security: 'wpa2Personal', passphrase: 'short', proxy: { type: 'none' } });
    await manager.apply({ install: [bad], remove: [] });
    expect(manager.pendingReports()).toEqual([{ id: 'wifi-3', hash: bad.hash, status: 'failed', error: 'payload/passphrase: WPA2 needs 8 to 63 printable ASCII characters or 64 hex digits' }]);
    expect(await text(temp.root, file)).toBe(before);
    await manager.apply({ install: [], remove: ['wifi-3'] });
    expect(await snapshot(temp.root, temp.paths.stateDir)).toEqual(baseline);
  });

  it('keeps the WireGuard key it generated across re-applies and drops it with the profile', async () => {
    const manager = await open();
    const peer = Buffer.from(generateKeyPairSync('x25519').publicKey.export({ format: 'jwk' }).x ?? '', 'base64url').toString('base64');
    const wg = (mtu: number) =>
      item('wg', 'vpn', { connectionName: 'WG', onDemand: { enabled: false, rules: [] }, type: 'wireguard', interface: { addresses: ['10.9.0.2'], dns: [], mtu }, peers: [{ publicKey: peer, endpoint: '[2001:db8::1]:51820', allowedIps: ['0.0.0.0/0', '::/0'] }] });
    await manager.apply({ install: [wg(1420)], remove: [] });
    const first = /public key of this device: ([A-Za-z0-9+/]{43}=)/.exec(manager.pendingReports()[0]?.error ?? '')?.[1];
    expect(first).toBeDefined();
    expect(manager.pendingReports()[0]?.error).toContain('the device generated its WireGuard key pair');

    const restarted = await open();
    await restarted.apply({ install: [wg(1380)], remove: [] });
    const second = /public key of this device: ([A-Za-z0-9+/]{43}=)/.exec(restarted.pendingReports()[0]?.error ?? '')?.[1];
    expect(second).toBe(first);
    const file = await text(temp.root, '/etc/NetworkManager/system-connections/ward-wg.nmconnection');
    expect(file).toContain('mtu=1380\n');
    expect(file).toContain('autoconnect=false\n');
    expect(file).toContain('address1=10.9.0.2/32\n');
    expect(file).toContain('[ipv6]\nmethod=disabled\n');

    await restarted.apply({ install: [], remove: ['wg'] });
    await restarted.apply({ install: [wg(1420)], remove: [] });
    const third = /public key of this device: ([A-Za-z0-9+/]{43}=)/.exec(restarted.pendingReports().find((r) => r.id === 'wg')?.error ?? '')?.[1];
    expect(third).not.toBe(first);
  });

  it('keeps reports until the server acknowledges them, across restarts, and sends everything after one', async () => {
    const manager = await open();
    await manager.apply({ install: [item('mail', 'email', { accountType: 'imap', accountName: 'W', emailAddress: 'a@example.com', username: 'a' }), item('c', 'custom', { platform: 'windows', format: 'syncml', contentBase64: '' })], remove: [] });
    const sent = manager.pendingReports();
    expect(sent.map((r) => r.id)).toEqual(['mail', 'c']);

    const restarted = await open();
    expect(restarted.pendingReports()).toEqual(sent);
    await restarted.acknowledge(sent);
    expect(restarted.pendingReports()).toEqual([]);
    expect(restarted.allReports()).toEqual(sent);

    const again = await open();
    expect(again.pendingReports()).toEqual([]);
    expect(again.allReports()).toEqual(sent);

    // A removal is reported once and forgotten when acknowledged.
    await again.apply({ install: [], remove: ['mail'] });
    const removal = again.pendingReports();
    expect(removal).toEqual([{ id: 'mail', hash: sent[0]?.hash, status: 'removed' }]);
    expect(again.allReports().map((r) => r.id)).toEqual(['c', 'mail']);
    // An acknowledgement of an older report does not swallow a newer one.
    await again.acknowledge([{ ...removal[0]!, hash: 'f'.repeat(64) }]);
    expect(again.pendingReports()).toEqual(removal);
    await again.acknowledge(removal);
    expect((await open()).allReports().map((r) => r.id)).toEqual(['c']);
  });

  it('sets a damaged state file aside and starts over instead of failing', async () => {
    await mkdir(join(temp.paths.stateDir, 'configuration'), { recursive: true });
    await writeFile(join(temp.paths.stateDir, 'configuration', 'state.json'), '{"version":1,"profiles":[{"id":1}]');
    const manager = await open();
    expect(manager.allReports()).toEqual([]);
    expect(log.lines.some((line) => line.includes('set aside'))).toBe(true);
    expect((await stat(join(temp.paths.stateDir, 'configuration', 'state.json.corrupt'))).isFile()).toBe(true);
  });

  describe('hostile and malformed input', () => {
    const custom = (id: string, path: string, content = 'x\n', mode = '0644') =>
      item(id, 'custom', { platform: 'linux', format: 'file', path, contentBase64: Buffer.from(content).toString('base64'), mode });

    it.each([
      ['/etc/../root/.ssh/authorized_keys', /\. or \.\. segments/],
      ['etc/app.conf', /absolute/],
      ['/etc//app.conf', /normalised/],
      ['/tmp/app.conf', /custom files go under \/etc, \/usr\/local, \/opt/],
      ['/etc/shadow', /system-critical/],
      ['/etc/sudoers.d/ward', /system-critical/],
      ['/etc/pam.d/common-auth', /system-critical/],
      ['/etc/ward-agent/agent.json', /system-critical or Ward-managed/],
      ['/etc/modprobe.d/ward-x.conf', /named like a file Ward manages/],
      ['/etc/NetworkManager/system-connections/ward-wifi-home.nmconnection', /named like a file Ward manages/],
    ])('refuses a custom file at %s', async (path, error) => {
      const manager = await open();
      await manager.apply({ install: [custom('bad', path)], remove: [] });
      const [report] = manager.pendingReports();
      expect(report?.status).toBe('failed');
      expect(report?.error).toMatch(error);
    });

    it('refuses world-writable and unreadable modes', async () => {
      const manager = await open();
      await manager.apply({ install: [custom('m1', '/etc/app/m1.conf', 'x', '0666'), custom('m2', '/etc/app/m2.conf', 'x', '0044')], remove: [] });
      expect(manager.pendingReports().map((r) => [r.status, r.error])).toEqual([
        ['failed', 'payload/mode: a world-writable mode is refused'],
        ['failed', 'payload/mode: the owner (root) must be able to read and write the file'],
      ]);
    });

    it('does not write through a symbolic link at the target or in a folder on the way', async () => {
      await writeFile(join(outside, 'victim.conf'), 'outside\n');
      await symlink(join(outside, 'victim.conf'), join(temp.root, '/etc/app/link.conf'));
      await symlink(outside, join(temp.root, '/etc/escape'));
      await symlink(join(outside, 'victim.conf'), join(temp.root, '/etc/modprobe.d/ward-settings-x.conf'));
      const manager = await open();
      await manager.apply({
        install: [custom('link', '/etc/app/link.conf'), custom('escape', '/etc/escape/new.conf'), item('settings-x', 'settings', { settings: { 'restrictions.usbStorageDisabled': true } })],
        remove: [],
      });
      const reports = byId(manager.pendingReports());
      expect(reports['link']?.status).toBe('failed');
      expect(reports['link']?.error).toContain('/etc/app/link.conf is a symbolic link; Ward does not write through links');
      expect(reports['escape']?.status).toBe('failed');
      expect(reports['escape']?.error).toContain('/etc/escape leads outside the agent\'s root');
      expect(reports['settings-x']?.settings).toEqual([{ id: 'restrictions.usbStorageDisabled', status: 'failed', error: expect.stringContaining('symbolic link') as string }]);
      expect(await readFile(join(outside, 'victim.conf'), 'utf8')).toBe('outside\n');
      expect(await readdir(outside)).toEqual(['victim.conf']);
      // Removing them takes nothing outside either.
      await manager.apply({ install: [], remove: ['link', 'escape', 'settings-x'] });
      expect(await readFile(join(outside, 'victim.conf'), 'utf8')).toBe('outside\n');
      expect((await lstat(join(temp.root, '/etc/app/link.conf'))).isSymbolicLink()).toBe(true);
    });

    it('refuses 10 MB of content and never writes it', async () => {
      const manager = await open();
      const big = Buffer.alloc(10 * 1024 * 1024, 0x61).toString('base64');
      await manager.apply({ install: [item('big', 'custom', { platform: 'linux', format: 'file', path: '/etc/app/big.conf', contentBase64: big, mode: '0644' })], remove: [] });
      const [report] = manager.pendingReports();
      expect(report?.status).toBe('failed');
      expect(report?.error).toMatch(/^payload\/contentBase64: Expected string length less or equal to \d+/);
      await expect(stat(join(temp.root, '/etc/app/big.conf'))).rejects.toThrow(/ENOENT/);
    });

    it('reports unknown kinds, malformed payloads and bad values as failed and applies the rest', async () => {
      const manager = await open();
      await manager.apply({
        install: [
          item('unknown', 'printer', { queue: 'x' }),
          item('wifi-bad', 'wifi', { hidden: false, autoJoin: true, security: 'open', proxy: { type: 'none' } }),
          item('vpn-bad', 'vpn', { type: 'pptp', connectionName: 'x', onDemand: { enabled: false, rules: [] } }),
          item('settings-bad', 'settings', { settings: { 'passcode.minimumLength': 3, 'firewall.enabled': 'yes', 'made.up': true, 'passcode.complexity': 'emoji', 'passcode.expiryDays': 30 } }),
          item('wifi-psk', 'wifi', { ssid: 'x', hidden: false, autoJoin: true, security: 'wpa2Personal', passphrase: 'short', proxy: { type: 'none' } }),
          item('cert-bad', 'certificate', { type: 'trustedRoot', name: 'x', certificatePem: '-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n' }),
          item('key-mismatch', 'certificate', { type: 'issued', scope: 'device', certificatePem: leafPem, chainPem: '', privateKeyPem: generateKeyPairSync('ec', { namedCurve: 'prime256v1' }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString() }),
          { id: 'no-hash', kind: 'email', payload: {} },
          { kind: 'email', payload: {} },
          'not an object',
          item('wifi-scep', 'wifi', { ssid: 'Corp', hidden: false, autoJoin: true, security: 'wpa2Enterprise', eap: { method: 'tls', identity: 'a', serverNames: [], trustedRootsPem: [identity.identity.rootCertificatePem] }, proxy: { type: 'none' } }),
          item('fine', 'custom', { platform: 'linux', format: 'file', path: '/opt/app/fine.conf', contentBase64: Buffer.from('ok\n').toString('base64'), mode: '600' }),
        ],
        remove: [42, '', 'never-applied'],
      });
      const reports = byId(manager.pendingReports());
      for (const report of Object.values(reports)) expect(matchesSchema(ConfigurationReport, report), report.id).toBe(true);
      expect(reports['wifi-scep']).toMatchObject({ status: 'notApplicable', error: 'the client certificate comes from SCEP enrollment, which the Linux agent does not do' });
      expect(reports['unknown']).toMatchObject({ status: 'failed', error: expect.stringContaining('unknown profile kind "printer"') as string });
      expect(reports['wifi-bad']).toMatchObject({ status: 'failed', error: expect.stringMatching(/^payload\/ssid: Expected required property/) as string });
      expect(reports['vpn-bad']).toMatchObject({ status: 'failed', error: 'payload/type: expected "ikev2" or "wireguard", got "pptp"' });
      expect(reports['settings-bad']?.status).toBe('failed');
      expect(reports['settings-bad']?.settings).toEqual([
        { id: 'passcode.minimumLength', status: 'failed', error: 'passcode.minimumLength expects a whole number from 4 to 64, got 3' },
        { id: 'firewall.enabled', status: 'failed', error: 'firewall.enabled expects true or false, got "yes"' },
        { id: 'made.up', status: 'notApplicable', error: 'this agent version does not know the setting "made.up"' },
        { id: 'passcode.complexity', status: 'failed', error: 'passcode.complexity expects one of none, numeric, alphanumeric, complex, got "emoji"' },
        { id: 'passcode.expiryDays', status: 'succeeded', error: expect.stringContaining('PASS_MAX_DAYS 30') as string },
      ]);
      expect(reports['wifi-psk']).toMatchObject({ status: 'failed', error: expect.stringContaining('WPA2 needs 8 to 63') as string });
      expect(reports['cert-bad']).toMatchObject({ status: 'failed', error: expect.stringContaining('certificate 1 does not parse') as string });
      expect(reports['key-mismatch']).toMatchObject({ status: 'failed', error: 'payload.privateKeyPem does not belong to payload.certificatePem' });
      expect(reports['no-hash']).toMatchObject({ status: 'failed', hash: NO_HASH, error: expect.stringContaining('malformed item') as string });
      expect(reports['never-applied']).toEqual({ id: 'never-applied', hash: NO_HASH, status: 'removed' });
      expect(reports['fine']?.status).toBe('succeeded');
      expect(await text(temp.root, '/opt/app/fine.conf')).toBe('ok\n');
      expect(Object.keys(reports)).toHaveLength(11);
      expect(log.lines.filter((line) => line.includes('without a usable id'))).toHaveLength(2);
      // Nothing was written for the refused ones.
      await expect(stat(join(temp.root, '/usr/local/share/ca-certificates/ward-cert-bad.crt'))).rejects.toThrow(/ENOENT/);
      await expect(stat(join(temp.root, '/etc/ward-agent/certificates/key-mismatch'))).rejects.toThrow(/ENOENT/);
    });

    it('cannot inject lines into a connection file, and names files for odd profile ids safely', async () => {
      const manager = await open();
      const id = '../../../tmp/evil\n[connection]';
      await manager.apply({
        install: [item(id, 'wifi', { ssid: 'a;b\\c', hidden: false, autoJoin: true, security: 'wpa3Personal', passphrase: 'pass\nword\n[wifi-security]\nkey-mgmt=none', proxy: { type: 'none' } }, 'Name\n[ipv4]\nmethod=disabled')],
        remove: [],
      });
      expect(manager.pendingReports()[0]?.status).toBe('succeeded');
      const names = await readdir(join(temp.root, '/etc/NetworkManager/system-connections'));
      expect(names).toEqual([expect.stringMatching(/^ward-_[0-9a-f]{32}\.nmconnection$/) as string]);
      const file = await text(temp.root, `/etc/NetworkManager/system-connections/${names[0] ?? ''}`);
      expect(file).toContain('id=Name\\n[ipv4]\\nmethod=disabled\n');
      expect(file).toContain('psk=pass\\nword\\n[wifi-security]\\nkey-mgmt=none\n');
      expect(file).toContain(`ssid=${[...Buffer.from('a;b\\c')].join(';')};\n`);
      expect(file.split('\n').filter((line) => line.startsWith('[')).sort()).toEqual(['[connection]', '[ipv4]', '[ipv6]', '[proxy]', '[wifi-security]', '[wifi]']);
    });

    it('refuses a custom file another profile already manages', async () => {
      const manager = await open();
      await manager.apply({ install: [custom('first', '/etc/app/app.conf', 'first\n'), custom('second', '/etc/app/app.conf', 'second\n')], remove: [] });
      const reports = byId(manager.pendingReports());
      expect(reports['second']).toMatchObject({ status: 'failed', error: 'payload/path: /etc/app/app.conf is already managed by profile first' });
      expect(await text(temp.root, '/etc/app/app.conf')).toBe('first\n');
      await manager.apply({ install: [], remove: ['second', 'first'] });
      expect(await text(temp.root, '/etc/app/app.conf')).toBe('original setting\n');
    });

    it('leaves a custom file that changed since Ward wrote it, and says so', async () => {
      const manager = await open();
      await manager.apply({ install: [custom('c1', '/etc/app/app.conf', 'ward\n'), custom('c2', '/usr/local/etc/new.conf', 'new\n')], remove: [] });
      await writeFile(join(temp.root, '/etc/app/app.conf'), 'edited by hand\n');
      await manager.apply({ install: [], remove: ['c1', 'c2'] });
      expect(await text(temp.root, '/etc/app/app.conf')).toBe('edited by hand\n');
      expect(byId(manager.pendingReports())['c1']?.error).toBe('left /etc/app/app.conf as it is: it changed since Ward wrote it');
      // A file that did not exist before is deleted, with the folders Ward created for it.
      await expect(stat(join(temp.root, '/usr/local/etc'))).rejects.toThrow(/ENOENT/);
      expect((await stat(join(temp.root, '/usr/local/share'))).isDirectory()).toBe(true);
    });
  });

  it('reports a missing tool as a result with its reason, never a crash', async () => {
    const bare = await createTools([]);
    try {
      const manager = await open({ run: bare.run });
      await manager.apply({
        install: [
          item('s', 'settings', { settings: { 'screenLock.timeoutSeconds': 120, 'firewall.enabled': true } }),
          item('root', 'certificate', { type: 'trustedRoot', name: 'r', certificatePem: identity.identity.rootCertificatePem }),
          item('w', 'wifi', { ssid: 'Open', hidden: false, autoJoin: false, security: 'open', proxy: { type: 'none' } }),
        ],
        remove: [],
      });
      const reports = byId(manager.pendingReports());
      const settings = Object.fromEntries((reports['s']?.settings ?? []).map((s) => [s.id, s]));
      expect(settings['firewall.enabled']).toEqual({
        id: 'firewall.enabled',
        status: 'notApplicable',
        error: 'no firewall tool is installed (ufw is not installed; firewall-cmd is not installed; nft is not installed)',
      });
      expect(settings['screenLock.timeoutSeconds']?.status).toBe('succeeded');
      expect(settings['screenLock.timeoutSeconds']?.error).toContain('the settings take effect at the next login (dconf is not installed)');
      expect(settings['screenLock.timeoutSeconds']?.error).toContain('no running desktop was changed: loginctl is not installed');
      expect(reports['root']).toMatchObject({ status: 'failed', error: expect.stringContaining('the trust store was not rebuilt: update-ca-certificates is not installed') as string });
      expect(reports['w']).toMatchObject({ status: 'succeeded', error: 'nmcli is not installed: NetworkManager loads the connection at its next start' });
    } finally {
      await rm(bare.dir, { recursive: true, force: true });
    }
  });

  it('says what does not apply on a machine without NetworkManager, dconf, PAM modules or a package system', async () => {
    await rm(join(temp.root, 'etc/NetworkManager'), { recursive: true });
    await rm(join(temp.root, 'etc/dconf'), { recursive: true });
    await rm(join(temp.root, 'etc/pam.d'), { recursive: true });
    await rm(join(temp.root, 'etc/security/pwhistory.conf'));
    await rm(join(temp.root, 'etc/debian_version'));
    await rm(join(temp.root, 'var/lib/dpkg'), { recursive: true });
    await rm(join(temp.root, 'usr/lib/NetworkManager'), { recursive: true });
    const manager = await open();
    await manager.apply({
      install: [
        item('s', 'settings', { settings: { 'screenLock.timeoutSeconds': 120, 'passcode.minimumLength': 8, 'passcode.historyCount': 3, 'softwareUpdate.automaticInstall': true } }),
        item('w', 'wifi', { ssid: 'Open', hidden: false, autoJoin: false, security: 'open', proxy: { type: 'none' } }),
      ],
      remove: [],
    });
    const reports = byId(manager.pendingReports());
    expect(reports['w']).toMatchObject({ status: 'notApplicable', error: expect.stringContaining('NetworkManager is not installed') as string });
    expect(reports['s']?.settings).toEqual([
      { id: 'screenLock.timeoutSeconds', status: 'notApplicable', error: expect.stringContaining('dconf') as string },
      { id: 'passcode.minimumLength', status: 'failed', error: expect.stringContaining('pam_pwquality is not in the PAM password stack') as string },
      { id: 'passcode.historyCount', status: 'notApplicable', error: expect.stringContaining('/etc/security/pwhistory.conf') as string },
      { id: 'softwareUpdate.automaticInstall', status: 'notApplicable', error: expect.stringContaining('neither APT nor DNF') as string },
    ]);
  });

  it('uses the RPM trust store and dnf-automatic timers on an RPM system, and turns the timer back off on removal', async () => {
    await rm(join(temp.root, 'etc/debian_version'));
    await rm(join(temp.root, 'var/lib/dpkg'), { recursive: true });
    await mkdir(join(temp.root, 'etc/pki/ca-trust/source/anchors'), { recursive: true });
    await mkdir(join(temp.root, 'var/lib/rpm'), { recursive: true });
    await mkdir(join(temp.root, 'usr/lib/systemd/system'), { recursive: true });
    await writeFile(join(temp.root, 'usr/lib/systemd/system/dnf-automatic-install.timer'), '[Timer]\n');
    const manager = await open();
    await manager.apply({
      install: [
        item('root', 'certificate', { type: 'trustedRoot', name: 'r', certificatePem: identity.identity.rootCertificatePem }),
        item('updates', 'settings', { settings: { 'softwareUpdate.automaticInstall': true } }),
      ],
      remove: [],
    });
    const reports = byId(manager.pendingReports());
    expect(reports['root']?.status).toBe('succeeded');
    expect(await text(temp.root, '/etc/pki/ca-trust/source/anchors/ward-root.pem')).toContain('BEGIN CERTIFICATE');
    expect(reports['updates']?.settings).toEqual([{ id: 'softwareUpdate.automaticInstall', status: 'succeeded', error: 'dnf-automatic-install.timer enabled' }]);
    expect(await tools.calls()).toEqual(expect.arrayContaining(['update-ca-trust extract', 'systemctl is-enabled dnf-automatic-install.timer', 'systemctl enable --now dnf-automatic-install.timer']));

    await manager.apply({ install: [], remove: ['root', 'updates'] });
    await expect(stat(join(temp.root, '/etc/pki/ca-trust/source/anchors/ward-root.pem'))).rejects.toThrow(/ENOENT/);
    expect(await tools.calls()).toContain('systemctl disable --now dnf-automatic-install.timer');
  });

  it('reports every profile as not applicable on an agent that is not Linux, changing nothing', async () => {
    const before = await snapshot(temp.root, temp.paths.stateDir);
    const manager = await open({ platform: 'macos' });
    await manager.apply({ install: everyKind(), remove: [] });
    const reports = manager.pendingReports();
    expect(reports).toHaveLength(12);
    for (const report of reports) expect(report).toMatchObject({ status: 'notApplicable', error: 'the macos agent does not apply configuration profiles yet; only the Linux agent does' });
    expect(await snapshot(temp.root, temp.paths.stateDir)).toEqual(before);
    expect(await tools.calls()).toEqual([]);
  });
});
