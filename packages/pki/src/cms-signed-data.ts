import { createHash, timingSafeEqual, verify, type KeyObject } from 'node:crypto';
import { berContent, berOctets, berOid, berRaw, isContext, isUniversal, readBer, type BerNode } from './ber-reader.js';
import { digestFromOid, signatureAlgorithmFromOid, type CmsDigest } from './cms-algorithms.js';
import { CMS_OID } from './cms-oids.js';
import { readCertificateIdentity } from './certificate-identity.js';
import { derElement } from './der-writer.js';
import { PkiError, type PkiErrorCode } from './pki-error.js';
import { publicKeyFromSpki } from './public-key-cache.js';
import { x509 } from './x509.js';

/** How a SignerInfo names its certificate (RFC 5652 §5.3). */
export type SignerIdentifier =
  | { readonly kind: 'issuerAndSerialNumber'; readonly issuerDer: Uint8Array; readonly serialNumber: Uint8Array }
  | { readonly kind: 'subjectKeyIdentifier'; readonly keyIdentifier: Uint8Array };

/** One SignerInfo, decoded but not yet verified. */
export interface ParsedSignerInfo {
  readonly sid: SignerIdentifier;
  readonly digest: CmsDigest;
  readonly signatureAlgorithmOid: string;
  /** The signed attributes as DER with the SET OF tag, the bytes the signature covers; or undefined. */
  readonly signedAttributesDer: Uint8Array | undefined;
  /** Attribute values by attribute OID. */
  readonly signedAttributes: ReadonlyMap<string, readonly BerNode[]>;
  readonly signature: Uint8Array;
}

/** A SignedData (RFC 5652 §5.1), decoded but not verified. */
export interface ParsedSignedData {
  readonly eContentType: string;
  /** The encapsulated content, or undefined for a detached signature. */
  readonly eContent: Uint8Array | undefined;
  /** Every certificate in the `certificates` field, DER. */
  readonly certificates: readonly Uint8Array[];
  readonly signers: readonly ParsedSignerInfo[];
}

/** Codes a caller wants for each kind of failure. */
export interface CmsErrorCodes {
  /** Structure is not the expected CMS. */
  readonly malformed: PkiErrorCode;
  /** An algorithm Ward does not accept. */
  readonly unsupported: PkiErrorCode;
  /** Digest or signature does not verify, or the signer certificate is missing. */
  readonly signature: PkiErrorCode;
}

/**
 * Decodes a ContentInfo holding a SignedData, BER or DER (RFC 5652 §3, §5). Checks structure and
 * algorithms only; {@link verifySignerInfo} checks signatures.
 *
 * @throws PkiError with the caller's codes.
 */
export function parseSignedData(input: Uint8Array, codes: CmsErrorCodes): ParsedSignedData {
  const malformed: (why: string) => never = (why) => {
    throw new PkiError(codes.malformed, `not a CMS SignedData: ${why}`);
  };
  const contentInfo = readBer(input, codes.malformed);
  const [typeNode, explicit] = contentInfo.children;
  if (!isUniversal(contentInfo, 16) || berOid(typeNode) !== CMS_OID.signedData) malformed('content type is not signedData');
  const signedData = explicit?.children[0];
  if (!isContext(explicit, 0) || !isUniversal(signedData, 16)) malformed('no SignedData');
  const fields = signedData.children;
  const [version, digestAlgorithms, encapsulated] = fields;
  if (!isUniversal(version, 2) || !isUniversal(digestAlgorithms, 17) || !isUniversal(encapsulated, 16)) malformed('bad SignedData header');
  const eContentType = berOid(encapsulated.children[0]) ?? malformed('bad eContentType');
  const eContentWrapper = encapsulated.children[1];
  let eContent: Uint8Array | undefined;
  if (eContentWrapper !== undefined) {
    const octets = eContentWrapper.children[0];
    if (!isContext(eContentWrapper, 0) || !isUniversal(octets, 4) || eContentWrapper.children.length !== 1) malformed('bad eContent');
    eContent = berOctets(octets, codes.malformed);
  }
  let index = 3;
  const certificates: Uint8Array[] = [];
  if (isContext(fields[index], 0)) {
    for (const choice of fields[index]?.children ?? []) {
      // Only X.509 certificates (a plain SEQUENCE); attribute and other certificates are ignored.
      if (isUniversal(choice, 16)) certificates.push(berRaw(choice));
    }
    index++;
  }
  if (isContext(fields[index], 1)) index++;
  const signerInfos = fields[index];
  if (!isUniversal(signerInfos, 17) || index !== fields.length - 1) malformed('bad signerInfos');
  return { eContentType, eContent, certificates, signers: signerInfos.children.map((node) => parseSignerInfo(node, codes)) };
}

