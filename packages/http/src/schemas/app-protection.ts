import { Type } from '@sinclair/typebox';
import {
  appRegistrationSorts,
  appRegistrationStates,
  appWipeOutcomes,
  appWipeScopes,
  clipboardLevels,
  jailbreakActions,
  mamPolicyLimits,
  mamPolicySorts,
  pinRetryActions,
  pinTypes,
  sdkFlags,
  sdkLimits,
  sdkPlatforms,
  type UserId,
} from '@ward/core';
import { BrandedId, DateTime, Id, List, Nullable, Page, pageQuery, StringEnum } from './common.js';
import { SdkPublicKey } from './sdk.js';

// Mobile app management for SDK apps (issue 7 §4, §5, §7): app protection and app configuration
// policies, the registrations made under them, selective wipe and usage. Types and shapes are
// checked here; ranges, and whether named groups and apps exist, by core's validators, which
// answer APP_PROTECTION_POLICY_INVALID / APP_CONFIGURATION_POLICY_INVALID naming the field.

const { pinLength, recheckAfterMinutes, maxRetries, accessCheckAfterMinutes, wipeAfterDays, apps, groups } = mamPolicyLimits;

const AppIdentifier = Type.String({ minLength: 1, maxLength: mamPolicyLimits.appIdentifierLength, description: 'A catalog app identifier (the SDK\'s `appId`), compared case-insensitively.' });

/** Whom and which apps a MAM policy targets. */
export const MamTargets = Type.Object(
  {
    users: Type.Object(
      {
        include: Type.Union([Type.Literal('allUsers'), List(Id, { maxItems: groups })], { description: '"allUsers", or user group ids.' }),
        exclude: Type.Optional(List(Id, { maxItems: groups, description: 'User group ids never reached, whatever includes them.' })),
      },
      { additionalProperties: false },
    ),
    apps: List(AppIdentifier, { maxItems: apps.max, description: `${apps.min} to ${apps.max} app identifiers; they count as managed apps for clipboard and sharing.` }),
  },
  { additionalProperties: false },
);

const PinSettings = Type.Object({
  required: Type.Boolean(),
  type: StringEnum(pinTypes),
  minLength: Type.Integer({ description: `${pinLength.min} to ${pinLength.max}.` }),
  biometricAllowed: Type.Boolean(),
  recheckAfterMinutes: Type.Integer({ description: `${recheckAfterMinutes.min} to ${recheckAfterMinutes.max}; 0 asks at every launch.` }),
  maxRetries: Type.Integer({ description: `${maxRetries.min} to ${maxRetries.max}.` }),
});
const OfflineSettings = Type.Object({
  accessCheckAfterMinutes: Type.Integer({ description: `${accessCheckAfterMinutes.min} to ${accessCheckAfterMinutes.max} minutes without a check-in, then the app refuses to unlock until one succeeds.` }),
  wipeAfterDays: Type.Integer({ description: `${wipeAfterDays.min} to ${wipeAfterDays.max} days without a check-in, then the app wipes its corporate data.` }),
});
const ConditionalLaunch = Type.Object({
  minAppVersion: Nullable(Type.String({ description: 'Dotted numbers (1.2.0); null: no minimum.' })),
  minSdkVersion: Nullable(Type.String({ description: 'Dotted numbers (1.0.0); null: no minimum.' })),
  jailbroken: StringEnum(jailbreakActions),
  maxPinRetries: StringEnum(pinRetryActions),
});

/** The protection settings as stored and shown. */
export const ProtectionSettings = Type.Object({
  pin: PinSettings,
  encryptData: Type.Boolean(),
  clipboard: StringEnum(clipboardLevels),
  saveAsBlocked: Type.Boolean(),
  shareToUnmanagedBlocked: Type.Boolean(),
  printBlocked: Type.Boolean(),
  screenCaptureBlocked: Type.Boolean(),
  offline: OfflineSettings,
  conditionalLaunch: ConditionalLaunch,
});

/** Settings as an admin writes them: every field optional (left out: the default on create, the stored value on update). */
const ProtectionSettingsInput = Type.Object(
  {
    pin: Type.Optional(Type.Partial(PinSettings, { additionalProperties: false })),
    encryptData: Type.Optional(Type.Boolean()),
    clipboard: Type.Optional(StringEnum(clipboardLevels)),
    saveAsBlocked: Type.Optional(Type.Boolean()),
    shareToUnmanagedBlocked: Type.Optional(Type.Boolean()),
    printBlocked: Type.Optional(Type.Boolean()),
    screenCaptureBlocked: Type.Optional(Type.Boolean()),
    offline: Type.Optional(Type.Partial(OfflineSettings, { additionalProperties: false })),
    conditionalLaunch: Type.Optional(Type.Partial(ConditionalLaunch, { additionalProperties: false })),
  },
  { additionalProperties: false, description: 'Protection settings; those left out take the default (on create) or keep their value (on update), at every depth.' },
);

