import { isMap, isScalar, isSeq, type Node } from 'yaml';
import type { BundleSection } from '@ward/core';
import { lineColumnOf, locateField } from './locate-field.js';
import { assignmentFields, envPlaceholder, referenceFields, referenceHolders, topLevelFields, typeLabel } from './policy-file-layout.js';
import type { PolicyProblem } from './policy-problem.js';
import { policyFileLimits, type PolicyFile, type PolicyObjectType } from './read-policy-files.js';

/** Where a bundle object came from: its file and the YAML node its field paths start at. */
export interface BundleOrigin {
  readonly file: PolicyFile;
  readonly node: Node;
  /** Turns a field path of the bundle object into the path in the file below `node`. */
  readonly toFilePath: (path: string) => string;
}

/** The bundle `applyPolicyBundle` takes, and for each object where in the files it is. */
export interface PolicyFileBundle {
  readonly bundle: Readonly<Record<BundleSection, readonly Record<string, unknown>[]>>;
  readonly origins: Readonly<Record<BundleSection, readonly BundleOrigin[]>>;
  /** Names of the profiles, compliance policies, groups and filters the files define. */
  readonly names: Readonly<Record<'profiles' | 'compliancePolicies' | 'groups' | 'filters', ReadonlySet<string>>>;
  /** Environment variables the files read, by name. */
  readonly envNames: ReadonlySet<string>;
}

const sectionOf: Readonly<Record<PolicyObjectType, Exclude<BundleSection, 'assignments'>>> = { profile: 'profiles', compliancePolicy: 'compliancePolicies', group: 'groups', filter: 'filters' };

type Plain = Record<string, unknown>;

const isPlain = (v: unknown): v is Plain => typeof v === 'object' && v !== null && !Array.isArray(v);

const join = (path: string, key: string | number): string => (typeof key === 'number' ? `${path}[${key}]` : path === '' ? key : `${path}.${key}`);

/** Paths below an object stay as they are. */
const samePath = (path: string): string => path;

/** Normalises names the way the core compares them. */
export const nameKey = (name: string): string => name.trim().toLowerCase();

/**
 * Turns parsed policy files into a policy bundle: checks each file's fields (unknown fields,
 * wrong shapes), resolves `${env:NAME}` placeholders from `env`, renames certificate references
 * to the API's fields, and moves each item's `assignments:` into the bundle's assignments
 * section. Every problem of every file is collected, each at its line and column; an object with
 * a problem is left out of the bundle but keeps its name, so references to it do not add
 * problems of their own. The values themselves (ranges, rules, expressions) are left to the
 * core's validators.
 */
