import { crc32, deflateRawSync, inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { pngIcon } from './png-icon.js';

function chunk(type: string, data: Uint8Array): Buffer {
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  body.copy(out, 4);
  out.writeUInt32BE(crc32(body), 8 + data.length);
  return out;
}
const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
function ihdr(width: number, height: number, colorType: number): Buffer {
  const data = Buffer.alloc(13);
  data.writeUInt32BE(width, 0);
  data.writeUInt32BE(height, 4);
  data[8] = 8;
  data[9] = colorType;
  return data;
}

/** What Xcode's pngcrush writes: a CgBI chunk first, BGRA with premultiplied alpha, raw deflate. */
function cgbiPng(): Uint8Array {
  // Two pixels: RGBA (200, 100, 50, 128) premultiplied to BGRA (25, 50, 100, 128), and transparent.
  const rows = Buffer.from([0, 25, 50, 100, 128, 0, 0, 0, 0]);
  return new Uint8Array(Buffer.concat([signature, chunk('CgBI', Buffer.from([0x50, 0, 0x20, 6])), chunk('IHDR', ihdr(2, 1, 6)), chunk('IDAT', deflateRawSync(rows)), chunk('IEND', Buffer.alloc(0))]));
}

describe('pngIcon', () => {
  it('passes a standard PNG through', () => {
    const png = new Uint8Array(Buffer.concat([signature, chunk('IHDR', ihdr(1, 1, 2)), chunk('IDAT', Buffer.from([0x78, 0x9c, 0x63, 0x60, 0, 0, 0, 4, 0, 1])), chunk('IEND', Buffer.alloc(0))]));
    expect(pngIcon(png)?.bytes).toBe(png);
  });

  it('converts an Apple CgBI PNG to a standard one (RGBA, alpha not premultiplied, zlib)', () => {
    const icon = pngIcon(cgbiPng());
    expect(icon?.mediaType).toBe('image/png');
    const bytes = Buffer.from(icon!.bytes);
    expect(bytes.subarray(0, 8).equals(signature)).toBe(true);
    expect(bytes.toString('latin1', 12, 16)).toBe('IHDR');
    expect(bytes.indexOf('CgBI')).toBe(-1);
    const idat = bytes.indexOf('IDAT');
    const length = bytes.readUInt32BE(idat - 4);
    const rows = inflateSync(bytes.subarray(idat + 4, idat + 4 + length));
    expect([...rows]).toEqual([0, 199, 100, 50, 128, 0, 0, 0, 0]);
  });

  it('refuses what is not a PNG, a cut-short PNG and a CgBI it cannot convert', () => {
    expect(pngIcon(new TextEncoder().encode('GIF89a........................................'))).toBeNull();
    const cgbi = cgbiPng();
    expect(pngIcon(cgbi.subarray(0, cgbi.length - 5))).toBeNull();
    const wide = Buffer.from(cgbi);
    wide.writeUInt32BE(100_000, wide.indexOf('IHDR') + 4); // wider than any icon
    expect(pngIcon(new Uint8Array(wide))).toBeNull();
  });
});