const policyMeta = {
  id: Type.String(),
  name: Type.String(),
  description: Type.String(),
  targets: MamTargets,
  version: Type.Integer({ description: '1 on create, +1 on every change; send it back as `expectedVersion` to update safely.' }),
  createdAt: DateTime,
  updatedAt: DateTime,
};

/** An app protection policy. */
export const AppProtectionPolicy = Type.Object({
  ...policyMeta,
  settings: ProtectionSettings,
  hash: Type.String({ description: 'The `policyVersion` SDK apps see: SHA-256 of what they receive. Apps that report another one have not applied this policy yet.' }),
});

/** A page of app protection policies. */
export const AppProtectionPolicyPage = Page(AppProtectionPolicy);

const nameInput = Type.String({ minLength: 1, maxLength: mamPolicyLimits.nameLength * 2, description: `Unique within the tenant, compared case-insensitively; at most ${mamPolicyLimits.nameLength} characters.` });
const descriptionInput = Type.String({ maxLength: mamPolicyLimits.descriptionLength * 2, description: `At most ${mamPolicyLimits.descriptionLength} characters.` });
const expectedVersion = (code: string) => Type.Optional(Type.Integer({ minimum: 1, description: `The version you edited; another stored version is ${code}.` }));

/** The body of `POST /app-protection-policies`. */
export const CreateAppProtectionPolicyBody = Type.Object(
  { name: nameInput, description: Type.Optional(descriptionInput), settings: Type.Optional(ProtectionSettingsInput), targets: MamTargets },
  { additionalProperties: false },
);

/** The body of `PATCH /app-protection-policies/{id}`. */
export const PatchAppProtectionPolicyBody = Type.Object(
  {
    name: Type.Optional(nameInput),
    description: Type.Optional(descriptionInput),
    settings: Type.Optional(ProtectionSettingsInput),
    targets: Type.Optional(MamTargets),
    expectedVersion: expectedVersion('APP_PROTECTION_POLICY_VERSION_CONFLICT'),
  },
  { additionalProperties: false, minProperties: 1 },
);

const ConfigurationSettings = Type.Record(Type.String({ minLength: 1, maxLength: mamPolicyLimits.settingKeyLength }), Type.String({ maxLength: mamPolicyLimits.settingValueLength }), {
  description: `Up to ${mamPolicyLimits.settings} keys, each a text value of at most ${mamPolicyLimits.settingValueLength} characters; values may use {{user.email}}, {{user.displayName}} and the other user variables.`,
});

/** An app configuration policy. */
export const AppConfigurationPolicy = Type.Object({
  ...policyMeta,
  settings: ConfigurationSettings,
  hash: Type.String({ description: 'SHA-256 of the settings and targets as written (before user variables are filled in).' }),
});

/** A page of app configuration policies. */
export const AppConfigurationPolicyPage = Page(AppConfigurationPolicy);

/** The body of `POST /app-configuration-policies`. */
export const CreateAppConfigurationPolicyBody = Type.Object(
  { name: nameInput, description: Type.Optional(descriptionInput), settings: ConfigurationSettings, targets: MamTargets },
  { additionalProperties: false },
);

/** The body of `PATCH /app-configuration-policies/{id}`: `settings` and `targets` replace the stored ones whole. */
export const PatchAppConfigurationPolicyBody = Type.Object(
  {
    name: Type.Optional(nameInput),
    description: Type.Optional(descriptionInput),
    settings: Type.Optional(ConfigurationSettings),
    targets: Type.Optional(MamTargets),
    expectedVersion: expectedVersion('APP_CONFIGURATION_POLICY_VERSION_CONFLICT'),
  },
  { additionalProperties: false, minProperties: 1 },
);

/** The query of both policy lists. */
export const ListMamPoliciesQuery = Type.Object(
  {
    ...pageQuery(mamPolicySorts, 'name'),
    q: Type.Optional(Type.String({ minLength: 1, maxLength: 200, description: 'Case-insensitive part of the name.' })),
    appIdentifier: Type.Optional(Type.String({ minLength: 1, maxLength: mamPolicyLimits.appIdentifierLength, description: 'Policies that target this app.' })),
  },
  { additionalProperties: false },
);

