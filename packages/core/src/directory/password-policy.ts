import { fail, ok, type Result } from '../kernel/result.js';

/** Length bounds of an admin password. The upper bound keeps hashing cost bounded against abuse. */
export const passwordLength = { min: 12, max: 256 } as const;

/** Checks a new password against Ward's policy (NIST 800-63B: length, no composition rules). */
export function checkPassword(password: string): Result<string, 'VALIDATION_FAILED'> {
  if (password.length < passwordLength.min) return fail('VALIDATION_FAILED', `A password needs at least ${passwordLength.min} characters.`, { field: 'password' });
  if (password.length > passwordLength.max) return fail('VALIDATION_FAILED', `A password may have at most ${passwordLength.max} characters.`, { field: 'password' });
  return ok(password);
}

const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';

/** A random password of `length` unambiguous characters, from secure randomness. */
export function generatePassword(randomBytes: (n: number) => Uint8Array, length = 24): string {
  let out = '';
  // Rejection sampling keeps every character equally likely.
  const limit = 256 - (256 % alphabet.length);
  while (out.length < length) {
    for (const b of randomBytes(length * 2)) {
      if (b < limit && out.length < length) out += alphabet.charAt(b % alphabet.length);
    }
  }
  return out;
}
