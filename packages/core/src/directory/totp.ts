import type { Digests } from '../kernel/ports.js';

/** RFC 6238 parameters Ward uses: SHA-1, 6 digits, 30 s steps, as every authenticator app expects. */
export const totpParameters = { digits: 6, periodSeconds: 30, algorithm: 'sha1', window: 1 } as const;

const base32Alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** RFC 4648 base32 without padding, as authenticator apps read secrets. */
export function base32Encode(bytes: Uint8Array): string {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += base32Alphabet.charAt((value >>> (bits - 5)) & 31);
      bits -= 5;
    }
  }
  if (bits > 0) out += base32Alphabet.charAt((value << (5 - bits)) & 31);
  return out;
}

/** Decodes base32 (case-insensitive, spaces and padding ignored); undefined on a foreign character. */
export function base32Decode(text: string): Uint8Array | undefined {
  const clean = text.replace(/[\s=]/g, '').toUpperCase();
  const out: number[] = [];
  let bits = 0;
  let value = 0;
  for (const c of clean) {
    const v = base32Alphabet.indexOf(c);
    if (v < 0) return undefined;
    value = (value << 5) | v;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 255);
      bits -= 8;
    }
  }
  return Uint8Array.from(out);
}

/** The RFC 4226 HOTP value for one counter. */
export function hotp(secret: Uint8Array, counter: number, digests: Digests): string {
  const message = new Uint8Array(8);
  let c = counter;
  for (let i = 7; i >= 0; i--) {
    message[i] = c & 255;
    c = Math.floor(c / 256);
  }
  const mac = digests.hmac('sha1', secret, message);
  const offset = (mac[mac.length - 1] ?? 0) & 15;
  const code = (((mac[offset] ?? 0) & 127) << 24) | ((mac[offset + 1] ?? 0) << 16) | ((mac[offset + 2] ?? 0) << 8) | (mac[offset + 3] ?? 0);
  return String(code % 10 ** totpParameters.digits).padStart(totpParameters.digits, '0');
}

/** The TOTP time step of an instant. */
export function totpStep(at: Date): number {
  return Math.floor(at.getTime() / 1000 / totpParameters.periodSeconds);
}

/**
 * The time step a code matches, within ±1 step of clock drift, or undefined. Steps at or before
 * `lastStep` are refused so a code cannot be used twice.
 */
export function verifyTotp(secret: Uint8Array, code: string, at: Date, lastStep: number | null, digests: Digests): number | undefined {
  if (!/^\d{6}$/.test(code)) return undefined;
  const now = totpStep(at);
  const expected = new TextEncoder().encode(code);
  for (let step = now - totpParameters.window; step <= now + totpParameters.window; step++) {
    if (lastStep !== null && step <= lastStep) continue;
    if (digests.timingSafeEqual(new TextEncoder().encode(hotp(secret, step, digests)), expected)) return step;
  }
  return undefined;
}

/** The otpauth:// URI an authenticator app scans from a QR code. */
export function otpauthUri(issuer: string, account: string, secret: Uint8Array): string {
  const label = `${encodeURIComponent(issuer)}:${encodeURIComponent(account)}`;
  return `otpauth://totp/${label}?secret=${base32Encode(secret)}&issuer=${encodeURIComponent(issuer)}&algorithm=SHA1&digits=${totpParameters.digits}&period=${totpParameters.periodSeconds}`;
}
