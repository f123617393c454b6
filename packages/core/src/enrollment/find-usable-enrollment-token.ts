import type { Digests } from '../kernel/ports.js';
import { fail, ok, type Result } from '../kernel/result.js';
import { parseEnrollmentToken } from './enrollment-token-text.js';
import type { EnrollmentToken } from './model.js';
import type { EnrollmentTokenStore } from './ports.js';

/** Why a token cannot admit a device now. */
export type EnrollmentTokenRefusal = 'ENROLLMENT_TOKEN_INVALID' | 'ENROLLMENT_TOKEN_REVOKED' | 'ENROLLMENT_TOKEN_EXPIRED' | 'ENROLLMENT_TOKEN_EXHAUSTED';

/**
 * The stored token behind token text, if it may admit a device at `now`: the secret matches (in
 * constant time), and the token is neither revoked, expired nor used up. Counting the use is the
 * caller's, atomically, when the device is actually admitted (`consumeEnrollmentToken`).
 */
export async function findUsableEnrollmentToken(
  stores: Pick<EnrollmentTokenStore, 'getEnrollmentToken'>,
  digests: Digests,
  text: string,
  now: Date,
): Promise<Result<EnrollmentToken, EnrollmentTokenRefusal>> {
  const invalid = fail('ENROLLMENT_TOKEN_INVALID', 'The enrollment token is malformed or unknown.');
  const parsed = parseEnrollmentToken(text);
  if (parsed === undefined) return invalid;
  const token = await stores.getEnrollmentToken(parsed.id);
  if (token === undefined) return invalid;
  const presented = new TextEncoder().encode(digests.sha256Hex(parsed.secret));
  if (!digests.timingSafeEqual(presented, new TextEncoder().encode(token.secretHash))) return invalid;
  return usableNow(token, now);
}

/** Whether a known token may admit a device at `now`; the refusal names why not. */
export function usableNow(token: EnrollmentToken, now: Date): Result<EnrollmentToken, EnrollmentTokenRefusal> {
  if (token.revokedAt !== null) return fail('ENROLLMENT_TOKEN_REVOKED', 'This enrollment token has been revoked.');
  if (token.expiresAt.getTime() <= now.getTime()) return fail('ENROLLMENT_TOKEN_EXPIRED', 'This enrollment token has expired; ask IT for a new one.');
  if (token.maxUses !== null && token.uses >= token.maxUses) return fail('ENROLLMENT_TOKEN_EXHAUSTED', 'This enrollment token has been used up.');
  return ok(token);
}