function parseSignerInfo(node: BerNode, codes: CmsErrorCodes): ParsedSignerInfo {
  const malformed: (why: string) => never = (why) => {
    throw new PkiError(codes.malformed, `bad SignerInfo: ${why}`);
  };
  if (!isUniversal(node, 16)) malformed('not a SEQUENCE');
  const [version, sidNode, digestAlgorithm, ...rest] = node.children;
  if (!isUniversal(version, 2) || sidNode === undefined || !isUniversal(digestAlgorithm, 16)) malformed('bad header');
  let sid: SignerIdentifier;
  if (isUniversal(sidNode, 16)) {
    const [issuer, serial] = sidNode.children;
    if (!isUniversal(issuer, 16) || !isUniversal(serial, 2)) malformed('bad issuerAndSerialNumber');
    sid = { kind: 'issuerAndSerialNumber', issuerDer: berRaw(issuer), serialNumber: berContent(serial) };
  } else if (isContext(sidNode, 0) && !sidNode.constructed) {
    sid = { kind: 'subjectKeyIdentifier', keyIdentifier: berContent(sidNode) };
  } else {
    return malformed('bad sid');
  }
  const digest = digestFromOid(berOid(digestAlgorithm.children[0]));
  if (digest === undefined) throw new PkiError(codes.unsupported, 'the signer uses a digest algorithm Ward does not accept');
  let position = 0;
  let signedAttributesDer: Uint8Array | undefined;
  const signedAttributes = new Map<string, BerNode[]>();
  const attributesNode = rest[position];
  if (isContext(attributesNode, 0)) {
    if (attributesNode.children.length === 0) malformed('empty signed attributes');
    // The signature covers the DER of the SET OF (RFC 5652 §5.4). A DER sender's bytes are used as
    // they are with the tag changed; an indefinite-length one is re-framed definite.
    signedAttributesDer = attributesNode.indefinite
      ? derElement(0x31, ...attributesNode.children.map(berRaw))
      : Buffer.concat([Uint8Array.of(0x31), berRaw(attributesNode).subarray(1)]);
    for (const attribute of attributesNode.children) {
      const [typeNode, values] = attribute.children;
      const type = berOid(typeNode);
      if (!isUniversal(attribute, 16) || type === undefined || !isUniversal(values, 17) || values.children.length === 0) malformed('bad attribute');
      if (signedAttributes.has(type)) malformed(`attribute ${type} appears twice`);
      signedAttributes.set(type, [...values.children]);
    }
    position++;
  }
  const signatureAlgorithm = rest[position];
  const signature = rest[position + 1];
  if (!isUniversal(signatureAlgorithm, 16) || !isUniversal(signature, 4)) malformed('bad signature fields');
  const signatureAlgorithmOid = berOid(signatureAlgorithm.children[0]) ?? malformed('bad signatureAlgorithm');
  return { sid, digest, signatureAlgorithmOid, signedAttributesDer, signedAttributes, signature: berOctets(signature, codes.malformed) };
}

/** The single value of a signed attribute, or undefined when absent. Multi-valued is malformed. */
export function singleAttribute(signer: ParsedSignerInfo, oid: string, code: PkiErrorCode): BerNode | undefined {
  const values = signer.signedAttributes.get(oid);
  if (values === undefined) return undefined;
  if (values.length !== 1) throw new PkiError(code, `attribute ${oid} must have exactly one value`);
  return values[0];
}