export function policyFilesToBundle(files: readonly PolicyFile[], env: Readonly<Record<string, string | undefined>>): { readonly result: PolicyFileBundle; readonly problems: readonly PolicyProblem[] } {
  const problems: PolicyProblem[] = [];
  const bundle: Record<BundleSection, Plain[]> = { groups: [], filters: [], profiles: [], compliancePolicies: [], assignments: [] };
  const origins: Record<BundleSection, BundleOrigin[]> = { groups: [], filters: [], profiles: [], compliancePolicies: [], assignments: [] };
  const names = { profiles: new Set<string>(), compliancePolicies: new Set<string>(), groups: new Set<string>(), filters: new Set<string>() };
  const firstFileOf = new Map<string, string>();
  const envNames = new Set<string>();

  for (const file of files) {
    const root = file.document.contents;
    const problem = (path: string, message: string): void => {
      problems.push({ file: file.path, ...lineColumnOf(file.lines, locateField(root, path, isUnknownField(message) ? 'key' : 'value')), message });
    };
    if (root === null || !isMap(root)) {
      problem('', `must be a mapping of fields (a ${typeLabel[file.type]} with ${topLevelFields[file.type].join(', ')})`);
      continue;
    }
    let value: unknown;
    try {
      value = file.document.toJS({ maxAliasCount: policyFileLimits.aliases });
    } catch (error) {
      problem('', `cannot be read: ${error instanceof Error ? error.message : String(error)}`);
      continue;
    }
    if (!isPlain(value)) {
      problem('', 'must be a mapping of fields');
      continue;
    }
    const before = problems.length;
    // Keys must be plain text: `{ [a, b]: 1 }` or `1: x` would silently become "a,b" or "1".
    checkKeys(root, '', problem);
    for (const key of Object.keys(value)) {
      if (!topLevelFields[file.type].includes(key)) problem(key, `${key} is not a field of a ${typeLabel[file.type]} (known: ${topLevelFields[file.type].join(', ')})`);
    }
    const object = resolvePlaceholders(value, '', env, envNames, problem);
    if (!isPlain(object)) continue;
    if (typeof object.name !== 'string' || object.name.trim() === '') {
      problem('name', `a ${typeLabel[file.type]} needs a name`);
      continue;
    }
    const section = sectionOf[file.type];
    const name = object.name;
    const key = `${section}:${nameKey(name)}`;
    const first = firstFileOf.get(key);
    if (first !== undefined) problem('name', `${typeLabel[file.type]} ${name.trim()} is defined in ${first} already; names are unique, compared without case`);
    else firstFileOf.set(key, file.path);
    names[section].add(nameKey(name));

    const { assignments, ...definition } = object;
    if (file.type === 'group') checkGroupFieldTypes(definition, problem);
    const converted = file.type === 'profile' ? fileProfileToApi(definition, problem) : definition;

    const assignmentEntries: { readonly value: Plain; readonly node: Node }[] = [];
    if (assignments !== undefined) {
      if (file.type !== 'profile' && file.type !== 'compliancePolicy') {
        // Refused above as an unknown field.
      } else if (!Array.isArray(assignments)) {
        problem('assignments', 'must be a list of assignments (each with a target)');
      } else {
        const list = root.get('assignments', true);
        assignments.forEach((raw, i) => {
          const node = isSeq(list) ? list.items[i] : undefined;
          const at = join('assignments', i);
          const converted = fileAssignmentToApi(raw, { kind: file.type === 'profile' ? 'profile' : 'compliancePolicy', name }, (path, message) => { problem(join(at, path), message); });
          if (converted !== undefined && isNode(node)) assignmentEntries.push({ value: converted, node });
        });
      }
    }
    if (problems.length > before) continue;
    const line = lineColumnOf(file.lines, root.range[0]).line;
    bundle[section].push({ ...converted, source: { file: file.path, line } });
    origins[section].push({ file, node: root, toFilePath: samePath });
    for (const a of assignmentEntries) {
      bundle.assignments.push({ ...a.value, source: { file: file.path, line: lineColumnOf(file.lines, a.node.range?.[0]).line } });
      origins.assignments.push({ file, node: a.node, toFilePath: assignmentPathInFile });
    }
  }
  return { result: { bundle, origins, names, envNames }, problems };
}

/** Messages about a field that should not be there are shown at its key, not its value. */
export function isUnknownField(message: string): boolean {
  return /is not (?:a known field|a field)|does not belong|belongs to|instead of/.test(message);
}

function isNode(value: unknown): value is Node {
  return isMap(value) || isSeq(value) || isScalar(value);
}

/** Every mapping key in the document must be text. */
function checkKeys(node: unknown, path: string, problem: (path: string, message: string) => void): void {
  if (isMap(node)) {
    for (const pair of node.items) {
      const key = pair.key;
      if (!isScalar(key) || typeof key.value !== 'string') {
        problem(path, `has a key that is not text (${isScalar(key) ? String(key.value) : 'a collection'}); quote it`);
        continue;
      }
      checkKeys(pair.value, join(path, key.value), problem);
    }
  } else if (isSeq(node)) {
    node.items.forEach((item, i) => { checkKeys(item, join(path, i), problem); });
  }
}

/**
 * Replaces every value that is exactly `${env:NAME}` with the variable's value. Secrets are kept
 * out of policy repositories this way; an unset variable is a problem at the placeholder.
 */
function resolvePlaceholders(value: unknown, path: string, env: Readonly<Record<string, string | undefined>>, used: Set<string>, problem: (path: string, message: string) => void): unknown {
  if (typeof value === 'string') {
    const match = envPlaceholder.exec(value);
    if (match === null) return value;
    const name = match[1] ?? '';
    used.add(name);
    const resolved = env[name];
    if (resolved === undefined) problem(path, `reads the environment variable ${name}, which is not set`);
    return resolved ?? '';
  }
  if (Array.isArray(value)) return value.map((v, i) => resolvePlaceholders(v, join(path, i), env, used, problem));
  if (isPlain(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolvePlaceholders(v, join(path, k), env, used, problem)]));
  return value;
}

