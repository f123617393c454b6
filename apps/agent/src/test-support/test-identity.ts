import { generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { commandSigningInput, type AgentCommand } from '@ward/agent-protocol';
import { createCertificateAuthority, loadCertificateAuthority, type CertificateAuthority } from '@ward/pki';
import { createDeviceKey } from '../identity/create-device-key.js';
import type { DeviceIdentity } from '../identity/device-identity.js';

/** A device identity issued by a real Ward CA, and the key that signs its commands. */
export interface TestIdentity {
  readonly identity: DeviceIdentity;
  readonly ca: CertificateAuthority;
  readonly signingKey: KeyObject;
  readonly verifyKey: KeyObject;
  /** Signs a command for this device (or for `deviceId`), as the server does. */
  command(type: AgentCommand['type'], payload?: Record<string, unknown>, options?: { id?: string; deviceId?: string; expiresAt?: Date; encoding?: 'der' | 'ieee-p1363' }): AgentCommand;
}

let counter = 0;

/** Creates a CA, a device key and its certificate, and a command signing key pair. */
export async function createTestIdentity(deviceId = 'device-1'): Promise<TestIdentity> {
  const now = new Date();
  const masterKey = new Uint8Array(32).fill(3);
  const ca = await loadCertificateAuthority(await createCertificateAuthority({ keyAlgorithm: 'ecdsa-p256', organization: 'Ward Test', masterKey, now }), masterKey);
  const key = await createDeviceKey('0123456789abcdef');
  const issued = await ca.issueFromCsr({ csrPem: key.csrPem, subject: { commonName: deviceId }, validityDays: 30, now, extendedKeyUsage: 'clientAuth' });
  if (!issued.ok) throw new Error(issued.message);
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  const identity: DeviceIdentity = {
    deviceId,
    serverUrl: 'https://127.0.0.1:1',
    hardwareId: '0123456789abcdef',
    enrolledAt: now.toISOString(),
    privateKeyPem: key.privateKeyPem,
    certificateChainPem: issued.certificatePem + ca.chainPem,
    rootCertificatePem: ca.rootCertificatePem,
    commandSigningKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  };
  return {
    identity,
    ca,
    signingKey: privateKey,
    verifyKey: publicKey,
    command(type, payload = {}, options = {}) {
      const id = options.id ?? `cmd-${++counter}`;
      const expiresAt = (options.expiresAt ?? new Date(Date.now() + 3_600_000)).toISOString();
      const input = commandSigningInput({ id, deviceId: options.deviceId ?? deviceId, type, payload, expiresAt });
      const signature = sign('sha256', input, { key: privateKey, dsaEncoding: options.encoding ?? 'der' }).toString('base64');
      return { id, type, payload, expiresAt, signature };
    },
  };
}
