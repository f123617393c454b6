import { createHash, sign } from 'node:crypto';
import { berContent, isUniversal, readBer } from './ber-reader.js';
import { DER_TAG, derAlgorithm, derElement, derExplicit, derOctetString, derOid, derSequence, derSmallInteger } from './der-writer.js';
import { encodeDerInteger } from './encode-der-integer.js';
import { PkiError } from './pki-error.js';
import type { IssuerContext } from './issuer-context.js';
import type { ValidityPeriod } from './validity-period.js';
import { webcrypto, x509 } from './x509.js';

/** What differs between the end-entity certificates Ward issues. */
export interface LeafCertificateParams {
  /** The subject's public key: a CSR's key or a freshly generated one. */
  readonly publicKey: x509.PublicKey | webcrypto.CryptoKey;
  /** Whether the key is RSA, which decides the key usages. */
  readonly rsaKey: boolean;
  readonly subject: x509.Name;
  readonly serialNumber: string;
  readonly validity: ValidityPeriod;
  readonly extendedKeyUsage: 'clientAuth' | 'serverAuth';
  /** Extensions specific to this kind of certificate (e.g. subjectAltName). */
  readonly extraExtensions?: readonly x509.Extension[];
}

/**
 * Signs an end-entity certificate with the issuing CA: not a CA (critical basicConstraints), critical
 * keyUsage, one extendedKeyUsage, subject and authority key identifiers.
 */
export async function signLeafCertificate(issuer: IssuerContext, params: LeafCertificateParams): Promise<x509.X509Certificate> {
  // TLS 1.2 RSA key exchange encrypts the premaster secret to the server's key, and some Windows
  // enrollment stacks insist on keyEncipherment for RSA device keys; EC keys only ever sign.
  const usages = params.rsaKey
    ? ((x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyEncipherment) as x509.KeyUsageFlags)
    : x509.KeyUsageFlags.digitalSignature;
  const eku = params.extendedKeyUsage === 'serverAuth' ? x509.ExtendedKeyUsage.serverAuth : x509.ExtendedKeyUsage.clientAuth;
  return x509.X509CertificateGenerator.create(
    {
      serialNumber: params.serialNumber,
      subject: params.subject,
      issuer: issuer.certificate.subjectName,
      notBefore: params.validity.notBefore,
      notAfter: params.validity.notAfter,
      publicKey: params.publicKey,
      signingKey: issuer.privateKey,
      signingAlgorithm: issuer.signingAlgorithm,
      extensions: [
        new x509.BasicConstraintsExtension(false, undefined, true),
        new x509.KeyUsagesExtension(usages, true),
        new x509.ExtendedKeyUsageExtension([eku], false),
        params.publicKey instanceof x509.PublicKey
          ? new x509.SubjectKeyIdentifierExtension(subjectKeyIdentifier(new Uint8Array(params.publicKey.rawData)), false)
          : await x509.SubjectKeyIdentifierExtension.create(params.publicKey, false, webcrypto),
        new x509.AuthorityKeyIdentifierExtension(issuer.keyIdentifier, false),
        ...(params.extraExtensions ?? []),
      ],
    },
    webcrypto,
  );
}

/**
 * RFC 5280 §4.2.1.2 method (1): SHA-1 of the subjectPublicKey BIT STRING's value (unused-bits octet
 * excluded), hex, as @peculiar/x509 computes it, but synchronously: no Web Crypto job per certificate.
 */
export function subjectKeyIdentifier(spkiDer: Uint8Array): string {
  const spki = readBer(spkiDer, 'INVALID_INPUT');
  const bits = spki.children[1];
  if (!isUniversal(spki, 16) || !isUniversal(bits, 3) || bits.constructed) throw new PkiError('INVALID_INPUT', 'not a SubjectPublicKeyInfo');
  return createHash('sha1').update(berContent(bits).subarray(1)).digest('hex');
}

/** What {@link signLeafCertificateDer} needs beyond {@link LeafCertificateParams}' common fields. */
export interface LeafCertificateDerParams {
  /** The subject's SubjectPublicKeyInfo, DER (a CSR's, already checked). */
  readonly publicKeyDer: Uint8Array;
  readonly rsaKey: boolean;
  readonly subject: x509.Name;
  /** Canonical lowercase hex (normalizeSerialNumber's form). */
  readonly serialNumber: string;
  readonly validity: ValidityPeriod;
  readonly extendedKeyUsage: 'clientAuth' | 'serverAuth';
}

