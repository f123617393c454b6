import { clipText } from './clip-text.js';

/** A short, single-line description of something thrown, for an "unavailable" reason. */
export function describeError(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return clipText(text.replace(/\s+/g, ' ').trim(), 300);
}
