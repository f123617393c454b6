import { verify, X509Certificate } from 'node:crypto';
import { berContent, berOid, berRaw, isContext, isUniversal, readBer, type BerNode } from './ber-reader.js';
import { signatureAlgorithmFromOid, type CmsContentCipher, type CmsDigest } from './cms-algorithms.js';
import { decryptContent } from './cms-content-encryption.js';
import { CMS_OID, SCEP_OID } from './cms-oids.js';
import { parseSignedData, singleAttribute, verifySignerInfo, type CmsErrorCodes } from './cms-signed-data.js';
import { readCertificateIdentity } from './certificate-identity.js';
import { encodePem } from './encode-pem.js';
import { PkiError, type PkiErrorCode } from './pki-error.js';
import { publicKeyFromSpki } from './public-key-cache.js';
import { openEnvelopedData } from './open-enveloped-data.js';
import type { ScepRaCredential } from './scep-ra-credential.js';
import { x509 } from './x509.js';

/**
 * Largest pkiMessage accepted, in bytes. A PKCSReq with an RSA-4096 self-signed certificate is
 * about 4 KB; the limit keeps hostile input away from the parser.
 */
export const MAX_SCEP_MESSAGE_BYTES = 64 * 1024;

/** The SCEP request message types Ward serves (RFC 8894 §3.3.1): `19` and `17`. */
export type ScepRequestType = 'PKCSReq' | 'RenewalReq';

/** What a CertRep needs from the request it answers (RFC 8894 §3.3.2). */
export interface ScepReplyContext {
  /** The request's transactionID, echoed in the reply. */
  readonly transactionId: string;
  /** The request's senderNonce, which becomes the reply's recipientNonce. */
  readonly senderNonce: Uint8Array;
  /** The request's digest algorithm, which the reply uses too. */
  readonly digest: CmsDigest;
  /** The certificate that signed the request (self-signed for PKCSReq, the current one for RenewalReq), DER. */
  readonly signerCertificateDer: Uint8Array;
  /** The request's content cipher, for encrypting the reply; undefined when decoding stopped before it. */
  readonly contentCipher: CmsContentCipher | undefined;
}

/** A verified, decrypted SCEP certificate request. */
export interface ScepRequest extends ScepReplyContext {
  readonly messageType: ScepRequestType;
  readonly contentCipher: CmsContentCipher;
  /** The PKCS#10 request, DER and PEM. Its self-signature has been verified. */
  readonly csrDer: Uint8Array;
  readonly csrPem: string;
  /** The CSR subject as RFC 4514 text, for display only. */
  readonly csrSubject: string;
  /** The CSR's SubjectPublicKeyInfo, DER. */
  readonly csrPublicKeyDer: Uint8Array;
  /** The CSR's challengePassword attribute (the one-time challenge), if any. */
  readonly challengePassword: string | undefined;
  /** The pkiMessage as received, for audit. */
  readonly raw: Uint8Array;
}

/** A request Ward refuses. With `replyTo` the sender is authenticated and gets a CertRep FAILURE. */
export interface ScepRequestRejection {
  readonly ok: false;
  readonly code: PkiErrorCode;
  readonly message: string;
  /** Present once the signature verified: enough to sign a FAILURE reply to this sender. */
  readonly replyTo: ScepReplyContext | undefined;
}

/** The outcome of {@link decodeScepRequest}. */
export type ScepDecodeResult = { readonly ok: true; readonly request: ScepRequest } | ScepRequestRejection;

