import { canonicalJson } from '../audit/canonical-json.js';
import type { ProfileKind, RenderedPayload } from './model.js';

/** SHA-256 hex of UTF-8 text: the `Digests` port's `sha256Hex`, passed in so this stays pure. */
export type Sha256Hex = (text: string) => string;

/**
 * The version hash of a configuration item: SHA-256 over the canonical JSON (keys sorted at every
 * depth) of `{ id, kind, name, payload }`. The same rendered item hashes the same on every server
 * and database, so a recomputation that changes nothing writes nothing and wakes no one. The
 * agent compares the hash it holds; it never recomputes it.
 */
export function configurationItemHash(sha256Hex: Sha256Hex, item: { readonly id: string; readonly kind: ProfileKind; readonly name: string; readonly payload: RenderedPayload }): string {
  return sha256Hex(canonicalJson({ id: item.id, kind: item.kind, name: item.name, payload: item.payload }));
}
