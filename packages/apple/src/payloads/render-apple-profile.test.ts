import { randomBytes } from 'node:crypto';
import { settingDefinitions, type ConfigurationItem, type ProfileKind, type RenderedPayload, type SettingValue } from '@ward/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PlistDict } from '../plist/plist-value.js';
import { encodePlist } from '../plist/encode-plist.js';
import { applePlatforms } from './apple-platform.js';
import { UnreadableCredentialError } from './credential-payloads.js';
import { InvalidScepSubjectError } from './render-certificate-payloads.js';
import { appleProfileIdentifier, renderAppleProfile, type AppleProfile, type AppleProfileRendering, type RenderAppleProfileOptions } from './render-apple-profile.js';
import { WIREGUARD_NOT_APPLICABLE } from './render-vpn-payloads.js';
import { makeTestIdentity, runOpenssl, tempDir, writeTemp, type TestIdentity } from './test-support/test-identity.js';
import { onlyPayload, payloadsOf, validateProfile } from './test-support/validate-profile.js';

const options: RenderAppleProfileOptions = {
  identifierPrefix: 'com.example.ward',
  organization: 'Example Corp',
  channel: 'device',
  ownership: 'corporate',
  randomBytes: (n) => new Uint8Array(randomBytes(n)),
};

function item(kind: ProfileKind, payload: RenderedPayload, hash = 'a'.repeat(64)): ConfigurationItem {
  return { id: 'prof-1', hash, name: 'Corporate policy', kind, payload };
}

function profile(rendering: AppleProfileRendering): AppleProfile {
  if ('notApplicable' in rendering) throw new Error(`not applicable: ${rendering.notApplicable}`);
  return rendering;
}

/**
 * Every payload must pass Apple's schema. The one known gap: Apple's YAML marks com.apple.screensaver's
 * moduleName required and lists idleTime only for the user payload, while the catalog (and macOS)
 * take idleTime in the system payload without forcing a screen saver module.
 */
function expectValid(dict: PlistDict): void {
  for (const verdict of validateProfile(dict)) {
    const problems = verdict.payloadType === 'com.apple.screensaver' ? verdict.problems.filter((p) => p !== 'REQUIRED_KEY_MISSING moduleName') : verdict.problems;
    expect(problems, verdict.payloadType).toEqual([]);
    const unknown = verdict.payloadType === 'com.apple.screensaver' ? verdict.unknownKeys.filter((k) => k !== 'idleTime') : verdict.unknownKeys;
    expect(unknown, verdict.payloadType).toEqual([]);
  }
  // And it must encode as a plist.
  expect(encodePlist(dict)).toContain('<key>PayloadContent</key>');
}

let identity: TestIdentity;
let other: TestIdentity;
const temp = tempDir();
beforeAll(() => {
  identity = makeTestIdentity('device-1');
  other = makeTestIdentity('other');
});
afterAll(() => {
  temp.remove();
});

