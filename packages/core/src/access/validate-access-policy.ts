import { ownerships, platforms, type Ownership, type Platform } from '../devices/model.js';
import type { GroupId, UserId } from '../kernel/brand.js';
import { hasControlCharacters } from '../kernel/control-characters.js';
import { fail, ok, type Failure, type Result } from '../kernel/result.js';
import { parseIpRange } from './ip-range.js';
import {
  accessPolicyLimits,
  accessPolicyStates,
  clientTypes,
  conditionRiskLevels,
  grantControls,
  grantOperators,
  type AccessConditions,
  type AccessGrant,
  type AccessPolicy,
  type AccessSessionControls,
  type AllOr,
  type UserSet,
} from './model.js';

/**
 * A conditional access policy as an admin writes it (API body, policy file), read as untrusted:
 * every field is checked for type, bounds and meaning, and unknown fields are refused rather than
 * ignored, so a typo (`exlude`) cannot silently widen a policy.
 */
export interface AccessPolicyInput {
  readonly name: unknown;
  readonly description?: unknown;
  /** `reportOnly` when absent: a new policy is watched in the sign-in log before it decides. */
  readonly state?: unknown;
  readonly conditions: unknown;
  readonly grant: unknown;
  readonly session?: unknown;
}

/** The validated fields of a policy. */
export type ValidAccessPolicyFields = Pick<AccessPolicy, 'name' | 'description' | 'state' | 'conditions' | 'grant' | 'session'>;

class Invalid extends Error {
  constructor(readonly failure: Failure<'ACCESS_POLICY_INVALID'>) {
    super(failure.message);
  }
}

function invalid(field: string, message: string, details?: Record<string, unknown>): never {
  throw new Invalid(fail('ACCESS_POLICY_INVALID', `${field}: ${message}`, { field, ...details }));
}

const idPattern = /^[A-Za-z0-9_-]{1,64}$/;
// OAuth client ids are visible ASCII (RFC 6749 appendix A.1: VSCHAR).
const clientIdPattern = /^[\x20-\x7e]{1,128}$/;

function record(value: unknown, field: string, allowed: readonly string[]): Readonly<Record<string, unknown>> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) invalid(field, 'must be an object');
  const r = value as Record<string, unknown>;
  for (const key of Object.keys(r)) if (!allowed.includes(key)) invalid(`${field}.${key.slice(0, 64)}`, `is not a known field (known: ${allowed.join(', ')})`);
  return r;
}

function text(value: unknown, field: string, bounds: { readonly min: number; readonly max: number; readonly multiline?: boolean }): string {
  if (typeof value !== 'string') invalid(field, 'must be text');
  if (value.length > bounds.max * 2) invalid(field, `must have at most ${bounds.max} characters`, { limit: bounds.max });
  const t = value.trim();
  if (t.length < bounds.min) invalid(field, 'must not be empty');
  if (t.length > bounds.max) invalid(field, `must have at most ${bounds.max} characters`, { limit: bounds.max });
  const checked = bounds.multiline === true ? t.replace(/[\t\n\r]/g, '') : t;
  if (hasControlCharacters(checked)) invalid(field, 'must not contain control characters');
  return t;
}

/** A list of at most `max` items, each read by `item`, duplicates dropped (first kept). */
function list<T>(value: unknown, field: string, max: number, item: (raw: unknown, field: string) => T): readonly T[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) invalid(field, 'must be a list');
  const raw = value as readonly unknown[];
  if (raw.length > max) invalid(field, `may hold at most ${max} items; this one holds ${raw.length}`, { limit: max });
  const out: T[] = [];
  const seen = new Set<T>();
  raw.forEach((r, i) => {
    const v = item(r, `${field}[${i}]`);
    if (!seen.has(v)) {
      seen.add(v);
      out.push(v);
    }
  });
  return out;
}

function oneOf<K extends string>(values: readonly K[]): (raw: unknown, field: string) => K {
  return (raw, field) => {
    if (typeof raw !== 'string' || !(values as readonly string[]).includes(raw)) invalid(field, `must be one of ${values.join(', ')}`);
    return raw as K;
  };
}

