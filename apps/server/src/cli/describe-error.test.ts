import { describe, expect, it } from 'vitest';
import { describeError } from './describe-error.js';

const withCode = (message: string, code: string, cause?: unknown): Error => Object.assign(new Error(message, { cause }), { code });

describe('describeError', () => {
  it('finds a database failure anywhere in the cause chain and says what to check', () => {
    const wrapped = new Error('Database migration (setup) failed', { cause: withCode('connect ECONNREFUSED 127.0.0.1:5432', 'ECONNREFUSED') });
    expect(describeError(wrapped)).toBe('The database server does not answer (connect ECONNREFUSED 127.0.0.1:5432): check WARD_DATABASE_URL and that PostgreSQL is running.');
    expect(describeError(withCode('password authentication failed for user "ward"', '28P01'))).toMatch(/^PostgreSQL refused the credentials/);
  });

  it('explains a wrong master key and a busy port', () => {
    const pki = Object.assign(new Error('decrypt failed'), { name: 'PkiError', code: 'CA_KEY_DECRYPT_FAILED' });
    expect(describeError(pki)).toMatch(/^The master key does not open the stored CA/);
    expect(describeError(withCode('listen EADDRINUSE: address already in use 0.0.0.0:8443', 'EADDRINUSE'))).toMatch(/another process holds the port/);
  });

  it('falls back to the message and its cause', () => {
    expect(describeError(new Error('outer', { cause: new Error('inner') }))).toBe('outer (inner)');
    expect(describeError('text')).toBe('text');
  });
});