describe('renderAppleProfile: the Configuration top level', () => {
  const settings = { settings: { 'passcode.required': true } };

  it('has a stable identifier per Ward profile and a UUID that follows the item hash', () => {
    const v1 = profile(renderAppleProfile(item('settings', settings, '1'.repeat(64)), 'ios', options));
    const v1again = profile(renderAppleProfile(item('settings', settings, '1'.repeat(64)), 'ios', options));
    const v2 = profile(renderAppleProfile(item('settings', settings, '2'.repeat(64)), 'ios', options));
    expect(v1.identifier).toBe('com.example.ward.profile.prof-1');
    expect(v1.identifier).toBe(appleProfileIdentifier('com.example.ward', 'prof-1'));
    expect(v2.identifier).toBe(v1.identifier);
    expect(v1again.payloadUuid).toBe(v1.payloadUuid);
    expect(v2.payloadUuid).not.toBe(v1.payloadUuid);
    expect(v1.payloadUuid).toMatch(/^[0-9A-F]{8}-[0-9A-F]{4}-8[0-9A-F]{3}-[89AB][0-9A-F]{3}-[0-9A-F]{12}$/);
    // Inner payloads keep their identifier and change UUID with the version too.
    const p1 = onlyPayload(v1.dict, 'com.apple.mobiledevice.passwordpolicy');
    const p2 = onlyPayload(v2.dict, 'com.apple.mobiledevice.passwordpolicy');
    expect(p2.PayloadIdentifier).toBe(p1.PayloadIdentifier);
    expect(p2.PayloadUUID).not.toBe(p1.PayloadUUID);
  });

  it('names the profile after the item, with the organization, and forbids removal on corporate devices', () => {
    const { dict } = profile(renderAppleProfile(item('settings', settings), 'ios', options));
    expect(dict).toMatchObject({ PayloadType: 'Configuration', PayloadVersion: 1, PayloadDisplayName: 'Corporate policy', PayloadOrganization: 'Example Corp', PayloadRemovalDisallowed: true });
    expect(dict.PayloadScope).toBeUndefined();
    expectValid(dict);
  });

  it('leaves removal allowed on personal and user-enrolled devices', () => {
    expect(profile(renderAppleProfile(item('settings', settings), 'ios', { ...options, ownership: 'personal' })).dict.PayloadRemovalDisallowed).toBeUndefined();
    expect(profile(renderAppleProfile(item('settings', settings), 'ios', { ...options, userEnrollment: true })).dict.PayloadRemovalDisallowed).toBeUndefined();
  });

  it('scopes macOS profiles to the system on the device channel and to the user on the user channel', () => {
    expect(profile(renderAppleProfile(item('settings', settings), 'macos', options)).dict.PayloadScope).toBe('System');
    expect(profile(renderAppleProfile(item('settings', settings), 'macos', { ...options, channel: 'user' })).dict.PayloadScope).toBe('User');
  });

  it('refuses an identifier prefix that is not reverse-DNS and keeps odd profile ids inside the identifier', () => {
    expect(() => renderAppleProfile(item('settings', settings), 'ios', { ...options, identifierPrefix: 'not a prefix' })).toThrow(/reverse-DNS/);
    expect(appleProfileIdentifier('com.example.ward', 'a.b/c d')).toBe('com.example.ward.profile.a-b-c-d');
  });

  it('refuses an item whose payload is not of its kind', () => {
    expect(() => renderAppleProfile(item('wifi', settings), 'ios', options)).toThrow(/not a wifi payload/);
    expect(() => renderAppleProfile(item('certificate', { ssid: 'x', hidden: false, autoJoin: true, security: 'open', proxy: { type: 'none' } }), 'ios', options)).toThrow(/not a certificate payload/);
  });
});