/** The outcome of a verified SignerInfo. */
export interface VerifiedSigner {
  /** DER of the certificate whose key made the signature. */
  readonly certificateDer: Uint8Array;
  readonly publicKey: KeyObject;
  readonly digest: CmsDigest;
}

/**
 * Verifies one SignerInfo over `content` (RFC 5652 §5.4, §5.6): finds its certificate among
 * `certificates`, checks the messageDigest and contentType attributes when there are signed
 * attributes, and the signature with the certificate's key (RSA PKCS#1 v1.5 or ECDSA). Says nothing
 * about whether the certificate is trusted; that is the caller's decision.
 *
 * @throws PkiError `codes.signature` on any mismatch, `codes.unsupported` for unknown algorithms.
 */
export function verifySignerInfo(
  signer: ParsedSignerInfo,
  certificates: readonly Uint8Array[],
  content: Uint8Array,
  eContentType: string,
  codes: CmsErrorCodes,
): VerifiedSigner {
  const bad: (why: string) => never = (why) => {
    throw new PkiError(codes.signature, `the CMS signature does not verify: ${why}`);
  };
  const certificateDer = findSignerCertificate(signer.sid, certificates, codes) ?? bad('the signer certificate is not in the message');
  let publicKey: KeyObject;
  try {
    // Imported once per key: a device signs every MDM request with the same certificate.
    publicKey = publicKeyFromSpki(readCertificateIdentity(certificateDer, codes.malformed).subjectPublicKeyInfoDer);
  } catch (cause) {
    if (cause instanceof PkiError) throw cause;
    throw new PkiError(codes.unsupported, 'the signer key could not be read', { cause });
  }
  const algorithm = signatureAlgorithmFromOid(signer.signatureAlgorithmOid);
  if (algorithm === undefined) throw new PkiError(codes.unsupported, 'the signer uses a signature algorithm Ward does not accept');
  const keyType = publicKey.asymmetricKeyType;
  if ((algorithm.keyType === 'rsa' && keyType !== 'rsa') || (algorithm.keyType === 'ec' && keyType !== 'ec')) bad('the key does not match the signature algorithm');

  let signedBytes: Uint8Array;
  if (signer.signedAttributesDer === undefined) {
    signedBytes = content;
  } else {
    const digestNode = singleAttribute(signer, CMS_OID.messageDigest, codes.malformed);
    const typeNode = singleAttribute(signer, CMS_OID.contentType, codes.malformed);
    if (!isUniversal(digestNode, 4) || berOid(typeNode) !== eContentType) bad('messageDigest or contentType attribute missing or wrong');
    const expected = berContent(digestNode);
    const actual = createHash(signer.digest).update(content).digest();
    if (expected.length !== actual.length || !timingSafeEqual(expected, actual)) bad('the content does not match its messageDigest');
    signedBytes = signer.signedAttributesDer;
  }
  const hash = algorithm.digest ?? signer.digest;
  let valid = false;
  try {
    valid = verify(hash, signedBytes, { key: publicKey, dsaEncoding: 'der' }, signer.signature);
  } catch {
    valid = false;
  }
  if (!valid) bad('the signature is wrong');
  return { certificateDer, publicKey, digest: signer.digest };
}

function findSignerCertificate(sid: SignerIdentifier, certificates: readonly Uint8Array[], codes: CmsErrorCodes): Uint8Array | undefined {
  for (const der of certificates) {
    if (sid.kind === 'issuerAndSerialNumber') {
      const identity = readCertificateIdentity(der, codes.malformed);
      if (Buffer.compare(identity.issuerDer, sid.issuerDer) === 0 && Buffer.compare(identity.serialNumber, sid.serialNumber) === 0) return der;
    } else {
      let keyId: string | undefined;
      try {
        keyId = new x509.X509Certificate(der).getExtension(x509.SubjectKeyIdentifierExtension)?.keyId;
      } catch {
        keyId = undefined;
      }
      if (keyId !== undefined && keyId === Buffer.from(sid.keyIdentifier).toString('hex')) return der;
    }
  }
  return undefined;
}
