import type { ErrorCode } from '../kernel/errors.js';
import { fail, ok, type Failure, type Result } from '../kernel/result.js';

/**
 * Policy as code: profiles, compliance policies, groups, assignment filters and assignments,
 * addressed by name (the CLI reads them from YAML files). Every object is untrusted input and is
 * validated by the same validators the API uses. An object may carry `source: { file, line }`;
 * errors about it echo that back so the CLI can point at the YAML line.
 */
export interface PolicyBundle {
  /** Profile definitions (`ProfileInput`); certificate references may name a profile instead of giving its id. */
  readonly profiles?: readonly unknown[];
  /** Compliance policy definitions (`CompliancePolicyInput`). */
  readonly compliancePolicies?: readonly unknown[];
  /** Group definitions (`GroupFields`); members of static groups are directory data, not policy. */
  readonly groups?: readonly unknown[];
  /** Assignment filter definitions (`AssignmentFilterInput`). */
  readonly filters?: readonly unknown[];
  /** Assignments (`BundleAssignment`), by item name, group name and filter name. */
  readonly assignments?: readonly unknown[];
}

/** An assignment in a bundle. */
export interface BundleAssignment {
  readonly item: { readonly kind: 'profile' | 'compliancePolicy'; readonly name: string };
  readonly target: { readonly type: 'group'; readonly group: string } | { readonly type: 'allUsers' } | { readonly type: 'allDevices' };
  readonly mode?: 'include' | 'exclude';
  readonly filter?: { readonly name: string; readonly mode: 'include' | 'exclude' } | null;
  readonly intent?: 'required';
}

export const bundleSections = ['groups', 'filters', 'profiles', 'compliancePolicies', 'assignments'] as const;
export type BundleSection = (typeof bundleSections)[number];

/** Where an object came from, as the CLI gave it. */
export interface BundleSource {
  readonly file: string;
  readonly line: number;
}

/** One object a bundle creates, changes or deletes. */
export interface BundleChange {
  readonly section: BundleSection;
  readonly action: 'create' | 'update' | 'delete';
  /** The object's name; for assignments `item name → target`. */
  readonly name: string;
  readonly id: string;
  /** For updates: the top-level fields that differ. */
  readonly fields?: readonly string[];
}

/** Devices whose configuration or compliance the bundle changes. */
export interface BundleImpact {
  /** Devices whose desired configuration (items or their hashes) changes. */
  readonly configurationDevices: number;
  /** Up to 1000 of them, by id. */
  readonly configurationDeviceIds: readonly string[];
  /** Devices whose set of compliance policies changes, or that a changed policy reaches. */
  readonly complianceDevices: number;
  readonly complianceDeviceIds: readonly string[];
  /** What the counts cannot know yet (members of dynamic groups the bundle creates or changes). */
  readonly notes: readonly string[];
}

/** What applying (or dry-running) a bundle did. */
export interface PolicyBundleOutcome {
  readonly dryRun: boolean;
  readonly changes: readonly BundleChange[];
  readonly unchanged: number;
  readonly impact: BundleImpact;
}

/** A bundle object split from its optional `source`. */
export interface BundleEntry {
  readonly section: BundleSection;
  readonly index: number;
  readonly value: Readonly<Record<string, unknown>>;
  readonly source: BundleSource | null;
}

/** The most objects of one section a bundle may hold. */
export const maxBundleObjects = 5000;

/**
 * Checks a bundle's outer shape and splits each object from its `source`. Sections are lists of
 * objects; unknown sections are refused (a typo would otherwise silently apply nothing).
 */
export function readBundle(bundle: unknown): Result<Readonly<Record<BundleSection, readonly BundleEntry[]>>, ErrorCode> {
  if (typeof bundle !== 'object' || bundle === null || Array.isArray(bundle)) return fail('POLICY_BUNDLE_INVALID', 'A policy bundle must be an object of sections.');
  const record = bundle as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    if (!(bundleSections as readonly string[]).includes(key)) return fail('POLICY_BUNDLE_INVALID', `Unknown section ${key.slice(0, 64)} (known: ${bundleSections.join(', ')}).`, { field: key.slice(0, 64) });
  }
  const out: Record<BundleSection, BundleEntry[]> = { groups: [], filters: [], profiles: [], compliancePolicies: [], assignments: [] };
  for (const section of bundleSections) {
    const list = record[section];
    if (list === undefined) continue;
    if (!Array.isArray(list)) return fail('POLICY_BUNDLE_INVALID', `${section} must be a list.`, { field: section });
    if (list.length > maxBundleObjects) return fail('POLICY_BUNDLE_INVALID', `${section} may hold at most ${maxBundleObjects} objects.`, { field: section });
    for (const [index, value] of list.entries()) {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) return fail('POLICY_BUNDLE_INVALID', `${section}[${index}] must be an object.`, { section, index });
      const { source, ...rest } = value as Record<string, unknown>;
      out[section].push({ section, index, value: rest, source: readSource(source) });
    }
  }
  return ok(out);
}

function readSource(value: unknown): BundleSource | null {
  if (typeof value !== 'object' || value === null) return null;
  const { file, line } = value as Record<string, unknown>;
  if (typeof file !== 'string' || file.length > 1024 || typeof line !== 'number' || !Number.isInteger(line) || line < 1) return null;
  return { file, line };
}

/** A failure about one bundle object: its section, index, name and source are added to the details and message. */
export function locate(entry: BundleEntry, failure: Failure<ErrorCode>): Failure<ErrorCode> {
  const name = typeof entry.value.name === 'string' ? entry.value.name.slice(0, 128) : undefined;
  const where = entry.source === null ? '' : ` (${entry.source.file}:${entry.source.line})`;
  const label = `${entry.section}[${entry.index}]${name === undefined ? '' : ` ${JSON.stringify(name)}`}${where}`;
  return fail(failure.code, `${label}: ${failure.message}`, { ...failure.details, section: entry.section, index: entry.index, ...(name === undefined ? {} : { name }), ...(entry.source === null ? {} : { source: entry.source }) });
}
