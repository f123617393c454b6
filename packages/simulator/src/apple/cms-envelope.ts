import { constants, createCipheriv, createDecipheriv, privateDecrypt, publicEncrypt, randomBytes, X509Certificate } from 'node:crypto';
import {
  ContentEncryptionAlgorithmIdentifier,
  ContentInfo,
  EncryptedContent,
  EncryptedContentInfo,
  CMSVersion,
  EnvelopedData,
  id_data,
  id_envelopedData,
  IssuerAndSerialNumber,
  KeyEncryptionAlgorithmIdentifier,
  KeyTransRecipientInfo,
  RecipientIdentifier,
  RecipientInfo,
  RecipientInfos,
} from '@peculiar/asn1-cms';
import { id_sha1, id_sha256, RsaEsOaepParams } from '@peculiar/asn1-rsa';
import { AsnConvert, OctetString } from '@peculiar/asn1-schema';
import { Certificate } from '@peculiar/asn1-x509';
import { derOctetString, derTag, readDerPrimitive } from './der-values.js';
import { rsaOids, type RsaIdentity } from './rsa-identity.js';

/** The content ciphers SCEP peers use: 3DES as iOS sends, AES when the server's GetCACaps says AES. */
export type ContentCipher = 'des-ede3-cbc' | 'aes-128-cbc' | 'aes-192-cbc' | 'aes-256-cbc';

const cipherOids: Readonly<Record<ContentCipher, string>> = {
  'des-ede3-cbc': '1.2.840.113549.3.7',
  'aes-128-cbc': '2.16.840.1.101.3.4.1.2',
  'aes-192-cbc': '2.16.840.1.101.3.4.1.22',
  'aes-256-cbc': '2.16.840.1.101.3.4.1.42',
};
const cipherSizes: Readonly<Record<ContentCipher, { key: number; iv: number }>> = {
  'des-ede3-cbc': { key: 24, iv: 8 },
  'aes-128-cbc': { key: 16, iv: 16 },
  'aes-192-cbc': { key: 24, iv: 16 },
  'aes-256-cbc': { key: 32, iv: 16 },
};

/**
 * A CMS EnvelopedData (RFC 5652 §6) in a ContentInfo, DER: `content` encrypted with a fresh key
 * under `cipher`, the key wrapped for the RSA certificate `recipientDer` with rsaEncryption
 * (PKCS#1 v1.5), recipient named by issuer and serial: the pkcsPKIEnvelope of RFC 8894 §3.2.2.
 */
export function encryptEnvelope(content: Uint8Array, recipientDer: Uint8Array, cipher: ContentCipher): Uint8Array {
  const sizes = cipherSizes[cipher];
  const key = randomBytes(sizes.key);
  const iv = randomBytes(sizes.iv);
  const encipher = createCipheriv(cipher, key, iv);
  const encrypted = Buffer.concat([encipher.update(content), encipher.final()]);
  const wrapped = publicEncrypt({ key: new X509Certificate(Buffer.from(recipientDer)).publicKey, padding: constants.RSA_PKCS1_PADDING }, key);
  const recipient = AsnConvert.parse(recipientDer, Certificate);
  const envelope = new EnvelopedData({
    version: CMSVersion.v0,
    recipientInfos: new RecipientInfos([
      new RecipientInfo({
        ktri: new KeyTransRecipientInfo({
          version: CMSVersion.v0,
          rid: new RecipientIdentifier({
            issuerAndSerialNumber: new IssuerAndSerialNumber({ issuer: recipient.tbsCertificate.issuer, serialNumber: recipient.tbsCertificate.serialNumber }),
          }),
          keyEncryptionAlgorithm: new KeyEncryptionAlgorithmIdentifier({ algorithm: rsaOids.rsaEncryption, parameters: null }),
          encryptedKey: new OctetString(wrapped),
        }),
      }),
    ]),
    encryptedContentInfo: new EncryptedContentInfo({
      contentType: id_data,
      contentEncryptionAlgorithm: new ContentEncryptionAlgorithmIdentifier({ algorithm: cipherOids[cipher], parameters: new Uint8Array(derOctetString(iv)).buffer }),
      encryptedContent: new EncryptedContent({ value: new OctetString(encrypted) }),
    }),
  });
  return new Uint8Array(AsnConvert.serialize(new ContentInfo({ contentType: id_envelopedData, content: AsnConvert.serialize(envelope) })));
}

/**
 * Removes PKCS#1 v1.5 encryption padding (RFC 8017 §7.2.2): 00 02, at least eight nonzero bytes,
 * 00, message. Node 20 refuses PKCS#1 v1.5 in privateDecrypt, so the raw RSA result is unpadded
 * here. A padding oracle does not matter in a test client that decrypts only its own CertReps.
 */
