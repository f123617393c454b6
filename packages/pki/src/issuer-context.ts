import type { KeyObject, webcrypto } from 'node:crypto';
import type { KeyAlgorithm } from './key-algorithm.js';
import type { VerifiedCertificateCache } from './verified-certificate-cache.js';
import type { x509 } from './x509.js';

/** An unlocked issuing CA, as the issuance use cases need it. Internal; never leaves the package. */
export interface IssuerContext {
  /** The CA's key algorithm, which server keys follow. */
  readonly keyAlgorithm: KeyAlgorithm;
  /** The issuing CA certificate. */
  readonly certificate: x509.X509Certificate;
  /** The issuing CA private key, imported non-extractable so it cannot be exported from here. */
  readonly privateKey: webcrypto.CryptoKey;
  /** The signature algorithm for certificates and CRLs. */
  readonly signingAlgorithm: webcrypto.Algorithm | webcrypto.EcdsaParams;
  /** Hex key identifier of the issuing CA, for the authorityKeyIdentifier of what it signs. */
  readonly keyIdentifier: string;
  /** The issuing CA's organization, repeated in the subjects it issues. */
  readonly organization: string | undefined;
  /** Issuing CA then root CA, PEM. */
  readonly chainPem: string;
  /**
   * The same private key as a node:crypto KeyObject, for synchronous signing. A KeyObject can be
   * exported, unlike the CryptoKey, so like everything here it must never leave the package.
   */
  readonly signingKey: KeyObject;
  /** The issuing CA's public key, imported once, for checking what it signed. */
  readonly publicKey: KeyObject;
  /** The DER of the issuing CA's subject Name, which certificates it issued name as their issuer. */
  readonly subjectDer: Uint8Array;
  /** Client certificates already found issued by this CA, so a device's next request skips the work. */
  readonly verifiedCertificates: VerifiedCertificateCache;
}
