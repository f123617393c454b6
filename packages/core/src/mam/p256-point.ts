import { fromBase64Url, toBase64Url } from '../kernel/base64url.js';

// NIST P-256 (FIPS 186-4 D.1.2.3): y² = x³ − 3x + b over GF(p).
const p = BigInt('0xffffffff00000001000000000000000000000000ffffffffffffffffffffffff');
const b = BigInt('0x5ac635d8aa3a93e7b3ebbd55769886bc651d06b0cc53b0f63bce3c3e27d2604b');

function toBigInt(bytes: Uint8Array): bigint {
  let n = BigInt(0);
  for (const byte of bytes) n = (n << BigInt(8)) | BigInt(byte);
  return n;
}

/**
 * Whether base64url `x` and `y` (32 bytes each) are the coordinates of a point on P-256. Checked
 * at registration so that a key the server could never verify with (or an invalid-curve point) is
 * refused up front rather than failing every check-in.
 */
export function isP256Point(x: string, y: string): boolean {
  if (x.length !== 43 || y.length !== 43) return false;
  const xb = fromBase64Url(x);
  const yb = fromBase64Url(y);
  if (xb?.length !== 32 || yb?.length !== 32) return false;
  // One spelling per key: trailing bits that decode to nothing would make two texts of one key.
  if (toBase64Url(xb) !== x || toBase64Url(yb) !== y) return false;
  const X = toBigInt(xb);
  const Y = toBigInt(yb);
  if (X >= p || Y >= p) return false;
  const left = (Y * Y) % p;
  const right = (((X * X) % p) * X - BigInt(3) * X + b) % p;
  return left === (right + p) % p;
}
