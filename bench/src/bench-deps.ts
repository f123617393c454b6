import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import type { Clock, Digests, Ids, PasswordHasher, SecretBox } from '@ward/core';

/** Real implementations of the core's service ports for seeding benchmark data in-process. */
export const benchClock: Clock = { now: () => new Date() };

export const benchDigests: Digests = {
  sha256Hex: (d) => createHash('sha256').update(d).digest('hex'),
  hmac: (alg, key, data) => new Uint8Array(createHmac(alg, key).update(data).digest()),
  timingSafeEqual: (a, b) => a.length === b.length && timingSafeEqual(a, b),
};

let sequence = 0;
/** UUIDv7-shaped, time-ordered ids. */
export const benchIds: Ids = {
  newId: () => {
    const ms = Date.now().toString(16).padStart(12, '0');
    const rest = (sequence++ & 0xfffffff).toString(16).padStart(7, '0') + randomBytes(8).toString('hex');
    return `${ms.slice(0, 8)}-${ms.slice(8, 12)}-7${rest.slice(0, 3)}-8${rest.slice(3, 6)}-${rest.slice(6, 18)}`;
  },
  randomBytes: (n) => new Uint8Array(randomBytes(n)),
};

export const benchPasswords: PasswordHasher = {
  hash: (p) => hash(p),
  verify: async (h, p) => {
    try {
      return await verify(h, p);
    } catch {
      return false;
    }
  },
};

/** Not used to keep anything: seeding sets no TOTP secrets. */
export const benchSecrets: SecretBox = {
  seal: () => {
    throw new Error('the benchmark seeds no secrets');
  },
  open: () => undefined,
};
