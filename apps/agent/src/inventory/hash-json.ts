import { createHash } from 'node:crypto';
import { canonicalValue } from '@ward/agent-protocol';

/**
 * SHA-256 (hex) of the canonical JSON of `value` (keys sorted at every level), so the same facts
 * collected in another key order hash the same and are not re-sent.
 */
export function hashJson(value: unknown): string {
  // JSON.stringify gives undefined for undefined (its typing says otherwise).
  const text = JSON.stringify(canonicalValue(value)) as string | undefined;
  return createHash('sha256').update(text ?? '').digest('hex');
}
