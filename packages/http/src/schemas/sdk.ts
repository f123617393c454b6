import { Type } from '@sinclair/typebox';
import { clipboardLevels, jailbreakActions, pinRetryActions, pinTypes, sdkFlags, sdkLimits, sdkPlatforms } from '@ward/core';
import { Id, List, Nullable, StringEnum } from './common.js';

// The wire messages of the SDK protocol, version 1 (docs/protocols/sdk-v1.md), exactly as the
// contract spells them. Unknown fields are refused like everywhere else in the API. The check-in's
// body is validated by core after its signature (these schemas document it).

const base64url = (length: number, description: string) => Type.String({ minLength: length, maxLength: length, pattern: '^[A-Za-z0-9_-]+$', description });

/** An instant the SDK sends: RFC 3339 text, compared with the server's clock by the use case. */
const Instant = Type.String({ format: 'date-time', maxLength: 40 });

const AppId = Type.String({ minLength: 1, maxLength: sdkLimits.appIdLength, pattern: '^[\\x21-\\x7e]+$', description: 'The catalog identifier of the app (`com.ward.notes-demo`).' });
const Version = (description: string) => Type.String({ minLength: 1, maxLength: sdkLimits.versionLength, pattern: '^[0-9A-Za-z.+_-]+$', description });
const Hash = (description: string) => Type.String({ minLength: 1, maxLength: 128, pattern: '^[A-Za-z0-9_-]+$', description });
const Text = (maxLength: number, description: string) => Type.String({ minLength: 1, maxLength, description });

/** The public half of the registration's ECDSA P-256 key (RFC 7517 JWK, RFC 7518 §6.2.1). */
export const SdkPublicKey = Type.Object(
  {
    kty: Type.Literal('EC'),
    crv: Type.Literal('P-256'),
    x: base64url(43, 'The x coordinate, 32 bytes base64url.'),
    y: base64url(43, 'The y coordinate, 32 bytes base64url.'),
  },
  { additionalProperties: false, description: 'A P-256 public key as a JWK; private members are refused.' },
);

/** The body of `POST /sdk/v1/registrations`. */
export const SdkRegisterRequest = Type.Object(
  {
    appId: AppId,
    appVersion: Version('The app\'s own version.'),
    sdkVersion: Version('The Ward SDK\'s version.'),
    platform: StringEnum(sdkPlatforms),
    deviceTag: Type.String({
      minLength: sdkLimits.deviceTag.min,
      maxLength: sdkLimits.deviceTag.max,
      pattern: '^[A-Za-z0-9_-]+$',
      description: 'A random value the SDK makes once per installation (base64url); it names no hardware.',
    }),
    deviceName: Type.Optional(Text(sdkLimits.deviceNameLength, 'What the user would call this installation (`Firefox on Linux`).')),
    osName: Type.Optional(Text(sdkLimits.osFieldLength, 'linux, macos, windows, …')),
    osVersion: Type.Optional(Text(sdkLimits.osFieldLength, 'The operating system\'s version.')),
    publicKey: SdkPublicKey,
  },
  { additionalProperties: false },
);

/** The app protection policy exactly as the SDK receives it. */
export const SdkProtectionPolicy = Type.Object({
  pin: Type.Object({
    required: Type.Boolean(),
    type: StringEnum(pinTypes),
    minLength: Type.Integer(),
    biometricAllowed: Type.Boolean(),
    recheckAfterMinutes: Type.Integer(),
    maxRetries: Type.Integer(),
  }),
  encryptData: Type.Boolean(),
  clipboard: StringEnum(clipboardLevels),
  saveAsBlocked: Type.Boolean(),
  shareToUnmanagedBlocked: Type.Boolean(),
  printBlocked: Type.Boolean(),
  screenCaptureBlocked: Type.Boolean(),
  offline: Type.Object({ accessCheckAfterMinutes: Type.Integer(), wipeAfterDays: Type.Integer() }),
  conditionalLaunch: Type.Object({
    minAppVersion: Nullable(Type.String()),
    minSdkVersion: Nullable(Type.String()),
    jailbroken: StringEnum(jailbreakActions),
    maxPinRetries: StringEnum(pinRetryActions),
  }),
  managedApps: List(Type.String(), { description: 'The identifiers that count as managed for clipboard and sharing decisions.' }),
});

const Configuration = Type.Record(Type.String(), Type.String(), { description: 'The app configuration: key → value, user variables already filled in.' });
const KeyShare = base64url(43, 'The server\'s key share: 32 bytes base64url.');

/** The answer of `POST /sdk/v1/registrations` (201 new, 200 the same user, app and device tag again). */
export const SdkRegisterResponse = Type.Object({
  registrationId: Type.String(),
  policy: SdkProtectionPolicy,
  policyVersion: Type.String(),
  configuration: Configuration,
  configurationVersion: Type.String(),
  keyShare: KeyShare,
  checkInIntervalSeconds: Type.Integer(),
  serverTime: Type.String({ format: 'date-time' }),
});

/** The body of `POST /sdk/v1/check-in`, signed over its exact bytes. */
export const SdkCheckInRequest = Type.Object(
  {
    registrationId: Id,
    sequence: Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER, description: 'One more than the previous check-in this installation signed.' }),
    sentAt: Instant,
    appVersion: Version('The app\'s own version.'),
    sdkVersion: Version('The Ward SDK\'s version.'),
    policyVersion: Nullable(Hash('The policy version the app applies.')),
    configurationVersion: Nullable(Hash('The configuration version the app applies.')),
    state: Type.Object(
      {
        pinSet: Type.Boolean(),
        encrypted: Type.Boolean(),
        jailbroken: Type.Boolean(),
        flagged: List(StringEnum(sdkFlags), { maxItems: sdkFlags.length, description: 'Reasons the SDK raised; any one makes the registration unprotected for conditional access.' }),
      },
      { additionalProperties: false },
    ),
    usage: Type.Optional(
      Type.Object(
        {
          launches: Type.Integer({ minimum: 0, maximum: sdkLimits.launchesPerCheckIn, description: 'Launches since the last accepted check-in.' }),
          activeDays: List(Type.String({ format: 'date', maxLength: 10 }), { maxItems: sdkLimits.activeDays, description: 'UTC days the app was used on since then.' }),
          lastUsedAt: Nullable(Instant),
        },
        { additionalProperties: false, description: 'Use since the last accepted check-in; left out: none.' },
      ),
    ),
    wipeConfirmation: Type.Optional(
      Type.Object(
        {
          wipeId: Id,
          outcome: StringEnum(['succeeded', 'failed'] as const),
          error: Type.Optional(Type.String({ maxLength: sdkLimits.wipeErrorLength })),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);

/** The answer of `POST /sdk/v1/check-in`. */
export const SdkCheckInResponse = Type.Object({
  policy: Nullable(SdkProtectionPolicy),
  policyVersion: Type.String(),
  configuration: Nullable(Configuration),
  configurationVersion: Type.String(),
  keyShare: Nullable(KeyShare),
  wipe: Nullable(Type.Object({ wipeId: Type.String(), scope: StringEnum(['registration', 'user'] as const) })),
  checkInIntervalSeconds: Type.Integer(),
  serverTime: Type.String({ format: 'date-time' }),
});

/** The check-in's signature headers. */
export const SdkSignatureHeaders = Type.Object({
  'ward-registration': Id,
  'ward-signature': base64url(86, 'base64url of the ES256 signature (r‖s, 64 bytes) over the exact body bytes.'),
});
