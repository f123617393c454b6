import type { Logger } from '../logging/logger.js';

/** A logger that keeps lines in memory, for tests that assert on them. */
export function memoryLogger(): Logger & { readonly lines: string[] } {
  const lines: string[] = [];
  const push = (level: string) => (message: string): void => {
    lines.push(`${level} ${message}`);
  };
  return { lines, error: push('error'), warn: push('warn'), info: push('info'), debug: push('debug') };
}
