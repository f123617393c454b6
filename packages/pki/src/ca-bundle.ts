/**
 * A private key encrypted at rest under the master key. JSON-safe; every binary field is base64.
 *
 * Version 1: a key-encryption key is derived from the master key with HKDF-SHA256 (the record's
 * random `salt`, info `ward/ca-key/v1`), then AES-256-GCM encrypts the PKCS#8 DER of the private
 * key under a random 96-bit `iv`. `ciphertext` carries the 128-bit GCM tag at its end.
 */
export interface EncryptedPrivateKey {
  /** Format version; readers refuse versions they do not know. */
  readonly version: 1;
  /** The cipher, named for people reading the stored record. */
  readonly algorithm: 'AES-256-GCM';
  /** The key derivation, named for people reading the stored record. */
  readonly kdf: 'HKDF-SHA256';
  /** Base64 of the 16-byte HKDF salt. */
  readonly salt: string;
  /** Base64 of the 12-byte GCM nonce. */
  readonly iv: string;
  /** Base64 of the encrypted PKCS#8 DER followed by the GCM tag. */
  readonly ciphertext: string;
}

/** One CA certificate with its encrypted private key. */
export interface CaKeyPairRecord {
  /** The certificate, PEM. */
  readonly certificatePem: string;
  /** The private key, encrypted under the master key. */
  readonly encryptedKey: EncryptedPrivateKey;
}

/**
 * Everything that persists a Ward CA: the self-signed root and the issuing CA it signed. JSON-safe,
 * safe to store in a database column; the private keys in it are useless without the master key.
 */
export interface CaBundle {
  /** The root CA: signs only the issuing CA, so its key can stay encrypted in day-to-day use. */
  readonly root: CaKeyPairRecord;
  /** The issuing CA: signs device and server certificates and CRLs. */
  readonly issuing: CaKeyPairRecord;
}