describe('renderAppleProfile: settings', () => {
  const all: Record<string, SettingValue> = {
    'passcode.required': true,
    'passcode.minimumLength': 8,
    'passcode.complexity': 'complex',
    'passcode.maxInactivitySeconds': 61,
    'passcode.expiryDays': 90,
    'passcode.historyCount': 5,
    'encryption.required': true,
    'firewall.enabled': true,
    'screenLock.timeoutSeconds': 300,
    'osUpdate.deadlineDays': 7,
    'restrictions.cameraDisabled': true,
    'restrictions.screenshotDisabled': true,
    'restrictions.usbStorageDisabled': true,
    'softwareUpdate.automaticDownload': true,
    'softwareUpdate.automaticInstall': false,
    'softwareUpdate.deferralDays': 14,
    'lockScreen.message': 'Found me? Call +1 555 0100',
  };

  it('maps the passcode settings as the catalog notes say on iOS, and restrictions inverted', () => {
    const rendered = profile(renderAppleProfile(item('settings', { settings: all }), 'ios', options));
    expect(onlyPayload(rendered.dict, 'com.apple.mobiledevice.passwordpolicy')).toMatchObject({
      forcePIN: true,
      minLength: 8,
      allowSimple: false,
      requireAlphanumeric: true,
      minComplexChars: 1,
      maxInactivity: 2,
      maxPINAgeInDays: 90,
      pinHistory: 5,
    });
    expect(onlyPayload(rendered.dict, 'com.apple.applicationaccess')).toMatchObject({ allowCamera: false, allowScreenShot: false, forceDelayedSoftwareUpdates: true, enforcedSoftwareUpdateDelay: 14 });
    expect(onlyPayload(rendered.dict, 'com.apple.shareddeviceconfiguration')).toMatchObject({ LockScreenFootnote: 'Found me? Call +1 555 0100' });
    expectValid(rendered.dict);
  });

  it('reports the macOS-only settings and the declaration as not applicable on iOS, with reasons', () => {
    const rendered = profile(renderAppleProfile(item('settings', { settings: all }), 'ios', options));
    const byId = new Map(rendered.settings.map((s) => [s.id, s]));
    for (const id of ['encryption.required', 'firewall.enabled', 'screenLock.timeoutSeconds', 'restrictions.usbStorageDisabled', 'softwareUpdate.automaticDownload', 'softwareUpdate.automaticInstall']) {
      expect(byId.get(id), id).toMatchObject({ status: 'notApplicable' });
    }
    expect(byId.get('osUpdate.deadlineDays')).toMatchObject({ status: 'notApplicable', error: expect.stringContaining('declaration') as string });
    expect(rendered.settings).toHaveLength(7);
    expect(payloadsOf(rendered.dict).map((p) => p.PayloadType).sort()).toEqual(['com.apple.applicationaccess', 'com.apple.mobiledevice.passwordpolicy', 'com.apple.shareddeviceconfiguration']);
  });

  it('renders the macOS payloads: FileVault deferred, firewall, screen lock that asks for the password, software update, external disks denied', () => {
    const rendered = profile(renderAppleProfile(item('settings', { settings: all }), 'macos', options));
    expect(onlyPayload(rendered.dict, 'com.apple.MCX.FileVault2')).toMatchObject({ Enable: 'On', Defer: true });
    expect(onlyPayload(rendered.dict, 'com.apple.security.firewall')).toMatchObject({ EnableFirewall: true });
    expect(onlyPayload(rendered.dict, 'com.apple.screensaver')).toMatchObject({ idleTime: 300, askForPassword: true, askForPasswordDelay: 0 });
    expect(onlyPayload(rendered.dict, 'com.apple.SoftwareUpdate')).toMatchObject({ AutomaticDownload: true, AutomaticallyInstallMacOSUpdates: false });
    expect(onlyPayload(rendered.dict, 'com.apple.systemuiserver')).toMatchObject({ 'mount-controls': { 'harddisk-external': ['deny'] } });
    expect(rendered.settings.map((s) => s.id).sort()).toEqual(['lockScreen.message', 'osUpdate.deadlineDays']);
    expectValid(rendered.dict);
  });

  it('clamps what Apple cannot express: length above 16 is applied as 16 and reported failed; inactivity beyond 15 minutes becomes 15', () => {
    const rendered = profile(renderAppleProfile(item('settings', { settings: { 'passcode.minimumLength': 20, 'passcode.maxInactivitySeconds': 3600 } }), 'ios', options));
    expect(onlyPayload(rendered.dict, 'com.apple.mobiledevice.passwordpolicy')).toMatchObject({ minLength: 16, maxInactivity: 15 });
    expect(rendered.settings).toEqual([{ id: 'passcode.minimumLength', status: 'failed', error: expect.stringContaining('16') as string }]);
    expectValid(rendered.dict);
  });

  it('adds no key that would switch something off when a setting says "not required"', () => {
    const rendered = renderAppleProfile(item('settings', { settings: { 'encryption.required': false, 'firewall.enabled': false, 'restrictions.usbStorageDisabled': false } }), 'macos', options);
    expect(rendered).toMatchObject({ notApplicable: expect.stringContaining('None of the') as string });
    const numeric = profile(renderAppleProfile(item('settings', { settings: { 'passcode.complexity': 'numeric', 'passcode.expiryDays': 0, 'passcode.historyCount': 0 } }), 'ios', options));
    expect(onlyPayload(numeric.dict, 'com.apple.mobiledevice.passwordpolicy')).toEqual(expect.not.objectContaining({ requireAlphanumeric: true }));
    expect(onlyPayload(numeric.dict, 'com.apple.mobiledevice.passwordpolicy')).toMatchObject({ allowSimple: false });
    expect(Object.keys(onlyPayload(numeric.dict, 'com.apple.mobiledevice.passwordpolicy'))).not.toContain('pinHistory');
  });

  it('is not applicable when no setting maps to the platform, and still reports each setting', () => {
    const rendered = renderAppleProfile(item('settings', { settings: { 'firewall.enabled': true } }), 'ipados', options);
    expect(rendered).toMatchObject({ notApplicable: expect.any(String) as string, settings: [{ id: 'firewall.enabled', status: 'notApplicable' }] });
  });

  it('reports an unknown setting and a value of the wrong type instead of rendering them', () => {
    const rendered = profile(renderAppleProfile(item('settings', { settings: { 'passcode.required': true, 'no.such.setting': 1, 'passcode.minimumLength': 'eight' } }), 'ios', options));
    expect(rendered.settings).toEqual([
      { id: 'no.such.setting', status: 'notApplicable', error: expect.any(String) as string },
      { id: 'passcode.minimumLength', status: 'failed', error: expect.stringContaining('type') as string },
    ]);
    expect(onlyPayload(rendered.dict, 'com.apple.mobiledevice.passwordpolicy')).toEqual(expect.not.objectContaining({ minLength: expect.anything() as unknown }));
  });

  it('renders every catalog setting that has an Apple mapping, on each of its platforms, to a valid payload', () => {
    for (const definition of settingDefinitions) {
      const mapping = definition.mappings.apple;
      if (mapping === undefined || mapping.payloadType.startsWith('com.apple.configuration.')) continue;
      const value: SettingValue = definition.value.type === 'boolean' ? true : definition.value.type === 'integer' ? Math.max(definition.value.min, 1) : definition.value.type === 'enum' ? (definition.value.values.at(-1) ?? '') : 'text';
      for (const platform of mapping.platforms) {
        const rendered = profile(renderAppleProfile(item('settings', { settings: { [definition.id]: value } }), platform, options));
        expect(rendered.settings, `${definition.id} on ${platform}`).toEqual([]);
        expect(onlyPayload(rendered.dict, mapping.payloadType), definition.id).toBeDefined();
        expectValid(rendered.dict);
      }
    }
  });
});

