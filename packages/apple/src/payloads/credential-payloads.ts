import type { PemCredential } from '@ward/core';
import { buildPkcs12, type Pkcs12Encryption } from './build-pkcs12.js';
import { decodePemCertificates } from './decode-pem-certificates.js';
import type { BuiltPayload, PayloadFactory } from './payload-factory.js';

/** Raised when a rendered item carries a certificate or key that cannot be read: a broken invariant, since profiles are validated on save. */
export class UnreadableCredentialError extends Error {
  constructor(what: string) {
    super(`${what} cannot be read as PEM`);
    this.name = 'UnreadableCredentialError';
  }
}

/**
 * One com.apple.security.root payload per certificate in `pems` (com.apple.security.root.yaml:
 * PayloadContent is the DER certificate), roles `<role>.0`, `<role>.1`, ….
 */
export function rootCertificatePayloads(factory: PayloadFactory, role: string, pems: readonly string[]): BuiltPayload[] {
  const payloads: BuiltPayload[] = [];
  for (const pem of pems) {
    const certificates = decodePemCertificates(pem);
    if (certificates === undefined) throw new UnreadableCredentialError('a trusted root certificate');
    for (const certificate of certificates) {
      const index = payloads.length;
      const name = certificate.commonName ?? `Certificate ${index + 1}`;
      payloads.push(factory.payload(`${role}.${index}`, 'com.apple.security.root', name, { PayloadCertificateFileName: `${fileName(name)}.cer`, PayloadContent: certificate.der }));
    }
  }
  return payloads;
}

/** How identities are packed: randomness for passwords and salts, and the PKCS#12 encryption. */
export interface IdentityPacking {
  readonly randomBytes: (length: number) => Uint8Array;
  readonly encryption?: Pkcs12Encryption;
}

/**
 * A com.apple.security.pkcs12 payload holding the credential's certificate, chain and key
 * (com.apple.security.pkcs12.yaml: PayloadContent is the PKCS#12 file, Password opens it). The
 * password is random per rendering and travels only inside the (signed, MDM-delivered) profile.
 */
export function identityPayload(factory: PayloadFactory, role: string, displayName: string, credential: PemCredential, packing: IdentityPacking): BuiltPayload {
  const leaf = decodePemCertificates(credential.certificatePem);
  if (leaf?.length !== 1) throw new UnreadableCredentialError('the identity certificate');
  const chain = credential.chainPem.trim() === '' ? [] : decodePemCertificates(credential.chainPem);
  if (chain === undefined) throw new UnreadableCredentialError('the identity certificate chain');
  const password = Buffer.from(packing.randomBytes(24)).toString('base64url');
  const pkcs12 = buildPkcs12({
    certificatesDer: [...leaf, ...chain].map((c) => c.der),
    privateKeyPem: credential.privateKeyPem,
    friendlyName: leaf[0]?.commonName ?? displayName,
    password,
    randomBytes: packing.randomBytes,
    ...(packing.encryption === undefined ? {} : { encryption: packing.encryption }),
  });
  return factory.payload(role, 'com.apple.security.pkcs12', displayName, { PayloadCertificateFileName: `${fileName(displayName)}.p12`, PayloadContent: pkcs12, Password: password });
}

function fileName(name: string): string {
  const cleaned = name.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 64);
  return cleaned === '' ? 'certificate' : cleaned;
}
