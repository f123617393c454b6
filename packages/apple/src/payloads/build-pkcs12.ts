import { createCipheriv, createHash, createHmac, createPrivateKey, type KeyObject } from 'node:crypto';
import { ContentInfo, id_data } from '@peculiar/asn1-cms';
import { AuthenticatedSafe, CertBag, id_certBag, id_pkcs8ShroudedKeyBag, id_x509Certificate, MacData, PFX, PKCS12Attribute, SafeBag, SafeContents } from '@peculiar/asn1-pfx';
import { EncryptedData, EncryptedPrivateKeyInfo } from '@peculiar/asn1-pkcs8';
import { DigestInfo } from '@peculiar/asn1-rsa';
import { AsnConvert, OctetString } from '@peculiar/asn1-schema';
import { AlgorithmIdentifier } from '@peculiar/asn1-x509';

/** PBKDF2 and MAC iteration count: OpenSSL 3's default for PKCS#12. */
export const PKCS12_ITERATIONS = 2048;
/** Longest private key PEM accepted (an RSA-8192 PKCS#8 key is under 7 KB). */
export const MAX_PRIVATE_KEY_PEM_LENGTH = 16_384;

const ID_SHA256 = '2.16.840.1.101.3.4.2.1';
const ID_SHA1 = '1.3.14.3.2.26';
const ID_PBE_SHA1_3DES = '1.2.840.113549.1.12.1.3';

/**
 * How the key is encrypted and the file MACed. `aes256`: PBES2 (PBKDF2-HMAC-SHA256, AES-256-CBC)
 * and an HMAC-SHA256 MAC, OpenSSL 3's default. `legacy3des`: pbeWithSHAAnd3-KeyTripleDES-CBC and an
 * HMAC-SHA1 MAC (RFC 7292 Appendix C), which every Apple OS release imports; some macOS and iOS
 * releases are reported to refuse the modern form.
 */
export type Pkcs12Encryption = 'aes256' | 'legacy3des';
const ID_LOCAL_KEY_ID = '1.2.840.113549.1.9.21';
const ID_FRIENDLY_NAME = '1.2.840.113549.1.9.20';

/** What goes into a PKCS#12 file. */
export interface Pkcs12Input {
  /** DER of the leaf certificate, then of its chain (issuing CA first); the first one matches the key. */
  readonly certificatesDer: readonly Uint8Array[];
  readonly privateKeyPem: string;
  /** Shown by the device as the identity's name. */
  readonly friendlyName: string;
  /** The password: ASCII, so its PBES2 (bytes) and MAC (BMPString) encodings cannot disagree. */
  readonly password: string;
  /** Random bytes for the salts. */
  readonly randomBytes: (length: number) => Uint8Array;
  /** Default `aes256`. */
  readonly encryption?: Pkcs12Encryption;
}

/**
 * A PKCS#12 (RFC 7292) file holding one identity: the certificates in a plain `data` SafeContents
 * and the private key in a PKCS8ShroudedKeyBag encrypted with PBES2 (PBKDF2-HMAC-SHA256,
 * AES-256-CBC; RFC 8018) or, on request, the legacy 3DES scheme ({@link Pkcs12Encryption}), both
 * bags carrying the same localKeyId so the importer pairs them, the whole integrity-protected by
 * an HMAC MAC keyed with the RFC 7292 Appendix B KDF. Node has no
 * PKCS#12 writer; OpenSSL's `pkcs12 -info` reads the result (see the tests).
 *
 * @throws Error when the key PEM is too long or not a private key, or the password is not ASCII.
 */
