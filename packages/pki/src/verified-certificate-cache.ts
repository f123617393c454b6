import type { KeyObject } from 'node:crypto';
import { BoundedLru } from './bounded-lru.js';

/** Most verified client certificates an unlocked CA remembers, about one per active device. */
export const VERIFIED_CERTIFICATE_CACHE_ENTRIES = 10_000;

/**
 * What stays true of a certificate once its issuer name, CA signature and clientAuth usage were
 * checked: none of it depends on the time or on revocation, which are checked on every use.
 */
export interface VerifiedCertificateFacts {
  readonly serialNumber: string;
  readonly subjectCommonName: string | null;
  /** SHA-256 fingerprint, colon-separated uppercase hex. */
  readonly fingerprintSha256: string;
  readonly notBefore: Date;
  readonly notAfter: Date;
  /** The certificate's own public key, imported. */
  readonly publicKey: KeyObject;
}

/** Verified certificates by the lowercase hex SHA-256 of their DER; bounded LRU. */
export type VerifiedCertificateCache = BoundedLru<string, VerifiedCertificateFacts>;

/** A cache of {@link VERIFIED_CERTIFICATE_CACHE_ENTRIES} entries unless told otherwise. */
export function createVerifiedCertificateCache(capacity: number = VERIFIED_CERTIFICATE_CACHE_ENTRIES): VerifiedCertificateCache {
  return new BoundedLru(capacity);
}
