import { malformed } from '../app-package-error.js';

/**
 * Parses a deb822 paragraph (Debian Policy §5.1): `Field: value` lines with continuation lines
 * that start with a space or tab. Field names compare case-insensitively, so keys are lowercased.
 */
export function parseControl(text: string, what: string): ReadonlyMap<string, string> {
  const fields = new Map<string, string>();
  let current: string | null = null;
  for (const line of text.split('\n')) {
    if (line.trim() === '') {
      if (fields.size > 0) break; // the control file has one paragraph; anything after is not ours
      continue;
    }
    if (line.startsWith(' ') || line.startsWith('\t')) {
      if (current === null) throw malformed(`${what}: a continuation line before any field`);
      fields.set(current, `${fields.get(current) ?? ''}\n${line.trim()}`);
      continue;
    }
    if (line.startsWith('#')) continue;
    const colon = line.indexOf(':');
    if (colon <= 0) throw malformed(`${what}: a line is not a field`);
    const name = line.slice(0, colon).trim().toLowerCase();
    if (!/^[!-9;-~]+$/.test(name)) throw malformed(`${what}: invalid field name`);
    if (fields.has(name)) throw malformed(`${what}: duplicate field ${name}`);
    fields.set(name, line.slice(colon + 1).trim());
    current = name;
  }
  return fields;
}
