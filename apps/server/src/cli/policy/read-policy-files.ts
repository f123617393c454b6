import { lstat, readdir, readFile, stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { LineCounter, parseAllDocuments, type Document } from 'yaml';
import { lineColumnOf } from './locate-field.js';
import type { PolicyProblem } from './policy-problem.js';

/** What each top-level folder of a policy directory holds. */
export const policyFolders = { profiles: 'profile', compliance: 'compliancePolicy', groups: 'group', filters: 'filter' } as const;
export type PolicyFolder = keyof typeof policyFolders;
export type PolicyObjectType = (typeof policyFolders)[PolicyFolder];

/** Bounds that keep a hostile or mistaken directory from exhausting memory. */
export const policyFileLimits = {
  /** A profile with a large custom payload (512 KiB of base64 ≈ 700 KB) fits. */
  fileBytes: 1024 * 1024,
  files: 5000,
  /** Aliases expanded per document; YAML bombs multiply far beyond this. */
  aliases: 100,
} as const;

/** One parsed YAML file. */
export interface PolicyFile {
  /** The path relative to the policy directory, with `/` separators: what messages show. */
  readonly path: string;
  readonly type: PolicyObjectType;
  readonly document: Document.Parsed;
  readonly lines: LineCounter;
}

/** Every policy file of a directory, or every problem found reading them. */
export interface PolicyFileSet {
  readonly files: readonly PolicyFile[];
  readonly problems: readonly PolicyProblem[];
}

const isYaml = (name: string): boolean => /\.ya?ml$/i.test(name);

/** Files below `dir` (recursively, by name), skipping dot-entries (`.git`, `.github`). */
async function listYamlFiles(dir: string, problems: PolicyProblem[], root: string): Promise<string[]> {
  const found: string[] = [];
  const entries = (await readdir(dir, { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    if (entry.name.startsWith('.')) continue;
    const full = join(dir, entry.name);
    if (entry.isDirectory()) {
      found.push(...(await listYamlFiles(full, problems, root)));
    } else if (entry.isSymbolicLink()) {
      // A link to a directory could loop; a link to a file is read like a file.
      const target = await stat(full).catch(() => undefined);
      if (target?.isFile() === true && isYaml(entry.name)) found.push(full);
      else if (target?.isDirectory() === true) problems.push({ file: toPosix(relative(root, full)), line: 1, column: 1, message: 'is a symbolic link to a directory; policy directories are read without following those' });
    } else if (entry.isFile() && isYaml(entry.name)) {
      found.push(full);
    }
  }
  return found;
}

function toPosix(path: string): string {
  return path.split(sep).join('/');
}

/**
 * Reads every `*.yaml`/`*.yml` file below `dir` and parses it, one object per file. The folder
 * right below `dir` says what the file holds (`profiles/`, `compliance/`, `groups/`, `filters/`).
 * Syntax errors, duplicate keys, several documents in one file and files elsewhere are all
 * collected as problems with their line and column, so one run reports everything.
 */
export async function readPolicyFiles(dir: string): Promise<PolicyFileSet> {
  const problems: PolicyProblem[] = [];
  const info = await lstat(dir).catch(() => undefined);
  if (info === undefined || !info.isDirectory()) return { files: [], problems: [{ file: dir, line: 1, column: 1, message: 'is not a directory' }] };
  const paths = await listYamlFiles(dir, problems, dir);
  if (paths.length > policyFileLimits.files) return { files: [], problems: [{ file: dir, line: 1, column: 1, message: `holds ${paths.length} YAML files; at most ${policyFileLimits.files} are read` }] };
  const files: PolicyFile[] = [];
  for (const full of paths) {
    const path = toPosix(relative(dir, full));
    const folder = path.split('/')[0] ?? '';
    const type = (policyFolders as Readonly<Record<string, PolicyObjectType>>)[folder];
    if (type === undefined || !path.includes('/')) {
      problems.push({ file: path, line: 1, column: 1, message: `is not in a policy folder; put it under ${Object.keys(policyFolders).map((f) => `${f}/`).join(', ')}` });
      continue;
    }
    const size = (await stat(full)).size;
    if (size > policyFileLimits.fileBytes) {
      problems.push({ file: path, line: 1, column: 1, message: `is ${size} bytes; a policy file may have at most ${policyFileLimits.fileBytes}` });
      continue;
    }
    const parsed = parsePolicyText(path, type, await readFile(full, 'utf8'));
    problems.push(...parsed.problems);
    if (parsed.file !== undefined) files.push(parsed.file);
  }
  return { files, problems };
}

/** Parses one file's text; exported for tests of messages without a directory. */
export function parsePolicyText(path: string, type: PolicyObjectType, text: string): { readonly file?: PolicyFile; readonly problems: readonly PolicyProblem[] } {
  const lines = new LineCounter();
  // YAML 1.2 core schema only: no custom tags, no implicit timestamps or sexagesimal numbers.
  const documents = parseAllDocuments(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true, schema: 'core', strict: true });
  const at = (offset: number | undefined, message: string): PolicyProblem => ({ file: path, ...lineColumnOf(lines, offset), message });
  if (!Array.isArray(documents) || documents.length === 0) return { problems: [at(0, 'is empty; a policy file holds one object')] };
  const problems: PolicyProblem[] = [];
  for (const document of documents) {
    for (const error of document.errors) problems.push(at(error.pos[0], yamlMessage(error.message)));
    // Warnings (an unknown tag, say) would change what is applied without notice: refused like errors.
    for (const warning of document.warnings) problems.push(at(warning.pos[0], yamlMessage(warning.message)));
  }
  if (documents.length > 1) problems.push(at(documents[1]?.range[0], 'holds more than one YAML document; write one object per file'));
  const document = documents[0];
  if (problems.length > 0 || document === undefined) return { problems };
  if (document.contents === null) return { problems: [at(0, 'is empty; a policy file holds one object')] };
  return { file: { path, type, document, lines }, problems };
}

/** The parser's message without the source excerpt and position it appends (we print our own). */
function yamlMessage(message: string): string {
  const first = message.split('\n')[0] ?? message;
  return first.replace(/ at line \d+, column \d+:?$/, '').trim();
}
