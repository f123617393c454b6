import { readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const src = join(dirname(fileURLToPath(import.meta.url)), '..', 'src');

/** Every module the file `entry` reaches through relative imports, and every bare import among them. */
async function graph(entry: string): Promise<{ files: Set<string>; bare: Set<string> }> {
  const files = new Set<string>();
  const bare = new Set<string>();
  const visit = async (file: string) => {
    if (files.has(file)) return;
    files.add(file);
    const text = await readFile(file, 'utf8');
    for (const m of text.matchAll(/(?:import|export)[^'"]*?from\s*'([^']+)'|import\(\s*'([^']+)'\s*\)/g)) {
      const spec = m[1] ?? m[2]!;
      if (spec.startsWith('.')) await visit(resolve(dirname(file), spec.replace(/\.js$/, '.ts')));
      else bare.add(spec);
    }
  };
  await visit(join(src, entry));
  return { files, bare };
}

describe('the main entry', () => {
  it('reaches no Node module, so a browser bundle can take it', async () => {
    const { files, bare } = await graph('index.ts');
    expect([...bare]).toEqual([]);
    expect([...files].some((f) => f.endsWith('node-file-storage.ts'))).toBe(false);
    for (const f of files) expect(await readFile(f, 'utf8'), f).not.toMatch(/\bBuffer\.|\bprocess\.env|require\(/);
  });

  it('keeps Node\'s storage in @ward/sdk/node', async () => {
    const { bare } = await graph('node.ts');
    expect([...bare].every((b) => b.startsWith('node:'))).toBe(true);
    const pkg = JSON.parse(await readFile(join(src, '..', 'package.json'), 'utf8')) as { exports: Record<string, unknown>; dependencies?: unknown };
    expect(Object.keys(pkg.exports)).toEqual(['.', './node']);
    expect(pkg.dependencies).toBeUndefined();
  });
});
