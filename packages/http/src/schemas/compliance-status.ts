import { Type, type TUnsafe } from '@sinclair/typebox';
import { complianceActionKinds, complianceRuleKinds, complianceStates, pageLimits, platforms, ruleOutcomes, type ComplianceCause } from '@ward/core';
import { DateTime, List, Nullable, Page, pageQuery, StringEnum } from './common.js';
import { Counts, reportFormatQuery } from './policy-reports.js';

const State = StringEnum(complianceStates);

/** A {@link DateTime} with a description of its own. */
function Instant(description: string): TUnsafe<Date> {
  return Type.Unsafe<Date>({ type: 'string', format: 'date-time', description });
}

/** One rule's verdict on one device. */
export const RuleResult = Type.Object({
  ruleId: Type.String(),
  kind: StringEnum(complianceRuleKinds),
  title: Type.String({ description: "A readable label: the custom rule's name, or a description of the check." }),
  outcome: StringEnum(ruleOutcomes, { description: '`unknown`: the device did not report a fact the rule reads; never counted as a pass.' }),
  expected: Type.String({ description: 'What the rule wants, as text (`>= 14.2`, `true`, `within 300 seconds`).' }),
  actual: Nullable(Type.String({ description: 'What the device reported, as text; null when the fact is missing.' })),
  remediation: Type.String({ description: 'What the user should do; empty when the rule passed.' }),
});

/** Every kind of cause a state change can have. */
const causeKinds = [
  'rulesFailed',
  'factsMissing',
  'rulesPassed',
  'graceEnded',
  'validityExpired',
  'evaluationError',
  'policyChanged',
  'platformNotApplicable',
  'policyUnassigned',
  'noPolicies',
] as const satisfies readonly ComplianceCause['kind'][];

/** Why a state changed. One flat shape; `kind` says which of the other fields it has. */
const Cause = Type.Object({
  kind: StringEnum(causeKinds),
  policyId: Type.Optional(Type.String()),
  ruleIds: Type.Optional(List(Type.String(), { description: 'rulesFailed, factsMissing.' })),
  graceEndedAt: Type.Optional(Type.String({ description: 'graceEnded: RFC 3339.' })),
  lastSeenAt: Type.Optional(Nullable(Type.String({ description: 'validityExpired: RFC 3339, null when the device was never seen.' }))),
  message: Type.Optional(Type.String({ description: 'evaluationError.' })),
  version: Type.Optional(Type.Integer({ description: 'policyChanged: the new version.' })),
});

/** A change of a device's compliance state. */
export const ComplianceHistoryEntry = Type.Object({
  id: Type.String(),
  policyId: Nullable(Type.String({ description: "Null: the device's overall state changed; otherwise its state against that policy." })),
  from: State,
  to: State,
  causes: List(Cause),
  at: DateTime,
});

const ExplainedAction = Type.Object({
  actionId: Type.String(),
  kind: StringEnum(complianceActionKinds.filter((k) => k !== 'markNoncompliant')),
  dueAt: DateTime,
  doneAt: Nullable(DateTime),
  outcome: Nullable(
    Type.Object({
      status: StringEnum(['succeeded', 'failed', 'skipped'] as const),
      detail: Type.Optional(Type.String()),
      error: Type.Optional(Type.String()),
      reason: Type.Optional(Type.String()),
    }),
  ),
});

/** Where a device stands against one policy, rule by rule. */
const ExplainedPolicy = Type.Object({
  policyId: Type.String(),
  policyName: Nullable(Type.String({ description: 'Null when the policy was deleted and the device awaits re-evaluation.' })),
  policyVersion: Nullable(Type.Integer({ description: "The policy's current version." })),
  evaluatedVersion: Type.Integer({ description: 'The version the device was evaluated against.' }),
  state: State,
  failingSince: Nullable(DateTime),
  graceEndsAt: Nullable(Instant('When the device becomes noncompliant unless fixed (inGracePeriod only).')),
  evaluatedAt: DateTime,
  rules: List(RuleResult),
  actions: List(ExplainedAction, { description: 'Scheduled actions of the current failing episode.' }),
});

/** `GET /devices/:id/compliance`: why a device is in its compliance state. */
export const DeviceComplianceExplanation = Type.Object({
  deviceId: Type.String(),
  deviceName: Type.String(),
  platform: StringEnum(platforms),
  state: State,
  lastSeenAt: Nullable(DateTime),
  policies: List(ExplainedPolicy),
  history: Page(ComplianceHistoryEntry),
});

/** The query of `GET /devices/:id/compliance`. */
export const DeviceComplianceQuery = Type.Object(
  {
    historyLimit: Type.Optional(Type.Integer({ minimum: 1, maximum: pageLimits.max, default: pageLimits.default, description: 'State changes per page, newest first.' })),
    historyCursor: Type.Optional(Type.String({ minLength: 1, maxLength: 1024, description: 'The `history.nextCursor` of the previous answer.' })),
  },
  { additionalProperties: false },
);

// ---------------------------------------------------------------------------------------------
// Reports
// ---------------------------------------------------------------------------------------------

const StateCounts = Counts(complianceStates, 'Devices by state.');

/** The compliance overview. */
export const ComplianceOverview = Type.Object({
  total: Type.Integer({ description: 'Devices (not retired).' }),
  byState: StateCounts,
  byPlatform: List(Type.Object({ platform: StringEnum(platforms), total: Type.Integer(), byState: StateCounts })),
  byPolicy: List(Type.Object({ policyId: Type.String(), policyName: Type.String(), total: Type.Integer(), byState: StateCounts }), { description: 'Devices by their state against each policy.' }),
  byRule: List(
    Type.Object({ policyId: Type.String(), policyName: Type.String(), ruleId: Type.String(), title: Type.String(), counts: Counts(ruleOutcomes, 'Devices by outcome.') }),
    { description: 'Most failures first.' },
  ),
});

/** The tables of the overview a CSV export can hold, one per file. */
export const overviewTables = ['state', 'platform', 'policy', 'rule'] as const;

/** The query of `GET /reports/compliance-overview`. */
export const ComplianceOverviewQuery = Type.Object(
  {
    ...reportFormatQuery,
    by: Type.Optional(StringEnum(overviewTables, { default: 'state', description: 'CSV only: which table of the overview the file holds.' })),
  },
  { additionalProperties: false },
);

/** A device in its grace period for one policy. */
export const DeviceInGrace = Type.Object({
  deviceId: Type.String(),
  deviceName: Type.String(),
  platform: StringEnum(platforms),
  policyId: Type.String(),
  policyName: Type.String(),
  failingSince: DateTime,
  deadline: Instant('When the device becomes noncompliant unless fixed.'),
  failedRules: List(Type.Object({ ruleId: Type.String(), title: Type.String() })),
});

/** A page of devices in grace, soonest deadline first. */
export const DeviceInGracePage = Page(DeviceInGrace);

/** The query of `GET /reports/devices-in-grace`. */
export const DevicesInGraceQuery = Type.Object(
  {
    ...pageQuery(['deadline'] as const, 'deadline', ['asc'] as const),
    policyId: Type.Optional(Type.String({ minLength: 1, maxLength: 64, description: 'Only this policy.' })),
    ...reportFormatQuery,
  },
  { additionalProperties: false },
);
