/**
 * Total length in bytes (header and content) of the DER element that starts `der`, or undefined
 * when the header is not a definite DER length. Lets a caller refuse bytes trailing a structure,
 * which ASN.1 parsers skip silently.
 */
export function derElementLength(der: Uint8Array): number | undefined {
  const first = der[1];
  if (der.length < 2 || first === undefined) return undefined;
  if (first < 0x80) return 2 + first;
  const lengthBytes = first & 0x7f;
  // 0x80 is BER's indefinite length, not DER; four length bytes already exceed any sane input.
  if (lengthBytes === 0 || lengthBytes > 4 || der.length < 2 + lengthBytes) return undefined;
  let length = 0;
  for (let i = 0; i < lengthBytes; i++) length = length * 256 + (der[2 + i] ?? 0);
  return 2 + lengthBytes + length;
}
