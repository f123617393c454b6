import { Type, type TSchema } from '@sinclair/typebox';
import {
  accessChallenges,
  accessConditionNames,
  accessDecisions,
  accessPolicyLimits,
  accessPolicyResults,
  accessPolicySorts,
  accessPolicyStates,
  clientTypes,
  conditionRiskLevels,
  grantControls,
  grantOperators,
  ownerships,
  platforms,
  signInOutcomes,
  signInRiskLevels,
} from '@ward/core';
import { DateTime, List, Nullable, Page, pageQuery, StringEnum } from './common.js';

// The edge refuses unknown fields and oversized lists before core runs; core's validator then
// checks meaning (CIDR syntax, host bits, duplicates, users and groups that exist) and names
// the failing field as a path (`conditions.networks.include[3]`) with ACCESS_POLICY_INVALID.

const DirectoryId = Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_-]+$' });
const ClientId = Type.String({ minLength: 1, maxLength: accessPolicyLimits.relyingPartyIdLength, description: "A relying party's client id." });
const Cidr = Type.String({ minLength: 1, maxLength: accessPolicyLimits.cidrLength, description: 'An IPv4 or IPv6 range in CIDR notation (10.0.0.0/8, 2001:db8::/32), or one address.' });

function allOrList<T extends TSchema>(item: T, maxItems: number) {
  return Type.Union([Type.Literal('all'), List(item, { minItems: 1, maxItems })]);
}

const UserSet = Type.Object(
  {
    userIds: Type.Optional(List(DirectoryId, { maxItems: accessPolicyLimits.userIds })),
    groupIds: Type.Optional(List(DirectoryId, { maxItems: accessPolicyLimits.groupIds, description: 'Groups of users.' })),
  },
  { additionalProperties: false },
);

/** A policy's conditions: every one set must match for it to apply; exclusions beat inclusions. */
export const AccessConditions = Type.Object(
  {
    users: Type.Object({ include: Type.Union([Type.Literal('all'), UserSet]), exclude: Type.Optional(UserSet) }, { additionalProperties: false }),
    relyingParties: Type.Optional(
      Type.Object({ include: allOrList(ClientId, accessPolicyLimits.relyingParties), exclude: Type.Optional(List(ClientId, { maxItems: accessPolicyLimits.relyingParties })) }, { additionalProperties: false, description: 'All when left out.' }),
    ),
    platforms: Type.Optional(
      Nullable(
        Type.Object(
          { include: allOrList(StringEnum(platforms), accessPolicyLimits.platforms), exclude: Type.Optional(List(StringEnum(platforms), { maxItems: accessPolicyLimits.platforms })) },
          { additionalProperties: false, description: 'An unknown platform matches only `all` and is never excluded.' },
        ),
      ),
    ),
    ownership: Type.Optional(Nullable(List(StringEnum(ownerships), { minItems: 1, maxItems: ownerships.length, description: 'An unproven device counts as `unknown`.' }))),
    clientTypes: Type.Optional(Nullable(List(StringEnum(clientTypes), { minItems: 1, maxItems: clientTypes.length }))),
    networks: Type.Optional(
      Nullable(
        Type.Object(
          { include: allOrList(Cidr, accessPolicyLimits.networks), exclude: Type.Optional(List(Cidr, { maxItems: accessPolicyLimits.networks })) },
          { additionalProperties: false, description: 'An unknown address matches only `all` and is never excluded.' },
        ),
      ),
    ),
    signInRisk: Type.Optional(Nullable(List(StringEnum(conditionRiskLevels), { minItems: 1, maxItems: conditionRiskLevels.length, description: 'Risk from the user\'s failed attempts in the last hour.' }))),
  },
  { additionalProperties: false },
);

/** `block`, or `require` the controls, all (`and`, the default) or one (`or`). */
export const AccessGrant = Type.Object(
  {
    kind: StringEnum(['block', 'require'] as const),
    operator: Type.Optional(StringEnum(grantOperators)),
    controls: Type.Optional(List(StringEnum(grantControls), { maxItems: grantControls.length * 2 })),
  },
  { additionalProperties: false },
);

export const AccessSession = Type.Object(
  { signInFrequencyHours: Type.Optional(Nullable(Type.Integer({ minimum: 1, maximum: accessPolicyLimits.signInFrequencyHoursMax, description: 'A session older than this must sign in again.' }))) },
  { additionalProperties: false },
);

/** A conditional access policy as the API shows it. */
export const AccessPolicy = Type.Object({
  id: Type.String(),
  name: Type.String(),
  description: Type.String(),
  state: StringEnum(accessPolicyStates, { description: '`reportOnly` policies are evaluated and logged but never decide.' }),
  conditions: AccessConditions,
  grant: AccessGrant,
  session: AccessSession,
  version: Type.Integer({ description: '1 on create, +1 on every change; send it back as `expectedVersion` to update safely.' }),
  createdAt: DateTime,
  updatedAt: DateTime,
});

export const AccessPolicyPage = Page(AccessPolicy);

