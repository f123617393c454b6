import type { ComplianceState, Platform } from '../devices/model.js';
import type { Brand, DeviceId, TenantId } from '../kernel/brand.js';

export type CompliancePolicyId = Brand<string, 'CompliancePolicyId'>;
export type ComplianceHistoryId = Brand<string, 'ComplianceHistoryId'>;

// ---------------------------------------------------------------------------------------------
// Rules
// ---------------------------------------------------------------------------------------------

export const complianceRuleKinds = [
  'minOsVersion',
  'maxOsVersion',
  'passcodeRequired',
  'passcodeCompliant',
  'diskEncrypted',
  'firewallOn',
  'notJailbroken',
  'screenLockWithinSeconds',
  'secureBoot',
  'checkInWithinDays',
  'custom',
] as const;
export type ComplianceRuleKind = (typeof complianceRuleKinds)[number];

/** What every rule has. */
interface RuleHeader {
  /**
   * Unique within the policy and stable across edits (reports count failures per rule id, policy
   * files address rules by it): 1–64 of `A-Z a-z 0-9 . _ -`, starting with a letter or digit.
   */
  readonly id: string;
  /** What the user should do when the rule fails; null uses the rule kind's built-in text. */
  readonly remediation: string | null;
}

/**
 * One check over a device's normalised facts (`devices/model.ts` `factTypes`). `passcodeCompliant`
 * reads the platform's own verdict on the passcode's strength (length, complexity, age) against
 * the passcode settings the device was given; `checkInWithinDays` reads when the device last
 * reached the server (agent or MDM check-in).
 */
export type ComplianceRule = RuleHeader &
  (
    | { readonly kind: 'minOsVersion'; readonly version: string }
    | { readonly kind: 'maxOsVersion'; readonly version: string }
    | { readonly kind: 'passcodeRequired' }
    | { readonly kind: 'passcodeCompliant' }
    | { readonly kind: 'diskEncrypted' }
    | { readonly kind: 'firewallOn' }
    | { readonly kind: 'notJailbroken' }
    | { readonly kind: 'screenLockWithinSeconds'; readonly seconds: number }
    | { readonly kind: 'secureBoot' }
    | { readonly kind: 'checkInWithinDays'; readonly days: number }
    /** An expression over facts (`custom-rule-attributes.ts`), with a name shown in reports. */
    | { readonly kind: 'custom'; readonly name: string; readonly expression: string }
  );

// ---------------------------------------------------------------------------------------------
// Scheduled actions for noncompliance
// ---------------------------------------------------------------------------------------------

export const complianceActionKinds = ['markNoncompliant', 'notifyEmail', 'notifyWebhook', 'lock', 'retire'] as const;
export type ComplianceActionKind = (typeof complianceActionKinds)[number];

/** What every action has. */
interface ActionHeader {
  /** Unique within the policy, same alphabet as rule ids; scheduled rows are keyed by it. */
  readonly id: string;
  /** Hours after the device started failing (`failingSince`) at which the action is due. */
  readonly afterHours: number;
}

/**
 * What happens when a device fails a policy, each at its time after the failure began (Intune's
 * "actions for noncompliance"). `markNoncompliant` is the grace period: until it is due the
 * device is `inGracePeriod`; a policy without one marks at once (0 hours). `notifyWebhook`'s
 * secret keys the HMAC-SHA256 signature receivers check; it is never read back (see
 * `CompliancePolicyView`).
 */
export type ComplianceAction<S = string> = ActionHeader &
  (
    | { readonly kind: 'markNoncompliant' }
    | {
        readonly kind: 'notifyEmail';
        /** Send to the device's primary user (skipped when it has none). */
        readonly toPrimaryUser: boolean;
        /** More addresses (help desk, a manager's list). */
        readonly extraRecipients: readonly string[];
        /** Templates with `{{variables}}` (`render-compliance-notification.ts`). */
        readonly subject: string;
        readonly body: string;
      }
    | { readonly kind: 'notifyWebhook'; readonly url: string; readonly secret: S }
    | { readonly kind: 'lock' }
    | { readonly kind: 'retire' }
  );

// ---------------------------------------------------------------------------------------------
// Policies
// ---------------------------------------------------------------------------------------------

/** Bounds on what a policy may hold, so one policy cannot make evaluation or storage unbounded. */
export const complianceLimits = {
  nameLength: 128,
  descriptionLength: 2000,
  rules: 100,
  actions: 20,
  remediationLength: 2000,
  customNameLength: 128,
  emailRecipients: 20,
  emailSubjectLength: 200,
  emailBodyLength: 10_000,
  webhookUrlLength: 2048,
  webhookSecretMin: 16,
  webhookSecretMax: 256,
  /** One year: scheduled actions and grace beyond that are mistakes. */
  afterHoursMax: 8760,
  screenLockSecondsMax: 86_400,
  checkInDaysMax: 365,
  versionLength: 64,
  validityDaysMin: 1,
  validityDaysMax: 365,
} as const;

/** Intune's default compliance status validity period. */
export const defaultValidityDays = 30;

