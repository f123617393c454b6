import type { ComplianceState, ManagementState, Ownership, Platform } from '../devices/model.js';
import type { Brand, DeviceId, GroupId, TenantId, UserId } from '../kernel/brand.js';

export type AccessPolicyId = Brand<string, 'AccessPolicyId'>;
export type SignInId = Brand<string, 'SignInId'>;

/**
 * `enabled` policies decide; `reportOnly` ones are evaluated and logged but never block, challenge
 * or shorten a session (Entra's report-only mode); `disabled` ones are not evaluated at all.
 */
export const accessPolicyStates = ['enabled', 'reportOnly', 'disabled'] as const;
export type AccessPolicyState = (typeof accessPolicyStates)[number];

/** How the relying party is reached: a browser (cookies, redirects) or a native/desktop app. */
export const clientTypes = ['browser', 'app'] as const;
export type ClientType = (typeof clientTypes)[number];

/**
 * The risk of one sign-in attempt, from the user's recent failed attempts (`assessSignInRisk`).
 * Conditions name `low`, `medium` and `high`; `none` matches no risk condition.
 */
export const signInRiskLevels = ['none', 'low', 'medium', 'high'] as const;
export type SignInRisk = (typeof signInRiskLevels)[number];
export const conditionRiskLevels = ['low', 'medium', 'high'] as const;
export type ConditionRiskLevel = (typeof conditionRiskLevels)[number];

/**
 * What a policy may require. `mfa`: a second factor in this session; `compliantDevice`: a proven,
 * enrolled device whose compliance state is compliant (or in its grace period, as Intune counts
 * it); `appProtection`: a current, unflagged app registration (the MAM part, once it exists).
 */
export const grantControls = ['mfa', 'compliantDevice', 'appProtection'] as const;
export type GrantControl = (typeof grantControls)[number];

export const grantOperators = ['and', 'or'] as const;
export type GrantOperator = (typeof grantOperators)[number];

/** Everything, or an explicit list. */
export type AllOr<T> = 'all' | readonly T[];

/** Users named one by one and through their (user) groups. */
export interface UserSet {
  readonly userIds: readonly UserId[];
  readonly groupIds: readonly GroupId[];
}

/**
 * Who and what a policy applies to. Every condition present must match for the policy to apply;
 * an exclusion always beats an inclusion. A missing optional condition matches everything.
 */
export interface AccessConditions {
  readonly users: { readonly include: 'all' | UserSet; readonly exclude: UserSet };
  /** Relying parties by client id (the identity provider's registrations). */
  readonly relyingParties: { readonly include: AllOr<string>; readonly exclude: readonly string[] };
  /**
   * Device platforms. A sign-in whose platform is not known matches only `all` and is never
   * excluded by platform.
   */
  readonly platforms: { readonly include: AllOr<Platform>; readonly exclude: readonly Platform[] } | null;
  /** Ownership of the proven device; an unproven device counts as `unknown`. */
  readonly ownership: readonly Ownership[] | null;
  readonly clientTypes: readonly ClientType[] | null;
  /**
   * Network ranges in CIDR notation, IPv4 and IPv6 (`10.0.0.0/8`, `2001:db8::/32`). A sign-in
   * whose address is not known matches only `all` and is never excluded by network.
   */
  readonly networks: { readonly include: AllOr<string>; readonly exclude: readonly string[] } | null;
  readonly signInRisk: readonly ConditionRiskLevel[] | null;
}

/**
 * What a policy that applies asks for. `block` refuses the sign-in; `require` asks for its
 * controls, all of them (`and`) or one (`or`). A `require` with no controls grants access and
 * serves only its session controls.
 */
export type AccessGrant = { readonly kind: 'block' } | { readonly kind: 'require'; readonly operator: GrantOperator; readonly controls: readonly GrantControl[] };

/** Session controls. `signInFrequencyHours`: a session older than this must sign in again. */
export interface AccessSessionControls {
  readonly signInFrequencyHours: number | null;
}

/** Bounds on a policy, so that one policy cannot make storage or evaluation unbounded. */
export const accessPolicyLimits = {
  nameLength: 128,
  descriptionLength: 2000,
  userIds: 500,
  groupIds: 100,
  relyingParties: 100,
  relyingPartyIdLength: 128,
  platforms: 6,
  networks: 200,
  cidrLength: 64,
  /** A year: longer is no frequency at all. */
  signInFrequencyHoursMax: 8760,
} as const;