describe('renderAppleProfile: Wi-Fi', () => {
  it('renders a WPA2 personal network with its passphrase and a manual proxy', () => {
    const rendered = profile(
      renderAppleProfile(item('wifi', { ssid: 'Corp', hidden: true, autoJoin: true, security: 'wpa2Personal', passphrase: 'correct horse battery', proxy: { type: 'manual', host: 'proxy.example.com', port: 3128 } }), 'ios', options),
    );
    expect(onlyPayload(rendered.dict, 'com.apple.wifi.managed')).toMatchObject({
      SSID_STR: 'Corp',
      HIDDEN_NETWORK: true,
      AutoJoin: true,
      EncryptionType: 'WPA2',
      Password: 'correct horse battery',
      ProxyType: 'Manual',
      ProxyServer: 'proxy.example.com',
      ProxyServerPort: 3128,
    });
    expectValid(rendered.dict);
  });

  it('renders an open network with a PAC proxy and no password', () => {
    const rendered = profile(renderAppleProfile(item('wifi', { ssid: 'Guest', hidden: false, autoJoin: false, security: 'open', passphrase: 'ignored', proxy: { type: 'auto', pacUrl: 'https://pac.example.com/p.pac' } }), 'macos', options));
    const wifi = onlyPayload(rendered.dict, 'com.apple.wifi.managed');
    expect(wifi).toMatchObject({ EncryptionType: 'None', ProxyType: 'Auto', ProxyPACURL: 'https://pac.example.com/p.pac' });
    expect(wifi.Password).toBeUndefined();
    expectValid(rendered.dict);
  });

  it('renders WPA3 enterprise EAP-TLS with its RADIUS roots and the client identity as companion payloads', () => {
    const rendered = profile(
      renderAppleProfile(
        item('wifi', {
          ssid: 'Corp-Secure',
          hidden: false,
          autoJoin: true,
          security: 'wpa3Enterprise',
          eap: { method: 'tls', identity: 'ada@example.com', serverNames: ['radius.example.com'], trustedRootsPem: [identity.caPem, other.caPem], clientCertificate: { certificatePem: identity.certificatePem, chainPem: identity.caPem, privateKeyPem: identity.privateKeyPem } },
          proxy: { type: 'none' },
        }),
        'ios',
        options,
      ),
    );
    const wifi = onlyPayload(rendered.dict, 'com.apple.wifi.managed');
    const roots = payloadsOf(rendered.dict).filter((p) => p.PayloadType === 'com.apple.security.root');
    const pkcs12 = onlyPayload(rendered.dict, 'com.apple.security.pkcs12');
    expect(wifi).toMatchObject({ EncryptionType: 'WPA3', PayloadCertificateUUID: pkcs12.PayloadUUID });
    expect(wifi.EAPClientConfiguration).toEqual({ AcceptEAPTypes: [13], UserName: 'ada@example.com', TLSTrustedServerNames: ['radius.example.com'], PayloadCertificateAnchorUUID: roots.map((r) => r.PayloadUUID) });
    expect(roots).toHaveLength(2);
    expect(roots[0]?.PayloadDisplayName).toBe('Ward Test Root');
    // The PKCS#12 opens with the Password beside it and holds the device's key and certificate.
    const path = writeTemp(temp.dir, 'wifi.p12', pkcs12.PayloadContent as Uint8Array);
    const out = runOpenssl(['pkcs12', '-in', path, '-passin', `pass:${pkcs12.Password as string}`, '-nodes'], temp.dir);
    expect(out).toContain('subject=CN = device-1');
    expect(out).toContain('-----BEGIN PRIVATE KEY-----');
    expectValid(rendered.dict);
  });

  it('leaves the identity out when the device enrols it itself over SCEP', () => {
    const rendered = profile(renderAppleProfile(item('wifi', { ssid: 'Corp', hidden: false, autoJoin: true, security: 'wpa2Enterprise', eap: { method: 'tls', identity: 'x', serverNames: [], trustedRootsPem: [] }, proxy: { type: 'none' } }), 'ios', options));
    expect(payloadsOf(rendered.dict)).toHaveLength(1);
    expect(onlyPayload(rendered.dict, 'com.apple.wifi.managed').PayloadCertificateUUID).toBeUndefined();
    expectValid(rendered.dict);
  });

  it('refuses a damaged trusted root instead of installing something else', () => {
    const damaged = identity.caPem.replace(/[A-Za-z](?=[A-Za-z0-9+/]{40})/, '!');
    const wifi = (pem: string): ConfigurationItem => item('wifi', { ssid: 'C', hidden: false, autoJoin: true, security: 'wpa2Enterprise', eap: { method: 'tls', identity: 'x', serverNames: [], trustedRootsPem: [pem] }, proxy: { type: 'none' } });
    expect(() => renderAppleProfile(wifi(damaged), 'ios', options)).toThrow(UnreadableCredentialError);
    expect(() => renderAppleProfile(wifi('not pem at all'), 'ios', options)).toThrow(UnreadableCredentialError);
    const notACertificate = `-----BEGIN CERTIFICATE-----\n${Buffer.from('0123456789'.repeat(10)).toString('base64')}\n-----END CERTIFICATE-----\n`;
    expect(() => renderAppleProfile(wifi(notACertificate), 'ios', options)).toThrow(UnreadableCredentialError);
    expect(() => renderAppleProfile(wifi(identity.caPem.repeat(40)), 'ios', options)).toThrow(UnreadableCredentialError);
  });
});

