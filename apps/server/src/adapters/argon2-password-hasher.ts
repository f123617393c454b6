import { hash, verify } from '@node-rs/argon2';
import type { PasswordHasher } from '@ward/core';

/** argon2id cost parameters. */
export interface Argon2Parameters {
  /** Memory in KiB. */
  readonly memoryCost: number;
  /** Passes over memory. */
  readonly timeCost: number;
  readonly parallelism: number;
}

/**
 * The OWASP Password Storage Cheat Sheet's first argon2id configuration: 19 MiB, 2 passes, 1 lane.
 * https://cheatsheetseries.owasp.org/cheatsheets/Password_Storage_Cheat_Sheet.html#argon2id
 */
export const owaspArgon2id: Argon2Parameters = Object.freeze({ memoryCost: 19_456, timeCost: 2, parallelism: 1 });


/**
 * Passwords hashed with argon2id into PHC strings. Verification reads the parameters from the
 * stored hash, so raising the cost later keeps old hashes valid.
 */
export function createArgon2PasswordHasher(parameters: Argon2Parameters = owaspArgon2id): PasswordHasher {
  return {
    hash(password: string): Promise<string> {
      // No `algorithm`: the library's `Algorithm` is an ambient const enum that isolatedModules cannot
      // read, and its default is Argon2id (the unit test asserts the `$argon2id$` prefix).
      return hash(password, { ...parameters });
    },
    async verify(stored: string, password: string): Promise<boolean> {
      if (!stored.startsWith('$argon2')) return false;
      try {
        return await verify(stored, password);
      } catch {
        // A malformed hash is a failed sign-in, not an error the caller must handle.
        return false;
      }
    },
  };
}
