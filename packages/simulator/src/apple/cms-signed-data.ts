import { createHash, sign, verify, X509Certificate, type KeyObject } from 'node:crypto';
import {
  Attribute,
  CertificateChoices,
  CertificateSet,
  CMSVersion,
  ContentInfo,
  DigestAlgorithmIdentifier,
  DigestAlgorithmIdentifiers,
  EncapsulatedContent,
  EncapsulatedContentInfo,
  id_data,
  id_signedData,
  IssuerAndSerialNumber,
  SignatureAlgorithmIdentifier,
  SignedData,
  SignerIdentifier,
  SignerInfo,
  SignerInfos,
} from '@peculiar/asn1-cms';
import { AsnConvert, OctetString } from '@peculiar/asn1-schema';
import { Certificate } from '@peculiar/asn1-x509';
import { derOctetString, derOid, derTag, derTlv, derUtcTime } from './der-values.js';
import { rsaOids, type DeviceDigest } from './rsa-identity.js';

const digestOids: Readonly<Record<DeviceDigest, string>> = { sha1: '1.3.14.3.2.26', sha256: '2.16.840.1.101.3.4.2.1' };
const pkcs9 = { contentType: '1.2.840.113549.1.9.3', messageDigest: '1.2.840.113549.1.9.4', signingTime: '1.2.840.113549.1.9.5' } as const;

/** Who signs a CMS SignedData: an RSA key, its certificate, and any chain certificates to include. */
export interface CmsSigner {
  readonly privateKey: KeyObject;
  readonly certificateDer: Uint8Array;
  readonly chainDer?: readonly Uint8Array[];
}

/** One signed attribute: its type and its single value, DER. */
export interface CmsAttribute {
  readonly type: string;
  readonly valueDer: Uint8Array;
}

/** What {@link signCms} signs. */
export interface SignCmsInput {
  readonly content: Uint8Array;
  /** The encapsulated content type; id-data unless said otherwise. */
  readonly contentType?: string;
  /** Leave the content out (RFC 5652 §5.2 "external signature"), as Apple's Mdm-Signature is. */
  readonly detached: boolean;
  readonly signer: CmsSigner;
  readonly digest: DeviceDigest;
  readonly signingTime: Date;
  /** Further signed attributes (SCEP's messageType, transactionID, nonces). */
  readonly attributes?: readonly CmsAttribute[];
}

function toBuffer(bytes: ArrayBuffer | Uint8Array): Buffer {
  return bytes instanceof Uint8Array ? Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) : Buffer.from(bytes);
}

/**
 * A CMS SignedData (RFC 5652 §5) in a ContentInfo, DER: one signer identified by issuer and serial,
 * signed attributes contentType, signingTime and messageDigest plus the caller's, signature
 * algorithm rsaEncryption over the DER SET OF the attributes (§5.4), as iOS signs.
 */
