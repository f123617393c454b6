import { randomBytes, randomFillSync } from 'node:crypto';
import type { Ids } from '@ward/core';

/** Where the id generator reads the time from, in milliseconds since the epoch. */
export type MillisecondSource = () => number;

const hex = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/**
 * Ids backed by node:crypto: UUIDv7 (RFC 9562 §5.7) with a 12-bit monotonic counter in `rand_a`
 * (RFC 9562 §6.2, method 1), so ids made by one process sort in the order they were made even
 * within one millisecond, and the 62 bits of `rand_b` stay random. If the clock steps back, the
 * last timestamp is kept, so the order survives that too.
 */
export function createUuidV7Ids(now: MillisecondSource = Date.now): Ids {
  let lastMs = -1;
  let counter = 0;
  const bytes = new Uint8Array(16);

  return {
    newId(): string {
      let ms = now();
      if (ms > lastMs) {
        lastMs = ms;
        // Start low in the counter space so a burst within one millisecond rarely overflows it.
        counter = randomBytes(2).readUInt16BE(0) & 0x7ff;
      } else {
        ms = lastMs;
        counter += 1;
        if (counter > 0xfff) {
          // Counter exhausted: borrow the next millisecond rather than lose the order.
          lastMs += 1;
          ms = lastMs;
          counter = 0;
        }
      }
      randomFillSync(bytes, 8, 8);
      // 48-bit big-endian timestamp; plain arithmetic because bit operators are 32-bit in JS.
      const high = Math.floor(ms / 2 ** 16);
      const low = ms % 2 ** 16;
      bytes[0] = (high >>> 24) & 0xff;
      bytes[1] = (high >>> 16) & 0xff;
      bytes[2] = (high >>> 8) & 0xff;
      bytes[3] = high & 0xff;
      bytes[4] = (low >>> 8) & 0xff;
      bytes[5] = low & 0xff;
      bytes[6] = 0x70 | (counter >>> 8);
      bytes[7] = counter & 0xff;
      bytes[8] = 0x80 | ((bytes[8] ?? 0) & 0x3f);
      let text = '';
      for (let i = 0; i < 16; i += 1) {
        if (i === 4 || i === 6 || i === 8 || i === 10) text += '-';
        text += hex[bytes[i] ?? 0] ?? '00';
      }
      return text;
    },
    randomBytes(count: number): Uint8Array {
      return new Uint8Array(randomBytes(count));
    },
  };
}
