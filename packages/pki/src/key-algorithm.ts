/** The key algorithms a Ward CA can be created with. */
export const KEY_ALGORITHMS = ['ecdsa-p256', 'rsa-2048', 'rsa-3072'] as const;

/**
 * A CA key algorithm. ECDSA signs with SHA-256 over P-256; RSA signs with RSASSA-PKCS1-v1_5 and
 * SHA-256. Server keys the CA generates use the same algorithm as the CA.
 */
export type KeyAlgorithm = (typeof KEY_ALGORITHMS)[number];

/** Whether `value` is a {@link KeyAlgorithm}. */
export function isKeyAlgorithm(value: unknown): value is KeyAlgorithm {
  return typeof value === 'string' && (KEY_ALGORITHMS as readonly string[]).includes(value);
}
