import { randomBytes, X509Certificate } from 'node:crypto';
import { signCms, signedDataCertificates, parseSignedData, verifyCms } from './cms-signed-data.js';
import { decryptEnvelope, encryptEnvelope, type ContentCipher } from './cms-envelope.js';
import { derOctetString, derPrintableString, derTag, readDerPrimitive } from './der-values.js';
import type { DeviceDigest, RsaIdentity } from './rsa-identity.js';

/** SCEP's signed attributes (RFC 8894 §3.2.1), under id-VeriSign 2.16.840.1.113733.1.9. */
export const scepAttributes = {
  messageType: '2.16.840.1.113733.1.9.2',
  pkiStatus: '2.16.840.1.113733.1.9.3',
  failInfo: '2.16.840.1.113733.1.9.4',
  senderNonce: '2.16.840.1.113733.1.9.5',
  recipientNonce: '2.16.840.1.113733.1.9.6',
  transactionID: '2.16.840.1.113733.1.9.7',
} as const;

/** The messageType values a client sends or reads (RFC 8894 §3.2.1.2). */
export const scepMessageTypes = { CertRep: '3', RenewalReq: '17', PKCSReq: '19', CertPoll: '20' } as const;

/** The failInfo names (RFC 8894 §3.2.1.4). */
export const scepFailInfos = ['badAlg', 'badMessageCheck', 'badRequest', 'badTime', 'badCertID'] as const;
export type ScepFailInfo = (typeof scepFailInfos)[number];

/** What a PKCSReq or RenewalReq carries. */
export interface ScepRequestInput {
  readonly messageType: 'PKCSReq' | 'RenewalReq';
  /** The PKCS#10 request, DER. */
  readonly csrDer: Uint8Array;
  /** The RA (or CA) certificate the envelope is encrypted to. */
  readonly recipientDer: Uint8Array;
  /** PKCSReq: the self-signed certificate for the new key; RenewalReq: the current identity. */
  readonly signer: RsaIdentity;
  readonly digest: DeviceDigest;
  readonly cipher: ContentCipher;
  readonly transactionId: string;
  /** 16 random bytes; the CertRep must echo them as recipientNonce. */
  readonly senderNonce: Uint8Array;
  readonly signingTime: Date;
}

/** A fresh sender nonce (RFC 8894 §3.2.1.5: 16 random bytes). */
export function createSenderNonce(): Uint8Array {
  return randomBytes(16);
}

/**
 * A pkiMessage (RFC 8894 §3.2): SignedData over the pkcsPKIEnvelope (the CSR encrypted to the RA
 * certificate), signed attributes messageType, transactionID and senderNonce, DER.
 */
export function encodeScepRequest(input: ScepRequestInput): Uint8Array {
  const envelope = encryptEnvelope(input.csrDer, input.recipientDer, input.cipher);
  return signCms({
    content: envelope,
    detached: false,
    signer: input.signer,
    digest: input.digest,
    signingTime: input.signingTime,
    attributes: [
      { type: scepAttributes.messageType, valueDer: derPrintableString(scepMessageTypes[input.messageType]) },
      { type: scepAttributes.transactionID, valueDer: derPrintableString(input.transactionId) },
      { type: scepAttributes.senderNonce, valueDer: derOctetString(input.senderNonce) },
    ],
  });
}

/** A CertRep read back. */
export type ScepCertRep =
  | { readonly status: 'SUCCESS'; readonly certificateDer: Uint8Array; readonly certificatesDer: readonly Uint8Array[] }
  | { readonly status: 'FAILURE'; readonly failInfo: ScepFailInfo | 'unknown' }
  | { readonly status: 'PENDING' };

/** What a CertRep is checked against. */
export interface CertRepExpectations {
  readonly transactionId: string;
  readonly senderNonce: Uint8Array;
  /** The RA and CA certificates from GetCACert: the CertRep must be signed by one of them. */
  readonly authorityDer: readonly Uint8Array[];
  /** The identity the request was signed with: the issued certificate is encrypted to it. */
  readonly requester: RsaIdentity;
  /** The public key the CSR asked to certify, SPKI DER: the issued certificate is the one for it. */
  readonly requestedKeySpki: Uint8Array;
}

function attributeText(attributes: ReadonlyMap<string, readonly Uint8Array[]>, type: string): string | undefined {
  const value = attributes.get(type)?.[0];
  if (!value) return undefined;
  const primitive = readDerPrimitive(value);
  if (primitive.tag !== derTag.printableString && primitive.tag !== derTag.utf8String) throw new Error(`SCEP attribute ${type} is not a string`);
  return Buffer.from(primitive.contents).toString('latin1');
}

function attributeBytes(attributes: ReadonlyMap<string, readonly Uint8Array[]>, type: string): Uint8Array | undefined {
  const value = attributes.get(type)?.[0];
  if (!value) return undefined;
  const primitive = readDerPrimitive(value);
  if (primitive.tag !== derTag.octetString) throw new Error(`SCEP attribute ${type} is not an OCTET STRING`);
  return primitive.contents;
}

/**
 * Reads a CertRep (RFC 8894 §3.3.2): the signature by one of the authority's certificates, the
 * messageType, the transactionID and recipientNonce echoing the request's, the pkiStatus; on
 * SUCCESS the envelope opened with the requester's key and the issued certificate taken from the
 * degenerate certs-only SignedData: the one certifying the CSR's key, the rest its chain.
 *
 * @throws Error when the CertRep is malformed, unsigned by the authority, or answers another request.
 */
export function decodeCertRep(der: Uint8Array, expected: CertRepExpectations): ScepCertRep {
  // A FAILURE or PENDING CertRep carries no content (RFC 8894 §3.3.2): its digest is over nothing.
  const verified = verifyCms(der, new Uint8Array(0), expected.authorityDer);
  const signer = Buffer.from(verified.signerCertificateDer);
  if (!expected.authorityDer.some((candidate) => Buffer.compare(Buffer.from(candidate), signer) === 0)) throw new Error('the CertRep is not signed by the SCEP authority');
  const { attributes } = verified;
  if (attributeText(attributes, scepAttributes.messageType) !== scepMessageTypes.CertRep) throw new Error('the answer is not a CertRep');
  if (attributeText(attributes, scepAttributes.transactionID) !== expected.transactionId) throw new Error('the CertRep answers another transaction');
  const recipientNonce = attributeBytes(attributes, scepAttributes.recipientNonce);
  if (!recipientNonce || Buffer.compare(Buffer.from(recipientNonce), Buffer.from(expected.senderNonce)) !== 0) throw new Error('the CertRep recipientNonce is not our senderNonce');
  const status = attributeText(attributes, scepAttributes.pkiStatus);
  if (status === '2') {
    const code = Number(attributeText(attributes, scepAttributes.failInfo));
    return { status: 'FAILURE', failInfo: scepFailInfos[code] ?? 'unknown' };
  }
  if (status === '3') return { status: 'PENDING' };
  if (status !== '0') throw new Error(`the CertRep has pkiStatus ${String(status)}`);
  const degenerate = parseSignedData(decryptEnvelope(verified.content, expected.requester));
  const certificatesDer = signedDataCertificates(degenerate);
  const wanted = Buffer.from(expected.requestedKeySpki);
  const certificateDer = certificatesDer.find((candidate) => Buffer.compare(new X509Certificate(Buffer.from(candidate)).publicKey.export({ type: 'spki', format: 'der' }), wanted) === 0);
  if (!certificateDer) throw new Error('the CertRep carries no certificate for the requested key');
  return { status: 'SUCCESS', certificateDer, certificatesDer };
}
