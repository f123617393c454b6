import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { Digests } from '@ward/core';

/** The core's digests, computed by node:crypto. */
export const nodeDigests: Digests = {
  sha256Hex(data: string | Uint8Array): string {
    return createHash('sha256').update(data).digest('hex');
  },
  hmac(algorithm: 'sha1' | 'sha256' | 'sha512', key: Uint8Array, data: Uint8Array): Uint8Array {
    return new Uint8Array(createHmac(algorithm, key).update(data).digest());
  },
  timingSafeEqual(a: Uint8Array, b: Uint8Array): boolean {
    // node:crypto throws on unequal lengths; the port promises false instead.
    return a.length === b.length && timingSafeEqual(a, b);
  },
};
