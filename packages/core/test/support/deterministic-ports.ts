// The core's Clock, Ids and Digests ports for tests: time moved by hand, ids ordered by it, and
// node:crypto's digests. Shared by every package whose tests drive the core's use cases.
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Clock, Digests, Ids } from '../../src/index.js';

/** A clock the test moves by hand. */
export class ManualClock implements Clock {
  constructor(private current: Date) {}
  now(): Date {
    return new Date(this.current);
  }
  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
}

/** SHA-256, HMAC and constant-time comparison from node:crypto. */
export const testDigests: Digests = {
  sha256Hex: (d) => createHash('sha256').update(d).digest('hex'),
  hmac: (alg, key, data) => new Uint8Array(createHmac(alg, key).update(data).digest()),
  timingSafeEqual: (a, b) => a.length === b.length && timingSafeEqual(a, b),
};

let counter = 0;
/** UUIDv7-shaped ids from `clock`, so ordering in tests (queues, lists) follows creation. */
export function clockOrderedIds(clock: Clock): Ids {
  return {
    newId: () => {
      const ms = clock.now().getTime().toString(16).padStart(12, '0');
      const rest = (counter++).toString(16).padStart(8, '0') + randomBytes(8).toString('hex');
      return `${ms.slice(0, 8)}-${ms.slice(8, 12)}-7${rest.slice(0, 3)}-8${rest.slice(3, 6)}-${rest.slice(6, 18)}`;
    },
    randomBytes: (n) => new Uint8Array(randomBytes(n)),
  };
}