export function signCms(input: SignCmsInput): Uint8Array {
  const { signer, digest } = input;
  const contentType = input.contentType ?? id_data;
  const messageDigest = createHash(digest).update(input.content).digest();
  const attributes = [
    { type: pkcs9.contentType, valueDer: derOid(contentType) },
    { type: pkcs9.signingTime, valueDer: derUtcTime(input.signingTime) },
    { type: pkcs9.messageDigest, valueDer: derOctetString(messageDigest) },
    ...(input.attributes ?? []),
  ].map((attribute) => {
    const asn = new Attribute({ attrType: attribute.type, attrValues: [new Uint8Array(attribute.valueDer).buffer] });
    return { asn, der: toBuffer(AsnConvert.serialize(asn)) };
  });
  // DER orders a SET OF by the encodings (X.690 §11.6); the same order goes into the SignerInfo so
  // the bytes a verifier re-encodes are the bytes signed here.
  attributes.sort((left, right) => Buffer.compare(left.der, right.der));
  const signedBytes = derTlv(derTag.set, Buffer.concat(attributes.map((attribute) => attribute.der)));
  const signature = sign(digest, signedBytes, signer.privateKey);

  const certificate = AsnConvert.parse(signer.certificateDer, Certificate);
  const digestAlgorithm = new DigestAlgorithmIdentifier({ algorithm: digestOids[digest] });
  const signerInfo = new SignerInfo({
    version: CMSVersion.v1,
    sid: new SignerIdentifier({
      issuerAndSerialNumber: new IssuerAndSerialNumber({ issuer: certificate.tbsCertificate.issuer, serialNumber: certificate.tbsCertificate.serialNumber }),
    }),
    digestAlgorithm,
    signedAttrs: attributes.map((attribute) => attribute.asn),
    signatureAlgorithm: new SignatureAlgorithmIdentifier({ algorithm: rsaOids.rsaEncryption, parameters: null }),
    signature: new OctetString(signature),
  });
  const certificates = new CertificateSet([certificate, ...(signer.chainDer ?? []).map((der) => AsnConvert.parse(der, Certificate))].map((item) => new CertificateChoices({ certificate: item })));
  const signedData = new SignedData({
    version: CMSVersion.v1,
    digestAlgorithms: new DigestAlgorithmIdentifiers([digestAlgorithm]),
    encapContentInfo: new EncapsulatedContentInfo({
      eContentType: contentType,
      ...(input.detached ? {} : { eContent: new EncapsulatedContent({ single: new OctetString(input.content) }) }),
    }),
    certificates,
    signerInfos: new SignerInfos([signerInfo]),
  });
  return new Uint8Array(AsnConvert.serialize(new ContentInfo({ contentType: id_signedData, content: AsnConvert.serialize(signedData) })));
}

/** A SignedData whose one signer's signature checked out. */
export interface VerifiedCms {
  /** The encapsulated content, or the detached content the caller gave. */
  readonly content: Uint8Array;
  readonly contentType: string;
  readonly signerCertificateDer: Uint8Array;
  /** Every certificate the SignedData carries, the signer's included. */
  readonly certificatesDer: readonly Uint8Array[];
  readonly digest: DeviceDigest;
  /** Signed attributes by type: each value DER. */
  readonly attributes: ReadonlyMap<string, readonly Uint8Array[]>;
}

/** A ContentInfo's SignedData, parsed (no signature checked): for reading degenerate certs-only SignedData. */
export function parseSignedData(der: Uint8Array): SignedData {
  const contentInfo = AsnConvert.parse(der, ContentInfo);
  if (contentInfo.contentType !== id_signedData) throw new Error(`expected CMS SignedData, got content type ${contentInfo.contentType}`);
  return AsnConvert.parse(contentInfo.content, SignedData);
}

/** The certificates a SignedData carries, DER, in order. */
export function signedDataCertificates(signedData: SignedData): Uint8Array[] {
  const choices: readonly CertificateChoices[] = signedData.certificates ? [...signedData.certificates] : [];
  return choices.flatMap((choice) => (choice.certificate ? [new Uint8Array(AsnConvert.serialize(choice.certificate))] : []));
}

function sameSigner(certificate: Certificate, sid: SignerIdentifier): boolean {
  if (sid.issuerAndSerialNumber) {
    const wanted = sid.issuerAndSerialNumber;
    return (
      Buffer.compare(toBuffer(wanted.serialNumber), toBuffer(certificate.tbsCertificate.serialNumber)) === 0 &&
      Buffer.compare(toBuffer(AsnConvert.serialize(wanted.issuer)), toBuffer(AsnConvert.serialize(certificate.tbsCertificate.issuer))) === 0
    );
  }
  if (sid.subjectKeyIdentifier) {
    // RFC 5280 §4.2.1.2 method 1 (SHA-1 of the key's BIT STRING contents): what Ward and iOS write.
    const keyHash = createHash('sha1').update(toBuffer(certificate.tbsCertificate.subjectPublicKeyInfo.subjectPublicKey)).digest();
    return Buffer.compare(keyHash, toBuffer(sid.subjectKeyIdentifier.buffer)) === 0;
  }
  return false;
}

