import { describe, expect, it } from 'vitest';
import { rootPem, wgKeyA, wgKeyB } from '../../test/support/policy-fixtures.js';
import { validateProfileInput } from './validate-profile-input.js';

const b64 = (text: string): string => btoa(text);

const valid = {
  settings: { name: 'Passcode', kind: 'settings', body: { settings: { 'passcode.required': true, 'passcode.minimumLength': 8 } } },
  wifiPersonal: { name: 'Office', kind: 'wifi', body: { ssid: 'Example-Office', security: 'wpa3Personal', passphrase: 'correct horse battery' } },
  wifiEnterprise: {
    name: 'Corp',
    kind: 'wifi',
    body: {
      ssid: 'Corp', security: 'wpa2Enterprise', hidden: true, autoJoin: true,
      eap: { method: 'tls', identity: '{{user.upn}}', serverNames: ['radius.example.com'], trustedRootProfileIds: ['root-1'], clientCertificateProfileId: 'cert-1' },
      proxy: { type: 'auto', pacUrl: 'https://proxy.example.com/proxy.pac' },
    },
  },
  ikev2: {
    name: 'VPN', kind: 'vpn',
    body: { connectionName: 'Corp VPN', type: 'ikev2', server: 'vpn.example.com', remoteId: 'vpn.example.com', localId: '{{device.serial}}', authentication: { method: 'sharedSecret', sharedSecret: 'a long shared secret' },
      onDemand: { enabled: true, rules: [{ action: 'disconnect', ssids: ['Corp'] }, { action: 'connect', interfaceType: 'any' }] } },
  },
  wireguard: {
    name: 'WG', kind: 'vpn',
    body: { connectionName: 'wg0', type: 'wireguard', interface: { addresses: ['10.8.0.2/32', 'fd00::2/128'], dns: ['10.8.0.1'], mtu: 1420 },
      peers: [{ publicKey: wgKeyA, presharedKey: wgKeyB, endpoint: 'vpn.example.com:51820', allowedIps: ['0.0.0.0/0', '::/0'], persistentKeepaliveSeconds: 25 }] },
  },
  exchange: { name: 'Mail', kind: 'email', body: { accountType: 'exchange', accountName: 'Work', emailAddress: '{{user.email}}', username: '{{user.upn}}', exchange: { host: 'outlook.office365.com', ssl: true } } },
  imap: { name: 'IMAP', kind: 'email', body: { accountType: 'imap', accountName: 'Work', emailAddress: '{{user.email}}', username: '{{user.email}}', incoming: { host: 'imap.example.com', port: 993, ssl: true }, outgoing: { host: 'smtp.example.com', port: 587, ssl: true } } },
  trustedRoot: { name: 'Root', kind: 'certificate', body: { type: 'trustedRoot', name: 'Example Root', certificatePem: rootPem } },
  issued: { name: 'Device cert', kind: 'certificate', body: { type: 'issued', scope: 'device', subject: 'CN={{device.id}},O=Example', validityDays: 365 } },
  scep: { name: 'SCEP', kind: 'certificate', body: { type: 'scep', url: 'https://ndes.example.com/certsrv/mscep/mscep.dll', challenge: 'secret-challenge', subject: 'CN={{user.email}}', keySize: 2048, keyUsage: ['digitalSignature', 'keyEncipherment'] } },
  file: { name: 'motd', kind: 'custom', body: { platform: 'linux', format: 'file', path: '/etc/motd', contentBase64: b64('Managed by Ward\n'), mode: '0644' } },
  mobileconfig: { name: 'mc', kind: 'custom', body: { platform: 'macos', format: 'mobileconfig', contentBase64: b64('<?xml version="1.0"?><plist version="1.0"><dict/></plist>') } },
  syncml: { name: 'sm', kind: 'custom', body: { platform: 'windows', format: 'syncml', contentBase64: b64('<Replace><CmdID>1</CmdID></Replace>') } },
} as const;

/** `base` with `patch` merged into its body. */
function withBody(base: { readonly body: object }, patch: Record<string, unknown>): Record<string, unknown> {
  return { ...base, body: { ...base.body, ...patch } };
}

function code(input: unknown): string {
  const r = validateProfileInput(input);
  return r.ok ? 'ok' : r.code;
}

function field(input: unknown): unknown {
  const r = validateProfileInput(input);
  return r.ok ? 'ok' : r.details?.field;
}

