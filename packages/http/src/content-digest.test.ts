import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { parseContentDigest, sha256DigestHeader } from './content-digest.js';

const digest = createHash('sha256').update('hello').digest();
const hex = digest.toString('hex');
const b64 = digest.toString('base64');

describe('parseContentDigest', () => {
  it('reads sha-256 alone, among other algorithms, and with parameters', () => {
    expect(parseContentDigest(`sha-256=:${b64}:`)).toEqual({ kind: 'sha256', hex });
    expect(parseContentDigest(`sha-512=:${createHash('sha512').update('hello').digest('base64')}:, sha-256=:${b64}:`)).toEqual({ kind: 'sha256', hex });
    expect(parseContentDigest(`sha-256=:${b64}:;note=1`)).toEqual({ kind: 'sha256', hex });
    expect(parseContentDigest(sha256DigestHeader(hex))).toEqual({ kind: 'sha256', hex });
  });

  it('is absent without a header', () => {
    expect(parseContentDigest(undefined)).toEqual({ kind: 'absent' });
  });

  it.each([
    [''],
    ['sha-256'],
    [`sha-256=${b64}`],
    [`sha-256="${b64}"`],
    [`SHA-256=:${b64}:`],
    ['sha-256=:aGVsbG8=:'],
    [`sha-256=:${b64.slice(0, -1)}!:`],
    [`sha-256=:${b64.replace(/=$/, '')}:`],
    [`md5=:${createHash('md5').update('hello').digest('base64')}:`],
    [`sha-256=:${b64}:, sha-256=:${createHash('sha256').update('other').digest('base64')}:`],
    [`sha-256=:${b64}:,`],
    [`sha-256=:${b64}:`.padEnd(5000, ' ')],
  ])('refuses %j', (header) => {
    expect(parseContentDigest(header).kind).toBe('invalid');
  });
});
