import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { generateSpec } from '../../scripts/generate-spec.mjs';

describe('the generated spec', () => {
  const generated = generateSpec();

  it.each([...generated.keys()])('src/spec/generated/%s is current (run: npm run generate:spec -w @ward/apple)', (name) => {
    const committed = readFileSync(new URL(`./generated/${name}`, import.meta.url), 'utf8');
    expect(committed === generated.get(name)).toBe(true);
  });

  it('is deterministic', () => {
    expect(generateSpec()).toEqual(generated);
  });
});
