import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

/** What a page's first load fetches from the console build, and its size gzipped. */
export interface ConsoleFirstLoad {
  readonly files: readonly string[];
  readonly gzipBytes: number;
}

/**
 * The files an index.html of the build makes the browser fetch before the page runs (its module
 * script, module preloads and stylesheets) and their total gzipped at level 9, as the server sends
 * them; the same count as the console's bundle-size test, so the two figures agree. Chunks loaded
 * later (lazy routes) are not part of it.
 */
export function consoleFirstLoad(dist: string, page: string): ConsoleFirstLoad {
  const html = readFileSync(join(dist, page), 'utf8');
  const files = [...html.matchAll(/<(?:script[^>]*\bsrc|link[^>]*\bhref)="(\/assets\/[^"]+)"/g)].map((m) => m[1] ?? '');
  const gzipBytes = [html, ...files.map((f) => readFileSync(join(dist, f)))].reduce((sum, body) => sum + gzipSync(body, { level: 9 }).length, 0);
  return { files, gzipBytes };
}
