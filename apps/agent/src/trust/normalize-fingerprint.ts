/**
 * A SHA-256 certificate fingerprint in the form Node and OpenSSL print it (`AB:CD:…`, uppercase,
 * colon-separated), from what a person may paste: any case, with or without colons or spaces, with
 * an `sha256:` or `SHA256 Fingerprint=` prefix. Undefined when it is not 32 bytes of hex.
 */
export function normalizeFingerprint(text: string): string | undefined {
  const hex = text.trim().replace(/^(?:sha-?256\s*(?:fingerprint)?\s*[:=]?\s*)/i, '').replace(/[\s:]/g, '');
  if (!/^[0-9a-fA-F]{64}$/.test(hex)) return undefined;
  return hex.toUpperCase().match(/../g)?.join(':');
}
