import { constants, publicEncrypt, randomBytes } from 'node:crypto';
import { cipherFacts, digestOid, type CmsContentCipher, type CmsDigest } from './cms-algorithms.js';
import { encryptContent } from './cms-content-encryption.js';
import { CMS_OID } from './cms-oids.js';
import { readCertificateIdentity } from './certificate-identity.js';
import { DER_TAG, derAlgorithm, derElement, derExplicit, derOctetString, derOid, derSequence, derSetOf, derSmallInteger } from './der-writer.js';
import { PkiError } from './pki-error.js';
import { publicKeyFromSpki } from './public-key-cache.js';

/** Key transport for {@link buildEnvelopedData}: PKCS#1 v1.5 (what SCEP peers use) or OAEP. */
export type KeyTransportChoice = { readonly scheme: 'pkcs1-v1_5' } | { readonly scheme: 'oaep'; readonly hash: CmsDigest };

/**
 * A ContentInfo holding a DER EnvelopedData (RFC 5652 §6) of `plaintext` for the RSA key of the
 * certificate `recipientDer`, with a fresh content key and IV.
 *
 * @throws PkiError `INVALID_INPUT` for a malformed or non-RSA recipient certificate.
 */
export function buildEnvelopedData(
  plaintext: Uint8Array,
  recipientDer: Uint8Array,
  cipher: CmsContentCipher,
  transport: KeyTransportChoice = { scheme: 'pkcs1-v1_5' },
): Uint8Array {
  const identity = readCertificateIdentity(recipientDer, 'INVALID_INPUT');
  // The recipient is the SCEP requester whose signature was just checked with this same key.
  const publicKey = publicKeyFromSpki(identity.subjectPublicKeyInfoDer);
  if (publicKey.asymmetricKeyType !== 'rsa') throw new PkiError('INVALID_INPUT', 'CMS envelopes are encrypted to RSA keys only');
  const facts = cipherFacts(cipher);
  const key = randomBytes(facts.keyLength);
  const iv = randomBytes(facts.ivLength);
  const ciphertext = encryptContent(cipher, key, iv, plaintext);
  // Encrypting with PKCS#1 v1.5 is safe and what every SCEP client decrypts; only decrypting it is the risk.
  const encryptedKey =
    transport.scheme === 'oaep'
      ? publicEncrypt({ key: publicKey, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: transport.hash }, key)
      : publicEncrypt({ key: publicKey, padding: constants.RSA_PKCS1_PADDING }, key);
  key.fill(0);
  const keyAlgorithm =
    transport.scheme === 'oaep'
      ? derSequence(
          derOid(CMS_OID.rsaesOaep),
          derSequence(
            derExplicit(0, derAlgorithm(digestOid(transport.hash))),
            derExplicit(1, derSequence(derOid(CMS_OID.mgf1), derAlgorithm(digestOid(transport.hash)))),
          ),
        )
      : derAlgorithm(CMS_OID.rsaEncryption);
  const recipientInfo = derSequence(
    derSmallInteger(0),
    derSequence(identity.issuerDer, derElement(DER_TAG.INTEGER, identity.serialNumber)),
    keyAlgorithm,
    derOctetString(encryptedKey),
  );
  const encryptedContentInfo = derSequence(derOid(CMS_OID.data), derSequence(derOid(facts.oid), derOctetString(iv)), derElement(0x80, ciphertext));
  return derSequence(derOid(CMS_OID.envelopedData), derExplicit(0, derSequence(derSmallInteger(0), derSetOf(recipientInfo), encryptedContentInfo)));
}
