import type { webcrypto } from 'node:crypto';

// @peculiar/x509's declarations name the DOM's Web Crypto types (CryptoKey, Crypto, …). The repo
// compiles without the DOM lib, so those names would resolve to error types and every value that
// crosses the library would be untyped. Node's own webcrypto namespace declares the same shapes;
// alias them here, for this package only. Nothing public in @ward/pki mentions these types.
declare global {
  type Algorithm = webcrypto.Algorithm;
  type AlgorithmIdentifier = webcrypto.AlgorithmIdentifier;
  type BufferSource = webcrypto.BufferSource;
  type Crypto = webcrypto.Crypto;
  type CryptoKey = webcrypto.CryptoKey;
  type CryptoKeyPair = webcrypto.CryptoKeyPair;
  type EcKeyImportParams = webcrypto.EcKeyImportParams;
  type EcdsaParams = webcrypto.EcdsaParams;
  type KeyUsage = webcrypto.KeyUsage;
  type RsaHashedImportParams = webcrypto.RsaHashedImportParams;
}
