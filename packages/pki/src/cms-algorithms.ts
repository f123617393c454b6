/** The digests Ward accepts in CMS: SHA-1 only because Apple devices and old SCEP clients use it. */
export const CMS_DIGESTS = ['sha1', 'sha256', 'sha384', 'sha512'] as const;

/** A digest algorithm, by its Node name. */
export type CmsDigest = (typeof CMS_DIGESTS)[number];

const DIGEST_BY_OID: Readonly<Record<string, CmsDigest>> = {
  '1.3.14.3.2.26': 'sha1',
  '2.16.840.1.101.3.4.2.1': 'sha256',
  '2.16.840.1.101.3.4.2.2': 'sha384',
  '2.16.840.1.101.3.4.2.3': 'sha512',
};

/** The OID of `digest` (RFC 3370 §2, RFC 5754 §2). */
export function digestOid(digest: CmsDigest): string {
  for (const [oid, name] of Object.entries(DIGEST_BY_OID)) if (name === digest) return oid;
  throw new Error(`no OID for ${digest}`);
}

/** The digest named by `oid`, or undefined for one Ward does not accept (MD5 among them). */
export function digestFromOid(oid: string | undefined): CmsDigest | undefined {
  return oid === undefined ? undefined : DIGEST_BY_OID[oid];
}

/** How a signatureAlgorithm OID is verified: key type and, when the OID fixes it, the hash. */
export interface CmsSignatureAlgorithm {
  readonly keyType: 'rsa' | 'ec';
  /** Undefined for bare rsaEncryption, whose hash is the SignerInfo's digestAlgorithm (RFC 3370 §3.2). */
  readonly digest: CmsDigest | undefined;
}

const SIGNATURE_BY_OID: Readonly<Record<string, CmsSignatureAlgorithm>> = {
  '1.2.840.113549.1.1.1': { keyType: 'rsa', digest: undefined },
  '1.2.840.113549.1.1.5': { keyType: 'rsa', digest: 'sha1' },
  '1.2.840.113549.1.1.11': { keyType: 'rsa', digest: 'sha256' },
  '1.2.840.113549.1.1.12': { keyType: 'rsa', digest: 'sha384' },
  '1.2.840.113549.1.1.13': { keyType: 'rsa', digest: 'sha512' },
  '1.2.840.10045.4.1': { keyType: 'ec', digest: 'sha1' },
  '1.2.840.10045.4.3.2': { keyType: 'ec', digest: 'sha256' },
  '1.2.840.10045.4.3.3': { keyType: 'ec', digest: 'sha384' },
  '1.2.840.10045.4.3.4': { keyType: 'ec', digest: 'sha512' },
};

/** The signature algorithm named by `oid`, or undefined for one Ward does not verify (RSA-PSS, DSA). */
export function signatureAlgorithmFromOid(oid: string | undefined): CmsSignatureAlgorithm | undefined {
  return oid === undefined ? undefined : SIGNATURE_BY_OID[oid];
}

/** The signatureAlgorithm OID Ward writes for a key type and digest (RFC 5754 §3). */
export function signatureOid(keyType: 'rsa' | 'ec', digest: CmsDigest): string {
  for (const [oid, algorithm] of Object.entries(SIGNATURE_BY_OID)) {
    if (algorithm.keyType === keyType && algorithm.digest === digest) return oid;
  }
  throw new Error(`no signature OID for ${keyType} with ${digest}`);
}

/**
 * The content-encryption ciphers SCEP clients use, by Node/OpenSSL name. Single DES (`des-cbc`) is
 * there only because Debian's scepclient (go.mozilla.org/pkcs7's default) sends it; OpenSSL 3 keeps
 * DES in its legacy provider, so it runs as three-key 3DES with K1 = K2 = K3, which is single DES
 * by construction (EDE with equal keys collapses to one encryption).
 */
export const CMS_CONTENT_CIPHERS = ['des-cbc', 'des-ede3-cbc', 'aes-128-cbc', 'aes-192-cbc', 'aes-256-cbc'] as const;

/** A content-encryption cipher. */
export type CmsContentCipher = (typeof CMS_CONTENT_CIPHERS)[number];

interface CipherFacts {
  readonly oid: string;
  readonly keyLength: number;
  readonly ivLength: number;
}

const CIPHERS: Readonly<Record<CmsContentCipher, CipherFacts>> = {
  'des-cbc': { oid: '1.3.14.3.2.7', keyLength: 8, ivLength: 8 },
  'des-ede3-cbc': { oid: '1.2.840.113549.3.7', keyLength: 24, ivLength: 8 },
  'aes-128-cbc': { oid: '2.16.840.1.101.3.4.1.2', keyLength: 16, ivLength: 16 },
  'aes-192-cbc': { oid: '2.16.840.1.101.3.4.1.22', keyLength: 24, ivLength: 16 },
  'aes-256-cbc': { oid: '2.16.840.1.101.3.4.1.42', keyLength: 32, ivLength: 16 },
};

/** Key length, IV length and OID of `cipher`. */
export function cipherFacts(cipher: CmsContentCipher): CipherFacts {
  return CIPHERS[cipher];
}

/** The cipher named by `oid`, or undefined for one Ward does not accept (RC2 among them). */
export function cipherFromOid(oid: string | undefined): CmsContentCipher | undefined {
  for (const cipher of CMS_CONTENT_CIPHERS) if (CIPHERS[cipher].oid === oid) return cipher;
  return undefined;
}

/** The OpenSSL cipher name and key that realise `cipher` with `key` (see single DES above). */
export function opensslCipher(cipher: CmsContentCipher, key: Uint8Array): { name: string; key: Uint8Array } {
  if (cipher === 'des-cbc') return { name: 'des-ede3-cbc', key: Buffer.concat([key, key, key]) };
  return { name: cipher, key };
}