describe('renderAppleProfile: VPN', () => {
  const onDemand = {
    enabled: true,
    rules: [
      { action: 'disconnect' as const, ssids: ['Corp'] },
      { action: 'ignore' as const, dnsDomains: ['corp.example.com'], interfaceType: 'wifi' as const },
      { action: 'connect' as const, interfaceType: 'any' as const },
    ],
  };

  it('renders IKEv2 with certificate authentication, its identity and roots, and the on-demand rules in order', () => {
    const rendered = profile(
      renderAppleProfile(
        item('vpn', {
          connectionName: 'Corp VPN',
          onDemand,
          type: 'ikev2',
          server: 'vpn.example.com',
          remoteId: 'vpn.example.com',
          localId: 'SERIAL123',
          authentication: { method: 'certificate', trustedRootsPem: [identity.caPem], certificatePem: identity.certificatePem, chainPem: '', privateKeyPem: identity.privateKeyPem },
        }),
        'macos',
        options,
      ),
    );
    const vpn = onlyPayload(rendered.dict, 'com.apple.vpn.managed');
    const pkcs12 = onlyPayload(rendered.dict, 'com.apple.security.pkcs12');
    expect(vpn).toMatchObject({ VPNType: 'IKEv2', UserDefinedName: 'Corp VPN' });
    expect(vpn.IKEv2).toEqual({
      RemoteAddress: 'vpn.example.com',
      RemoteIdentifier: 'vpn.example.com',
      LocalIdentifier: 'SERIAL123',
      AuthenticationMethod: 'Certificate',
      PayloadCertificateUUID: pkcs12.PayloadUUID,
      OnDemandEnabled: 1,
      OnDemandRules: [{ Action: 'Disconnect', SSIDMatch: ['Corp'] }, { Action: 'Ignore', DNSDomainMatch: ['corp.example.com'], InterfaceTypeMatch: 'WiFi' }, { Action: 'Connect' }],
    });
    expect(onlyPayload(rendered.dict, 'com.apple.security.root').PayloadContent).toBeInstanceOf(Uint8Array);
    expectValid(rendered.dict);
  });

  it('renders IKEv2 with a shared secret and on-demand off', () => {
    const rendered = profile(
      renderAppleProfile(item('vpn', { connectionName: 'S', onDemand: { enabled: false, rules: [] }, type: 'ikev2', server: '203.0.113.1', remoteId: 'r', localId: 'l', authentication: { method: 'sharedSecret', sharedSecret: 's3cret' } }), 'ios', options),
    );
    expect(onlyPayload(rendered.dict, 'com.apple.vpn.managed').IKEv2).toEqual({ RemoteAddress: '203.0.113.1', RemoteIdentifier: 'r', LocalIdentifier: 'l', AuthenticationMethod: 'SharedSecret', SharedSecret: 's3cret', OnDemandEnabled: 0 });
    expectValid(rendered.dict);
  });

  it('is not applicable for WireGuard, which Apple has no payload for', () => {
    const rendered = renderAppleProfile(
      item('vpn', { connectionName: 'WG', onDemand: { enabled: false, rules: [] }, type: 'wireguard', interface: { addresses: ['10.0.0.2/32'], dns: [] }, peers: [{ publicKey: 'x'.repeat(44), endpoint: 'wg.example.com:51820', allowedIps: ['0.0.0.0/0'] }] }),
      'ios',
      options,
    );
    expect(rendered).toEqual({ notApplicable: WIREGUARD_NOT_APPLICABLE, settings: [] });
  });
});

