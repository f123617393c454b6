import { randomBytes } from 'node:crypto';
import { PkiError } from './pki-error.js';

/**
 * A new certificate serial number: 16 random bytes (CA/Browser Forum asks for at least 64 bits of
 * entropy), as lowercase hex. The high bit is cleared so the DER INTEGER is positive without a pad
 * byte, and the first byte is never zero so the encoding stays minimal and the hex keeps its length.
 */
export function randomSerialNumber(): string {
  const bytes = randomBytes(16);
  bytes[0] = ((bytes[0] ?? 0) % 0x7f) + 1;
  return bytes.toString('hex');
}

/**
 * The canonical form of a caller-given serial number: lowercase hex of the positive integer, even
 * length, no leading zero bytes; the same form @peculiar/x509 reads back from certificates and CRLs,
 * so serials compare as strings. Accepts an optional `0x` prefix and colons (`01:a2:…`).
 *
 * @throws PkiError `INVALID_INPUT` for non-hex text, zero, or more than 20 octets (RFC 5280 §4.1.2.2).
 */
export function normalizeSerialNumber(serial: string): string {
  const hex = serial.trim().replace(/^0x/i, '').replaceAll(':', '').toLowerCase();
  if (!/^[0-9a-f]{1,42}$/.test(hex)) throw new PkiError('INVALID_INPUT', 'a serial number must be hex');
  let digits = hex.replace(/^0+/, '');
  if (digits === '') throw new PkiError('INVALID_INPUT', 'a serial number must not be zero');
  if (digits.length % 2 === 1) digits = `0${digits}`;
  // The encoded INTEGER gains a 0x00 sign byte when the high bit is set; RFC 5280 counts it.
  const encodedLength = digits.length / 2 + (Number.parseInt(digits.slice(0, 2), 16) >= 0x80 ? 1 : 0);
  if (encodedLength > 20) throw new PkiError('INVALID_INPUT', 'a serial number must fit in 20 octets');
  return digits;
}
