import { readFileSync } from 'node:fs';

/** The version of the Ward agent, from apps/agent/package.json (read from src/ and dist/ alike). */
export const agentVersion: string = (() => {
  const text = readFileSync(new URL('../package.json', import.meta.url), 'utf8');
  const parsed = JSON.parse(text) as { version?: unknown };
  return typeof parsed.version === 'string' ? parsed.version : '0.0.0';
})();
