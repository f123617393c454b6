import { describe, expect, it } from 'vitest';
import { createArgon2PasswordHasher, owaspArgon2id } from './argon2-password-hasher.js';

describe('createArgon2PasswordHasher', () => {
  const hasher = createArgon2PasswordHasher();

  it('hashes with argon2id at the OWASP parameters and verifies', async () => {
    const stored = await hasher.hash('correct horse battery staple');
    expect(stored).toMatch(new RegExp(`^\\$argon2id\\$v=19\\$m=${owaspArgon2id.memoryCost},t=${owaspArgon2id.timeCost},p=${owaspArgon2id.parallelism}\\$`));
    expect(await hasher.verify(stored, 'correct horse battery staple')).toBe(true);
    expect(await hasher.verify(stored, 'correct horse battery stapler')).toBe(false);
  });

  it('salts every hash', async () => {
    expect(await hasher.hash('same')).not.toBe(await hasher.hash('same'));
  });

  it('says false for a malformed hash instead of throwing', async () => {
    expect(await hasher.verify('', 'x')).toBe(false);
    expect(await hasher.verify('$argon2id$garbage', 'x')).toBe(false);
    expect(await hasher.verify('plain-text', 'plain-text')).toBe(false);
  });
});
