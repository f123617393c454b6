import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { generateMasterKey, parseMasterKey } from '@ward/pki';
import { decodeMasterKey } from './decode-master-key.js';

const pkiReads = (text: string): string | undefined => {
  try {
    return Buffer.from(parseMasterKey(text)).toString('hex');
  } catch {
    return undefined;
  }
};

describe('decodeMasterKey', () => {
  it('reads exactly what @ward/pki parseMasterKey reads, to the same bytes', () => {
    const key = Buffer.from(generateMasterKey());
    const samples = [
      key.toString('base64'),
      key.toString('base64url'),
      key.toString('base64').replace(/=+$/, ''),
      key.toString('hex'),
      key.toString('hex').toUpperCase(),
      ` ${key.toString('base64')}\n`,
      randomBytes(31).toString('base64'),
      randomBytes(33).toString('base64'),
      randomBytes(16).toString('hex'),
      'not a key at all, not even close....',
      `${key.toString('base64')}!`,
      '',
    ];
    for (const sample of samples) {
      const ours = decodeMasterKey(sample);
      expect(ours === undefined ? undefined : Buffer.from(ours).toString('hex'), JSON.stringify(sample)).toBe(pkiReads(sample));
    }
  });
});