function id(raw: unknown, field: string): string {
  if (typeof raw !== 'string' || !idPattern.test(raw)) invalid(field, 'must be an id: 1 to 64 letters, digits, dashes or underscores');
  return raw;
}

function clientId(raw: unknown, field: string): string {
  if (typeof raw !== 'string' || !clientIdPattern.test(raw) || raw.trim() !== raw) invalid(field, `must be a client id: 1 to ${accessPolicyLimits.relyingPartyIdLength} visible ASCII characters`);
  return raw;
}

function cidr(raw: unknown, field: string): string {
  if (typeof raw !== 'string' || raw.length > accessPolicyLimits.cidrLength) invalid(field, 'must be an IPv4 or IPv6 range in CIDR notation (10.0.0.0/8, 2001:db8::/32)');
  const t = raw.trim().toLowerCase();
  const parsed = parseIpRange(t);
  if (parsed === 'malformed') invalid(field, `${JSON.stringify(raw)} is not an IPv4 or IPv6 range in CIDR notation (10.0.0.0/8, 2001:db8::/32)`);
  if (parsed === 'prefix') invalid(field, 'has a prefix length beyond the address (at most 32 for IPv4, 128 for IPv6)');
  if (parsed === 'hostBits') invalid(field, 'has bits set after the prefix; write the network address (10.0.0.0/8, not 10.1.2.3/8)');
  return t;
}

function allOr<T>(value: unknown, field: string, max: number, item: (raw: unknown, field: string) => T): AllOr<T> {
  if (value === 'all') return 'all';
  if (!Array.isArray(value)) invalid(field, 'must be "all" or a list');
  const items = list(value, field, max, item);
  if (items.length === 0) invalid(field, 'must be "all" or name at least one item');
  return items;
}

function userSet(value: unknown, field: string): UserSet {
  if (value === undefined) return { userIds: [], groupIds: [] };
  const r = record(value, field, ['userIds', 'groupIds']);
  return {
    userIds: list(r.userIds, `${field}.userIds`, accessPolicyLimits.userIds, id) as readonly UserId[],
    groupIds: list(r.groupIds, `${field}.groupIds`, accessPolicyLimits.groupIds, id) as readonly GroupId[],
  };
}

function users(value: unknown): AccessConditions['users'] {
  const field = 'conditions.users';
  const r = record(value, field, ['include', 'exclude']);
  let include: 'all' | UserSet;
  if (r.include === 'all') include = 'all';
  else {
    include = userSet(r.include, `${field}.include`);
    if (include.userIds.length === 0 && include.groupIds.length === 0) invalid(`${field}.include`, 'must be "all" or name at least one user or group');
  }
  return { include, exclude: userSet(r.exclude, `${field}.exclude`) };
}

/** `{ include, exclude }` over items, or null when absent or null (the condition is not set). */
function selection<T>(value: unknown, field: string, max: number, item: (raw: unknown, field: string) => T): { readonly include: AllOr<T>; readonly exclude: readonly T[] } | null {
  if (value === undefined || value === null) return null;
  const r = record(value, field, ['include', 'exclude']);
  return { include: allOr(r.include, `${field}.include`, max, item), exclude: list(r.exclude, `${field}.exclude`, max, item) };
}

/** A list condition, or null when absent or null. An empty list would match nothing: refused. */
function anyOf<K extends string>(value: unknown, field: string, values: readonly K[]): readonly K[] | null {
  if (value === undefined || value === null) return null;
  const items = list(value, field, values.length * 2, oneOf(values));
  if (items.length === 0) invalid(field, 'must name at least one value, or be left out to match any');
  return items;
}

