import { describe, expect, it } from 'vitest';
import { removeManagedBlock, upsertManagedBlock } from './managed-block.js';

describe('managed blocks', () => {
  const original = 'PASS_MAX_DAYS\t99999\nUMASK\t022\n';

  it('appends a block, replaces it in place on the next apply, and removing restores the file byte for byte', () => {
    const once = upsertManagedBlock(original, 'p1', ['PASS_MAX_DAYS 90']);
    expect(once).toBe(`${original}# BEGIN Ward profile p1 (managed by the Ward agent; removed with the profile)\nPASS_MAX_DAYS 90\n# END Ward profile p1\n`);
    const twice = upsertManagedBlock(`${once}LATER 1\n`, 'p1', ['PASS_MAX_DAYS 30']);
    expect(twice).toBe(`${original}# BEGIN Ward profile p1 (managed by the Ward agent; removed with the profile)\nPASS_MAX_DAYS 30\n# END Ward profile p1\nLATER 1\n`);
    expect(upsertManagedBlock(twice, 'p1', ['PASS_MAX_DAYS 30'])).toBe(twice);
    expect(removeManagedBlock(twice, 'p1')).toBe(`${original}LATER 1\n`);
  });

  it('keeps the blocks of different profiles apart and leaves a half block alone', () => {
    const both = upsertManagedBlock(upsertManagedBlock(original, 'p1', ['A 1']), 'p2', ['A 2']);
    expect(removeManagedBlock(both, 'p1')).toBe(upsertManagedBlock(original, 'p2', ['A 2']));
    const half = `${original}# BEGIN Ward profile p3 (managed by the Ward agent; removed with the profile)\nA 3\n`;
    expect(removeManagedBlock(half, 'p3')).toBe(half);
    expect(upsertManagedBlock('no final newline', 'p', ['X'])).toMatch(/^no final newline\n# BEGIN/);
    expect(removeManagedBlock(upsertManagedBlock('', 'p', ['X']), 'p')).toBe('');
  });
});
