import { execFileSync } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parsePlist } from '../plist/parse-plist.js';
import { PlistReal, type PlistDict } from '../plist/plist-value.js';
import { decodeCommandReport } from '../spec/decode-command-report.js';
import { normalizeCommandResult } from './normalize-command-result.js';

const fixture = (name: string): Uint8Array => new Uint8Array(readFileSync(new URL(`../../testdata/${name}`, import.meta.url)));
const envelope = { Status: 'Acknowledged', UDID: 'device-udid-1', CommandUUID: 'c1' };

describe('normalizeCommandResult', () => {
  it('turns DeviceInformation QueryResponses into facts and inventory, without the push token', () => {
    const dict: PlistDict = {
      ...envelope,
      QueryResponses: { OSVersion: '17.5.1', BuildVersion: '21F90', IsSupervised: true, DeviceCapacity: new PlistReal(64), AvailableDeviceCapacity: 12.5, ProductName: 'iPhone15,2', PushToken: Uint8Array.of(1, 2) },
    };
    const normalized = normalizeCommandResult(dict, { requestType: 'DeviceInformation', personal: false });
    expect(normalized.facts).toEqual({ osVersion: '17.5.1', osBuild: '21F90', supervised: true, totalStorageBytes: 64e9, freeStorageBytes: 12.5e9 });
    expect(normalized.inventory).toEqual({ appleDeviceInformation: { OSVersion: '17.5.1', BuildVersion: '21F90', IsSupervised: true, DeviceCapacity: 64, AvailableDeviceCapacity: 12.5, ProductName: 'iPhone15,2' } });
    expect(normalized.result).toEqual({ QueryResponses: normalized.inventory?.['appleDeviceInformation'] });
  });

  it('ignores facts of the wrong type, hostile text and impossible versions', () => {
    const dict: PlistDict = { ...envelope, QueryResponses: { OSVersion: '17.5; rm -rf /', BuildVersion: 'x\u0007y', IsSupervised: 'yes', DeviceCapacity: -1 } };
    expect(normalizeCommandResult(dict, { requestType: 'DeviceInformation', personal: false }).facts).toEqual({});
  });

  it('turns the real SecurityInfo capture from a Mac into facts, and keeps no recovery key', () => {
    const report = decodeCommandReport(fixture('SecurityInfo.result.plist'));
    const normalized = normalizeCommandResult(report.result, { requestType: 'SecurityInfo', personal: false });
    expect(normalized.facts).toEqual({ encrypted: false, firewallOn: false, secureBoot: false });
    const withKey: PlistDict = { ...envelope, SecurityInfo: { FDE_Enabled: true, FDE_PersonalRecoveryKeyCMS: Uint8Array.of(9), FDE_PersonalRecoveryKeyDeviceKey: 'secret', SecureBoot: { SecureBootLevel: 'full' } } };
    const mac = normalizeCommandResult(withKey, { requestType: 'SecurityInfo', personal: false });
    expect(mac.facts).toEqual({ encrypted: true, secureBoot: true });
    expect(JSON.stringify(mac)).not.toMatch(/RecoveryKey|secret/);
  });

  it.each([
    [{ HardwareEncryptionCaps: 3, PasscodePresent: true, PasscodeCompliant: true, PasscodeCompliantWithProfiles: true }, { encrypted: true, passcodeSet: true, passcodeCompliant: true }],
    [{ HardwareEncryptionCaps: 3, PasscodePresent: false, PasscodeCompliant: true, PasscodeCompliantWithProfiles: false }, { encrypted: false, passcodeSet: false, passcodeCompliant: false }],
    [{ HardwareEncryptionCaps: 1, PasscodePresent: true, PasscodeCompliant: true }, { encrypted: false, passcodeSet: true, passcodeCompliant: true }],
    [{ HardwareEncryptionCaps: 3 }, {}],
  ])('reads iOS data protection from %j', (securityInfo, facts) => {
    expect(normalizeCommandResult({ ...envelope, SecurityInfo: securityInfo }, { requestType: 'SecurityInfo', personal: false }).facts).toEqual(facts);
  });

  it('turns an app list into software for corporate devices only, and keeps only its count for personal ones', () => {
    const dict: PlistDict = {
      ...envelope,
      InstalledApplicationList: [{ Name: 'Safari', ShortVersion: '17.5', Version: '19618', Identifier: 'com.apple.mobilesafari' }, { Identifier: 'com.example.noname', Version: '2' }, { Version: '1' }, 'junk'],
    };
    const corporate = normalizeCommandResult(dict, { requestType: 'InstalledApplicationList', personal: false });
    expect(corporate.software).toEqual([{ name: 'Safari', version: '17.5', source: 'app' }, { name: 'com.example.noname', version: '2', source: 'app' }]);
    const personal = normalizeCommandResult(dict, { requestType: 'InstalledApplicationList', personal: true });
    expect(personal.software).toBeUndefined();
    expect(personal.inventory).toBeUndefined();
    expect(personal.result).toEqual({ InstalledApplicationList: { omitted: 'personal device', count: 4 } });
  });

  it('reads the profile list, and certificates from their DER', () => {
    const der = execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', '/dev/null', '-subj', '/CN=Ward Test Root', '-days', '2', '-outform', 'DER'], { stdio: ['ignore', 'pipe', 'ignore'] });
    const profiles = normalizeCommandResult({ ...envelope, ProfileList: [{ PayloadIdentifier: 'com.ward.wifi', PayloadUUID: 'U1', PayloadDisplayName: 'Wi-Fi' }, { PayloadUUID: 'no-identifier' }] }, { requestType: 'ProfileList', personal: true });
    expect(profiles.installedProfiles).toEqual([{ identifier: 'com.ward.wifi', uuid: 'U1', displayName: 'Wi-Fi' }]);
    const certificates = normalizeCommandResult({ ...envelope, CertificateList: [{ CommonName: 'Broken', IsIdentity: false, Data: Uint8Array.of(1, 2, 3) }, { CommonName: 'Maybe', IsIdentity: true, Data: new Uint8Array(der) }] }, { requestType: 'CertificateList', personal: false });
    const entries = certificates.inventory?.['appleCertificates'] as readonly Record<string, unknown>[];
    expect(entries[0]).toEqual({ commonName: 'Broken', isIdentity: false, subject: null, issuer: null, serialNumber: null, notAfter: null, fingerprintSha256: null });
    expect(entries[1]).toMatchObject({ commonName: 'Maybe', isIdentity: true, subject: 'CN=Ward Test Root', issuer: 'CN=Ward Test Root', fingerprintSha256: new X509Certificate(der).fingerprint256 });
    expect(entries[1]?.['notAfter']).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    expect(certificates.result['CertificateList']).toEqual(entries);
  });

  it('reads only the key of the command answered', () => {
    const dict: PlistDict = { ...envelope, ProfileList: [{ PayloadIdentifier: 'x' }], QueryResponses: { OSVersion: '1.0' } };
    const asProfileList = normalizeCommandResult(dict, { requestType: 'ProfileList', personal: false });
    expect(asProfileList.facts).toBeUndefined();
    expect(asProfileList.installedProfiles).toHaveLength(1);
    const unknown = normalizeCommandResult(dict, { requestType: 'unknown', personal: false });
    expect(unknown).toEqual({ result: { ProfileList: [{ PayloadIdentifier: 'x' }], QueryResponses: { OSVersion: '1.0' } } });
  });

  it('keeps other answers as JSON for history, envelope removed', () => {
    const dict = parsePlist(fixture('Error.result.plist')) as PlistDict;
    expect(normalizeCommandResult(dict, { personal: false })).toEqual({ result: {} });
  });
});
