import { toBase64Url } from '../kernel/base64url.js';
import type { ApiTokenId } from '../kernel/brand.js';
import type { AccessTokenKind } from './model.js';

const prefixes: Readonly<Record<AccessTokenKind, string>> = { api: 'wrd_at', session: 'wrd_st' };

/**
 * The bearer text of a token: a kind prefix (so secret scanners can spot a leaked Ward token), the
 * token id (to find the row without a scan), and 32 random bytes of secret.
 */
export function formatAccessToken(kind: AccessTokenKind, id: ApiTokenId, secret: Uint8Array): string {
  return `${prefixes[kind]}.${id}.${toBase64Url(secret)}`;
}

const pattern = /^wrd_(at|st)\.([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\.([A-Za-z0-9_-]{43})$/;

/** Splits bearer text into its parts; undefined for anything that is not a Ward token. */
export function parseAccessToken(text: string): { readonly kind: AccessTokenKind; readonly id: ApiTokenId; readonly secret: string } | undefined {
  if (text.length > 200) return undefined;
  const m = pattern.exec(text);
  if (m === null) return undefined;
  return { kind: m[1] === 'at' ? 'api' : 'session', id: m[2] as ApiTokenId, secret: m[3] ?? '' };
}
