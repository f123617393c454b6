/** The current time. Tests pass a fixed clock so outcomes do not depend on when they run. */
export interface Clock {
  /** The current instant. */
  now(): Date;
}

/** Identifiers and secrets. Tests pass a seeded source so outcomes are repeatable. */
export interface Ids {
  /** A new time-ordered unique identifier (UUIDv7 text), so ids sort by creation. */
  newId(): string;
  /** `bytes` of cryptographically secure randomness. */
  randomBytes(bytes: number): Uint8Array;
}

/** Digests the domain needs (audit chain, token hashing, TOTP). Pure functions behind a port so
 * that the core imports no platform crypto. */
export interface Digests {
  /** SHA-256 of UTF-8 text or bytes, lower-case hex. */
  sha256Hex(data: string | Uint8Array): string;
  /** HMAC with the named hash over `data`. */
  hmac(algorithm: 'sha1' | 'sha256' | 'sha512', key: Uint8Array, data: Uint8Array): Uint8Array;
  /** Constant-time comparison of two equal-length byte strings; false when lengths differ. */
  timingSafeEqual(a: Uint8Array, b: Uint8Array): boolean;
}

/** Password hashing (argon2id in production). */
export interface PasswordHasher {
  /** A self-describing hash string (PHC format) of `password`. */
  hash(password: string): Promise<string>;
  /** Whether `password` matches `hash`. Never throws for a malformed hash: returns false. */
  verify(hash: string, password: string): Promise<boolean>;
}

/** Symmetric encryption of small secrets at rest under the master key. */
export interface SecretBox {
  /** Ciphertext (self-describing, text-safe) of `plaintext`. */
  seal(plaintext: Uint8Array, label: string): string;
  /** The plaintext, or `undefined` if the ciphertext was tampered with or sealed under another key/label. */
  open(sealed: string, label: string): Uint8Array | undefined;
}
