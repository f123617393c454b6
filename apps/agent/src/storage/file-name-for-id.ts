import { createHash } from 'node:crypto';

const SAFE_ID = /^[A-Za-z0-9_-][A-Za-z0-9._-]{0,63}$/;

/**
 * A file name (without extension) for a command id. Ids come from the server, so they are not
 * trusted as path segments: a plain id (letters, digits, `._-`, at most 64, not starting with a dot)
 * is used as is for readability, anything else becomes `~` + its SHA-256, which no plain id can
 * collide with.
 */
export function fileNameForId(id: string): string {
  return SAFE_ID.test(id) ? id : `~${createHash('sha256').update(id).digest('hex')}`;
}