describe('renderAppleProfile: e-mail', () => {
  const exchange = { accountType: 'exchange' as const, accountName: 'Work mail', emailAddress: 'ada@example.com', username: 'ada@example.com', exchange: { host: 'mail.example.com', ssl: true } };

  it('renders Exchange ActiveSync on iOS without any password', () => {
    const rendered = profile(renderAppleProfile(item('email', exchange), 'ios', options));
    const eas = onlyPayload(rendered.dict, 'com.apple.eas.account');
    expect(eas).toMatchObject({ EmailAddress: 'ada@example.com', Host: 'mail.example.com', SSL: true, UserName: 'ada@example.com', PayloadDisplayName: 'Work mail' });
    expect(eas.Password).toBeUndefined();
    expectValid(rendered.dict);
  });

  it('is not applicable for Exchange ActiveSync on macOS', () => {
    expect(renderAppleProfile(item('email', exchange), 'macos', options)).toMatchObject({ notApplicable: expect.stringContaining('ActiveSync') as string });
  });

  it('renders an IMAP/SMTP account on macOS', () => {
    const rendered = profile(
      renderAppleProfile(
        item('email', { accountType: 'imap', accountName: 'Work', emailAddress: 'ada@example.com', username: 'ada', incoming: { host: 'imap.example.com', port: 993, ssl: true }, outgoing: { host: 'smtp.example.com', port: 587, ssl: true } }),
        'macos',
        options,
      ),
    );
    expect(onlyPayload(rendered.dict, 'com.apple.mail.managed')).toMatchObject({
      EmailAccountType: 'EmailTypeIMAP',
      IncomingMailServerHostName: 'imap.example.com',
      IncomingMailServerPortNumber: 993,
      OutgoingMailServerHostName: 'smtp.example.com',
      OutgoingMailServerPortNumber: 587,
      OutgoingPasswordSameAsIncomingPassword: true,
    });
    expectValid(rendered.dict);
  });
});

