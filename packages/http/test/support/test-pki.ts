import 'reflect-metadata';
import { generateKeyPairSync, randomBytes, sign, webcrypto } from 'node:crypto';
import * as x509 from '@peculiar/x509';
import { fail, ok, type CertificateIssuer, type Clock, type CommandSigner } from '@ward/core';
import { createCertificateAuthority, fingerprintSha256, loadCertificateAuthority, type CertificateAuthority } from '@ward/pki';

// Real implementations of the PKI ports the agent endpoints need, over @ward/pki and node:crypto:
// the server's production adapters live in apps/server, which this package must not depend on.

/** A CA with a TLS server certificate for 127.0.0.1 and localhost. */
export interface TestPki {
  readonly ca: CertificateAuthority;
  /** SHA-256 of the root certificate, colon hex. */
  readonly rootFingerprint: string;
  readonly server: { readonly key: string; readonly cert: string };
}

async function makePki(organization: string): Promise<TestPki> {
  // Ten days back, so certificates issued "now" by a test clock near the real date, or backdated
  // to be expired, fall inside the CA's own validity.
  const now = new Date(Date.now() - 10 * 86_400_000);
  const masterKey = new Uint8Array(randomBytes(32));
  const ca = await loadCertificateAuthority(await createCertificateAuthority({ keyAlgorithm: 'ecdsa-p256', organization, masterKey, now }), masterKey);
  const server = await ca.issueServerCertificate({ hostnames: ['localhost'], ipAddresses: ['127.0.0.1'], validityDays: 30, now });
  return { ca, rootFingerprint: fingerprintSha256(ca.rootCertificatePem), server: { key: server.privateKeyPem, cert: server.certificatePem + server.chainPem } };
}

// CA creation costs tens of milliseconds; each test file makes its two once.
let ours: Promise<TestPki> | undefined;
let foreign: Promise<TestPki> | undefined;

/** The CA of the server under test. */
export function testPki(): Promise<TestPki> {
  ours ??= makePki('Ward Test');
  return ours;
}

/** Another CA with the same names, whose certificates the server must not accept. */
export function foreignPki(): Promise<TestPki> {
  foreign ??= makePki('Ward Test');
  return foreign;
}

/** core's CertificateIssuer over a @ward/pki CA, on the test clock. */
export function pkiCertificateIssuer(ca: CertificateAuthority, clock: Clock, validityDays = 90): CertificateIssuer {
  return {
    async issueDeviceCertificate({ csrPem, deviceId, tenantId }) {
      const issued = await ca.issueFromCsr({ csrPem, subject: { commonName: deviceId, organizationalUnit: tenantId }, validityDays, now: clock.now(), extendedKeyUsage: 'clientAuth' });
      if (!issued.ok) return fail('CSR_INVALID', `The CSR was refused: ${issued.message}.`, { reason: issued.code });
      return ok({
        certificatePem: issued.certificatePem,
        chainPem: ca.chainPem,
        serialNumber: issued.serialNumber,
        fingerprint: issued.fingerprintSha256,
        notBefore: issued.notBefore,
        notAfter: issued.notAfter,
      });
    },
  };
}

/** A command signer with a fresh ECDSA P-256 key, and the public key agents pin. */
export function ecdsaCommandSigner(): { readonly signer: CommandSigner; readonly publicKeyPem: string } {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  return {
    signer: { sign: (data) => Promise.resolve(sign('sha256', data, privateKey).toString('base64')) },
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  };
}

// The structural subset of @peculiar/x509's CSR generator used here; its own declarations name the
// DOM's Web Crypto types, which this build (no DOM lib) lacks.
interface CsrGenerator {
  create(
    params: { name: Record<string, string[]>[]; keys: webcrypto.CryptoKeyPair; signingAlgorithm: webcrypto.EcdsaParams | webcrypto.Algorithm },
    crypto: webcrypto.Crypto,
  ): Promise<{ toString(format: 'pem'): string }>;
}
const csrGenerator: CsrGenerator = x509.Pkcs10CertificateRequestGenerator;

/** A device key (PKCS#8 PEM) and a CSR for it. */
export interface DeviceKey {
  readonly keyPem: string;
  readonly csrPem: string;
}

function pem(der: ArrayBuffer, label: string): string {
  return `-----BEGIN ${label}-----\n${(Buffer.from(der).toString('base64').match(/.{1,64}/g) ?? []).join('\n')}\n-----END ${label}-----\n`;
}

/** An ECDSA P-256 key and CSR, as the agent makes them; or an RSA key of `rsaBits`. */
export async function deviceKey(options: { readonly rsaBits?: number } = {}): Promise<DeviceKey> {
  const rsa = options.rsaBits !== undefined;
  const algorithm = rsa
    ? { name: 'RSASSA-PKCS1-v1_5', modulusLength: options.rsaBits, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256' }
    : { name: 'ECDSA', namedCurve: 'P-256' };
  const keys = await webcrypto.subtle.generateKey(algorithm, true, ['sign', 'verify']);
  const csr = await csrGenerator.create({ name: [{ CN: ['test-device'] }], keys, signingAlgorithm: rsa ? { name: 'RSASSA-PKCS1-v1_5' } : { name: 'ECDSA', hash: 'SHA-256' } }, webcrypto);
  return { keyPem: pem(await webcrypto.subtle.exportKey('pkcs8', keys.privateKey), 'PRIVATE KEY'), csrPem: csr.toString('pem') };
}

/** A client certificate for `key` signed by `pki`'s CA directly, outside enrollment, valid from `now` for a day. */
export async function certificateFrom(pki: TestPki, key: DeviceKey, now = new Date()): Promise<string> {
  const issued = await pki.ca.issueFromCsr({ csrPem: key.csrPem, subject: { commonName: 'stranger' }, validityDays: 1, now, extendedKeyUsage: 'clientAuth' });
  if (!issued.ok) throw new Error(issued.message);
  return issued.certificatePem;
}

/** The DER of the first certificate in `certificatePem`. */
export function certificateDer(certificatePem: string): Buffer {
  const base64 = /-----BEGIN CERTIFICATE-----([\s\S]+?)-----END CERTIFICATE-----/.exec(certificatePem)?.[1] ?? '';
  return Buffer.from(base64.replace(/\s+/g, ''), 'base64');
}
