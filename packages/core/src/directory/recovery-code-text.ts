import type { TenantId, UserId } from '../kernel/brand.js';
import type { Digests } from '../kernel/ports.js';

// Crockford's base32: no I, L, O or U, so a code read aloud or copied by hand survives.
const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** How many recovery codes a set has. */
export const recoveryCodeCount = 10;
/** Characters of a code: 16 base32 characters, 80 random bits, out of reach of offline guessing of its hash. */
export const recoveryCodeLength = 16;

/** 10 random bytes as a code: `XXXX-XXXX-XXXX-XXXX`. */
export function formatRecoveryCode(bytes: Uint8Array): string {
  let bits = 0;
  let value = 0;
  let text = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      text += alphabet.charAt((value >>> (bits - 5)) & 31);
      bits -= 5;
    }
    value &= (1 << bits) - 1;
  }
  return text.slice(0, recoveryCodeLength).replace(/(.{4})(?=.)/gu, '$1-');
}

/** A typed code in canonical form (case, spaces, dashes and Crockford's look-alikes forgiven); undefined if it cannot be one. */
export function normalizeRecoveryCode(typed: string): string | undefined {
  if (typed.length > 64) return undefined;
  const text = typed.toUpperCase().replace(/[\s-]/gu, '').replace(/[IL]/gu, '1').replace(/O/gu, '0');
  if (text.length !== recoveryCodeLength) return undefined;
  for (const c of text) if (!alphabet.includes(c)) return undefined;
  return text;
}

/** The stored hash of a canonical code, bound to its user so equal codes of two users hash apart. */
export function recoveryCodeHash(digests: Digests, tenantId: TenantId, userId: UserId, canonical: string): string {
  return digests.sha256Hex(`ward-recovery-code:${tenantId}:${userId}:${canonical}`);
}