const AppWipe = Type.Object({
  id: Type.String(),
  scope: StringEnum(appWipeScopes, { description: 'registration: this app\'s corporate data; user: everything of the corporate identity in the app.' }),
  requestedAt: DateTime,
  requestedBy: Type.String(),
  confirmedAt: Nullable(DateTime),
  outcome: Nullable(StringEnum(appWipeOutcomes, { description: 'succeeded or failed as the app confirmed; superseded when the same user, app and device tag registered anew first.' })),
  error: Nullable(Type.String()),
});

/** An app registration (never its key share). */
export const AppRegistration = Type.Object({
  id: Type.String(),
  userId: Type.String(),
  appIdentifier: Type.String(),
  appVersion: Type.String(),
  sdkVersion: Type.String(),
  platform: StringEnum(sdkPlatforms),
  deviceTag: Type.String({ description: 'The random tag of the installation (one browser profile or machine); it names no hardware.' }),
  deviceName: Nullable(Type.String()),
  osName: Nullable(Type.String()),
  osVersion: Nullable(Type.String()),
  clientId: Nullable(Type.String({ description: 'The relying party whose access token registered the app.' })),
  deviceId: Nullable(Type.String({ description: 'The enrolled device the app proved it runs on, if it did.' })),
  publicKey: SdkPublicKey,
  state: StringEnum(appRegistrationStates, { description: 'active; wipePending (the key share is withheld until the app confirms); wiped (never revived).' }),
  sequence: Type.Integer({ description: 'The highest check-in sequence accepted.' }),
  reported: Type.Object({
    policyVersion: Nullable(Type.String()),
    configurationVersion: Nullable(Type.String()),
    pinSet: Nullable(Type.Boolean()),
    encrypted: Nullable(Type.Boolean()),
    jailbroken: Nullable(Type.Boolean()),
    flagged: List(StringEnum(sdkFlags)),
  }),
  lastCheckInAt: Nullable(DateTime),
  lastUsedAt: Nullable(DateTime),
  wipe: Nullable(AppWipe),
  createdAt: DateTime,
  updatedAt: DateTime,
});

/** A page of app registrations. */
export const AppRegistrationPage = Page(AppRegistration);

/** The query of `GET /app-registrations`. */
export const ListAppRegistrationsQuery = Type.Object(
  {
    ...pageQuery(appRegistrationSorts, 'createdAt', ['desc', 'asc'] as const),
    userId: Type.Optional(BrandedId<UserId>('Registrations of this user.')),
    appIdentifier: Type.Optional(Type.String({ minLength: 1, maxLength: mamPolicyLimits.appIdentifierLength })),
    state: Type.Optional(StringEnum(appRegistrationStates)),
    deviceTag: Type.Optional(Type.String({ minLength: 1, maxLength: sdkLimits.deviceTag.max })),
  },
  { additionalProperties: false },
);

/** The body of `POST /users/{id}/app-wipe`. */
export const WipeUserAppsBody = Type.Object(
  { deviceTag: Type.Optional(Nullable(Type.String({ minLength: 1, maxLength: sdkLimits.deviceTag.max, description: 'Only the registrations on this device tag; all of the user\'s when left out.' }))) },
  { additionalProperties: false },
);

/** The answer of `POST /users/{id}/app-wipe`. */
export const WipeUserAppsResult = Type.Object({ registrations: List(AppRegistration, { description: 'Every live registration the wipe reached, those already waiting for a wipe included.' }) });

/** The query of `GET /app-usage`. */
export const AppUsageQuery = Type.Object(
  {
    appIdentifier: Type.Optional(Type.String({ minLength: 1, maxLength: mamPolicyLimits.appIdentifierLength, description: 'One app; all SDK apps when left out.' })),
    from: Type.Optional(Type.String({ format: 'date', description: 'First UTC day (YYYY-MM-DD); 29 days before `to` by default.' })),
    to: Type.Optional(Type.String({ format: 'date', description: 'Last UTC day (YYYY-MM-DD); today by default. At most 366 days in all.' })),
  },
  { additionalProperties: false },
);

const UsageDay = Type.Object({ day: Type.String(), launches: Type.Integer(), activeUsers: Type.Integer({ description: 'Distinct users who used the app that day.' }), lastUsedAt: Nullable(DateTime) });

/** The usage report of SDK apps. */
export const AppUsageReport = Type.Object({
  from: Type.String(),
  to: Type.String(),
  apps: List(
    Type.Object({
      appIdentifier: Type.String(),
      days: List(UsageDay, { description: 'Days with use, oldest first; days without are left out.' }),
      launches: Type.Integer(),
      lastUsedAt: Nullable(DateTime),
    }),
  ),
});
