import { PkiError } from './pki-error.js';

/** Length of a Ward master key in bytes (AES-256). */
export const MASTER_KEY_LENGTH = 32;

/** Throws `MASTER_KEY_INVALID` unless `key` is exactly 32 bytes. */
export function assertMasterKey(key: unknown): asserts key is Uint8Array {
  if (!(key instanceof Uint8Array) || key.length !== MASTER_KEY_LENGTH) {
    throw new PkiError('MASTER_KEY_INVALID', `the master key must be ${MASTER_KEY_LENGTH} bytes`);
  }
}