export function buildPkcs12(input: Pkcs12Input): Uint8Array {
  const leaf = input.certificatesDer[0];
  if (leaf === undefined) throw new Error('a PKCS#12 identity needs a certificate');
  if (!/^[\x21-\x7e]{8,128}$/.test(input.password)) throw new Error('the PKCS#12 password must be 8 to 128 printable ASCII characters');
  if (input.privateKeyPem.length > MAX_PRIVATE_KEY_PEM_LENGTH) throw new Error('the private key PEM is too long');
  let key: KeyObject;
  try {
    key = createPrivateKey({ key: input.privateKeyPem, format: 'pem' });
  } catch (e) {
    // The key text is never echoed: it is a secret.
    throw new Error('the private key PEM is not a private key', { cause: e instanceof Error ? new Error(e.message) : undefined });
  }
  const localKeyId = createHash('sha1').update(leaf).digest();
  const attributes = [pkcs12Attribute(ID_LOCAL_KEY_ID, AsnConvert.serialize(new OctetString(localKeyId))), pkcs12Attribute(ID_FRIENDLY_NAME, bmpString(input.friendlyName))];

  const certificateBags = input.certificatesDer.map(
    (der, index) =>
      new SafeBag({
        bagId: id_certBag,
        bagValue: AsnConvert.serialize(new CertBag({ certId: id_x509Certificate, certValue: AsnConvert.serialize(new OctetString(der)) })),
        ...(index === 0 ? { bagAttributes: attributes } : {}),
      }),
  );
  const legacy = input.encryption === 'legacy3des';
  const encryptedKeyInfo = legacy ? legacyEncryptedKeyInfo(key, input.password, input.randomBytes(8)) : modernEncryptedKeyInfo(key, input.password);
  const keyBag = new SafeBag({ bagId: id_pkcs8ShroudedKeyBag, bagValue: encryptedKeyInfo, bagAttributes: attributes });

  const authenticatedSafe = new AuthenticatedSafe([dataContentInfo(new SafeContents(certificateBags)), dataContentInfo(new SafeContents([keyBag]))]);
  const authSafeDer = new Uint8Array(AsnConvert.serialize(authenticatedSafe));

  // An 8-byte salt, as OpenSSL writes: macOS is reported to refuse some files with 16.
  const macSalt = input.randomBytes(8);
  const hash = legacy ? 'sha1' : 'sha256';
  const macKey = pkcs12Kdf(input.password, macSalt, 3, PKCS12_ITERATIONS, legacy ? 20 : 32, hash);
  const mac = createHmac(hash, macKey).update(authSafeDer).digest();
  const pfx = new PFX({
    version: 3,
    authSafe: new ContentInfo({ contentType: id_data, content: AsnConvert.serialize(new OctetString(authSafeDer)) }),
    macData: new MacData({
      mac: new DigestInfo({ digestAlgorithm: new AlgorithmIdentifier({ algorithm: legacy ? ID_SHA1 : ID_SHA256, parameters: null }), digest: new OctetString(mac) }),
      macSalt: new OctetString(macSalt),
      iterations: PKCS12_ITERATIONS,
    }),
  });
  return new Uint8Array(AsnConvert.serialize(pfx));
}

function modernEncryptedKeyInfo(key: KeyObject, password: string): ArrayBuffer {
  // OpenSSL 3 writes PBES2 with PBKDF2-HMAC-SHA256 for a cipher named here (checked in the tests).
  return toArrayBuffer(key.export({ type: 'pkcs8', format: 'der', cipher: 'aes-256-cbc', passphrase: password }));
}

/** EncryptedPrivateKeyInfo under pbeWithSHAAnd3-KeyTripleDES-CBC: key and IV from the RFC 7292 KDF with SHA-1. */
function legacyEncryptedKeyInfo(key: KeyObject, password: string, salt: Uint8Array): ArrayBuffer {
  const pkcs8 = key.export({ type: 'pkcs8', format: 'der' });
  const cipher = createCipheriv('des-ede3-cbc', pkcs12Kdf(password, salt, 1, PKCS12_ITERATIONS, 24, 'sha1'), pkcs12Kdf(password, salt, 2, PKCS12_ITERATIONS, 8, 'sha1'));
  const encrypted = Buffer.concat([cipher.update(pkcs8), cipher.final()]);
  // pkcs-12PbeParams ::= SEQUENCE { salt OCTET STRING, iterations INTEGER }, 8-byte salt and 2048 iterations.
  const params = Buffer.concat([Buffer.from([0x30, 0x0e, 0x04, 0x08]), salt, Buffer.from([0x02, 0x02, PKCS12_ITERATIONS >> 8, PKCS12_ITERATIONS & 0xff])]);
  return AsnConvert.serialize(new EncryptedPrivateKeyInfo({ encryptionAlgorithm: new AlgorithmIdentifier({ algorithm: ID_PBE_SHA1_3DES, parameters: toArrayBuffer(params) }), encryptedData: new EncryptedData(encrypted) }));
}