export function removePkcs1Type2Padding(block: Uint8Array): Uint8Array {
  if (block[0] !== 0x00 || block[1] !== 0x02) throw new Error('the wrapped key has no PKCS#1 v1.5 encryption padding');
  const separator = block.indexOf(0x00, 2);
  if (separator < 10) throw new Error('the wrapped key has no PKCS#1 v1.5 encryption padding');
  return block.subarray(separator + 1);
}

function oaepHash(parameters: ArrayBuffer | null | undefined): 'sha1' | 'sha256' {
  if (!parameters || parameters.byteLength === 0) return 'sha1';
  const params = AsnConvert.parse(parameters, RsaEsOaepParams);
  if (params.hashAlgorithm.algorithm === id_sha1) return 'sha1';
  if (params.hashAlgorithm.algorithm === id_sha256) return 'sha256';
  throw new Error(`unsupported RSAES-OAEP hash ${params.hashAlgorithm.algorithm}`);
}

function unwrapKey(recipient: KeyTransRecipientInfo, identity: RsaIdentity): Buffer {
  const wrapped = Buffer.from(recipient.encryptedKey.buffer);
  const algorithm = recipient.keyEncryptionAlgorithm.algorithm;
  if (algorithm === rsaOids.rsaEncryption) {
    const block = privateDecrypt({ key: identity.privateKey, padding: constants.RSA_NO_PADDING }, wrapped);
    return Buffer.from(removePkcs1Type2Padding(block));
  }
  if (algorithm === rsaOids.rsaesOaep) {
    return privateDecrypt({ key: identity.privateKey, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: oaepHash(recipient.keyEncryptionAlgorithm.parameters) }, wrapped);
  }
  throw new Error(`unsupported key transport ${algorithm}`);
}

function cipherOf(oid: string): ContentCipher {
  for (const [name, value] of Object.entries(cipherOids)) if (value === oid) return name as ContentCipher;
  throw new Error(`unsupported content encryption ${oid}`);
}

/**
 * Opens a CMS EnvelopedData in a ContentInfo addressed to `identity` (key transport recipient
 * named by the identity's issuer and serial, rsaEncryption or RSAES-OAEP; 3DES or AES-CBC content).
 * @throws Error when it is not for this identity or does not decrypt.
 */
export function decryptEnvelope(der: Uint8Array, identity: RsaIdentity): Uint8Array {
  const contentInfo = AsnConvert.parse(der, ContentInfo);
  if (contentInfo.contentType !== id_envelopedData) throw new Error(`expected CMS EnvelopedData, got content type ${contentInfo.contentType}`);
  const envelope = AsnConvert.parse(contentInfo.content, EnvelopedData);
  const own = AsnConvert.parse(identity.certificateDer, Certificate).tbsCertificate;
  const ownIssuer = Buffer.from(AsnConvert.serialize(own.issuer));
  const recipient = envelope.recipientInfos
    .map((info) => info.ktri)
    .find((ktri) => {
      const id = ktri?.rid.issuerAndSerialNumber;
      return id !== undefined && Buffer.compare(Buffer.from(id.serialNumber), Buffer.from(own.serialNumber)) === 0 && Buffer.compare(Buffer.from(AsnConvert.serialize(id.issuer)), ownIssuer) === 0;
    });
  if (!recipient) throw new Error('the EnvelopedData is not addressed to this identity');
  const info = envelope.encryptedContentInfo;
  const cipher = cipherOf(info.contentEncryptionAlgorithm.algorithm);
  const parameters = info.contentEncryptionAlgorithm.parameters;
  if (!parameters) throw new Error('the content encryption has no IV');
  const iv = readDerPrimitive(new Uint8Array(parameters));
  if (iv.tag !== derTag.octetString || iv.contents.length !== cipherSizes[cipher].iv) throw new Error('the content encryption IV is malformed');
  const encrypted = info.encryptedContent?.value?.buffer ?? joinSegments(info.encryptedContent?.constructedValue);
  const decipher = createDecipheriv(cipher, unwrapKey(recipient, identity), iv.contents);
  return Buffer.concat([decipher.update(Buffer.from(encrypted)), decipher.final()]);
}

function joinSegments(segments: readonly OctetString[] | undefined): ArrayBuffer {
  if (!segments) throw new Error('the EnvelopedData carries no encrypted content');
  return new Uint8Array(Buffer.concat(segments.map((segment) => Buffer.from(segment.buffer)))).buffer;
}
