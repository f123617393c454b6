/** DER encoding of a non-negative INTEGER: minimal big-endian octets, a 0x00 pad when the top bit is set. */
export function encodeDerInteger(value: bigint): Uint8Array {
  if (value < 0n) throw new RangeError('encodeDerInteger: negative values are not supported');
  let hex = value.toString(16);
  if (hex.length % 2 === 1) hex = `0${hex}`;
  let content = Buffer.from(hex, 'hex');
  if ((content[0] ?? 0) >= 0x80) content = Buffer.concat([Buffer.from([0]), content]);
  // Content stays far below 128 octets for the values Ward encodes, so the short length form suffices.
  if (content.length > 127) throw new RangeError('encodeDerInteger: value too large');
  return new Uint8Array([0x02, content.length, ...content]);
}
