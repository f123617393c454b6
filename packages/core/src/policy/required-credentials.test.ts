import { describe, expect, it } from 'vitest';
import { assign, now, profile, rootPem, subject } from '../../test/support/policy-fixtures.js';
import type { ProfileId } from './model.js';
import { chunkCredentials, credentialsByDevice, requiredCredentials } from './required-credentials.js';

const root = profile('root', { kind: 'certificate', body: { type: 'trustedRoot', name: 'R', certificatePem: rootPem } });
const deviceCert = profile('cert-d', { kind: 'certificate', body: { type: 'issued', scope: 'device', subject: 'CN={{device.serial}},O=Example', validityDays: 90 } });
const userCert = profile('cert-u', { kind: 'certificate', body: { type: 'issued', scope: 'user', subject: 'CN={{user.email}}', validityDays: 30 } });
const wifi = profile('wifi', { kind: 'wifi', body: { ssid: 'C', hidden: false, autoJoin: true, security: 'wpa2Enterprise', eap: { method: 'tls', identity: 'x', serverNames: ['r.example.com'], trustedRootProfileIds: [root.id], clientCertificateProfileId: userCert.id }, proxy: { type: 'none' } } });
const snapshot = { profiles: new Map([root, deviceCert, userCert, wifi].map((p) => [p.id as string, p])), assignments: [assign('cert-d', { type: 'allDevices' }), assign('wifi', { type: 'allDevices' })], filters: new Map() };

describe('requiredCredentials', () => {
  it('asks for the issued certificates of assigned profiles and of the Wi-Fi/VPN profiles that use them, subjects rendered', () => {
    expect(requiredCredentials(subject(), snapshot, now)).toEqual([
      { deviceId: 'd-1', profileId: 'cert-d', scope: 'device', subject: 'CN=SN123,O=Example', validityDays: 90 },
      { deviceId: 'd-1', profileId: 'cert-u', scope: 'user', subject: 'CN=ada@example.com', validityDays: 30 },
    ]);
  });

  it('asks for nothing it cannot name: no user for a user certificate, no serial for the subject', () => {
    expect(requiredCredentials(subject({ user: null, device: { serialNumber: null } }), snapshot, now)).toEqual([]);
  });

  it('is skipped without a source, and groups what a source returns by device', async () => {
    expect(await chunkCredentials(undefined, subject().device.tenantId, [subject()], snapshot, now)).toEqual(new Map());
    const credential = { certificatePem: rootPem, chainPem: rootPem, privateKeyPem: 'k' };
    const seen: string[] = [];
    const source = {
      credentialsFor: (_t: unknown, requests: readonly { deviceId: string; profileId: ProfileId }[]) => {
        for (const r of requests) seen.push(`${r.deviceId}:${r.profileId}`);
        return Promise.resolve(new Map(requests.map((r) => [`${r.deviceId}:${r.profileId}`, credential])));
      },
    };
    const got = await chunkCredentials(source, subject().device.tenantId, [subject(), subject({ device: { id: 'd-2' as never } })], snapshot, now);
    expect(seen).toEqual(['d-1:cert-d', 'd-1:cert-u', 'd-2:cert-d', 'd-2:cert-u']);
    expect([...(got.get('d-2')?.keys() ?? [])]).toEqual(['cert-d', 'cert-u']);
    expect(credentialsByDevice(new Map([['a:b:c', 1]]))).toEqual(new Map([['a:b', new Map([['c', 1]])]]));
  });
});
