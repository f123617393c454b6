import { describe, expect, it } from 'vitest';
import { generateMasterKey } from './generate-master-key.js';
import { parseMasterKey } from './parse-master-key.js';

describe('parseMasterKey and generateMasterKey', () => {
  const key = new Uint8Array(32).map((_, i) => 255 - i * 3);
  const base64 = Buffer.from(key).toString('base64');

  it.each([
    ['base64', base64],
    ['base64 without padding', base64.replace(/=+$/, '')],
    ['base64url', Buffer.from(key).toString('base64url')],
    ['lowercase hex', Buffer.from(key).toString('hex')],
    ['uppercase hex with surrounding whitespace', `  ${Buffer.from(key).toString('hex').toUpperCase()}\n`],
  ])('reads %s', (_label, text) => {
    expect(parseMasterKey(text)).toEqual(key);
  });

  it.each([
    ['an empty string', ''],
    ['31 bytes of base64', Buffer.alloc(31, 1).toString('base64')],
    ['33 bytes of base64', Buffer.alloc(33, 1).toString('base64')],
    ['63 hex digits', 'a'.repeat(63)],
    ['base64 with a stray character', `${base64.slice(0, 10)}!${base64.slice(11)}`],
    ['a passphrase', 'correct horse battery staple'],
  ])('refuses %s with MASTER_KEY_INVALID, without echoing it', (_label, text) => {
    let error: unknown;
    try {
      parseMasterKey(text);
    } catch (e) {
      error = e;
    }
    expect(error).toMatchObject({ name: 'PkiError', code: 'MASTER_KEY_INVALID' });
    if (text.length > 0) expect((error as Error).message).not.toContain(text);
  });

  it('generates distinct 32-byte keys that survive a base64 round trip', () => {
    const a = generateMasterKey();
    const b = generateMasterKey();
    expect(a).toHaveLength(32);
    expect(a).not.toEqual(b);
    expect(parseMasterKey(Buffer.from(a).toString('base64'))).toEqual(a);
  });
});
