import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderConfigDocs } from './render-config-docs.js';
import { configDocsPath } from './write-config-docs.js';

describe('docs/configuration.md', () => {
  it('is what the schema generates (run `npm run docs:config` after changing an option)', () => {
    expect(readFileSync(configDocsPath, 'utf8')).toBe(renderConfigDocs());
  });
});
