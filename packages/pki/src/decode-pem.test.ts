import { describe, expect, it } from 'vitest';
import { decodeBase64 } from './decode-base64.js';
import { decodePem } from './decode-pem.js';
import { encodePem } from './encode-pem.js';

describe('PEM and base64 decoding', () => {
  const der = new Uint8Array(100).map((_, i) => i);

  it('round-trips PEM, tolerating CRLF line ends and text around blocks', () => {
    const pem = encodePem(der, 'CERTIFICATE');
    expect(pem.split('\n').every((line) => line.length <= 64)).toBe(true);
    expect(decodePem(`intro\r\n${pem.replaceAll('\n', '\r\n')}outro`)).toEqual([{ label: 'CERTIFICATE', der }]);
  });

  it('reports a damaged block as undefined, not as absent', () => {
    expect(decodePem('-----BEGIN X-----\nA===\n-----END X-----')).toBeUndefined();
    expect(decodePem('no blocks here')).toEqual([]);
    expect(decodePem('-----BEGIN X-----\nAAAA\n-----END Y-----')).toEqual([]);
  });

  it('decodes base64 strictly', () => {
    expect(decodeBase64('AQID')).toEqual(new Uint8Array([1, 2, 3]));
    expect(decodeBase64('AQ')).toEqual(new Uint8Array([1]));
    expect(decodeBase64('AR')).toBeUndefined(); // non-zero trailing bits
    expect(decodeBase64('A')).toBeUndefined();
    expect(decodeBase64('AQ!D')).toBeUndefined();
  });
});
