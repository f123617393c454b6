import { toBase64Url } from '../kernel/base64url.js';
import type { EnrollmentTokenId } from './model.js';

/** The text of an enrollment token: `wrd_et.<id>.<secret>`, recognisable by secret scanners. */
export function formatEnrollmentToken(id: EnrollmentTokenId, secret: Uint8Array): string {
  return `wrd_et.${id}.${toBase64Url(secret)}`;
}

const pattern = /^wrd_et\.([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\.([A-Za-z0-9_-]{43})$/;

/** Splits enrollment token text; undefined for anything else. */
export function parseEnrollmentToken(text: string): { readonly id: EnrollmentTokenId; readonly secret: string } | undefined {
  if (text.length > 200) return undefined;
  const m = pattern.exec(text.trim());
  if (m === null) return undefined;
  return { id: m[1] as EnrollmentTokenId, secret: m[2] ?? '' };
}