const policyInputFields = {
  name: Type.String({ maxLength: accessPolicyLimits.nameLength * 2, description: `Unique within the tenant, compared case-insensitively; at most ${accessPolicyLimits.nameLength} characters.` }),
  description: Type.Optional(Type.String({ maxLength: accessPolicyLimits.descriptionLength * 2 })),
  state: Type.Optional(StringEnum(accessPolicyStates, { description: 'reportOnly when left out on create.' })),
  conditions: AccessConditions,
  grant: AccessGrant,
  session: Type.Optional(AccessSession),
};

/** The body of `POST /identity/conditional-access-policies`. */
export const CreateAccessPolicyBody = Type.Object(policyInputFields, { additionalProperties: false });

/** The body of `PATCH …/:id`: fields left out keep their value; `conditions`, `grant` and `session` replace whole. */
export const PatchAccessPolicyBody = Type.Object(
  {
    name: Type.Optional(policyInputFields.name),
    description: policyInputFields.description,
    state: policyInputFields.state,
    conditions: Type.Optional(AccessConditions),
    grant: Type.Optional(AccessGrant),
    session: policyInputFields.session,
    expectedVersion: Type.Optional(Type.Integer({ minimum: 1, description: 'The version you edited; another stored version is ACCESS_POLICY_VERSION_CONFLICT.' })),
  },
  { additionalProperties: false },
);

/** The query of `GET /identity/conditional-access-policies`. */
export const ListAccessPoliciesQuery = Type.Object(
  {
    ...pageQuery(accessPolicySorts, 'name'),
    q: Type.Optional(Type.String({ minLength: 1, maxLength: 200, description: 'Case-insensitive part of the name.' })),
    state: Type.Optional(StringEnum(accessPolicyStates)),
  },
  { additionalProperties: false },
);

/** The body of `POST /identity/what-if`. */
export const WhatIfBody = Type.Object(
  {
    userId: DirectoryId,
    relyingPartyId: ClientId,
    device: Type.Optional(Type.String({ minLength: 1, maxLength: 64, description: 'A device id (as if it proved itself), or `unknown` (the default).' })),
    ip: Type.Optional(Type.String({ minLength: 1, maxLength: 64, description: 'The client address, IPv4 or IPv6.' })),
    clientType: StringEnum(clientTypes),
    platform: Type.Optional(StringEnum(platforms, { description: 'The platform a user agent would claim, for an unknown device.' })),
    mfaDone: Type.Optional(Type.Boolean({ description: 'Whether the user already passed MFA in the session; default false.' })),
    signInRisk: Type.Optional(StringEnum(signInRiskLevels, { description: "Assumed risk; by default, from the user's recent failed attempts." })),
  },
  { additionalProperties: false },
);

const PolicyOutcome = Type.Object({
  policyId: Type.String(),
  name: Type.String(),
  reportOnly: Type.Boolean(),
  applied: Type.Boolean(),
  notAppliedBecause: Nullable(StringEnum(accessConditionNames)),
  result: StringEnum(accessPolicyResults),
  satisfiedControls: List(StringEnum(grantControls)),
  missingControls: List(StringEnum(grantControls)),
  challenges: List(StringEnum(accessChallenges)),
  blocks: Type.Boolean(),
});

/** What the what-if tool answers. */
export const WhatIfResult = Type.Object({
  decision: StringEnum(accessDecisions),
  challenges: List(StringEnum(accessChallenges)),
  satisfiedControls: List(StringEnum(grantControls)),
  missingControls: List(StringEnum(grantControls)),
  blockingPolicyIds: List(Type.String()),
  signInFrequencyHours: Nullable(Type.Integer()),
  signInRisk: StringEnum(signInRiskLevels),
  deviceId: Nullable(Type.String({ description: 'The device evaluated; null for an unknown device.' })),
  policies: List(PolicyOutcome, { description: 'Enabled and report-only policies, by name.' }),
});

/** One attempt of the sign-in log. */
export const SignIn = Type.Object({
  id: Type.String(),
  at: DateTime,
  userId: Nullable(Type.String()),
  userName: Type.String(),
  relyingPartyId: Nullable(Type.String()),
  deviceId: Nullable(Type.String()),
  ip: Nullable(Type.String()),
  clientType: StringEnum(clientTypes),
  userAgent: Nullable(Type.String()),
  outcome: StringEnum(signInOutcomes),
  failureReason: Nullable(Type.String({ description: 'A stable code: INVALID_CREDENTIALS, ACCESS_BLOCKED, MFA_REQUIRED…' })),
  detail: Nullable(Type.String()),
  signInRisk: StringEnum(signInRiskLevels),
  policies: List(
    Type.Object({
      policyId: Type.String(),
      name: Type.String(),
      result: StringEnum(accessPolicyResults),
      reportOnly: Type.Boolean(),
      missingControls: List(StringEnum(grantControls)),
    }),
  ),
});

export const SignInPage = Page(SignIn);

/** The query of `GET /identity/sign-ins`: newest first, always. */
export const ListSignInsQuery = Type.Object(
  {
    ...pageQuery(['at'] as const, 'at', ['desc'] as const),
    userId: Type.Optional(DirectoryId),
    outcome: Type.Optional(StringEnum(signInOutcomes)),
    relyingPartyId: Type.Optional(ClientId),
    from: Type.Optional(Type.String({ format: 'date-time', description: 'Attempts at or after this instant.' })),
    to: Type.Optional(Type.String({ format: 'date-time', description: 'Attempts before this instant.' })),
  },
  { additionalProperties: false },
);