describe('validateProfileInput', () => {
  it.each(Object.entries(valid))('accepts a valid %s profile', (_name, input) => {
    const r = validateProfileInput(input);
    if (!r.ok) throw new Error(r.message);
    expect(r.value.content.kind).toBe(input.kind);
  });

  it('derives platforms from the content and refuses ones it cannot reach', () => {
    const email = validateProfileInput(valid.exchange);
    expect(email.ok && email.value.platforms).not.toContain('linux');
    expect(code({ ...valid.exchange, platforms: ['linux'] })).toBe('PROFILE_INVALID');
    const file = validateProfileInput(valid.file);
    expect(file.ok && file.value.platforms).toEqual(['linux']);
    expect(code({ ...valid.file, platforms: ['windows'] })).toBe('PROFILE_INVALID');
    expect(code({ ...valid.settings, platforms: ['linux', 'linux'] })).toBe('PROFILE_INVALID');
    expect(code({ ...valid.settings, platforms: ['beos'] })).toBe('PROFILE_INVALID');
    expect(code({ ...valid.settings, platforms: [] })).toBe('PROFILE_INVALID');
  });

  it('refuses a setting none of the targeted platforms takes', () => {
    expect(code({ name: 'x', kind: 'settings', platforms: ['linux'], body: { settings: { 'restrictions.screenshotDisabled': true } } })).toBe('SETTING_PLATFORM_UNSUPPORTED');
    expect(code({ name: 'x', kind: 'settings', platforms: ['ios'], body: { settings: { 'restrictions.screenshotDisabled': true } } })).toBe('ok');
  });

  it('passes catalog errors through with the setting named', () => {
    expect(validateProfileInput({ name: 'x', kind: 'settings', body: { settings: { 'passcode.minimumLength': 3 } } })).toMatchObject({ ok: false, code: 'SETTING_VALUE_INVALID', details: { setting: 'passcode.minimumLength' } });
    expect(code({ name: 'x', kind: 'settings', body: { settings: { 'passcode.colour': 'red' } } })).toBe('SETTING_UNKNOWN');
    expect(code({ name: 'x', kind: 'settings', body: { settings: {} } })).toBe('PROFILE_INVALID');
    expect(code({ name: 'x', kind: 'settings', body: { settings: [] } })).toBe('PROFILE_INVALID');
    expect(code({ name: 'x', kind: 'settings', body: { settings: JSON.parse('{"__proto__": true}') } })).toBe('SETTING_UNKNOWN');
    const many = Object.fromEntries(Array.from({ length: 10_000 }, (_, i) => [`s${i}`, true]));
    expect(code({ name: 'x', kind: 'settings', body: { settings: many } })).toBe('SETTING_UNKNOWN');
  });

  it.each([
    ['no name', { ...valid.settings, name: '' }, 'name'],
    ['blank name', { ...valid.settings, name: '   ' }, 'name'],
    ['1 MB name', { ...valid.settings, name: 'x'.repeat(1_000_000) }, 'name'],
    ['control chars in name', { ...valid.settings, name: 'a\u001b[31mred' }, 'name'],
    ['a number as name', { ...valid.settings, name: 42 }, 'name'],
    ['unknown kind', { ...valid.settings, kind: 'script' }, 'kind'],
    ['unknown top-level field', { ...valid.settings, owner: 'me' }, 'owner'],
    ['no body', { name: 'x', kind: 'wifi' }, 'body'],
    ['body is an array', { name: 'x', kind: 'wifi', body: [] }, 'body'],
    ['input is not an object', 'wifi', ''],
  ])('refuses %s', (_what, input, where) => {
    expect(code(input)).toBe('PROFILE_INVALID');
    expect(field(input)).toBe(where);
  });

  describe('Wi-Fi', () => {
    it.each([
      ['an SSID over 32 bytes', { ssid: 'é'.repeat(17) }, 'body.ssid'],
      ['an empty SSID', { ssid: '' }, 'body.ssid'],
      ['control chars in the SSID', { ssid: 'Corp\u0000' }, 'body.ssid'],
      ['a short passphrase', { passphrase: 'short' }, 'body.passphrase'],
      ['a 64-char non-hex passphrase', { passphrase: 'z'.repeat(64) }, 'body.passphrase'],
      ['a non-ASCII passphrase', { passphrase: 'pässwort-lang' }, 'body.passphrase'],
      ['a passphrase with a newline', { passphrase: 'abcdefgh\n' }, 'body.passphrase'],
      ['no passphrase', { passphrase: undefined }, 'body.passphrase'],
      ['an unknown security', { security: 'wep' }, 'body.security'],
      ['EAP on a personal network', { eap: valid.wifiEnterprise.body.eap }, 'body.eap'],
      ['an http PAC URL', { proxy: { type: 'auto', pacUrl: 'http://proxy.example.com/p.pac' } }, 'body.proxy.pacUrl'],
      ['a PAC URL with credentials', { proxy: { type: 'auto', pacUrl: 'https://u:p@proxy.example.com/p.pac' } }, 'body.proxy.pacUrl'],
      ['a proxy port out of range', { proxy: { type: 'manual', host: 'proxy.example.com', port: 70000 } }, 'body.proxy.port'],
      ['a proxy host with a path', { proxy: { type: 'manual', host: 'proxy.example.com/x', port: 8080 } }, 'body.proxy.host'],
      ['a manual proxy with a PAC URL', { proxy: { type: 'manual', host: 'p.example.com', port: 8080, pacUrl: 'https://x.example.com' } }, 'body.proxy.pacUrl'],
    ])('refuses %s', (_what, patch, where) => {
      const input = withBody(valid.wifiPersonal, patch);
      expect(code(input)).toBe('PROFILE_INVALID');
      expect(field(input)).toBe(where);
    });

    it('accepts a 32-byte UTF-8 SSID and a 64-hex PSK; keeps the passphrase exactly', () => {
      expect(code(withBody(valid.wifiPersonal, { ssid: 'é'.repeat(16) }))).toBe('ok');
      expect(code(withBody(valid.wifiPersonal, { passphrase: 'a1'.repeat(32) }))).toBe('ok');
      const r = validateProfileInput(withBody(valid.wifiPersonal, { passphrase: '  spaced out  ' }));
      expect(r.ok && r.value.content.kind === 'wifi' && r.value.content.body.passphrase).toBe('  spaced out  ');
    });

    it.each([
      ['no EAP', { eap: undefined }, 'body.eap'],
      ['a passphrase', { passphrase: 'correct horse' }, 'body.passphrase'],
      ['an unknown variable in the identity', { eap: { ...valid.wifiEnterprise.body.eap, identity: '{{user.password}}' } }, 'body.eap.identity'],
      ['a malformed placeholder', { eap: { ...valid.wifiEnterprise.body.eap, identity: '{{user.email' } }, 'body.eap.identity'],
      ['no trusted root', { eap: { ...valid.wifiEnterprise.body.eap, trustedRootProfileIds: [] } }, 'body.eap.trustedRootProfileIds'],
      ['a hostile profile id', { eap: { ...valid.wifiEnterprise.body.eap, clientCertificateProfileId: '../../etc/passwd' } }, 'body.eap.clientCertificateProfileId'],
      ['a bad server name', { eap: { ...valid.wifiEnterprise.body.eap, serverNames: ['radius example'] } }, 'body.eap.serverNames[0]'],
      ['a method other than TLS', { eap: { ...valid.wifiEnterprise.body.eap, method: 'peap' } }, 'body.eap.method'],
    ])('enterprise: refuses %s', (_what, patch, where) => {
      const input = withBody(valid.wifiEnterprise, patch);
      const r = validateProfileInput(input);
      expect(r.ok ? 'ok' : r.details?.field).toBe(where);
    });

    it('keeps a null passphrase (keep the stored one) for later resolution', () => {
      const r = validateProfileInput(withBody(valid.wifiPersonal, { passphrase: null }));
      expect(r.ok && r.value.content.kind === 'wifi' && r.value.content.body.passphrase).toBeNull();
    });
  });

  describe('VPN', () => {
    it.each([
      ['a server with a scheme', valid.ikev2, { server: 'https://vpn.example.com' }, 'body.server'],
      ['a short shared secret', valid.ikev2, { authentication: { method: 'sharedSecret', sharedSecret: 'short' } }, 'body.authentication.sharedSecret'],
      ['certificate auth without roots', valid.ikev2, { authentication: { method: 'certificate', certificateProfileId: 'c1', trustedRootProfileIds: [] } }, 'body.authentication.trustedRootProfileIds'],
      ['certificate auth with a secret', valid.ikev2, { authentication: { method: 'certificate', certificateProfileId: 'c1', trustedRootProfileIds: ['r1'], sharedSecret: 'abcdefghij' } }, 'body.authentication.sharedSecret'],
      ['WireGuard fields on IKEv2', valid.ikev2, { peers: [] }, 'body.peers'],
      ['on-demand without rules', valid.ikev2, { onDemand: { enabled: true, rules: [] } }, 'body.onDemand.rules'],
      ['an SSID rule on ethernet', valid.ikev2, { onDemand: { enabled: true, rules: [{ action: 'connect', interfaceType: 'ethernet', ssids: ['x'] }] } }, 'body.onDemand.rules[0].ssids'],
      ['an unknown on-demand action', valid.ikev2, { onDemand: { enabled: true, rules: [{ action: 'evaluate' }] } }, 'body.onDemand.rules[0].action'],
      ['too many rules', valid.ikev2, { onDemand: { enabled: true, rules: Array.from({ length: 33 }, () => ({ action: 'connect' })) } }, 'body.onDemand.rules'],
      ['a bad WireGuard key', valid.wireguard, { peers: [{ ...valid.wireguard.body.peers[0], publicKey: 'not-a-key' }] }, 'body.peers[0].publicKey'],
      ['a 31-byte key', valid.wireguard, { peers: [{ ...valid.wireguard.body.peers[0], publicKey: btoa('x'.repeat(31)) }] }, 'body.peers[0].publicKey'],
      ['an endpoint without port', valid.wireguard, { peers: [{ ...valid.wireguard.body.peers[0], endpoint: 'vpn.example.com' }] }, 'body.peers[0].endpoint'],
      ['an endpoint port 0', valid.wireguard, { peers: [{ ...valid.wireguard.body.peers[0], endpoint: 'vpn.example.com:0' }] }, 'body.peers[0].endpoint'],
      ['a bad CIDR', valid.wireguard, { peers: [{ ...valid.wireguard.body.peers[0], allowedIps: ['10.0.0.0/33'] }] }, 'body.peers[0].allowedIps[0]'],
      ['an IPv4 with leading zeros', valid.wireguard, { interface: { addresses: ['010.8.0.2/32'] } }, 'body.interface.addresses[0]'],
      ['a tiny MTU', valid.wireguard, { interface: { addresses: ['10.8.0.2/32'], mtu: 100 } }, 'body.interface.mtu'],
      ['no peers', valid.wireguard, { peers: [] }, 'body.peers'],
      ['the same peer twice', valid.wireguard, { peers: [valid.wireguard.body.peers[0], valid.wireguard.body.peers[0]] }, 'body.peers'],
      ['IKEv2 fields on WireGuard', valid.wireguard, { server: 'vpn.example.com' }, 'body.server'],
    ])('refuses %s', (_what, base, patch, where) => {
      expect(field(withBody(base, patch))).toBe(where);
    });

    it('accepts IPv6 endpoints and a device-generated key (no privateKey)', () => {
      expect(code(withBody(valid.wireguard, { peers: [{ publicKey: wgKeyA, endpoint: '[2001:db8::1]:51820', allowedIps: ['::/0'] }] }))).toBe('ok');
    });
  });

  describe('e-mail', () => {
    it.each([
      ['a literal address that is not one', valid.exchange, { emailAddress: 'not an address' }, 'body.emailAddress'],
      ['IMAP servers on Exchange', valid.exchange, { incoming: { host: 'imap.example.com', port: 993, ssl: true } }, 'body.incoming'],
      ['Exchange without host', valid.exchange, { exchange: { ssl: true } }, 'body.exchange.host'],
      ['IMAP without SMTP', valid.imap, { outgoing: undefined }, 'body.outgoing'],
      ['a port of 0', valid.imap, { incoming: { host: 'imap.example.com', port: 0, ssl: true } }, 'body.incoming.port'],
      ['a fractional port', valid.imap, { incoming: { host: 'imap.example.com', port: 993.5, ssl: true } }, 'body.incoming.port'],
      ['an unknown variable', valid.imap, { username: '{{user.samAccountName}}' }, 'body.username'],
    ])('refuses %s', (_what, base, patch, where) => {
      expect(field(withBody(base, patch))).toBe(where);
    });
  });

  describe('certificates', () => {
    it.each([
      ['text that is not PEM', valid.trustedRoot, { certificatePem: 'hello' }, 'body.certificatePem'],
      ['a private key', valid.trustedRoot, { certificatePem: '-----BEGIN PRIVATE KEY-----\nMIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQg\n-----END PRIVATE KEY-----\n' }, 'body.certificatePem'],
      ['two certificates', valid.trustedRoot, { certificatePem: rootPem + rootPem }, 'body.certificatePem'],
      ['PEM with trailing junk', valid.trustedRoot, { certificatePem: `${rootPem}junk` }, 'body.certificatePem'],
      ['PEM with a broken body', valid.trustedRoot, { certificatePem: rootPem.replace('MIIB', 'M!IB') }, 'body.certificatePem'],
      ['a 1 MB PEM', valid.trustedRoot, { certificatePem: rootPem.repeat(2000) }, 'body.certificatePem'],
      ['an http SCEP URL', valid.scep, { url: 'http://ndes.example.com/scep' }, 'body.url'],
      ['a javascript SCEP URL', valid.scep, { url: 'javascript:alert(1)' }, 'body.url'],
      ['a key size of 1024', valid.scep, { keySize: 1024 }, 'body.keySize'],
      ['a duplicated key usage', valid.scep, { keyUsage: ['digitalSignature', 'digitalSignature'] }, 'body.keyUsage'],
      ['an unknown key usage', valid.scep, { keyUsage: ['certSign'] }, 'body.keyUsage[0]'],
      ['a subject that is not a DN', valid.scep, { subject: 'just a name' }, 'body.subject'],
      ['a subject with an unknown attribute', valid.scep, { subject: 'XX=1' }, 'body.subject'],
      ['SCEP fields on an issued profile', valid.issued, { url: 'https://x.example.com' }, 'body.url'],
      ['a validity of 0 days', valid.issued, { validityDays: 0 }, 'body.validityDays'],
      ['a validity of 10 years', valid.issued, { validityDays: 3650 }, 'body.validityDays'],
      ['an unknown scope', valid.issued, { scope: 'computer' }, 'body.scope'],
    ])('refuses %s', (_what, base, patch, where) => {
      expect(field(withBody(base, patch))).toBe(where);
    });

    it('normalises PEM line endings', () => {
      const r = validateProfileInput(withBody(valid.trustedRoot, { certificatePem: rootPem.replace(/\n/g, '\r\n') }));
      expect(r.ok && r.value.content.kind === 'certificate' && r.value.content.body.type === 'trustedRoot' && r.value.content.body.certificatePem).toBe(rootPem);
    });
  });

  describe('custom payloads', () => {
    it.each([
      ['path traversal', { path: '/etc/../etc/shadow' }],
      ['a relative path', { path: 'etc/motd' }],
      ['a dot segment', { path: '/etc/./motd' }],
      ['an empty segment', { path: '/etc//motd' }],
      ['a trailing slash', { path: '/etc/motd/' }],
      ['a NUL in the path', { path: '/etc/motd\u0000.txt' }],
      ['a backslash', { path: '/etc\\motd' }],
      ['a kernel interface', { path: '/proc/sys/kernel/panic' }],
      ['the agent identity', { path: '/var/lib/ward-agent/identity.json' }],
      ['the boot partition', { path: '/boot/grub/grub.cfg' }],
      ['a 5000-char path', { path: `/${'a'.repeat(5000)}` }],
      ['a setuid mode', { mode: '4755' }],
      ['a world-writable mode', { mode: '0666' }],
      ['a decimal mode', { mode: '644' }],
      ['a non-octal mode', { mode: '0899' }],
      ['content that is not base64', { contentBase64: 'not base64!' }],
      ['unpadded base64', { contentBase64: 'YWJj ZA' }],
      ['content over 512 KiB', { contentBase64: btoa('x'.repeat(600 * 1024)) }],
    ])('refuses a Linux file with %s', (_what, patch) => {
      expect(code(withBody(valid.file, patch))).toBe('PROFILE_INVALID');
    });

    it.each([
      ['a format of another platform', valid.mobileconfig, { format: 'syncml' }],
      ['a mobileconfig that is not a plist', valid.mobileconfig, { contentBase64: btoa('#!/bin/sh\nrm -rf /') }],
      ['an empty mobileconfig', valid.mobileconfig, { contentBase64: '' }],
      ['SyncML that is not XML', valid.syncml, { contentBase64: btoa('hello') }],
      ['a path on a mobileconfig', valid.mobileconfig, { path: '/tmp/x' }],
    ])('refuses %s', (_what, base, patch) => {
      expect(code(withBody(base, patch))).toBe('PROFILE_INVALID');
    });

    it('accepts an empty Linux file and a signed mobileconfig', () => {
      expect(code(withBody(valid.file, { contentBase64: '' }))).toBe('ok');
      expect(code(withBody(valid.mobileconfig, { contentBase64: btoa('\u0030\u0082\u0001\u0000rest-of-cms') }))).toBe('ok');
    });
  });
});
