import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { renderConfigDocs } from './render-config-docs.js';

/** docs/configuration.md of the repository, found from this file (src/config or dist/config). */
export const configDocsPath = fileURLToPath(new URL('../../../../docs/configuration.md', import.meta.url));

/** Writes docs/configuration.md from the schema. Run by `npm run docs:config`. */
export function writeConfigDocs(path: string = configDocsPath): string {
  writeFileSync(path, renderConfigDocs());
  return path;
}

// Run as a script (`node apps/server/dist/config/write-config-docs.js`), not when imported by a test.
if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  process.stdout.write(`wrote ${writeConfigDocs()}\n`);
}
