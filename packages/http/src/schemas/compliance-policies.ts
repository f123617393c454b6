import { Type } from '@sinclair/typebox';
import { complianceActionKinds, complianceLimits, complianceRuleKinds, compliancePolicySorts, defaultValidityDays, platforms } from '@ward/core';
import { DateTime, List, Nullable, Page, pageQuery, StringEnum } from './common.js';

/**
 * A rule as the API shows it. One flat shape: `kind` says which of the parameter fields it has
 * (`version` for min/maxOsVersion, `seconds` for screenLockWithinSeconds, `days` for
 * checkInWithinDays, `name` and `expression` for custom; the other kinds take none).
 */
export const ComplianceRule = Type.Object({
  id: Type.String({ description: 'Unique within the policy and stable across edits; reports count failures per rule id.' }),
  kind: StringEnum(complianceRuleKinds),
  remediation: Nullable(Type.String({ description: "What the user should do when the rule fails; null uses the kind's built-in text." })),
  version: Type.Optional(Type.String({ description: 'minOsVersion, maxOsVersion: dot-separated numbers such as 14.2.' })),
  seconds: Type.Optional(Type.Integer({ description: 'screenLockWithinSeconds.' })),
  days: Type.Optional(Type.Integer({ description: 'checkInWithinDays.' })),
  name: Type.Optional(Type.String({ description: 'custom: the name reports show.' })),
  expression: Type.Optional(Type.String({ description: 'custom: an expression over device facts, e.g. `device.freeStorageBytes > 1000000000`.' })),
});

/**
 * A scheduled action for noncompliance as the API shows it. `markNoncompliant` is the grace
 * period; `notifyEmail` has `toPrimaryUser`, `extraRecipients`, `subject` and `body`;
 * `notifyWebhook` has `url` and a `secret` that is never read back.
 */
export const ComplianceAction = Type.Object({
  id: Type.String(),
  kind: StringEnum(complianceActionKinds),
  afterHours: Type.Integer({ description: 'Hours after the device started failing at which the action is due.' }),
  toPrimaryUser: Type.Optional(Type.Boolean()),
  extraRecipients: Type.Optional(List(Type.String())),
  subject: Type.Optional(Type.String()),
  body: Type.Optional(Type.String()),
  url: Type.Optional(Type.String()),
  secret: Type.Optional(Type.Null({ description: 'Write-only: always null when read. On update, leaving it out (or null) keeps the stored one.' })),
});

/** A compliance policy as the API shows it. */
export const CompliancePolicy = Type.Object({
  id: Type.String(),
  name: Type.String(),
  description: Type.String(),
  platforms: List(StringEnum(platforms), { description: 'On any other platform the policy is notApplicable.' }),
  rules: List(ComplianceRule),
  actions: List(ComplianceAction),
  validityDays: Type.Integer({ description: 'A device silent for longer than this is noncompliant whatever its last facts said.' }),
  version: Type.Integer({ description: '1 on create, +1 on every change; send it back as `expectedVersion` to update safely.' }),
  createdAt: DateTime,
  updatedAt: DateTime,
});

/** A page of compliance policies. */
export const CompliancePolicyPage = Page(CompliancePolicy);

// Rules and actions are read by core's validator, which names the failing field
// (`rules[2].expression`, with line and column for custom rules) and answers
// COMPLIANCE_RULE_INVALID or COMPLIANCE_ACTION_INVALID.
const rulesInput = Type.Array(Type.Unknown(), {
  description: `Up to ${complianceLimits.rules} rules, shaped as \`CompliancePolicy.rules\`; \`id\` may be left out (it becomes the kind). Replaces the list whole.`,
  examples: [[{ kind: 'minOsVersion', version: '14.2' }, { kind: 'diskEncrypted' }, { id: 'storage', kind: 'custom', name: 'Free storage', expression: 'device.freeStorageBytes > 1000000000' }]],
});
const actionsInput = Type.Array(Type.Unknown(), {
  description: `Up to ${complianceLimits.actions} actions, shaped as \`CompliancePolicy.actions\`; a webhook's secret is given as text. Replaces the list whole.`,
  examples: [[{ kind: 'markNoncompliant', afterHours: 24 }, { kind: 'notifyEmail', afterHours: 0, toPrimaryUser: true, extraRecipients: [], subject: 'Your device needs attention', body: 'Hello {{user.displayName}}, …' }]],
});

const policyInputFields = {
  name: Type.String({ description: `Unique within the tenant, compared case-insensitively; at most ${complianceLimits.nameLength} characters.` }),
  description: Type.Optional(Type.String()),
  platforms: List(StringEnum(platforms), { minItems: 1 }),
  rules: Type.Optional(rulesInput),
  actions: Type.Optional(actionsInput),
  validityDays: Type.Optional(Type.Integer({ description: `${complianceLimits.validityDaysMin} to ${complianceLimits.validityDaysMax} days; default ${defaultValidityDays}.` })),
};

/** The body of `POST /compliance-policies`. */
export const CreateCompliancePolicyBody = Type.Object(policyInputFields, { additionalProperties: false });

/** The body of `PATCH /compliance-policies/:id`: fields left out keep their value. */
export const PatchCompliancePolicyBody = Type.Object(
  {
    name: Type.Optional(policyInputFields.name),
    description: policyInputFields.description,
    platforms: Type.Optional(policyInputFields.platforms),
    rules: policyInputFields.rules,
    actions: policyInputFields.actions,
    validityDays: policyInputFields.validityDays,
    expectedVersion: Type.Optional(Type.Integer({ minimum: 1, description: 'The version you edited; another stored version is COMPLIANCE_POLICY_VERSION_CONFLICT.' })),
  },
  { additionalProperties: false },
);

/** The query of `GET /compliance-policies`. */
export const ListCompliancePoliciesQuery = Type.Object(
  {
    ...pageQuery(compliancePolicySorts, 'name'),
    q: Type.Optional(Type.String({ minLength: 1, maxLength: 200, description: 'Case-insensitive part of the name.' })),
    platform: Type.Optional(StringEnum(platforms, { description: 'Policies for this platform.' })),
  },
  { additionalProperties: false },
);
