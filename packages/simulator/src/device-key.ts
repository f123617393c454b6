import { generateKeyPairSync, sign } from 'node:crypto';

/** A virtual device's key and the CSR that asks Ward to certify it, as the real agent makes them. */
export interface DeviceKeyMaterial {
  /** The ECDSA P-256 private key, unencrypted PKCS#8 PEM. */
  readonly privateKeyPem: string;
  /** PKCS#10 CSR, PEM, signed with the key (proof of possession). */
  readonly csrPem: string;
}

// DER building blocks. The CSR is encoded here by hand rather than through @peculiar/x509: it has
// one fixed shape (a CN, an EC key, no attributes), and a fleet of ten thousand makes ten thousand
// of them, where the library's Web Crypto round trips cost far more than the two signatures.

function derLength(length: number): Buffer {
  if (length < 0x80) return Buffer.from([length]);
  const bytes: number[] = [];
  for (let rest = length; rest > 0; rest = Math.floor(rest / 256)) bytes.unshift(rest & 0xff);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}

function tlv(tag: number, ...contents: readonly Buffer[]): Buffer {
  const body = Buffer.concat(contents);
  return Buffer.concat([Buffer.from([tag]), derLength(body.length), body]);
}

const SEQUENCE = 0x30;
const SET = 0x31;
const INTEGER = 0x02;
const BIT_STRING = 0x03;
const UTF8_STRING = 0x0c;
const CONTEXT_0_CONSTRUCTED = 0xa0;
// 2.5.4.3 (commonName) and 1.2.840.10045.4.3.2 (ecdsa-with-SHA256), already DER-encoded OIDs.
const OID_COMMON_NAME = Buffer.from('0603550403', 'hex');
const OID_ECDSA_WITH_SHA256 = Buffer.from('06082a8648ce3d040302', 'hex');

function toPem(der: Buffer, label: string): string {
  const lines = der.toString('base64').match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
}

/**
 * A PKCS#10 CertificationRequest (RFC 2986) for `spkiDer`, subject CN = `commonName`, no
 * attributes, signed by `sign` with ECDSA-SHA256 (DER signature).
 */
export function encodeCsr(commonName: string, spkiDer: Buffer, signInfo: (info: Buffer) => Buffer): Buffer {
  const subject = tlv(SEQUENCE, tlv(SET, tlv(SEQUENCE, OID_COMMON_NAME, tlv(UTF8_STRING, Buffer.from(commonName, 'utf8')))));
  // version 0, subject, subjectPKInfo, attributes [0] (an empty SET OF, which PKCS#10 requires present).
  const info = tlv(SEQUENCE, tlv(INTEGER, Buffer.from([0])), subject, spkiDer, tlv(CONTEXT_0_CONSTRUCTED));
  const signature = signInfo(info);
  return tlv(SEQUENCE, info, tlv(SEQUENCE, OID_ECDSA_WITH_SHA256), tlv(BIT_STRING, Buffer.from([0]), signature));
}

/**
 * A fresh ECDSA P-256 key and a CSR for it with CN = `commonName` (the hardware id, as the real
 * agent sets it; the server chooses the certificate's real subject).
 */
export function createDeviceKey(commonName: string): DeviceKeyMaterial {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  const spki = publicKey.export({ type: 'spki', format: 'der' });
  const csr = encodeCsr(commonName, spki, (info) => sign('sha256', info, privateKey));
  return { privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), csrPem: toPem(csr, 'CERTIFICATE REQUEST') };
}
