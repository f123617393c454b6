import { crc32, deflateSync } from 'node:zlib';
import { AppPackageError } from '../app-package-error.js';
import type { AppPackageIcon } from '../app-package-info.js';
import { inflateBounded } from '../compression/inflate.js';

const signature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
// An icon wider or taller than this is no icon; the bound keeps a decoded CgBI image small.
const maxDimension = 2048;

/**
 * The bytes as a PNG icon when they are one (signature and IHDR first), or null. Apple's "CgBI"
 * PNGs (what Xcode writes into iOS apps: raw deflate, BGRA, premultiplied alpha) are converted to
 * standard PNGs, because no browser shows them; one that cannot be converted is left out.
 */
export function pngIcon(bytes: Uint8Array): AppPackageIcon | null {
  if (bytes.length < 8 + 25 + 12 || !signature.every((b, i) => bytes[i] === b)) return null;
  const chunks = readChunks(bytes);
  if (chunks === null) return null;
  const first = chunks[0];
  if (first?.type === 'CgBI') {
    const converted = convertCgbi(chunks);
    return converted === null ? null : { mediaType: 'image/png', bytes: converted };
  }
  if (first?.type !== 'IHDR' || first.data.length !== 13) return null;
  return { mediaType: 'image/png', bytes };
}

interface Chunk {
  readonly type: string;
  readonly data: Uint8Array;
}

function readChunks(bytes: Uint8Array): Chunk[] | null {
  const chunks: Chunk[] = [];
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let pos = 8;
  while (pos + 12 <= bytes.length) {
    const length = view.getUint32(pos);
    if (pos + 12 + length > bytes.length) return null;
    const type = String.fromCharCode(...bytes.subarray(pos + 4, pos + 8));
    chunks.push({ type, data: bytes.subarray(pos + 8, pos + 8 + length) });
    pos += 12 + length;
    if (type === 'IEND') return chunks;
    if (chunks.length > 10_000) return null;
  }
  return null;
}

function convertCgbi(chunks: readonly Chunk[]): Uint8Array | null {
  const ihdr = chunks[1];
  if (ihdr?.type !== 'IHDR' || ihdr.data.length !== 13) return null;
  const header = new DataView(ihdr.data.buffer, ihdr.data.byteOffset, 13);
  const width = header.getUint32(0);
  const height = header.getUint32(4);
  const depth = ihdr.data[8];
  const colorType = ihdr.data[9];
  const interlace = ihdr.data[12];
  if (width === 0 || height === 0 || width > maxDimension || height > maxDimension || depth !== 8 || (colorType !== 6 && colorType !== 2) || interlace !== 0) return null;
  const channels = colorType === 6 ? 4 : 3;
  const stride = width * channels;
  const idat = chunks.filter((c) => c.type === 'IDAT');
  const compressed = new Uint8Array(idat.reduce((n, c) => n + c.data.length, 0));
  let at = 0;
  for (const c of idat) {
    compressed.set(c.data, at);
    at += c.data.length;
  }
  let raw: Uint8Array;
  try {
    raw = inflateBounded(compressed, 'raw', (stride + 1) * height, 'CgBI icon');
  } catch (error) {
    if (error instanceof AppPackageError) return null;
    throw error;
  }
  if (raw.length !== (stride + 1) * height) return null;
  const pixels = unfilter(raw, stride, height, channels);
  if (pixels === null) return null;
  const out = new Uint8Array((stride + 1) * height);
  for (let y = 0; y < height; y++) {
    const row = y * stride;
    const o = y * (stride + 1);
    out[o] = 0;
    for (let x = 0; x < stride; x += channels) {
      const b = pixels[row + x] as number;
      const g = pixels[row + x + 1] as number;
      const r = pixels[row + x + 2] as number;
      if (channels === 4) {
        const a = pixels[row + x + 3] as number;
        // Undo the premultiplication; a fully transparent pixel has no colour to recover.
        const un = (c: number): number => (a === 0 ? 0 : Math.min(255, Math.round((c * 255) / a)));
        out[o + 1 + x] = un(r);
        out[o + 2 + x] = un(g);
        out[o + 3 + x] = un(b);
        out[o + 4 + x] = a;
      } else {
        out[o + 1 + x] = r;
        out[o + 2 + x] = g;
        out[o + 3 + x] = b;
      }
    }
  }
  return encodePng(ihdr.data, deflateSync(out));
}

function unfilter(raw: Uint8Array, stride: number, height: number, bpp: number): Uint8Array | null {
  const pixels = new Uint8Array(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    const src = y * (stride + 1) + 1;
    const row = y * stride;
    const prev = row - stride;
    for (let x = 0; x < stride; x++) {
      const value = raw[src + x] as number;
      const left = x >= bpp ? (pixels[row + x - bpp] as number) : 0;
      const up = y > 0 ? (pixels[prev + x] as number) : 0;
      const upLeft = y > 0 && x >= bpp ? (pixels[prev + x - bpp] as number) : 0;
      let predicted: number;
      switch (filter) {
        case 0:
          predicted = 0;
          break;
        case 1:
          predicted = left;
          break;
        case 2:
          predicted = up;
          break;
        case 3:
          predicted = (left + up) >>> 1;
          break;
        case 4: {
          const p = left + up - upLeft;
          const pa = Math.abs(p - left);
          const pb = Math.abs(p - up);
          const pc = Math.abs(p - upLeft);
          predicted = pa <= pb && pa <= pc ? left : pb <= pc ? up : upLeft;
          break;
        }
        default:
          return null;
      }
      pixels[row + x] = (value + predicted) & 0xff;
    }
  }
  return pixels;
}

function encodePng(ihdr: Uint8Array, idat: Uint8Array): Uint8Array {
  const chunk = (type: string, data: Uint8Array): Uint8Array => {
    const out = new Uint8Array(12 + data.length);
    const view = new DataView(out.buffer);
    view.setUint32(0, data.length);
    for (let i = 0; i < 4; i++) out[4 + i] = type.charCodeAt(i);
    out.set(data, 8);
    view.setUint32(8 + data.length, crc32(out.subarray(4, 8 + data.length)));
    return out;
  };
  const parts = [Uint8Array.from(signature), chunk('IHDR', ihdr), chunk('IDAT', idat), chunk('IEND', new Uint8Array(0))];
  const total = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    total.set(p, at);
    at += p.length;
  }
  return total;
}
