/**
 * Decodes base64 or base64url, padding optional, and returns undefined for anything else.
 * Node's own decoder skips characters it does not know, which would let a mistyped secret decode to
 * different bytes; this one accepts only text that the bytes encode back to exactly.
 */
export function decodeBase64(text: string): Uint8Array | undefined {
  const unpadded = text.replace(/={1,2}$/, '').replaceAll('-', '+').replaceAll('_', '/');
  if (!/^[A-Za-z0-9+/]*$/.test(unpadded) || unpadded.length % 4 === 1) return undefined;
  const bytes = Buffer.from(unpadded, 'base64');
  if (bytes.toString('base64').replace(/={1,2}$/, '') !== unpadded) return undefined;
  return new Uint8Array(bytes);
}
