/** Generates src/spec/generated/*.ts from the YAML under `specDir` (default: packages/apple/spec); file name → content. */
export function generateSpec(specDir?: string): Map<string, string>;