function digestOf(oid: string): DeviceDigest {
  for (const [name, value] of Object.entries(digestOids)) if (value === oid) return name as DeviceDigest;
  throw new Error(`unsupported digest algorithm ${oid}`);
}

function encapsulatedContent(info: EncapsulatedContentInfo): Uint8Array | undefined {
  const eContent = info.eContent;
  if (!eContent) return undefined;
  if (eContent.single) return new Uint8Array(eContent.single.buffer);
  if (eContent.any) {
    // BER constructed OCTET STRING: the parser hands back the raw element; a definite-length one
    // parses as an OctetString whose buffer joins the segments.
    return new Uint8Array(AsnConvert.parse(eContent.any, OctetString).buffer);
  }
  return undefined;
}

/**
 * Parses a CMS SignedData in a ContentInfo and checks its (first) signer's signature: the signer
 * certificate among the carried ones (or `extraCertificatesDer`), the messageDigest attribute
 * against the content, and the RSA or ECDSA signature over the signed attributes (RFC 5652 §5.4,
 * §5.6). Says nothing about whom the signer is: the caller checks the chain.
 *
 * @throws Error when the structure is malformed or the signature does not verify.
 */
export function verifyCms(der: Uint8Array, detachedContent?: Uint8Array, extraCertificatesDer: readonly Uint8Array[] = []): VerifiedCms {
  const signedData = parseSignedData(der);
  const content = encapsulatedContent(signedData.encapContentInfo) ?? detachedContent;
  if (content === undefined) throw new Error('the SignedData carries no content and none was given');
  const signerInfo = signedData.signerInfos[0];
  if (!signerInfo) throw new Error('the SignedData has no signer');
  const certificatesDer = signedDataCertificates(signedData);
  const signerDer = [...certificatesDer, ...extraCertificatesDer].find((candidate) => sameSigner(AsnConvert.parse(candidate, Certificate), signerInfo.sid));
  if (!signerDer) throw new Error('the signer certificate is not in the SignedData');
  const digest = digestOf(signerInfo.digestAlgorithm.algorithm);
  const publicKey = new X509Certificate(toBuffer(signerDer)).publicKey;
  const attributes = new Map<string, Uint8Array[]>();
  let signedBytes: Buffer;
  if (signerInfo.signedAttrs) {
    for (const attribute of signerInfo.signedAttrs) {
      attributes.set(attribute.attrType, [...(attributes.get(attribute.attrType) ?? []), ...attribute.attrValues.map((value) => new Uint8Array(value))]);
    }
    const messageDigest = attributes.get(pkcs9.messageDigest)?.[0];
    const expected = derOctetString(createHash(digest).update(content).digest());
    if (!messageDigest || Buffer.compare(toBuffer(messageDigest), toBuffer(expected)) !== 0) throw new Error('the messageDigest attribute does not match the content');
    // The signature covers the attributes under their SET OF tag, not the [0] IMPLICIT one (§5.4).
    // The parser keeps no raw bytes for a repeated field, so they are re-encoded in the order they
    // came: each value is kept as its original DER, so a DER signer's bytes come back unchanged.
    signedBytes = Buffer.from(derTlv(derTag.set, Buffer.concat(signerInfo.signedAttrs.map((attribute) => toBuffer(AsnConvert.serialize(attribute))))));
  } else {
    signedBytes = toBuffer(content);
  }
  const valid = verify(digest, signedBytes, publicKey, toBuffer(signerInfo.signature.buffer));
  if (!valid) throw new Error('the CMS signature does not verify');
  return { content, contentType: signedData.encapContentInfo.eContentType, signerCertificateDer: signerDer, certificatesDer, digest, attributes };
}
