import { describe, expect, it } from 'vitest';
import { trustedPeer } from './trusted-peer.js';

describe('trustedPeer', () => {
  it('trusts the named addresses and ranges only', () => {
    const trusted = trustedPeer(['10.0.0.0/8', 'loopback']);
    expect(trusted('10.1.2.3')).toBe(true);
    expect(trusted('127.0.0.1')).toBe(true);
    expect(trusted('::ffff:127.0.0.1')).toBe(true);
    expect(trusted('192.168.1.1')).toBe(false);
    expect(trusted(undefined)).toBe(false);
    expect(trustedPeer('10.0.0.1, 10.0.0.2')('10.0.0.2')).toBe(true);
  });

  it('trusts every peer for true and none for false or a hop count', () => {
    expect(trustedPeer(true)('203.0.113.9')).toBe(true);
    expect(trustedPeer(false)('127.0.0.1')).toBe(false);
    expect(trustedPeer(2)('127.0.0.1')).toBe(false);
  });
});
