import { createHash, createPrivateKey, createPublicKey, generateKeyPair, sign, X509Certificate } from 'node:crypto';
import { promisify } from 'node:util';
import { AsnConvert } from '@peculiar/asn1-schema';
import { Attributes, CertificationRequest, CertificationRequestInfo } from '@peculiar/asn1-csr';
import { AlgorithmIdentifier, AttributeTypeAndValue, AttributeValue, Certificate, Name, RelativeDistinguishedName, SubjectPublicKeyInfo } from '@peculiar/asn1-x509';
import type { PushCertificateCrypto, PushCertificateFacts, PushCertificateRequestDraft } from '@ward/core';

const generateKeyPairAsync = promisify(generateKeyPair);

/** userId (RFC 4519 `uid`): where Apple puts the MDM push topic. */
export const uidAttributeOid = '0.9.2342.19200300.100.1.1';
const sha256WithRsaEncryption = '1.2.840.113549.1.1.11';

/** Short names of the subject attributes a push certificate carries, for display. */
const attributeNames: Readonly<Record<string, string>> = {
  [uidAttributeOid]: 'UID',
  '2.5.4.3': 'CN',
  '2.5.4.6': 'C',
  '2.5.4.7': 'L',
  '2.5.4.8': 'ST',
  '2.5.4.10': 'O',
  '2.5.4.11': 'OU',
  '1.2.840.113549.1.9.1': 'emailAddress',
};

const pemCertificate = /-----BEGIN CERTIFICATE-----([A-Za-z0-9+/=\s]+?)-----END CERTIFICATE-----/;

function toPem(der: Uint8Array, label: string): string {
  const lines = Buffer.from(der).toString('base64').match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
}

function sha256Hex(data: Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/**
 * The DER of the certificate in an upload: the bytes as given when they start as a DER SEQUENCE
 * does, else the first PEM CERTIFICATE block of the text (exports often put "Bag Attributes"
 * before it).
 */
function certificateDer(upload: Uint8Array): Uint8Array | undefined {
  if (upload[0] === 0x30) return upload;
  const match = pemCertificate.exec(Buffer.from(upload).toString('latin1'));
  if (match?.[1] === undefined) return undefined;
  const der = Buffer.from(match[1].replace(/\s+/g, ''), 'base64');
  return der.length === 0 ? undefined : der;
}

/** `UID=…, CN=…, C=US`: each attribute in the certificate's order, unknown types by OID. */
export function formatName(name: Name): string {
  return name
    .flatMap((rdn) => rdn.map((attribute) => `${attributeNames[attribute.type] ?? attribute.type}=${attribute.value.toString()}`))
    .join(', ');
}

/** The value of the first `oid` attribute in `name`, if any. */
function attributeOf(name: Name, oid: string): string | null {
  for (const rdn of name) for (const attribute of rdn) if (attribute.type === oid) return attribute.value.toString();
  return null;
}

/**
 * Reads an uploaded push certificate (PEM or DER). OpenSSL (through `X509Certificate`) decides
 * whether the bytes are a well-formed certificate; the ASN.1 reader then takes the subject UID
 * (the topic) and validity. Undefined for anything that is not exactly one certificate.
 */
export function readPushCertificate(upload: Uint8Array): PushCertificateFacts | undefined {
  const der = certificateDer(upload);
  if (der === undefined) return undefined;
  let certificate: Certificate;
  let spki: Buffer;
  try {
    const parsed = new X509Certificate(der);
    spki = parsed.publicKey.export({ type: 'spki', format: 'der' });
    certificate = AsnConvert.parse(der, Certificate);
  } catch {
    return undefined;
  }
  // A DER upload with bytes after the certificate is not "a certificate".
  if (AsnConvert.serialize(certificate).byteLength !== der.byteLength) return undefined;
  const tbs = certificate.tbsCertificate;
  return {
    certificatePem: toPem(der, 'CERTIFICATE'),
    publicKeySha256: sha256Hex(spki),
    topic: attributeOf(tbs.subject, uidAttributeOid),
    serialNumber: Buffer.from(tbs.serialNumber).toString('hex'),
    subject: formatName(tbs.subject),
    notBefore: tbs.validity.notBefore.getTime(),
    notAfter: tbs.validity.notAfter.getTime(),
  };
}

/**
 * A PKCS#10 request (RFC 2986) for `publicKeySpkiDer` with subject CN = `commonName`, no
 * attributes, signed SHA-256 with RSA by `privateKeyPem`.
 */
export function encodePushCsr(commonName: string, publicKeySpkiDer: Uint8Array, privateKeyPem: string): Uint8Array {
  const subject = new Name([new RelativeDistinguishedName([new AttributeTypeAndValue({ type: '2.5.4.3', value: new AttributeValue({ utf8String: commonName }) })])]);
  const info = new CertificationRequestInfo({ version: 0, subject, subjectPKInfo: AsnConvert.parse(publicKeySpkiDer, SubjectPublicKeyInfo), attributes: new Attributes() });
  const signature = sign('sha256', Buffer.from(AsnConvert.serialize(info)), createPrivateKey(privateKeyPem));
  const request = new CertificationRequest({
    certificationRequestInfo: info,
    signatureAlgorithm: new AlgorithmIdentifier({ algorithm: sha256WithRsaEncryption, parameters: null }),
    signature: new Uint8Array(signature).buffer,
  });
  return new Uint8Array(AsnConvert.serialize(request));
}

/**
 * {@link PushCertificateCrypto} over Node's crypto: RSA-2048 keys (Apple's push certificates are
 * RSA), PKCS#10 requests, and certificate reading with {@link readPushCertificate}.
 */
export function createPushCertificateCrypto(): PushCertificateCrypto {
  return {
    async createRequest({ commonName }): Promise<PushCertificateRequestDraft> {
      const { privateKey } = await generateKeyPairAsync('rsa', { modulusLength: 2048, publicExponent: 0x10001 });
      const privateKeyPem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
      const spki = createPublicKey(privateKey).export({ type: 'spki', format: 'der' });
      return { csrPem: toPem(encodePushCsr(commonName, spki, privateKeyPem), 'CERTIFICATE REQUEST'), privateKeyPem, publicKeySha256: sha256Hex(spki) };
    },
    readCertificate: readPushCertificate,
  };
}
