import { describe, expect, it } from 'vitest';
import { derivePayloadUuid } from './derive-payload-uuid.js';

describe('derivePayloadUuid', () => {
  it('is a version 8, RFC 9562 variant UUID in upper case, the same for the same seed and different for another', () => {
    const a = derivePayloadUuid('item-hash-1/wifi');
    expect(a).toMatch(/^[0-9A-F]{8}-[0-9A-F]{4}-8[0-9A-F]{3}-[89AB][0-9A-F]{3}-[0-9A-F]{12}$/);
    expect(derivePayloadUuid('item-hash-1/wifi')).toBe(a);
    expect(derivePayloadUuid('item-hash-2/wifi')).not.toBe(a);
    expect(derivePayloadUuid('')).toMatch(/^[0-9A-F-]{36}$/);
  });
});
