import type { Platform } from '../../api/types';
import { platformLabels } from '../../shared/labels';
import { clientTypeLabels, controlLabels, ownershipLabels } from './access-labels';
import type { AccessPolicy, AccessPolicyState, ClientType, ConditionRisk, CreateAccessPolicy, GrantControl, GrantOperator, Ownership } from './identity-types';

/**
 * A conditional access policy as the form holds it. Empty include lists mean "all" (the API's
 * `'all'` or an absent condition, which match the same sign-ins); empty ownership, client type and
 * risk lists mean the condition is not set. Networks are text, one range per line, so the
 * server's error can point at the line it refuses.
 */
export interface AccessPolicyDraft {
  readonly name: string;
  readonly description: string;
  readonly state: AccessPolicyState;
  readonly allUsers: boolean;
  readonly includeUserIds: readonly string[];
  readonly includeGroupIds: readonly string[];
  readonly excludeUserIds: readonly string[];
  readonly excludeGroupIds: readonly string[];
  readonly includeRelyingParties: readonly string[];
  readonly excludeRelyingParties: readonly string[];
  readonly includePlatforms: readonly Platform[];
  readonly excludePlatforms: readonly Platform[];
  readonly ownership: readonly Ownership[];
  readonly clientTypes: readonly ClientType[];
  readonly includeNetworks: string;
  readonly excludeNetworks: string;
  readonly signInRisk: readonly ConditionRisk[];
  readonly grantKind: 'block' | 'require';
  readonly operator: GrantOperator;
  readonly controls: readonly GrantControl[];
  /** Hours, or '' for no sign-in frequency. */
  readonly signInFrequencyHours: number | string;
}

/**
 * A new policy: report-only (as the API defaults, so it is watched in the sign-in log before it
 * decides), all users, requiring MFA.
 */
export function newAccessPolicyDraft(): AccessPolicyDraft {
  return {
    name: '',
    description: '',
    state: 'reportOnly',
    allUsers: true,
    includeUserIds: [],
    includeGroupIds: [],
    excludeUserIds: [],
    excludeGroupIds: [],
    includeRelyingParties: [],
    excludeRelyingParties: [],
    includePlatforms: [],
    excludePlatforms: [],
    ownership: [],
    clientTypes: [],
    includeNetworks: '',
    excludeNetworks: '',
    signInRisk: [],
    grantKind: 'require',
    operator: 'and',
    controls: ['mfa'],
    signInFrequencyHours: '',
  };
}

const listOf = <T>(value: 'all' | readonly T[] | undefined): readonly T[] => (value === undefined || value === 'all' ? [] : value);

/** The form's view of a stored policy. */
export function accessPolicyDraftOf(policy: AccessPolicy): AccessPolicyDraft {
  const { conditions: c, grant, session } = policy;
  const include = c.users.include === 'all' ? undefined : c.users.include;
  return {
    name: policy.name,
    description: policy.description,
    state: policy.state,
    allUsers: include === undefined,
    includeUserIds: include?.userIds ?? [],
    includeGroupIds: include?.groupIds ?? [],
    excludeUserIds: c.users.exclude?.userIds ?? [],
    excludeGroupIds: c.users.exclude?.groupIds ?? [],
    includeRelyingParties: listOf(c.relyingParties?.include),
    excludeRelyingParties: c.relyingParties?.exclude ?? [],
    includePlatforms: listOf(c.platforms?.include),
    excludePlatforms: c.platforms?.exclude ?? [],
    ownership: c.ownership ?? [],
    clientTypes: c.clientTypes ?? [],
    includeNetworks: listOf(c.networks?.include).join('\n'),
    excludeNetworks: (c.networks?.exclude ?? []).join('\n'),
    signInRisk: c.signInRisk ?? [],
    grantKind: grant.kind,
    operator: grant.operator ?? 'and',
    controls: grant.controls ?? [],
    signInFrequencyHours: session.signInFrequencyHours ?? '',
  };
}

/** Ranges typed one per line (commas and spaces separate too), blanks dropped, order kept. */
export function networkLines(text: string): string[] {
  return text.split(/[\s,;]+/u).filter((line) => line !== '');
}

function allOr<T>(include: readonly T[], exclude: readonly T[]): { include: 'all' | T[]; exclude: T[] } | null {
  if (include.length === 0 && exclude.length === 0) return null;
  return { include: include.length === 0 ? 'all' : [...include], exclude: [...exclude] };
}

const orNull = <T>(values: readonly T[]): T[] | null => (values.length === 0 ? null : [...values]);

function hours(value: number | string): number | null {
  if (typeof value === 'number') return value;
  const text = value.trim();
  // Anything else numeric-looking goes to the server as typed, which names the field if it refuses.
  return text === '' ? null : Number(text);
}

/** The API body for a draft, whole: `conditions`, `grant` and `session` replace the stored ones. */
export function accessPolicyBody(draft: AccessPolicyDraft): CreateAccessPolicy {
  const userSet = (userIds: readonly string[], groupIds: readonly string[]) => ({ userIds: [...userIds], groupIds: [...groupIds] });
  const relyingParties = allOr(draft.includeRelyingParties, draft.excludeRelyingParties);
  return {
    name: draft.name,
    description: draft.description,
    state: draft.state,
    conditions: {
      users: { include: draft.allUsers ? 'all' : userSet(draft.includeUserIds, draft.includeGroupIds), exclude: userSet(draft.excludeUserIds, draft.excludeGroupIds) },
      ...(relyingParties === null ? {} : { relyingParties }),
      platforms: allOr(draft.includePlatforms, draft.excludePlatforms),
      ownership: orNull(draft.ownership),
      clientTypes: orNull(draft.clientTypes),
      networks: allOr(networkLines(draft.includeNetworks), networkLines(draft.excludeNetworks)),
      signInRisk: orNull(draft.signInRisk),
    },
    grant: draft.grantKind === 'block' ? { kind: 'block' } : { kind: 'require', operator: draft.operator, controls: [...draft.controls] },
    session: { signInFrequencyHours: hours(draft.signInFrequencyHours) },
  };
}

