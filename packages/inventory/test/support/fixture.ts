import { readFileSync } from 'node:fs';

const fixtures = new URL('../fixtures/', import.meta.url);

/** A fixture's text, exactly as stored (a byte order mark stays, as the tools would print it). */
export function fixture(path: string): string {
  return readFileSync(new URL(path, fixtures), 'utf8');
}

/** The absolute path of a fixture file. */
export function fixturePath(path: string): string {
  return new URL(path, fixtures).pathname;
}
