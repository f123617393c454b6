/**
 * The 32 bytes of a master key written as 64 hex digits or as base64/base64url (padding
 * optional), or undefined for anything else. The same reading as @ward/pki's `parseMasterKey`
 * (a unit test holds the two in agreement), done here so that reading the configuration and
 * opening the database do not load the PKI library, which only `serve` and `doctor` need.
 */
export function decodeMasterKey(text: string): Uint8Array | undefined {
  const trimmed = text.trim();
  if (/^[0-9a-fA-F]{64}$/.test(trimmed)) return new Uint8Array(Buffer.from(trimmed, 'hex'));
  if (!/^[A-Za-z0-9+/_-]+={0,2}$/.test(trimmed)) return undefined;
  const bytes = Buffer.from(trimmed, 'base64');
  return bytes.length === 32 ? new Uint8Array(bytes) : undefined;
}