/** The parts of the form a server error can point at. */
export type PolicySection = 'name' | 'description' | 'state' | 'users' | 'relyingParties' | 'platforms' | 'ownership' | 'clientTypes' | 'networks' | 'signInRisk' | 'grant' | 'session';

/** Where in the form a refused field is, and which side and item of a list. */
export interface PolicyProblemPlace {
  readonly section: PolicySection;
  readonly side: 'include' | 'exclude' | undefined;
  readonly index: number | undefined;
}

const conditionSections: readonly PolicySection[] = ['users', 'relyingParties', 'platforms', 'ownership', 'clientTypes', 'networks', 'signInRisk'];
const topSections: readonly PolicySection[] = ['name', 'description', 'state', 'grant', 'session'];

/**
 * The place a server error names: core's dotted field (`conditions.networks.include[3]`) or the
 * schema validator's JSON pointer (`/conditions/networks/include/3`). Undefined for anything else.
 */
export function policyProblemPlace(details: Readonly<Record<string, unknown>> | undefined): PolicyProblemPlace | undefined {
  const raw = typeof details?.field === 'string' ? details.field : typeof details?.path === 'string' ? details.path : undefined;
  if (raw === undefined) return undefined;
  const parts = raw.split(/[./[\]]+/u).filter((p) => p !== '');
  const [first, second, third, fourth] = parts;
  const index = (value: string | undefined) => (value !== undefined && /^\d+$/u.test(value) ? Number(value) : undefined);
  if (first !== undefined && (topSections as readonly string[]).includes(first)) return { section: first as PolicySection, side: undefined, index: undefined };
  if (first !== 'conditions' || second === undefined || !(conditionSections as readonly string[]).includes(second)) return undefined;
  const side = third === 'include' || third === 'exclude' ? third : undefined;
  // Users name a list inside the side (`users.include.groupIds[2]`); the others index the side directly.
  return { section: second as PolicySection, side, index: second === 'users' ? undefined : side === undefined ? index(third) : index(fourth) };
}

const names = <K extends string>(labels: Readonly<Record<K, string>>, values: readonly K[]) => values.map((v) => labels[v]).join(', ');

/** One line on whom and what a policy reaches, for the list. */
export function conditionsSummary(policy: AccessPolicy): string {
  const c = policy.conditions;
  const parts: string[] = [];
  if (c.users.include === 'all') parts.push('All users');
  else {
    const users = c.users.include.userIds?.length ?? 0;
    const groups = c.users.include.groupIds?.length ?? 0;
    parts.push([users > 0 ? `${users} user${users === 1 ? '' : 's'}` : '', groups > 0 ? `${groups} group${groups === 1 ? '' : 's'}` : ''].filter((x) => x !== '').join(' and ') || 'No users');
  }
  const excluded = (c.users.exclude?.userIds?.length ?? 0) + (c.users.exclude?.groupIds?.length ?? 0);
  if (excluded > 0) parts.push(`${excluded} excluded`);
  const rps = c.relyingParties?.include;
  parts.push(rps === undefined || rps === 'all' ? 'all relying parties' : `${rps.length} relying part${rps.length === 1 ? 'y' : 'ies'}`);
  const platforms = c.platforms?.include;
  if (platforms !== undefined && platforms !== 'all') parts.push(names(platformLabels, platforms));
  if ((c.platforms?.exclude ?? []).length > 0) parts.push(`not ${names(platformLabels, c.platforms?.exclude ?? [])}`);
  if (c.ownership) parts.push(names(ownershipLabels, c.ownership).toLowerCase());
  if (c.clientTypes) parts.push(names(clientTypeLabels, c.clientTypes).toLowerCase());
  const networks = c.networks?.include;
  if (networks !== undefined && networks !== 'all') parts.push(`from ${networks.length} network range${networks.length === 1 ? '' : 's'}`);
  if ((c.networks?.exclude ?? []).length > 0) parts.push(`not from ${c.networks?.exclude?.length ?? 0} range${c.networks?.exclude?.length === 1 ? '' : 's'}`);
  if (c.signInRisk) parts.push(`${c.signInRisk.join(' or ')} risk`);
  return parts.join(' · ');
}

/** What a policy grants, in words: "Block access", "Require A and B", "Require one of A, B". */
export function grantSummary(policy: AccessPolicy): string {
  const { grant, session } = policy;
  const frequency = session.signInFrequencyHours === null || session.signInFrequencyHours === undefined ? '' : `; sign in again every ${session.signInFrequencyHours} h`;
  if (grant.kind === 'block') return 'Block access';
  const controls = (grant.controls ?? []).map((c) => controlLabels[c].charAt(0).toLowerCase() + controlLabels[c].slice(1));
  if (controls.length === 0) return `Grant access${frequency}`;
  if (controls.length === 1) return `Require ${controls[0] ?? ''}${frequency}`;
  return grant.operator === 'or' ? `Require one of: ${controls.join(', ')}${frequency}` : `Require ${controls.slice(0, -1).join(', ')} and ${controls.at(-1) ?? ''}${frequency}`;
}
