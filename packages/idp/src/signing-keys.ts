import { randomBytes } from 'node:crypto';
import { calculateJwkThumbprint, exportJWK, generateKeyPair, type JWK } from 'jose';

/** The algorithms Ward signs ID tokens (and JWT responses) with: RS256 is what OIDC Core §15.1 requires every provider to offer. */
export const signingAlgorithms = ['RS256', 'ES256'] as const;
export type SigningAlgorithm = (typeof signingAlgorithms)[number];

/** A private signing key as a JWK (RFC 7517) with `kid` (its RFC 7638 thumbprint), `alg` and `use: sig`. */
export interface SigningJwk extends JWK {
  readonly kid: string;
  readonly alg: SigningAlgorithm;
  readonly use: 'sig';
}

/**
 * The provider's keys, as the server persists them (sealed, in `server_secrets`): the current
 * signing keys (one per algorithm), the previous ones (published in the JWKS only, so tokens signed
 * before a rotation still verify), and the cookie keys (newest first: Koa signs with the first and
 * accepts any). Plain JSON, so it round-trips through `JSON.stringify`/`parseSigningKeySet`.
 */
export interface SigningKeySet {
  readonly current: readonly SigningJwk[];
  readonly previous: readonly SigningJwk[];
  readonly cookieKeys: readonly string[];
  /** When `current` was made (ISO 8601). */
  readonly rotatedAt: string;
}

async function newSigningKey(alg: SigningAlgorithm): Promise<SigningJwk> {
  const { privateKey } = await generateKeyPair(alg, alg === 'RS256' ? { modulusLength: 2048, extractable: true } : { extractable: true });
  const jwk = await exportJWK(privateKey);
  const kid = await calculateJwkThumbprint(jwk, 'sha256');
  return { ...jwk, kid, alg, use: 'sig' };
}

function newCookieKey(): string {
  return randomBytes(32).toString('base64url');
}

/** A fresh key set: new RS256 and ES256 keys, no previous keys, one cookie key. */
export async function createSigningKeySet(now: Date = new Date()): Promise<SigningKeySet> {
  return { current: await Promise.all(signingAlgorithms.map(newSigningKey)), previous: [], cookieKeys: [newCookieKey()], rotatedAt: now.toISOString() };
}

/**
 * The key set after a rotation: new current keys, the old current keys become the previous ones
 * (the keys before them are dropped: tokens they signed have expired by the next rotation when
 * rotations are further apart than the longest token lifetime), and a new cookie key in front of
 * the last one, so sessions survive the rotation.
 */
export async function rotateSigningKeys(set: SigningKeySet, now: Date = new Date()): Promise<SigningKeySet> {
  const fresh = await createSigningKeySet(now);
  return { current: fresh.current, previous: set.current, cookieKeys: [...fresh.cookieKeys, ...set.cookieKeys.slice(0, 1)], rotatedAt: fresh.rotatedAt };
}

/** The public half of each key, as `/jwks` publishes them (current first). */
export function publicJwks(set: SigningKeySet): { readonly keys: readonly JWK[] } {
  const privateMembers = new Set(['d', 'p', 'q', 'dp', 'dq', 'qi', 'oth', 'k']);
  return { keys: [...set.current, ...set.previous].map((key) => Object.fromEntries(Object.entries(key).filter(([name]) => !privateMembers.has(name))) as JWK) };
}

function isSigningJwk(value: unknown): value is SigningJwk {
  if (typeof value !== 'object' || value === null) return false;
  const key = value as Record<string, unknown>;
  const algOk = key['alg'] === 'RS256' ? key['kty'] === 'RSA' : key['alg'] === 'ES256' ? key['kty'] === 'EC' && key['crv'] === 'P-256' : false;
  return algOk && typeof key['kid'] === 'string' && key['use'] === 'sig' && typeof key['d'] === 'string';
}

/**
 * Reads a persisted key set; undefined when it is not one (a corrupted or foreign secret), so the
 * caller can refuse to start rather than sign with half a key set.
 */
export function parseSigningKeySet(value: unknown): SigningKeySet | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const set = value as Record<string, unknown>;
  const { current, previous, cookieKeys, rotatedAt } = set;
  if (!Array.isArray(current) || current.length === 0 || !current.every(isSigningJwk)) return undefined;
  if (!Array.isArray(previous) || !previous.every(isSigningJwk)) return undefined;
  if (!Array.isArray(cookieKeys) || cookieKeys.length === 0 || !cookieKeys.every((k) => typeof k === 'string' && k.length >= 32)) return undefined;
  if (typeof rotatedAt !== 'string' || Number.isNaN(Date.parse(rotatedAt))) return undefined;
  return { current, previous, cookieKeys, rotatedAt };
}