describe('renderAppleProfile: certificates', () => {
  it('renders each certificate of a trusted-root PEM as its own root payload holding the DER', () => {
    const rendered = profile(renderAppleProfile(item('certificate', { type: 'trustedRoot', name: 'Roots', certificatePem: identity.caPem + other.caPem }), 'ipados', options));
    const roots = payloadsOf(rendered.dict);
    expect(roots.map((r) => r.PayloadType)).toEqual(['com.apple.security.root', 'com.apple.security.root']);
    const path = writeTemp(temp.dir, 'root.der', roots[0]?.PayloadContent as Uint8Array);
    expect(runOpenssl(['x509', '-inform', 'DER', '-in', path, '-noout', '-subject'], temp.dir)).toContain('Ward Test Root');
    expectValid(rendered.dict);
  });

  it('renders an issued credential as a PKCS#12 payload with its password', () => {
    const rendered = profile(renderAppleProfile(item('certificate', { type: 'issued', scope: 'device', certificatePem: identity.certificatePem, chainPem: identity.caPem, privateKeyPem: identity.privateKeyPem }), 'ios', options));
    const pkcs12 = onlyPayload(rendered.dict, 'com.apple.security.pkcs12');
    expect(pkcs12.Password).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expectValid(rendered.dict);
    const legacy = onlyPayload(profile(renderAppleProfile(item('certificate', { type: 'issued', scope: 'user', certificatePem: identity.certificatePem, chainPem: '', privateKeyPem: identity.privateKeyPem }), 'ios', { ...options, pkcs12Encryption: 'legacy3des' })).dict, 'com.apple.security.pkcs12');
    const path = writeTemp(temp.dir, 'legacy.p12', legacy.PayloadContent as Uint8Array);
    expect(runOpenssl(['pkcs12', '-in', path, '-passin', `pass:${legacy.Password as string}`, '-nodes'], temp.dir)).toContain('subject=CN = device-1');
  });

  it('renders an external SCEP enrolment: subject in Apple order, key usage bits, 3072 raised to 4096', () => {
    const rendered = profile(
      renderAppleProfile(item('certificate', { type: 'scep', url: 'https://scep.example.com/scep', challenge: 'chal', subject: 'CN=SERIAL\\,1,OU=Devices,O=Example', keySize: 3072, keyUsage: ['digitalSignature', 'keyEncipherment'] }), 'macos', options),
    );
    expect(onlyPayload(rendered.dict, 'com.apple.security.scep').PayloadContent).toEqual({
      URL: 'https://scep.example.com/scep',
      Challenge: 'chal',
      Subject: [[['O', 'Example']], [['OU', 'Devices']], [['CN', 'SERIAL,1']]],
      Keysize: 4096,
      'Key Type': 'RSA',
      'Key Usage': 5,
    });
    expectValid(rendered.dict);
  });

  it('refuses a SCEP subject that is not a distinguished name', () => {
    expect(() => renderAppleProfile(item('certificate', { type: 'scep', url: 'https://s.example.com', challenge: 'c', subject: 'garbage', keySize: 2048, keyUsage: ['digitalSignature'] }), 'ios', options)).toThrow(InvalidScepSubjectError);
  });

  it('refuses an issued credential whose key is not a key, and never puts the key text in the error', () => {
    const bad = { type: 'issued' as const, scope: 'device' as const, certificatePem: identity.certificatePem, chainPem: '', privateKeyPem: '-----BEGIN PRIVATE KEY-----\nTOPSECRETKEYMATERIAL\n-----END PRIVATE KEY-----' };
    expect(() => renderAppleProfile(item('certificate', bad), 'ios', options)).toThrow(/not a private key/);
    try {
      renderAppleProfile(item('certificate', bad), 'ios', options);
    } catch (e) {
      expect(String(e)).not.toContain('TOPSECRET');
    }
  });
});

