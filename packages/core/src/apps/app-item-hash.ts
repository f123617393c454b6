import { canonicalJson } from '../audit/canonical-json.js';
import type { Sha256Hex } from '../policy/configuration-item-hash.js';
import type { AppItem, AppRemoval, AppSource } from './model.js';

/**
 * The hash of an install item: SHA-256 over the canonical JSON (keys sorted at every depth) of
 * `{ id, name, version, source }`, the AppItem without its hash. The same item hashes the same on
 * every server, so recomputing an unchanged app writes nothing and wakes no one; a new version, a
 * new channel or a renamed app changes it and reinstalls.
 */
export function appItemOf(sha256Hex: Sha256Hex, item: Omit<AppItem, 'hash'>): AppItem {
  const base = { id: item.id, name: item.name, version: item.version, source: item.source };
  return { ...base, hash: sha256Hex(canonicalJson(base)) };
}

/**
 * A removal and its hash: SHA-256 over the canonical JSON of `{ action: 'remove', id, name,
 * source }`, so a removal never shares a hash with the install of the same source.
 */
export function appRemovalOf(sha256Hex: Sha256Hex, removal: { readonly id: string; readonly name: string; readonly source: AppSource }): AppRemoval {
  const base = { id: removal.id, name: removal.name, source: removal.source };
  return { ...base, hash: sha256Hex(canonicalJson({ action: 'remove', ...base })) };
}
