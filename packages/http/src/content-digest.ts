/**
 * The SHA-256 a sender declares in `Content-Digest` (RFC 9530), as lower-case hex: `absent` when
 * there is no header, `invalid` when there is one Ward cannot use (not a structured dictionary of
 * byte sequences, or no `sha-256` member, the only algorithm Ward checks).
 */
export type DeclaredDigest = { readonly kind: 'absent' } | { readonly kind: 'sha256'; readonly hex: string } | { readonly kind: 'invalid'; readonly reason: string };

// A member of the dictionary (RFC 8941 §3.2): a key, `=`, a byte sequence `:base64:`, and
// parameters we do not use. Base64 contains no comma, so splitting on commas is safe for values
// that match this pattern; anything else is refused rather than guessed at.
const member = /^([a-z*][a-z0-9_\-.*]*)=:([A-Za-z0-9+/]*={0,2}):(?:;[^,]*)?$/;

/** Parses a `Content-Digest` header (several header lines arrive joined by commas). */
export function parseContentDigest(header: string | undefined): DeclaredDigest {
  if (header === undefined) return { kind: 'absent' };
  if (header.length > 4096) return { kind: 'invalid', reason: 'the header is too long' };
  let sha256: string | undefined;
  for (const raw of header.split(',')) {
    const text = raw.trim();
    const match = member.exec(text);
    if (match === null) return { kind: 'invalid', reason: 'it is not a list of algorithm=:base64: members' };
    const [, algorithm, base64] = match;
    if (algorithm !== 'sha-256') continue;
    const bytes = Buffer.from(base64 ?? '', 'base64');
    // Buffer's decoder skips bad characters silently; a round trip proves the text was canonical.
    if (bytes.length !== 32 || bytes.toString('base64') !== base64) return { kind: 'invalid', reason: 'its sha-256 is not 32 bytes of base64' };
    const hex = bytes.toString('hex');
    if (sha256 !== undefined && sha256 !== hex) return { kind: 'invalid', reason: 'it names two different sha-256 values' };
    sha256 = hex;
  }
  return sha256 === undefined ? { kind: 'invalid', reason: 'it has no sha-256 member, the only algorithm Ward checks' } : { kind: 'sha256', hex: sha256 };
}

/** The `Content-Digest`/`Repr-Digest` value for a SHA-256 given as hex. */
export function sha256DigestHeader(hex: string): string {
  return `sha-256=:${Buffer.from(hex, 'hex').toString('base64')}:`;
}