/** What every policy has besides its secrets' form. */
interface CompliancePolicyFields<S> {
  readonly id: CompliancePolicyId;
  readonly tenantId: TenantId;
  /** Unique within the tenant, compared case-insensitively (policy files address policies by name). */
  readonly name: string;
  readonly description: string;
  /** Platforms the policy is for; on any other platform it is `notApplicable`. */
  readonly platforms: readonly Platform[];
  readonly rules: readonly ComplianceRule[];
  readonly actions: readonly ComplianceAction<S>[];
  /**
   * A device that has not reached the server for longer than this is noncompliant whatever its
   * last facts said: they are too old to trust (Intune's "compliance status validity period").
   */
  readonly validityDays: number;
  /** 1 on create, +1 on every update; records remember the version they were evaluated against. */
  readonly version: number;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

/** A compliance policy as stored, webhook secrets included. Never returned to callers. */
export type CompliancePolicy = CompliancePolicyFields<string>;

/** A compliance policy as read back: webhook secrets are null (see `redact-compliance-policy.ts`). */
export type CompliancePolicyView = CompliancePolicyFields<null>;

// ---------------------------------------------------------------------------------------------
// Evaluation results, per-device records and history
// ---------------------------------------------------------------------------------------------

export const ruleOutcomes = ['passed', 'failed', 'unknown'] as const;
/** `unknown`: a fact the rule reads was not reported; never counted as a pass. */
export type RuleOutcome = (typeof ruleOutcomes)[number];

/** One rule's verdict on one device, for explain views and per-rule reports. */
export interface RuleResult {
  readonly ruleId: string;
  readonly kind: ComplianceRuleKind;
  /** A readable label: the custom rule's name, or a description of the check. */
  readonly title: string;
  readonly outcome: RuleOutcome;
  /** What the rule wants, as text (`>= 14.2`, `true`, `within 300 seconds`). */
  readonly expected: string;
  /** What the device reported, as text; null when the fact is missing. */
  readonly actual: string | null;
  /** What the user should do; empty when the rule passed. */
  readonly remediation: string;
}

/**
 * Why a state changed. Dates are ISO 8601 text so that a history entry stores as plain JSON.
 */
export type ComplianceCause =
  | { readonly kind: 'rulesFailed'; readonly policyId: CompliancePolicyId; readonly ruleIds: readonly string[] }
  | { readonly kind: 'factsMissing'; readonly policyId: CompliancePolicyId; readonly ruleIds: readonly string[] }
  | { readonly kind: 'rulesPassed'; readonly policyId: CompliancePolicyId }
  | { readonly kind: 'graceEnded'; readonly policyId: CompliancePolicyId; readonly graceEndedAt: string }
  | { readonly kind: 'validityExpired'; readonly policyId: CompliancePolicyId; readonly lastSeenAt: string | null }
  | { readonly kind: 'evaluationError'; readonly policyId: CompliancePolicyId; readonly message: string }
  | { readonly kind: 'policyChanged'; readonly policyId: CompliancePolicyId; readonly version: number }
  | { readonly kind: 'platformNotApplicable'; readonly policyId: CompliancePolicyId }
  | { readonly kind: 'policyUnassigned'; readonly policyId: CompliancePolicyId }
  | { readonly kind: 'noPolicies' };

/**
 * Where one device stands against one assigned policy. One row per (tenant, device, policy); rows
 * of policies that no longer apply are removed.
 */
export interface DeviceComplianceRecord {
  readonly tenantId: TenantId;
  readonly deviceId: DeviceId;
  readonly policyId: CompliancePolicyId;
  /** The policy version this record was evaluated against. */
  readonly policyVersion: number;
  readonly state: ComplianceState;
  /**
   * When the current failure began (the start of the grace period and the clock of scheduled
   * actions); null while the device is not failing the policy.
   */
  readonly failingSince: Date | null;
  /** When the grace period ends (`inGracePeriod` only); null otherwise. */
  readonly graceEndsAt: Date | null;
  /**
   * The earliest instant at which the state may change by time alone (grace ends, validity
   * expires, a check-in rule lapses), so a sweep re-evaluates exactly the devices due; null when
   * only new facts or a policy change can change it.
   */
  readonly reevaluateAt: Date | null;
  readonly evaluatedAt: Date;
  readonly results: readonly RuleResult[];
}

/**
 * A change of state, kept per device. `policyId` null: the device's overall state changed (the
 * one `Device.complianceState` shows); otherwise its state against that policy.
 */
export interface ComplianceHistoryEntry {
  readonly id: ComplianceHistoryId;
  readonly tenantId: TenantId;
  readonly deviceId: DeviceId;
  readonly policyId: CompliancePolicyId | null;
  readonly from: ComplianceState;
  readonly to: ComplianceState;
  readonly causes: readonly ComplianceCause[];
  readonly at: Date;
}

/** How a scheduled action ended. `canceled`: the device stopped failing before it ran. */
export type ComplianceActionOutcome =
  | { readonly status: 'succeeded'; readonly detail?: string }
  | { readonly status: 'failed'; readonly error: string }
  | { readonly status: 'skipped'; readonly reason: string };

/** Identifies one scheduled action: one action of one policy for one device. */
export interface ComplianceActionKey {
  readonly tenantId: TenantId;
  readonly deviceId: DeviceId;
  readonly policyId: CompliancePolicyId;
  readonly actionId: string;
}

/**
 * One action due (or done) for one failing episode of one device against one policy. Rows exist
 * only while the episode lasts: when the device stops failing they are removed, so the table
 * never grows with history (the audit trail and compliance history keep what happened).
 */
export interface ScheduledComplianceAction extends ComplianceActionKey {
  readonly kind: Exclude<ComplianceActionKind, 'markNoncompliant'>;
  /** The episode: the record's `failingSince` when the action was scheduled. */
  readonly failingSince: Date;
  readonly dueAt: Date;
  /** How many times a runner claimed it (retries after transient failures). */
  readonly attempts: number;
  /** When it was done; null while pending. */
  readonly doneAt: Date | null;
  readonly outcome: ComplianceActionOutcome | null;
}