/**
 * The directory's group validator reads its fields as text; give it text or report the field.
 * (Values themselves, such as the membership type, are the validator's to judge.)
 */
function checkGroupFieldTypes(group: Plain, problem: (path: string, message: string) => void): void {
  for (const field of ['memberType', 'membershipType'] as const) {
    if (typeof group[field] !== 'string') problem(field, `${field} is required: ${field === 'memberType' ? 'user or device' : 'static or dynamic'}`);
  }
  for (const field of ['description', 'rule'] as const) {
    const v = group[field];
    if (v !== undefined && v !== null && typeof v !== 'string') problem(field, `${field} must be text`);
  }
}

/** A profile as the API takes it: certificate references under their API field names. */
function fileProfileToApi(profile: Plain, problem: (path: string, message: string) => void): Plain {
  const body = profile.body;
  if (!isPlain(body)) return profile;
  const renamed: Plain = { ...body };
  for (const holderPath of referenceHolders) {
    const key = holderPath.split('.')[1] ?? '';
    const holder = body[key];
    if (!isPlain(holder)) continue;
    const out: Plain = {};
    for (const [field, v] of Object.entries(holder)) {
      const api = referenceFields[field];
      const fileField = Object.entries(referenceFields).find(([, a]) => a === field)?.[0];
      if (fileField !== undefined) problem(`${holderPath}.${field}`, `policy files name the profile: write ${fileField}: <profile name> instead of ${field}`);
      out[api ?? field] = v;
    }
    renamed[key] = out;
  }
  return { ...profile, body: renamed };
}

/** `assignments[i]` of a file as a bundle assignment; undefined (with problems reported) when malformed. */
function fileAssignmentToApi(raw: unknown, item: { readonly kind: 'profile' | 'compliancePolicy'; readonly name: string }, problem: (path: string, message: string) => void): Plain | undefined {
  if (!isPlain(raw)) {
    problem('', 'must be a mapping with a target (allDevices, allUsers, or group: NAME)');
    return undefined;
  }
  let ok = true;
  for (const key of Object.keys(raw)) {
    if (!(assignmentFields as readonly string[]).includes(key)) {
      problem(key, `${key} is not a field of an assignment (known: ${assignmentFields.join(', ')})`);
      ok = false;
    }
  }
  let target: Plain | undefined;
  const t = raw.target;
  if (t === 'allDevices' || t === 'allUsers') target = { type: t };
  else if (isPlain(t) && Object.keys(t).length === 1 && typeof t.group === 'string') target = { type: 'group', group: t.group };
  else if (isPlain(t) && t.group !== undefined && typeof t.group !== 'string') problem('target.group', 'must be the name of a group');
  else if (isPlain(t) && Object.keys(t).some((k) => k !== 'group')) problem('target', `a group target has only a group field (group: NAME), not ${Object.keys(t).filter((k) => k !== 'group').join(', ')}`);
  else problem('target', 'must be allDevices, allUsers, or group: NAME');
  let filter: Plain | undefined;
  if (raw.filter !== undefined && raw.filter !== null) {
    const f = raw.filter;
    if (!isPlain(f) || typeof f.name !== 'string') problem('filter', 'must be name: FILTER (and mode: include or exclude)');
    else if (Object.keys(f).some((k) => k !== 'name' && k !== 'mode')) problem('filter', `has only name and mode, not ${Object.keys(f).filter((k) => k !== 'name' && k !== 'mode').join(', ')}`);
    // Include is what a filter on an assignment nearly always means, and Intune's default.
    else filter = { name: f.name, mode: f.mode ?? 'include' };
  }
  if (!ok || target === undefined || (raw.filter !== undefined && raw.filter !== null && filter === undefined)) return undefined;
  return { item, target, ...(raw.mode === undefined ? {} : { mode: raw.mode }), ...(filter === undefined ? {} : { filter }), ...(raw.intent === undefined ? {} : { intent: raw.intent }) };
}

/** A bundle assignment's field path as it sits in the file's assignment entry. */
function assignmentPathInFile(path: string): string {
  // The item is the file itself; its name and kind have no place in the entry.
  if (path === 'item' || path.startsWith('item.')) return '';
  if (path === 'target.type') return 'target';
  return path;
}