describe('renderAppleProfile: custom', () => {
  const inner = {
    PayloadType: 'com.apple.dock',
    PayloadVersion: 1,
    PayloadIdentifier: 'org.example.dock',
    PayloadUUID: '11111111-2222-3333-4444-555555555555',
    orientation: 'left',
  };
  const mobileconfig = encodePlist({ PayloadType: 'Configuration', PayloadVersion: 1, PayloadIdentifier: 'org.example.custom', PayloadUUID: '66666666-7777-8888-9999-AAAAAAAAAAAA', PayloadContent: [inner] });
  const custom = (content: Uint8Array | string): ConfigurationItem => item('custom', { platform: 'macos', format: 'mobileconfig', contentBase64: Buffer.from(content).toString('base64') });

  it("passes an admin's payloads through under Ward's own identifier", () => {
    for (const platform of applePlatforms) {
      const rendered = profile(renderAppleProfile(custom(mobileconfig), platform, options));
      expect(rendered.identifier).toBe('com.example.ward.profile.prof-1');
      expect(payloadsOf(rendered.dict)).toEqual([inner]);
    }
  });

  it('unwraps a signed (CMS) .mobileconfig', () => {
    const signer = makeTestIdentity('profile signer');
    const cert = writeTemp(temp.dir, 'signer.pem', signer.certificatePem);
    const key = writeTemp(temp.dir, 'signer.key', signer.privateKeyPem);
    const content = writeTemp(temp.dir, 'custom.mobileconfig', mobileconfig);
    runOpenssl(['cms', '-sign', '-nodetach', '-binary', '-in', content, '-signer', cert, '-inkey', key, '-outform', 'DER', '-out', 'signed.der'], temp.dir);
    const signed = new Uint8Array(Buffer.from(runOpenssl(['base64', '-A', '-in', 'signed.der'], temp.dir), 'base64'));
    expect(payloadsOf(profile(renderAppleProfile(custom(signed), 'macos', options)).dict)).toEqual([inner]);
  });

  it('is not applicable for other formats and for content that is not a Configuration profile', () => {
    expect(renderAppleProfile(item('custom', { platform: 'linux', format: 'file', path: '/etc/x', contentBase64: 'eA==', mode: '0644' }), 'macos', options)).toMatchObject({ notApplicable: expect.stringContaining('file') as string });
    const cases: (Uint8Array | string)[] = [
      'not a plist',
      encodePlist({ PayloadType: 'com.apple.dock' }),
      encodePlist({ PayloadType: 'Configuration', PayloadContent: [] }),
      encodePlist({ PayloadType: 'Configuration', PayloadContent: [{ PayloadType: 'com.apple.dock' }] }),
      '<?xml version="1.0"?><!DOCTYPE plist [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><plist version="1.0"><string>&xxe;</string></plist>',
      new Uint8Array([0x30, 0x82, 0xff, 0xff, 0x01]),
      'bplist00garbage',
    ];
    for (const content of cases) expect(renderAppleProfile(custom(content), 'macos', options), String(content).slice(0, 40)).toMatchObject({ notApplicable: expect.any(String) as string });
  });

  it('is not applicable for a body over 512 KiB', () => {
    expect(renderAppleProfile(custom('x'.repeat(600 * 1024)), 'macos', options)).toMatchObject({ notApplicable: expect.stringContaining('512') as string });
  });
});
