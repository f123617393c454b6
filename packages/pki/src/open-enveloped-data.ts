import type { KeyObject } from 'node:crypto';
import { berContent, berOctets, berOid, berRaw, isContext, isUniversal, readBer, type BerNode } from './ber-reader.js';
import { cipherFacts, cipherFromOid, digestFromOid, type CmsContentCipher, type CmsDigest } from './cms-algorithms.js';
import { CMS_OID } from './cms-oids.js';
import { readCertificateIdentity } from './certificate-identity.js';
import type { PkiErrorCode } from './pki-error.js';
import { unwrapRsaKey, type RsaKeyTransport } from './rsa-unwrap-key.js';

/** An EnvelopedData opened: the cipher, the unwrapped key, IV and ciphertext. */
export interface OpenedEnvelope {
  readonly cipher: CmsContentCipher;
  readonly key: Uint8Array;
  readonly iv: Uint8Array;
  readonly ciphertext: Uint8Array;
}

/** The holder of the RSA key an EnvelopedData is addressed to. */
export interface EnvelopeRecipient {
  /** The recipient certificate, DER; matched by issuer and serial number. */
  readonly certificateDer: Uint8Array;
  readonly privateKey: KeyObject;
  /** Secret for implicit rejection (see {@link unwrapRsaKey}). */
  readonly rejectionKey: Uint8Array;
}

/**
 * Reads a ContentInfo holding an EnvelopedData (RFC 5652 §6.1) and unwraps the content key for
 * `recipient` (key transport, recipient named by issuer and serial number). Content decryption is
 * left to the caller, so a wrong key and a bad padding fail at the same later point. Refusals go
 * through `refuse` with SCEP codes.
 */
export function openEnvelopedData(content: Uint8Array, recipient: EnvelopeRecipient, refuse: (code: PkiErrorCode, message: string) => never): OpenedEnvelope {
  const bad: (why: string) => never = (why) => refuse('SCEP_MESSAGE_MALFORMED', `bad pkcsPKIEnvelope: ${why}`);
  let contentInfo: BerNode;
  try {
    contentInfo = readBer(content, 'SCEP_MESSAGE_MALFORMED');
  } catch {
    return bad('not ASN.1');
  }
  const [typeNode, explicit] = contentInfo.children;
  const enveloped = explicit?.children[0];
  if (!isUniversal(contentInfo, 16) || berOid(typeNode) !== CMS_OID.envelopedData || !isContext(explicit, 0) || !isUniversal(enveloped, 16)) {
    return bad('not an EnvelopedData');
  }
  // originatorInfo [0] and unprotectedAttrs [1] carry nothing SCEP uses.
  const fields = enveloped.children.filter((node) => node.tagClass !== 2);
  const [version, recipientInfos, encryptedContentInfo] = fields;
  if (!isUniversal(version, 2) || !isUniversal(recipientInfos, 17) || !isUniversal(encryptedContentInfo, 16) || fields.length !== 3) return bad('bad header');
  const [, algorithm, encryptedContent] = encryptedContentInfo.children;
  if (!isUniversal(algorithm, 16) || !isContext(encryptedContent, 0)) return bad('bad encryptedContentInfo');
  const cipher = cipherFromOid(berOid(algorithm.children[0]));
  if (cipher === undefined) return refuse('SCEP_ALGORITHM_UNSUPPORTED', 'the content cipher is not accepted (use AES-CBC or 3DES)');
  const ivNode = algorithm.children[1];
  const iv = isUniversal(ivNode, 4) ? berContent(ivNode) : undefined;
  if (iv?.length !== cipherFacts(cipher).ivLength) return bad('the IV does not fit the cipher');
  const ciphertext = berOctets(encryptedContent, 'SCEP_MESSAGE_MALFORMED');
  if (ciphertext.length === 0 || ciphertext.length % cipherFacts(cipher).ivLength !== 0) return bad('the ciphertext is not whole cipher blocks');

  const identity = readCertificateIdentity(recipient.certificateDer, 'INVALID_INPUT');
  for (const info of recipientInfos.children) {
    const [ktriVersion, rid, keyAlgorithm, encryptedKey] = info.children;
    if (!isUniversal(info, 16) || !isUniversal(ktriVersion, 2) || !isUniversal(keyAlgorithm, 16) || !isUniversal(encryptedKey, 4)) continue;
    if (!isUniversal(rid, 16)) continue;
    const [issuer, serial] = rid.children;
    if (!isUniversal(issuer, 16) || !isUniversal(serial, 2)) continue;
    if (Buffer.compare(berRaw(issuer), identity.issuerDer) !== 0 || Buffer.compare(berContent(serial), identity.serialNumber) !== 0) continue;
    const transport = keyTransport(keyAlgorithm);
    if (transport === undefined) return refuse('SCEP_ALGORITHM_UNSUPPORTED', 'the key transport is not accepted (use rsaEncryption or RSAES-OAEP)');
    const key = unwrapRsaKey(recipient.privateKey, berContent(encryptedKey), cipherFacts(cipher).keyLength, recipient.rejectionKey, transport);
    return { cipher, key, iv, ciphertext };
  }
  return refuse('SCEP_RECIPIENT_MISMATCH', 'the envelope is not encrypted to the recipient certificate');
}

/** rsaEncryption, or RSAES-OAEP with MGF1 over the same hash and no label (RFC 8017 A.2.1). */
function keyTransport(algorithm: BerNode): RsaKeyTransport | undefined {
  const oid = berOid(algorithm.children[0]);
  if (oid === CMS_OID.rsaEncryption) return { scheme: 'pkcs1-v1_5' };
  if (oid !== CMS_OID.rsaesOaep) return undefined;
  const params = algorithm.children[1];
  if (params === undefined) return { scheme: 'oaep', hash: 'sha1' };
  if (!isUniversal(params, 16)) return undefined;
  let hash: CmsDigest | undefined = 'sha1';
  let mgfHash: CmsDigest | undefined = 'sha1';
  for (const field of params.children) {
    const inner = field.children[0];
    if (isContext(field, 0)) hash = digestFromOid(berOid(inner?.children[0]));
    else if (isContext(field, 1)) mgfHash = berOid(inner?.children[0]) === CMS_OID.mgf1 ? digestFromOid(berOid(inner?.children[1]?.children[0])) : undefined;
    else return undefined;
  }
  return hash !== undefined && hash === mgfHash ? { scheme: 'oaep', hash } : undefined;
}
