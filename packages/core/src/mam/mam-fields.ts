import type { GroupId } from '../kernel/brand.js';
import { hasControlCharacters } from '../kernel/control-characters.js';
import { fail, type Failure } from '../kernel/result.js';
import { mamPolicyLimits, type MamTargets, type MamUserTargets } from './model.js';

/**
 * Readers of untrusted MAM input (admin policy bodies, SDK bodies). Each throws {@link MamInvalid}
 * naming the offending field as a path; the validator that called it turns that into its failure.
 */
export class MamInvalid extends Error {
  constructor(
    readonly field: string,
    readonly reason: string,
    readonly details: Readonly<Record<string, unknown>> = {},
  ) {
    super(`${field}: ${reason}`);
  }

  /** The failure of `code` this stands for. */
  failure<C extends string>(code: C): Failure<C> {
    return fail(code, this.message, { field: this.field, ...this.details });
  }
}

/** Throws a {@link MamInvalid}. */
export function invalid(field: string, reason: string, details?: Record<string, unknown>): never {
  throw new MamInvalid(field, reason, details);
}

/** An object with only the `allowed` keys (unknown keys are refused: a typo must not widen anything). */
export function record(value: unknown, field: string, allowed: readonly string[]): Readonly<Record<string, unknown>> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) invalid(field, 'must be an object');
  const r = value as Record<string, unknown>;
  for (const key of Object.keys(r)) if (!allowed.includes(key)) invalid(`${field}.${key.slice(0, 64)}`, `is not a known field (known: ${allowed.join(', ')})`);
  return r;
}

/** Trimmed single-line (or multi-line) text within bounds. */
export function text(value: unknown, field: string, bounds: { readonly min: number; readonly max: number; readonly multiline?: boolean }): string {
  if (typeof value !== 'string') invalid(field, 'must be text');
  if (value.length > bounds.max * 2) invalid(field, `must have at most ${bounds.max} characters`, { limit: bounds.max });
  const t = value.trim();
  if (t.length < bounds.min) invalid(field, bounds.min <= 1 ? 'must not be empty' : `must have at least ${bounds.min} characters`);
  if (t.length > bounds.max) invalid(field, `must have at most ${bounds.max} characters`, { limit: bounds.max });
  const checked = bounds.multiline === true ? t.replace(/[\t\n\r]/g, '') : t;
  if (hasControlCharacters(checked)) invalid(field, 'must not contain control characters');
  return t;
}

/** Optional text: null when absent or null. */
export function optionalText(value: unknown, field: string, max: number): string | null {
  if (value === undefined || value === null) return null;
  const t = text(value, field, { min: 0, max });
  return t === '' ? null : t;
}

export function bool(value: unknown, field: string): boolean {
  if (typeof value !== 'boolean') invalid(field, 'must be true or false');
  return value;
}

/** A whole number in [min, max]. */
export function wholeNumber(value: unknown, field: string, bounds: { readonly min: number; readonly max: number }): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < bounds.min || value > bounds.max) invalid(field, `must be a whole number from ${bounds.min} to ${bounds.max}`, { min: bounds.min, max: bounds.max });
  return value;
}

export function oneOf<K extends string>(value: unknown, field: string, values: readonly K[]): K {
  if (typeof value !== 'string' || !(values as readonly string[]).includes(value)) invalid(field, `must be one of ${values.join(', ')}`);
  return value as K;
}

// Dotted numbers: `1`, `1.2`, `1.2.3`, `10.0.19045.1`; each part at most 9 digits so it compares as a number.
const versionPattern = /^\d{1,9}(\.\d{1,9}){0,3}$/;

/** A version as dotted numbers (`1.2.0`). */
export function dottedVersion(value: unknown, field: string): string {
  if (typeof value !== 'string' || !versionPattern.test(value)) invalid(field, 'must be a version of one to four dot-separated numbers (1.2.0)');
  return value;
}

// App identifiers are visible ASCII without spaces: bundle ids, store ids, flatpak refs, package names.
const appIdentifierPattern = /^[\x21-\x7e]+$/;

/** An app identifier as the catalog spells them (compared case-insensitively, see `appKey`). */
export function appIdentifier(value: unknown, field: string): string {
  if (typeof value !== 'string' || value.length === 0 || value.length > mamPolicyLimits.appIdentifierLength || !appIdentifierPattern.test(value)) {
    invalid(field, `must be an app identifier: 1 to ${mamPolicyLimits.appIdentifierLength} visible ASCII characters without spaces`);
  }
  return value;
}

/** The comparison key of an app identifier: the catalog compares them case-insensitively. */
export function appKey(identifier: string): string {
  return identifier.toLowerCase();
}

const idPattern = /^[A-Za-z0-9_-]{1,64}$/;

function groupIds(value: unknown, field: string): readonly GroupId[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) invalid(field, 'must be a list of group ids');
  const raw = value as readonly unknown[];
  if (raw.length > mamPolicyLimits.groups) invalid(field, `may hold at most ${mamPolicyLimits.groups} groups; this one holds ${raw.length}`, { limit: mamPolicyLimits.groups });
  const out: GroupId[] = [];
  raw.forEach((r, i) => {
    if (typeof r !== 'string' || !idPattern.test(r)) invalid(`${field}[${i}]`, 'must be a group id: 1 to 64 letters, digits, dashes or underscores');
    if (!out.includes(r as GroupId)) out.push(r as GroupId);
  });
  return out;
}

function userTargets(value: unknown, field: string): MamUserTargets {
  const r = record(value, field, ['include', 'exclude']);
  if (r.include === undefined) invalid(`${field}.include`, 'is required: "allUsers" or a list of user group ids');
  let include: MamUserTargets['include'];
  if (r.include === 'allUsers') include = 'allUsers';
  else {
    include = groupIds(r.include, `${field}.include`);
    if (include.length === 0) invalid(`${field}.include`, 'must be "allUsers" or name at least one group');
  }
  return { include, exclude: groupIds(r.exclude, `${field}.exclude`) };
}

/** The targets of a MAM policy: users (all, or groups with exclusions) and 1–100 app identifiers, duplicates (case-insensitive) dropped. */
export function mamTargets(value: unknown, field = 'targets'): MamTargets {
  const r = record(value, field, ['users', 'apps']);
  if (r.users === undefined) invalid(`${field}.users`, 'is required: say whom the policy is for ({"include": "allUsers"} for everyone)');
  if (!Array.isArray(r.apps)) invalid(`${field}.apps`, 'must be a list of app identifiers');
  const raw = r.apps as readonly unknown[];
  const { min, max } = mamPolicyLimits.apps;
  if (raw.length < min || raw.length > max) invalid(`${field}.apps`, `must name from ${min} to ${max} apps; this one names ${raw.length}`, { min, max });
  const apps: string[] = [];
  const seen = new Set<string>();
  raw.forEach((a, i) => {
    const id = appIdentifier(a, `${field}.apps[${i}]`);
    if (!seen.has(appKey(id))) {
      seen.add(appKey(id));
      apps.push(id);
    }
  });
  return { users: userTargets(r.users, `${field}.users`), apps };
}

/** Whether targets reach a user in `groups` (exclusion wins). */
export function reachesUser(targets: MamUserTargets, groups: ReadonlySet<string>): boolean {
  for (const g of targets.exclude) if (groups.has(g)) return false;
  if (targets.include === 'allUsers') return true;
  for (const g of targets.include) if (groups.has(g)) return true;
  return false;
}