const OID = {
  basicConstraints: '2.5.29.19',
  keyUsage: '2.5.29.15',
  extKeyUsage: '2.5.29.37',
  subjectKeyIdentifier: '2.5.29.14',
  authorityKeyIdentifier: '2.5.29.35',
  clientAuth: '1.3.6.1.5.5.7.3.2',
  serverAuth: '1.3.6.1.5.5.7.3.1',
  ecdsaWithSha256: '1.2.840.10045.4.3.2',
  sha256WithRsa: '1.2.840.113549.1.1.11',
} as const;

/**
 * The same end-entity certificate as {@link signLeafCertificate} (RFC 5280 §4.1: v3, the same
 * extensions in the same order), written with the DER writer and signed by node:crypto in one
 * synchronous call: the SCEP path issues one per enrollment, and building it through an ASN.1
 * object model and a Web Crypto job cost several times the signature itself.
 */
export function signLeafCertificateDer(issuer: IssuerContext, params: LeafCertificateDerParams): Uint8Array {
  const ecdsa = issuer.keyAlgorithm === 'ecdsa-p256';
  const signatureAlgorithm = ecdsa ? derAlgorithm(OID.ecdsaWithSha256, null) : derAlgorithm(OID.sha256WithRsa);
  // Named bits (X.690 §11.2.2): digitalSignature is bit 0, keyEncipherment bit 2; trailing zeros dropped.
  const keyUsage = params.rsaKey ? Uint8Array.of(DER_TAG.BIT_STRING, 2, 5, 0xa0) : Uint8Array.of(DER_TAG.BIT_STRING, 2, 7, 0x80);
  const extensions = [
    extension(OID.basicConstraints, true, derSequence()),
    extension(OID.keyUsage, true, keyUsage),
    extension(OID.extKeyUsage, false, derSequence(derOid(params.extendedKeyUsage === 'serverAuth' ? OID.serverAuth : OID.clientAuth))),
    extension(OID.subjectKeyIdentifier, false, derOctetString(Buffer.from(subjectKeyIdentifier(params.publicKeyDer), 'hex'))),
    extension(OID.authorityKeyIdentifier, false, derSequence(derElement(0x80, Buffer.from(issuer.keyIdentifier, 'hex')))),
  ];
  const tbs = derSequence(
    derExplicit(0, derSmallInteger(2)),
    encodeDerInteger(BigInt(`0x${params.serialNumber}`)),
    signatureAlgorithm,
    issuer.subjectDer,
    derSequence(derTime(params.validity.notBefore), derTime(params.validity.notAfter)),
    new Uint8Array(params.subject.toArrayBuffer()),
    params.publicKeyDer,
    derExplicit(3, derSequence(...extensions)),
  );
  // ECDSA signatures come out DER-encoded (Ecdsa-Sig-Value), as X.509 carries them.
  const signature = sign('sha256', tbs, issuer.signingKey);
  return derSequence(tbs, signatureAlgorithm, derElement(DER_TAG.BIT_STRING, Uint8Array.of(0), signature));
}

function extension(oid: string, critical: boolean, value: Uint8Array): Uint8Array {
  // DEFAULT FALSE is omitted in DER (X.690 §11.5).
  return critical ? derSequence(derOid(oid), Uint8Array.of(0x01, 0x01, 0xff), derOctetString(value)) : derSequence(derOid(oid), derOctetString(value));
}

/** RFC 5280 §4.1.2.5: UTCTime through 2049, GeneralizedTime from 2050; whole seconds, Z. */
function derTime(date: Date): Uint8Array {
  const iso = date.toISOString();
  const digits = `${iso.slice(0, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}${iso.slice(11, 13)}${iso.slice(14, 16)}${iso.slice(17, 19)}Z`;
  return date.getUTCFullYear() < 2050 ? derElement(0x17, Buffer.from(digits.slice(2), 'latin1')) : derElement(0x18, Buffer.from(digits, 'latin1'));
}