/** A conditional access policy (Entra's term), as stored and read back. */
export interface AccessPolicy {
  readonly id: AccessPolicyId;
  readonly tenantId: TenantId;
  /** Unique within the tenant, compared case-insensitively. */
  readonly name: string;
  readonly description: string;
  readonly state: AccessPolicyState;
  readonly conditions: AccessConditions;
  readonly grant: AccessGrant;
  readonly session: AccessSessionControls;
  /** 1 on create, +1 on every update. */
  readonly version: number;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

// ---------------------------------------------------------------------------------------------
// Evaluation
// ---------------------------------------------------------------------------------------------

/** The device behind a sign-in, when it proved who it is (certificate or device-key assertion). */
export interface AccessDevice {
  readonly id: DeviceId;
  readonly platform: Platform;
  readonly ownership: Ownership;
  readonly complianceState: ComplianceState;
  readonly managementState: ManagementState;
}

/** Everything a decision reads. Built by the identity provider per authorization and refresh. */
export interface AccessContext {
  readonly userId: UserId;
  /** The user's groups (direct and dynamic memberships). */
  readonly groupIds: readonly GroupId[];
  readonly relyingPartyId: string;
  readonly clientType: ClientType;
  /** The client's address as text (IPv4, IPv6, IPv4-mapped IPv6); null when not known. */
  readonly ip: string | null;
  /** The proven device; null when unproven ("unknown"), which fails `compliantDevice`. */
  readonly device: AccessDevice | null;
  /**
   * The platform when no device is proven (from the user agent, which the client controls: it is
   * used only to choose policies, never to satisfy a control). A proven device's platform wins.
   */
  readonly platformHint: Platform | null;
  readonly signInRisk: SignInRisk;
  /** Whether this session already passed a second factor. */
  readonly mfaDone: boolean;
  /** Whether the client holds a current, unflagged app protection registration. */
  readonly appProtected: boolean;
  /** When the user last signed in interactively in this session; null for a new sign-in. */
  readonly authenticatedAt: Date | null;
  readonly now: Date;
}

/** The condition that kept a policy from applying (the first found, in the order of `AccessConditions`). */
export const accessConditionNames = ['users', 'relyingParties', 'platforms', 'ownership', 'clientTypes', 'networks', 'signInRisk'] as const;
export type AccessConditionName = (typeof accessConditionNames)[number];

/**
 * One policy's result. `success`: applied and satisfied; `failure`: applied and blocks (a `block`
 * policy, or controls that cannot be met now); `interrupt`: applied and met once the user
 * completes a challenge (MFA, signing in again); `notApplied`: a condition did not match.
 */
export const accessPolicyResults = ['notApplied', 'success', 'failure', 'interrupt'] as const;
export type AccessPolicyResult = (typeof accessPolicyResults)[number];

/** What a challenge asks of the user: a second factor, or a fresh interactive sign-in. */
export const accessChallenges = ['mfa', 'reauthenticate'] as const;
export type AccessChallenge = (typeof accessChallenges)[number];

/** How one policy came out for one attempt. */
export interface AccessPolicyOutcome {
  readonly policyId: AccessPolicyId;
  readonly name: string;
  readonly reportOnly: boolean;
  readonly applied: boolean;
  /** When not applied: the condition that did not match. */
  readonly notAppliedBecause: AccessConditionName | null;
  readonly result: AccessPolicyResult;
  /** `block` policies name no controls. */
  readonly satisfiedControls: readonly GrantControl[];
  readonly missingControls: readonly GrantControl[];
  /** What would meet it, for `interrupt`. */
  readonly challenges: readonly AccessChallenge[];
  /** Whether the policy itself is a `block` (rather than unmet controls). */
  readonly blocks: boolean;
}

/** The overall verdict: report-only policies never change it. */
export const accessDecisions = ['allow', 'block', 'challenge'] as const;
export type AccessDecision = (typeof accessDecisions)[number];

/** The decision of one attempt, with every policy's outcome for the sign-in log and the blocked page. */
export interface AccessEvaluation {
  readonly decision: AccessDecision;
  /** For `challenge`: what to ask, in order (MFA first). */
  readonly challenges: readonly AccessChallenge[];
  /** Controls enforced policies required and the attempt met (for `amr` and `acr`). */
  readonly satisfiedControls: readonly GrantControl[];
  /** Controls enforced policies required and the attempt lacks. */
  readonly missingControls: readonly GrantControl[];
  /** Enforced policies whose result is `failure`: the ones the blocked page names. */
  readonly blockingPolicyIds: readonly AccessPolicyId[];
  /**
   * The shortest sign-in frequency of the enforced policies that apply: refresh must stop
   * extending the session beyond it. Null when none sets one.
   */
  readonly signInFrequencyHours: number | null;
  /** Every evaluated (enabled or report-only) policy, in policy name order. */
  readonly policies: readonly AccessPolicyOutcome[];
}

// ---------------------------------------------------------------------------------------------
// Sign-in log
// ---------------------------------------------------------------------------------------------

/** `interrupted`: the user was asked for MFA or a fresh sign-in and has not (yet) answered. */
export const signInOutcomes = ['success', 'failure', 'interrupted'] as const;
export type SignInOutcome = (typeof signInOutcomes)[number];

/** A policy's result as the sign-in log keeps it (names as they were at the time). */
export interface SignInPolicyResult {
  readonly policyId: AccessPolicyId;
  readonly name: string;
  readonly result: AccessPolicyResult;
  readonly reportOnly: boolean;
  readonly missingControls: readonly GrantControl[];
}

/** Bounds on what one log entry holds: the identity provider writes attacker-influenced text here. */
export const signInLimits = {
  userNameLength: 320,
  relyingPartyIdLength: 128,
  ipLength: 64,
  failureReasonLength: 64,
  detailLength: 500,
  userAgentLength: 512,
  policies: 200,
} as const;

/** One sign-in attempt: who, where from, to what, how it ended and what each policy said. */
export interface SignInRecord {
  readonly id: SignInId;
  readonly tenantId: TenantId;
  readonly at: Date;
  /** The directory user, when the name resolved to one. */
  readonly userId: UserId | null;
  /** The name typed (or the e-mail of `userId`), lower-cased, cut to `userNameLength`. */
  readonly userName: string;
  readonly relyingPartyId: string | null;
  /** The proven device; null when unknown. */
  readonly deviceId: DeviceId | null;
  readonly ip: string | null;
  readonly clientType: ClientType;
  readonly userAgent: string | null;
  readonly outcome: SignInOutcome;
  /** A stable code for failures and interruptions (`INVALID_CREDENTIALS`, `ACCESS_BLOCKED`, `MFA_REQUIRED`). */
  readonly failureReason: string | null;
  /** Free text for the reader (which policy, which control); never matched on. */
  readonly detail: string | null;
  readonly signInRisk: SignInRisk;
  readonly policies: readonly SignInPolicyResult[];
}
