import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';
import type { Clock, Digests, Ids, PasswordHasher, SecretBox } from '@ward/core';

// Test doubles of the non-storage ports. The stores are always the real ones from @ward/store;
// these stand in for the server's production adapters (argon2, AES-GCM under the master key),
// which live in apps/server and which this package must not depend on.

/** A clock the test moves by hand. */
export interface TestClock extends Clock {
  set(at: Date): void;
  advance(ms: number): void;
}

/** A clock starting at `start` that only moves when told to. */
export function testClock(start = new Date()): TestClock {
  let now = start.getTime();
  return {
    now: () => new Date(now),
    set: (at) => {
      now = at.getTime();
    },
    advance: (ms) => {
      now += ms;
    },
  };
}

/** UUIDv7 ids (time-ordered) over the test clock, and real randomness. */
export function testIds(clock: Clock): Ids {
  let last = 0;
  let sequence = 0;
  return {
    newId() {
      const ms = clock.now().getTime();
      // A frozen clock still yields increasing ids: count within the millisecond.
      sequence = ms === last ? sequence + 1 : 0;
      last = ms;
      const bytes = randomBytes(16);
      bytes.writeUIntBE(ms, 0, 6);
      bytes.writeUInt16BE(0x7000 | (sequence & 0x0fff), 6);
      bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
      const hex = bytes.toString('hex');
      return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
    },
    randomBytes: (n) => new Uint8Array(randomBytes(n)),
  };
}

/** node:crypto digests. */
export const testDigests: Digests = {
  sha256Hex: (data) => createHash('sha256').update(data).digest('hex'),
  hmac: (algorithm, key, data) => new Uint8Array(createHmac(algorithm, key).update(data).digest()),
  timingSafeEqual: (a, b) => a.length === b.length && timingSafeEqual(a, b),
};

/** A fast scrypt hasher; its hashes are `test-scrypt$salt$hash`, and anything else never verifies. */
export const testPasswords: PasswordHasher = {
  hash(password) {
    const salt = randomBytes(16);
    return Promise.resolve(`test-scrypt$${salt.toString('base64')}$${scryptSync(password, salt, 32, { N: 1024 }).toString('base64')}`);
  },
  verify(hash, password) {
    const [scheme, salt, expected] = hash.split('$');
    if (scheme !== 'test-scrypt' || salt === undefined || expected === undefined) return Promise.resolve(false);
    const actual = scryptSync(password, Buffer.from(salt, 'base64'), 32, { N: 1024 });
    return Promise.resolve(timingSafeEqual(actual, Buffer.from(expected, 'base64')));
  },
};

/** AES-256-GCM under a random per-test key, the label as associated data. */
export function testSecrets(): SecretBox {
  const key = randomBytes(32);
  return {
    seal(plaintext, label) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv).setAAD(Buffer.from(label));
      const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
      return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64');
    },
    open(sealed, label) {
      try {
        const raw = Buffer.from(sealed, 'base64');
        const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12)).setAAD(Buffer.from(label));
        decipher.setAuthTag(raw.subarray(12, 28));
        return new Uint8Array(Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]));
      } catch {
        return undefined;
      }
    },
  };
}
