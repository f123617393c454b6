import { createHash } from 'node:crypto';

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) out[key] = canonical((value as Record<string, unknown>)[key]);
    return out;
  }
  return value;
}

/**
 * SHA-256 (hex) of the canonical JSON of `value` (keys sorted at every level), so the same facts
 * collected in another key order hash the same and are not re-sent.
 */
export function hashJson(value: unknown): string {
  // JSON.stringify gives undefined for undefined (its typing says otherwise).
  const text = JSON.stringify(canonical(value)) as string | undefined;
  return createHash('sha256').update(text ?? '').digest('hex');
}