const CODES: CmsErrorCodes = { malformed: 'SCEP_MESSAGE_MALFORMED', unsupported: 'SCEP_ALGORITHM_UNSUPPORTED', signature: 'SCEP_SIGNATURE_INVALID' };
const PRINTABLE = /^[A-Za-z0-9 '()+,\-./:=?]{1,128}$/;

/**
 * Verifies and decrypts a SCEP pkiMessage (RFC 8894 §3.2–3.3.1) addressed to Ward's RA: a SignedData
 * (signed attributes over SHA-1 or SHA-2, RSA PKCS#1 v1.5 or ECDSA) whose content is an
 * EnvelopedData (RSA PKCS#1 v1.5 or OAEP key transport to the RA certificate; DES, 3DES or AES-CBC)
 * holding a PKCS#10 request. For PKCSReq the CSR key must be the signer's key; for RenewalReq the
 * signer is the current certificate, whose trust the caller checks.
 *
 * Every refusal is a result with a stable code. Decryption failures, whatever their cause, are one
 * code (`SCEP_DECRYPT_FAILED`) so the reply reveals nothing about RSA padding.
 */
export function decodeScepRequest(pkiMessage: Uint8Array, ra: ScepRaCredential): ScepDecodeResult {
  try {
    return decode(pkiMessage, ra);
  } catch (error) {
    if (error instanceof ScepRefusal) return { ok: false, code: error.code, message: error.message, replyTo: error.replyTo };
    if (error instanceof PkiError) return { ok: false, code: error.code, message: error.message, replyTo: undefined };
    throw error;
  }
}

class ScepRefusal extends PkiError {
  constructor(
    code: PkiErrorCode,
    message: string,
    readonly replyTo: ScepReplyContext,
  ) {
    super(code, message);
  }
}

function decode(pkiMessage: Uint8Array, ra: ScepRaCredential): ScepDecodeResult {
  if (pkiMessage.length > MAX_SCEP_MESSAGE_BYTES) throw new PkiError('SCEP_MESSAGE_TOO_LARGE', `the pkiMessage exceeds ${MAX_SCEP_MESSAGE_BYTES} bytes`);
  const signedData = parseSignedData(pkiMessage, CODES);
  const [signer, ...others] = signedData.signers;
  if (signer === undefined || others.length > 0) throw malformed('a pkiMessage has exactly one signer');
  if (signedData.eContentType !== CMS_OID.data || signedData.eContent === undefined) throw malformed('the pkiMessage carries no data content');
  if (signer.signedAttributesDer === undefined) throw malformed('the pkiMessage has no signed attributes');
  const verified = verifySignerInfo(signer, signedData.certificates, signedData.eContent, signedData.eContentType, CODES);

  const transactionId = printable(singleAttribute(signer, SCEP_OID.transactionID, CODES.malformed), 'transactionID');
  const nonceNode = singleAttribute(signer, SCEP_OID.senderNonce, CODES.malformed);
  if (!isUniversal(nonceNode, 4)) throw malformed('the senderNonce is missing');
  const senderNonce = new Uint8Array(berContent(nonceNode));
  if (senderNonce.length < 8 || senderNonce.length > 64) throw malformed('the senderNonce must be 8 to 64 bytes');
  let replyTo: ScepReplyContext = { transactionId, senderNonce, digest: verified.digest, signerCertificateDer: new Uint8Array(verified.certificateDer), contentCipher: undefined };
  const refuse: (code: PkiErrorCode, message: string) => never = (code, message) => {
    throw new ScepRefusal(code, message, replyTo);
  };

  const messageTypeText = printable(singleAttribute(signer, SCEP_OID.messageType, CODES.malformed), 'messageType');
  const messageType: ScepRequestType | undefined = messageTypeText === '19' ? 'PKCSReq' : messageTypeText === '17' ? 'RenewalReq' : undefined;
  if (messageType === undefined) return refuse('SCEP_MESSAGE_TYPE_UNSUPPORTED', `SCEP messageType ${messageTypeText} is not served`);

  const envelope = openEnvelopedData(signedData.eContent, ra, refuse);
  replyTo = { ...replyTo, contentCipher: envelope.cipher };
  const plaintext = decryptContent(envelope.cipher, envelope.key, envelope.iv, envelope.ciphertext);
  envelope.key.fill(0);
  const csr = plaintext === undefined ? undefined : readCsr(plaintext);
  if (csr === undefined) return refuse('SCEP_DECRYPT_FAILED', 'the pkiMessage envelope did not decrypt to a certificate request');

  if (!csr.signatureValid) return refuse('SCEP_CSR_INVALID', 'the CSR signature does not verify');
  const signerKey = readCertificateIdentity(verified.certificateDer, CODES.malformed).subjectPublicKeyInfoDer;
  if (messageType === 'PKCSReq') {
    if (Buffer.compare(signerKey, csr.publicKeyDer) !== 0) return refuse('SCEP_CSR_INVALID', 'a PKCSReq must be signed with the key it asks a certificate for');
    // The certificates field is outside the signature; the self-signed signer must at least be intact.
    if (!selfSignatureValid(verified.certificateDer, signerKey)) return refuse('SCEP_SIGNATURE_INVALID', 'the PKCSReq signer certificate is not validly self-signed');
  }
  return {
    ok: true,
    request: {
      ...replyTo,
      messageType,
      contentCipher: envelope.cipher,
      csrDer: csr.der,
      csrPem: encodePem(csr.der, 'CERTIFICATE REQUEST'),
      csrSubject: csr.subject,
      csrPublicKeyDer: csr.publicKeyDer,
      challengePassword: csr.challengePassword,
      raw: new Uint8Array(pkiMessage),
    },
  };
}

interface Csr {
  readonly der: Uint8Array;
  readonly subject: string;
  readonly publicKeyDer: Uint8Array;
  readonly challengePassword: string | undefined;
  readonly signatureValid: boolean;
}

/** A PKCS#10 request (RFC 2986 §4) from decrypted bytes, or undefined when they are not one. */
function readCsr(der: Uint8Array): Csr | undefined {
  let root: BerNode;
  try {
    root = readBer(der, 'SCEP_DECRYPT_FAILED');
  } catch {
    return undefined;
  }
  const [info, signatureAlgorithm, signature] = root.children;
  if (!isUniversal(root, 16) || !isUniversal(info, 16) || !isUniversal(signatureAlgorithm, 16) || !isUniversal(signature, 3)) return undefined;
  const [, , spki, attributes] = info.children;
  if (!isUniversal(spki, 16)) return undefined;
  let subject: string;
  try {
    subject = new x509.Pkcs10CertificateRequest(der).subject;
  } catch {
    return undefined;
  }
  let challengePassword: string | undefined;
  if (isContext(attributes, 0)) {
    for (const attribute of attributes.children) {
      if (berOid(attribute.children[0]) !== CMS_OID.challengePassword) continue;
      const values = attribute.children[1]?.children ?? [];
      if (challengePassword !== undefined || values.length !== 1) return undefined;
      challengePassword = directoryString(values[0]);
      if (challengePassword === undefined) return undefined;
    }
  }
  return { der: new Uint8Array(der), subject, publicKeyDer: new Uint8Array(berRaw(spki)), challengePassword, signatureValid: csrSignatureValid(info, signatureAlgorithm, signature, spki) };
}

function csrSignatureValid(info: BerNode, signatureAlgorithm: BerNode, signature: BerNode, spki: BerNode): boolean {
  const algorithm = signatureAlgorithmFromOid(berOid(signatureAlgorithm.children[0]));
  const bits = berContent(signature);
  if (algorithm?.digest === undefined || bits[0] !== 0) return false;
  try {
    const key = publicKeyFromSpki(berRaw(spki));
    if (key.asymmetricKeyType !== algorithm.keyType) return false;
    return verify(algorithm.digest, berRaw(info), { key, dsaEncoding: 'der' }, bits.subarray(1));
  } catch {
    return false;
  }
}

function selfSignatureValid(der: Uint8Array, spki: Uint8Array): boolean {
  try {
    // `spki` is this certificate's own key, read from its DER; imported once for the whole request.
    return new X509Certificate(der).verify(publicKeyFromSpki(spki));
  } catch {
    return false;
  }
}

/** challengePassword is a DirectoryString (RFC 2985 §5.4.1); IA5String is accepted as clients send it. */
function directoryString(node: BerNode | undefined): string | undefined {
  if (node === undefined || node.tagClass !== 0 || node.constructed) return undefined;
  const bytes = berContent(node);
  if (bytes.length === 0 || bytes.length > 1024) return undefined;
  switch (node.tagNumber) {
    case 12:
      return new TextDecoder('utf-8', { fatal: false }).decode(bytes);
    case 19:
    case 22:
    case 20:
      return Buffer.from(bytes).toString('latin1');
    case 30:
      return bytes.length % 2 === 0 ? Buffer.from(bytes).swap16().toString('utf16le') : undefined;
    default:
      return undefined;
  }
}

function printable(node: BerNode | undefined, name: string): string {
  if (node === undefined || node.tagClass !== 0 || node.constructed || (node.tagNumber !== 19 && node.tagNumber !== 12)) throw malformed(`the ${name} attribute is missing`);
  const text = Buffer.from(berContent(node)).toString('latin1');
  if (!PRINTABLE.test(text)) throw malformed(`the ${name} attribute is not a short printable string`);
  return text;
}

function malformed(message: string): PkiError {
  return new PkiError('SCEP_MESSAGE_MALFORMED', message);
}
