import { createHash, sign, type KeyObject } from 'node:crypto';
import { digestOid, signatureOid, type CmsDigest } from './cms-algorithms.js';
import { CMS_OID } from './cms-oids.js';
import { readCertificateIdentity } from './certificate-identity.js';
import {
  DER_TAG,
  derAlgorithm,
  derElement,
  derExplicit,
  derOctetString,
  derOid,
  derSequence,
  derSetOf,
  derSmallInteger,
} from './der-writer.js';
import { PkiError } from './pki-error.js';

/** Who signs a SignedData. */
export interface CmsSigner {
  /** The signer's certificate, DER. */
  readonly certificateDer: Uint8Array;
  /** The matching private key: RSA (PKCS#1 v1.5 signatures) or EC (ECDSA). */
  readonly privateKey: KeyObject;
}

/** What {@link buildSignedData} signs. */
export interface BuildSignedDataInput {
  /** The eContentType; `id-data` for SCEP and profiles. */
  readonly eContentType: string;
  /** The content; encapsulated when `attached`, otherwise only digested. */
  readonly content: Uint8Array;
  /** Whether the content goes inside (false only for a detached signature). */
  readonly attached: boolean;
  /** Certificates to include, DER, the signer's first. */
  readonly certificates: readonly Uint8Array[];
  readonly signer: CmsSigner;
  readonly digest: CmsDigest;
  /** Further signed attributes, each a complete DER Attribute. */
  readonly extraAttributes?: readonly Uint8Array[];
}

/**
 * A ContentInfo holding a DER SignedData (RFC 5652 §5) with one SignerInfo identified by issuer and
 * serial number, signed attributes contentType and messageDigest (plus the caller's), sorted as DER
 * requires so verifiers hash the same bytes.
 */
export function buildSignedData(input: BuildSignedDataInput): Uint8Array {
  const keyType = input.signer.privateKey.asymmetricKeyType;
  if (keyType !== 'rsa' && keyType !== 'ec') throw new PkiError('INVALID_INPUT', 'CMS signers must have an RSA or EC key');
  const identity = readCertificateIdentity(input.signer.certificateDer, 'INVALID_INPUT');
  const attributes = derSetOf(
    derAttribute(CMS_OID.contentType, derOid(input.eContentType)),
    derAttribute(CMS_OID.messageDigest, derOctetString(createHash(input.digest).update(input.content).digest())),
    ...(input.extraAttributes ?? []),
  );
  const signature = sign(input.digest, attributes, { key: input.signer.privateKey, dsaEncoding: 'der' });
  const signerInfo = derSequence(
    derSmallInteger(1),
    derSequence(identity.issuerDer, derElement(DER_TAG.INTEGER, identity.serialNumber)),
    derAlgorithm(digestOid(input.digest)),
    // [0] IMPLICIT SET OF: same bytes as the signed SET with the tag changed (RFC 5652 §5.4).
    Buffer.concat([Uint8Array.of(0xa0), attributes.subarray(1)]),
    keyType === 'rsa' ? derAlgorithm(CMS_OID.rsaEncryption) : derAlgorithm(signatureOid('ec', input.digest), null),
    derOctetString(signature),
  );
  const encapsulated = input.attached
    ? derSequence(derOid(input.eContentType), derExplicit(0, derOctetString(input.content)))
    : derSequence(derOid(input.eContentType));
  return wrapSignedData(
    derSequence(
      derSmallInteger(1),
      derSetOf(derAlgorithm(digestOid(input.digest))),
      encapsulated,
      derImplicitSet(0, input.certificates),
      derSetOf(signerInfo),
    ),
  );
}

/**
 * A degenerate certs-only SignedData (RFC 8894 §3.4, RFC 5652 §5.2): no signers, no content, just
 * `certificates` in the given order (SCEP clients take the first as the issued or RA certificate).
 */
export function buildCertsOnlySignedData(certificates: readonly Uint8Array[]): Uint8Array {
  return wrapSignedData(
    derSequence(derSmallInteger(1), derElement(DER_TAG.SET), derSequence(derOid(CMS_OID.data)), derImplicitSet(0, certificates), derElement(DER_TAG.SET)),
  );
}

/** A complete Attribute (type and a one-value SET). */
export function derAttribute(oid: string, value: Uint8Array): Uint8Array {
  return derSequence(derOid(oid), derSetOf(value));
}

function wrapSignedData(signedData: Uint8Array): Uint8Array {
  return derSequence(derOid(CMS_OID.signedData), derExplicit(0, signedData));
}

function derImplicitSet(tagNumber: number, elements: readonly Uint8Array[]): Uint8Array {
  // Certificates keep the caller's order: SCEP clients read the first one as "the" certificate.
  return derElement(0xa0 | tagNumber, ...elements);
}
