import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { consoleDist } from './support/browser.js';
import { firstLoad } from './support/first-load.js';

// Issue 8's budget: the console's first load under 500 KB gzipped. Pages load lazily after it.
const budget = 500 * 1024;

describe('the built console', () => {
  it('exists (npm run build:console builds it; npm test does)', () => {
    expect(existsSync(join(consoleDist, 'index.html')), 'apps/console/dist is not built').toBe(true);
  });

  for (const page of ['index.html', 'portal/index.html']) {
    it(`loads ${page} within ${budget / 1024} KB gzipped, pages split off`, () => {
      const load = firstLoad(consoleDist, page);
      expect(load.files.some((f) => f.endsWith('.js'))).toBe(true);
      expect(load.files.some((f) => f.endsWith('.css'))).toBe(true);
      // Pages are their own chunks, fetched when visited, not preloaded.
      expect(load.files.filter((f) => /(devices|device|audit|enrollment)-page/.test(f))).toEqual([]);
      expect(load.gzipBytes).toBeLessThan(budget);
    });
  }
});
