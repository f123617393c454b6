import { validateProfileInput } from '@ward/core';
import { describe, expect, it } from 'vitest';
import { bodyOf, decodeText, draftOf, emptyDraft, encodeText, type ProfileDraft, type StoredProfile } from './profile-draft';

// The forms send what `bodyOf` makes of their drafts; the server checks it with core's validator.
// These run that same validator on what each kind's form sends, so a form that drifts from the
// API's shapes fails here rather than in front of an admin.
function validate(kind: ProfileDraft['kind'], draft: ProfileDraft) {
  return validateProfileInput({ name: `A ${kind} profile`, kind, body: bodyOf(draft) });
}

const stored = (kind: ProfileDraft['kind'], body: unknown, secretsSet: readonly string[] = []): StoredProfile => ({ id: 'p1', name: 'Stored', description: '', platforms: ['linux'], kind, version: 3, body, secretsSet });

describe('profile drafts', () => {
  it('make bodies the validator accepts, for every kind and variant a form offers', () => {
    const drafts: ProfileDraft[] = [
      { kind: 'settings', values: { 'passcode.required': true, 'passcode.minimumLength': 8, 'passcode.complexity': 'alphanumeric', 'lockScreen.message': 'Call {{user.email}}' } },
      { ...emptyDraft('wifi'), kind: 'wifi', ssid: 'Corp', passphrase: { stored: false, value: 'correct horse battery' } },
      { ...emptyDraft('wifi'), kind: 'wifi', ssid: 'Guest', security: 'open', proxy: 'manual', proxyHost: 'proxy.example.com', proxyPort: '3128' },
      { ...emptyDraft('wifi'), kind: 'wifi', ssid: 'Corp', security: 'open', proxy: 'auto', proxyPacUrl: 'https://proxy.example.com/proxy.pac' },
      { ...emptyDraft('vpn'), kind: 'vpn', connectionName: 'Corp VPN', addresses: '10.8.0.2/32', dns: '10.8.0.1', peers: [{ publicKey: 'xTIBA5rboUvnH4htodjb6e697QjLERt1NAB4mZqp8Dg=', presharedKey: { stored: false, value: '' }, endpoint: 'vpn.example.com:51820', allowedIps: '10.0.0.0/8\n192.168.0.0/16', keepalive: 25 }] },
      { ...emptyDraft('vpn'), kind: 'vpn', connectionName: 'IKE', type: 'ikev2', server: 'vpn.example.com', remoteId: 'vpn.example.com', authMethod: 'sharedSecret', sharedSecret: { stored: false, value: 'a shared secret of some length' }, onDemandEnabled: true, onDemandRules: [{ action: 'disconnect', ssids: 'Corp, Corp-5G', dnsDomains: '', interfaceType: 'wifi' }, { action: 'connect', ssids: '', dnsDomains: '', interfaceType: 'any' }] },
      { ...emptyDraft('email'), kind: 'email', incoming: { host: 'imap.example.com', port: 993, ssl: true }, outgoing: { host: 'smtp.example.com', port: '587', ssl: true } },
      { ...emptyDraft('email'), kind: 'email', accountType: 'exchange', exchangeHost: 'mail.example.com' },
      { ...emptyDraft('certificate'), kind: 'certificate', type: 'issued', validityDays: '365' },
      { ...emptyDraft('certificate'), kind: 'certificate', type: 'scep', url: 'https://scep.example.com/scep', challenge: { stored: false, value: 'challenge-password' }, keySize: '3072' },
      { ...emptyDraft('custom'), kind: 'custom', path: '/etc/ward/example.conf', text: 'key=value\n' },
      { ...emptyDraft('custom'), kind: 'custom', platform: 'windows', text: '<Replace><CmdID>1</CmdID></Replace>' },
    ];
    for (const draft of drafts) {
      const result = validate(draft.kind, draft);
      expect(result.ok ? 'ok' : `${result.code}: ${result.message}`, JSON.stringify(bodyOf(draft))).toBe('ok');
    }
  });

  it('leave the server to refuse what is out of range, with the setting named', () => {
    const result = validate('settings', { kind: 'settings', values: { 'passcode.minimumLength': 2 } });
    expect(result.ok ? undefined : { code: result.code, setting: result.details?.setting }).toEqual({ code: 'SETTING_VALUE_INVALID', setting: 'passcode.minimumLength' });
    const empty = validate('settings', { kind: 'settings', values: { 'passcode.minimumLength': '' } });
    expect(empty.ok ? undefined : empty.code).toBe('SETTING_VALUE_INVALID');
  });

  it('keep stored secrets unless replaced: null keeps, a value replaces, nothing stored and nothing typed is refused', () => {
    const wifi = draftOf(stored('wifi', { ssid: 'Corp', hidden: false, autoJoin: true, security: 'wpa2Personal', passphrase: null, proxy: { type: 'none' } }, ['passphrase']));
    expect(wifi).toMatchObject({ kind: 'wifi', ssid: 'Corp', passphrase: { stored: true, value: '' } });
    expect(bodyOf(wifi)).toMatchObject({ passphrase: null });
    expect(validate('wifi', wifi).ok).toBe(true);
    if (wifi.kind !== 'wifi') throw new Error('not a wifi draft');
    expect(bodyOf({ ...wifi, passphrase: { stored: true, value: 'a new passphrase' } })).toMatchObject({ passphrase: 'a new passphrase' });
    expect(bodyOf({ ...wifi, passphrase: { stored: false, value: '' } })).toMatchObject({ passphrase: '' });
    expect(validate('wifi', { ...wifi, passphrase: { stored: false, value: '' } }).ok).toBe(false);

    const vpn = draftOf(stored('vpn', {
      connectionName: 'WG', onDemand: { enabled: false, rules: [] }, type: 'wireguard',
      interface: { addresses: ['10.8.0.2/32'], dns: [], privateKey: null },
      peers: [{ publicKey: 'xTIBA5rboUvnH4htodjb6e697QjLERt1NAB4mZqp8Dg=', presharedKey: null, endpoint: 'vpn.example.com:51820', allowedIps: ['0.0.0.0/0'] }],
    }, ['interface.privateKey', 'peers[xTIBA5rboUvnH4htodjb6e697QjLERt1NAB4mZqp8Dg=].presharedKey']));
    expect(bodyOf(vpn)).toMatchObject({ interface: { privateKey: null }, peers: [{ presharedKey: null }] });
    expect(validate('vpn', vpn).ok).toBe(true);
    // Optional secrets that were never stored are left out, not sent empty.
    const fresh = bodyOf({ ...emptyDraft('vpn'), kind: 'vpn' });
    expect(JSON.stringify(fresh)).not.toContain('privateKey');
    expect(JSON.stringify(fresh)).not.toContain('presharedKey');
  });

  it('read every kind back from what the API shows, and write it again unchanged', () => {
    const bodies: [ProfileDraft['kind'], unknown][] = [
      ['settings', { settings: { 'firewall.enabled': true, 'screenLock.timeoutSeconds': 120 } }],
      ['email', { accountType: 'imap', accountName: 'Work', emailAddress: '{{user.email}}', username: '{{user.upn}}', incoming: { host: 'imap.example.com', port: 993, ssl: true }, outgoing: { host: 'smtp.example.com', port: 587, ssl: false } }],
      ['certificate', { type: 'issued', scope: 'user', subject: 'CN={{user.email}}', validityDays: 90 }],
      ['custom', { platform: 'linux', format: 'file', path: '/etc/example.conf', contentBase64: encodeText('ä=1\n'), mode: '0640' }],
    ];
    for (const [kind, body] of bodies) expect(bodyOf(draftOf(stored(kind, body)))).toEqual(body);
  });

  it('keep binary custom payloads as they are', () => {
    const binary = btoa(String.fromCharCode(0x30, 0x82, 0xff, 0xfe));
    expect(decodeText(binary)).toBeNull();
    const draft = draftOf(stored('custom', { platform: 'macos', format: 'mobileconfig', contentBase64: binary }));
    expect(draft).toMatchObject({ kind: 'custom', text: null, base64: binary });
    expect(bodyOf(draft)).toEqual({ platform: 'macos', format: 'mobileconfig', contentBase64: binary });
  });
});