/** asn1-pfx's PKCS12Attribute constructor drops its parameters (`Object.assign(params)`), so the fields are set after. */
function pkcs12Attribute(attrId: string, value: ArrayBuffer): PKCS12Attribute {
  const attribute = new PKCS12Attribute();
  attribute.attrId = attrId;
  attribute.attrValues = [value];
  return attribute;
}

function dataContentInfo(contents: SafeContents): ContentInfo {
  return new ContentInfo({ contentType: id_data, content: AsnConvert.serialize(new OctetString(AsnConvert.serialize(contents))) });
}

/** A DER BMPString (UTF-16BE), as PKCS#9 friendlyName wants. */
function bmpString(text: string): ArrayBuffer {
  const units = Buffer.from(text, 'utf16le').swap16();
  if (units.length > 0x7fff) throw new Error('friendly name too long');
  const header = units.length < 0x80 ? [0x1e, units.length] : units.length < 0x100 ? [0x1e, 0x81, units.length] : [0x1e, 0x82, units.length >> 8, units.length & 0xff];
  return toArrayBuffer(Buffer.concat([Buffer.from(header), units]));
}

/**
 * The PKCS#12 key derivation of RFC 7292 Appendix B.2 with SHA-256 or SHA-1 (u = 32 or 20, v = 64
 * bytes): `id` 1 derives encryption keys, 2 IVs, 3 MAC keys. The password is taken as a BMPString
 * with its two trailing zero bytes (B.1).
 */
export function pkcs12Kdf(password: string, salt: Uint8Array, id: 1 | 2 | 3, iterations: number, length: number, hash: 'sha256' | 'sha1' = 'sha256'): Buffer {
  const u = hash === 'sha256' ? 32 : 20;
  const v = 64;
  const passwordBytes = Buffer.concat([Buffer.from(password, 'utf16le').swap16(), Buffer.alloc(2)]);
  const fill = (bytes: Uint8Array): Buffer => {
    if (bytes.length === 0) return Buffer.alloc(0);
    const out = Buffer.alloc(v * Math.ceil(bytes.length / v));
    for (let i = 0; i < out.length; i += 1) out[i] = bytes[i % bytes.length] ?? 0;
    return out;
  };
  const d = Buffer.alloc(v, id);
  const i = Buffer.concat([fill(salt), fill(passwordBytes)]);
  const blocks: Buffer[] = [];
  for (let produced = 0; produced < length; produced += u) {
    let a = createHash(hash).update(d).update(i).digest();
    for (let r = 1; r < iterations; r += 1) a = createHash(hash).update(a).digest();
    blocks.push(a);
    const b = fill(a);
    // I_j = (I_j + B + 1) mod 2^(8v), for each v-byte block of I.
    for (let j = 0; j < i.length; j += v) {
      let carry = 1;
      for (let k = v - 1; k >= 0; k -= 1) {
        const sum = (i[j + k] ?? 0) + (b[k] ?? 0) + carry;
        i[j + k] = sum & 0xff;
        carry = sum >> 8;
      }
    }
  }
  return Buffer.concat(blocks).subarray(0, length);
}

function toArrayBuffer(bytes: Uint8Array): ArrayBuffer {
  const copy = new Uint8Array(bytes.byteLength);
  copy.set(bytes);
  return copy.buffer;
}