function conditions(value: unknown): AccessConditions {
  const field = 'conditions';
  const r = record(value, field, ['users', 'relyingParties', 'platforms', 'ownership', 'clientTypes', 'networks', 'signInRisk']);
  if (r.users === undefined) invalid(`${field}.users`, 'is required: say whom the policy is for ("include": "all" for everyone)');
  return {
    users: users(r.users),
    relyingParties: selection(r.relyingParties, `${field}.relyingParties`, accessPolicyLimits.relyingParties, clientId) ?? { include: 'all', exclude: [] },
    platforms: selection<Platform>(r.platforms, `${field}.platforms`, accessPolicyLimits.platforms, oneOf(platforms)),
    ownership: anyOf<Ownership>(r.ownership, `${field}.ownership`, ownerships),
    clientTypes: anyOf(r.clientTypes, `${field}.clientTypes`, clientTypes),
    networks: selection(r.networks, `${field}.networks`, accessPolicyLimits.networks, cidr),
    signInRisk: anyOf(r.signInRisk, `${field}.signInRisk`, conditionRiskLevels),
  };
}

function grant(value: unknown): AccessGrant {
  const field = 'grant';
  const kind = record(value, field, ['kind', 'operator', 'controls']).kind;
  if (kind === 'block') {
    record(value, field, ['kind']);
    return { kind: 'block' };
  }
  if (kind !== 'require') invalid(`${field}.kind`, 'must be block or require');
  const r = record(value, field, ['kind', 'operator', 'controls']);
  const operator = r.operator === undefined ? 'and' : oneOf(grantOperators)(r.operator, `${field}.operator`);
  if (r.controls === undefined) invalid(`${field}.controls`, `is required (any of ${grantControls.join(', ')})`);
  const controls = list(r.controls, `${field}.controls`, grantControls.length * 2, oneOf(grantControls));
  return { kind: 'require', operator, controls };
}

function session(value: unknown): AccessSessionControls {
  if (value === undefined || value === null) return { signInFrequencyHours: null };
  const r = record(value, 'session', ['signInFrequencyHours']);
  const hours = r.signInFrequencyHours;
  if (hours === undefined || hours === null) return { signInFrequencyHours: null };
  if (typeof hours !== 'number' || !Number.isInteger(hours) || hours < 1 || hours > accessPolicyLimits.signInFrequencyHoursMax) {
    invalid('session.signInFrequencyHours', `must be a whole number of hours from 1 to ${accessPolicyLimits.signInFrequencyHoursMax}`);
  }
  return { signInFrequencyHours: hours };
}

/**
 * Checks a policy's fields and returns them normalised (trimmed text, duplicates dropped, CIDR
 * lower-cased, absent conditions as null). Failures are ACCESS_POLICY_INVALID with the offending
 * `field` as a path (`conditions.networks.include[3]`). Whether named users, groups and relying
 * parties exist is the use case's question.
 */
export function validateAccessPolicy(input: AccessPolicyInput): Result<ValidAccessPolicyFields, 'ACCESS_POLICY_INVALID'> {
  try {
    record(input, 'policy', ['name', 'description', 'state', 'conditions', 'grant', 'session']);
    const fields: ValidAccessPolicyFields = {
      name: text(input.name, 'name', { min: 1, max: accessPolicyLimits.nameLength }),
      description: input.description === undefined || input.description === null ? '' : text(input.description, 'description', { min: 0, max: accessPolicyLimits.descriptionLength, multiline: true }),
      state: input.state === undefined ? 'reportOnly' : oneOf(accessPolicyStates)(input.state, 'state'),
      conditions: conditions(input.conditions),
      grant: grant(input.grant),
      session: session(input.session),
    };
    if (fields.grant.kind === 'require' && fields.grant.controls.length === 0 && fields.session.signInFrequencyHours === null) {
      invalid('grant.controls', 'must name at least one control, unless the policy sets a session control');
    }
    if (fields.grant.kind === 'block' && fields.session.signInFrequencyHours !== null) invalid('session.signInFrequencyHours', 'means nothing on a policy that blocks');
    return ok(fields);
  } catch (error) {
    if (error instanceof Invalid) return error.failure;
    throw error;
  }
}
