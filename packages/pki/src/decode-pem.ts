import { decodeBase64 } from './decode-base64.js';

/** One block of a PEM text. */
export interface PemBlock {
  /** The label between `BEGIN ` and the dashes, e.g. `CERTIFICATE`. */
  readonly label: string;
  /** The decoded body. */
  readonly der: Uint8Array;
}

const PEM_BLOCK = /-----BEGIN ([A-Z0-9 ]{1,40})-----([A-Za-z0-9+/=\s]*?)-----END \1-----/g;

/**
 * The PEM blocks in `text`, in order (RFC 7468, lax: text between blocks is ignored as the RFC
 * allows). Returns undefined when a block's body is not valid base64, so a damaged block is never
 * mistaken for a missing one.
 */
export function decodePem(text: string): PemBlock[] | undefined {
  const blocks: PemBlock[] = [];
  for (const match of text.matchAll(PEM_BLOCK)) {
    const [, label = '', body = ''] = match;
    const der = decodeBase64(body.replace(/\s+/g, ''));
    if (der === undefined || der.length === 0) return undefined;
    blocks.push({ label, der });
  }
  return blocks;
}
