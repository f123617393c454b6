import { describe, expect, it } from 'vitest';
import { noisePushLimits, noisePushProtocolName } from './noise-push-constants.js';
import { noisePushPrologue } from './noise-push-prologue.js';

describe('noisePushPrologue', () => {
  it('is the label, a zero byte and the ticket text', () => {
    expect(noisePushPrologue('abc-_9').toString('hex')).toBe(`${Buffer.from('ward-agent-push/1').toString('hex')}00${Buffer.from('abc-_9').toString('hex')}`);
    expect(noisePushPrologue('a')).not.toEqual(noisePushPrologue('b'));
  });

  it('agrees with the limits it implies', () => {
    // The protocol name is over HASHLEN, so it is hashed rather than padded into h.
    expect(Buffer.byteLength(noisePushProtocolName)).toBe(36);
    expect(noisePushLimits.maxFragmentDataBytes).toBe(noisePushLimits.maxTransportMessageBytes - 16 - 1);
    expect(noisePushLimits.handshakeMessageBytes).toBe(32 + 16);
  });
});
