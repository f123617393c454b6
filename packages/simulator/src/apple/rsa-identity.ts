import { createPublicKey, generateKeyPairSync, randomBytes, sign, type KeyObject } from 'node:crypto';
import { Attributes, CertificationRequest, CertificationRequestInfo } from '@peculiar/asn1-csr';
import { ChallengePassword, id_pkcs9_at_challengePassword } from '@peculiar/asn1-pkcs9';
import { AsnConvert } from '@peculiar/asn1-schema';
import {
  AlgorithmIdentifier,
  Attribute as CsrAttribute,
  AttributeTypeAndValue,
  AttributeValue,
  Certificate,
  Name,
  RelativeDistinguishedName,
  SubjectPublicKeyInfo,
  TBSCertificate,
  Validity,
  Version,
} from '@peculiar/asn1-x509';

/** The digests a device signs SCEP messages and check-ins with: SHA-1 (older iOS) or SHA-256. */
export type DeviceDigest = 'sha1' | 'sha256';

/** A private key and a certificate for it: the SCEP identity, or the throwaway self-signed signer. */
export interface RsaIdentity {
  readonly privateKey: KeyObject;
  readonly certificateDer: Uint8Array;
}

/**
 * A profile's SCEP `Subject`: RDNs, each a list of `[type, value]` pairs, where the type is a short
 * name (CN, O, OU, C, ST, L, DC, UID, E, SERIALNUMBER) or a dotted OID, as in the com.apple.security.scep payload.
 */
export type ScepSubject = readonly (readonly (readonly [string, string])[])[];

export const rsaOids = {
  rsaEncryption: '1.2.840.113549.1.1.1',
  rsaesOaep: '1.2.840.113549.1.1.7',
  sha1WithRsa: '1.2.840.113549.1.1.5',
  sha256WithRsa: '1.2.840.113549.1.1.11',
} as const;

const attributeTypes: Readonly<Record<string, string>> = {
  CN: '2.5.4.3',
  C: '2.5.4.6',
  L: '2.5.4.7',
  ST: '2.5.4.8',
  O: '2.5.4.10',
  OU: '2.5.4.11',
  UID: '0.9.2342.19200300.100.1.1',
  DC: '0.9.2342.19200300.100.1.25',
  E: '1.2.840.113549.1.9.1',
  EMAILADDRESS: '1.2.840.113549.1.9.1',
  SERIALNUMBER: '2.5.4.5',
};
const printableTypes = new Set(['2.5.4.6', '2.5.4.5']);
const emailType = '1.2.840.113549.1.9.1';

/** The X.509 signature algorithm for an RSA key and `digest`. */
export function rsaSignatureAlgorithm(digest: DeviceDigest): AlgorithmIdentifier {
  return new AlgorithmIdentifier({ algorithm: digest === 'sha1' ? rsaOids.sha1WithRsa : rsaOids.sha256WithRsa, parameters: null });
}

/**
 * A distinguished name from a SCEP payload's Subject. Country and serial number stay PrintableString
 * (RFC 5280 appendix A wants them so), e-mail IA5String; the rest are UTF8String, as iOS encodes them.
 * @throws Error for an unknown short name.
 */
export function encodeSubjectName(subject: ScepSubject): Name {
  return new Name(
    subject.map(
      (rdn) =>
        new RelativeDistinguishedName(
          rdn.map(([type, value]) => {
            const oid = attributeTypes[type.toUpperCase()] ?? (/^\d+(\.\d+)+$/.test(type) ? type : undefined);
            if (oid === undefined) throw new Error(`unknown subject attribute type ${type}`);
            const encoded = printableTypes.has(oid)
              ? new AttributeValue({ printableString: value })
              : oid === emailType
                ? new AttributeValue({ ia5String: value })
                : new AttributeValue({ utf8String: value });
            return new AttributeTypeAndValue({ type: oid, value: encoded });
          }),
        ),
    ),
  );
}

/** A fresh RSA key of `bits` (iOS makes 2048-bit keys; the profile's Keysize may ask for another). */
export function generateRsaKey(bits = 2048): KeyObject {
  return generateKeyPairSync('rsa', { modulusLength: bits, publicExponent: 0x10001 }).privateKey;
}

function publicKeyInfo(privateKey: KeyObject): SubjectPublicKeyInfo {
  const spki = createPublicKey(privateKey).export({ type: 'spki', format: 'der' });
  return AsnConvert.parse(spki, SubjectPublicKeyInfo);
}

function positiveSerial(): ArrayBuffer {
  const serial = randomBytes(16);
  serial[0] = (serial[0] ?? 0) & 0x7f || 0x01;
  return new Uint8Array(serial).buffer;
}

/**
 * The self-signed certificate a SCEP client signs its PKCSReq with before it has a real one
 * (RFC 8894 §2.3): subject = issuer = the requested subject, valid an hour either side of `now`.
 */
export function createSelfSignedCertificate(privateKey: KeyObject, subject: Name, now: Date, digest: DeviceDigest): Uint8Array {
  const algorithm = rsaSignatureAlgorithm(digest);
  const second = Math.floor(now.getTime() / 1000) * 1000;
  const tbs = new TBSCertificate({
    version: Version.v3,
    serialNumber: positiveSerial(),
    signature: algorithm,
    issuer: subject,
    validity: new Validity({ notBefore: new Date(second - 3_600_000), notAfter: new Date(second + 3_600_000) }),
    subject,
    subjectPublicKeyInfo: publicKeyInfo(privateKey),
  });
  const tbsDer = Buffer.from(AsnConvert.serialize(tbs));
  const signature = sign(digest, tbsDer, privateKey);
  const certificate = new Certificate({ tbsCertificate: tbs, signatureAlgorithm: algorithm, signatureValue: new Uint8Array(signature).buffer });
  return new Uint8Array(AsnConvert.serialize(certificate));
}

/** What a SCEP CSR carries. */
export interface ScepCsrInput {
  readonly privateKey: KeyObject;
  readonly subject: Name;
  /** The profile's Challenge, sent as the PKCS#9 challengePassword attribute; absent on renewal. */
  readonly challenge?: string;
  readonly digest: DeviceDigest;
}

/** A PKCS#10 CertificationRequest (RFC 2986) as a SCEP client sends it (RFC 8894 §3.3.1), DER. */
export function createScepCsr(input: ScepCsrInput): Uint8Array {
  const attributes = new Attributes();
  if (input.challenge !== undefined) {
    const value = AsnConvert.serialize(new ChallengePassword({ utf8String: input.challenge }));
    attributes.push(new CsrAttribute({ type: id_pkcs9_at_challengePassword, values: [value] }));
  }
  const info = new CertificationRequestInfo({ version: 0, subject: input.subject, subjectPKInfo: publicKeyInfo(input.privateKey), attributes });
  const infoDer = Buffer.from(AsnConvert.serialize(info));
  const signature = sign(input.digest, infoDer, input.privateKey);
  const request = new CertificationRequest({
    certificationRequestInfo: info,
    signatureAlgorithm: rsaSignatureAlgorithm(input.digest),
    signature: new Uint8Array(signature).buffer,
  });
  return new Uint8Array(AsnConvert.serialize(request));
}
