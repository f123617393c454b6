import { generateKeyPairSync, sign } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { SdkPublicKey } from '@ward/core';
import { createNodeSdkSignatureVerifier } from './node-sdk-signature-verifier.js';

function keyPair(): { jwk: SdkPublicKey; sign: (data: Uint8Array) => Uint8Array } {
  const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const exported = publicKey.export({ format: 'jwk' });
  const jwk: SdkPublicKey = { kty: 'EC', crv: 'P-256', x: exported.x ?? '', y: exported.y ?? '' };
  return { jwk, sign: (data) => new Uint8Array(sign('sha256', data, { key: privateKey, dsaEncoding: 'ieee-p1363' })) };
}

describe('createNodeSdkSignatureVerifier', () => {
  const verifier = createNodeSdkSignatureVerifier(2);
  const body = new TextEncoder().encode('{"registrationId":"r1","sequence":1}');

  it('verifies an ES256 signature (r‖s) over the exact bytes', () => {
    const k = keyPair();
    const signature = k.sign(body);
    expect(signature.length).toBe(64);
    expect(verifier.verifyEs256(k.jwk, body, signature)).toBe(true);
    // A second time comes from the key cache.
    expect(verifier.verifyEs256(k.jwk, body, signature)).toBe(true);
  });

  it('refuses altered bytes, another key, a truncated or DER signature', () => {
    const k = keyPair();
    const other = keyPair();
    const signature = k.sign(body);
    const altered = Uint8Array.from(body);
    altered[5] = (altered[5] ?? 0) ^ 1;
    expect(verifier.verifyEs256(k.jwk, altered, signature)).toBe(false);
    expect(verifier.verifyEs256(other.jwk, body, signature)).toBe(false);
    expect(verifier.verifyEs256(k.jwk, body, signature.slice(0, 63))).toBe(false);
    expect(verifier.verifyEs256(k.jwk, body, new Uint8Array(64))).toBe(false);
  });

  it('answers false, never throws, for a key that is not on the curve', () => {
    const k = keyPair();
    const bent: SdkPublicKey = { ...k.jwk, y: k.jwk.x };
    expect(verifier.verifyEs256(bent, body, k.sign(body))).toBe(false);
    expect(verifier.verifyEs256({ ...k.jwk, x: 'not-base64url!' }, body, k.sign(body))).toBe(false);
  });

  it('keeps a bounded number of parsed keys and still verifies evicted ones', () => {
    const pairs = [keyPair(), keyPair(), keyPair()];
    for (const p of pairs) expect(verifier.verifyEs256(p.jwk, body, p.sign(body))).toBe(true);
    const first = pairs[0];
    if (first === undefined) throw new Error('no key');
    expect(verifier.verifyEs256(first.jwk, body, first.sign(body))).toBe(true);
  });
});
