import { Type } from '@sinclair/typebox';
import { maxEnrollmentTokenDays, platforms, type GroupId, type UserId } from '@ward/core';
import { BrandedId, DateTime, List, Nullable, Page, pageQuery, StringEnum } from './common.js';

const TokenOwnership = StringEnum(['corporate', 'personal'] as const, { description: 'The ownership devices enrolled with the token get.' });

/** An enrollment token, never with its secret or hash. */
export const EnrollmentToken = Type.Object({
  id: Type.String(),
  name: Type.String(),
  maxUses: Nullable(Type.Integer({ description: 'How many devices may enroll with it; null: any number until it expires.' })),
  uses: Type.Integer({ description: 'How many devices have enrolled with it.' }),
  ownership: TokenOwnership,
  targetGroupId: Nullable(Type.String({ description: 'The static device group enrolled devices join.' })),
  userId: Nullable(Type.String({ description: 'The user enrolled devices belong to.' })),
  expiresAt: DateTime,
  revokedAt: Nullable(DateTime),
  createdBy: Type.String(),
  createdAt: DateTime,
});

/** The query of `GET /enrollment-tokens`: newest first, the one order the store keeps. */
export const ListEnrollmentTokensQuery = Type.Object(pageQuery(['createdAt'] as const, 'createdAt', ['desc'] as const), { additionalProperties: false });

/** A page of enrollment tokens. */
export const EnrollmentTokenPage = Page(EnrollmentToken);

/** The body of `POST /enrollment-tokens`. */
export const CreateEnrollmentTokenBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 100 }),
    maxUses: Type.Optional(Nullable(Type.Integer({ minimum: 1, maximum: 1_000_000, description: '1 (the default) for a one-time token; null for any number until expiry.' }))),
    ownership: Type.Optional(StringEnum(['corporate', 'personal'] as const, { default: 'corporate', description: 'The ownership devices enrolled with the token get.' })),
    expiresInHours: Type.Optional(Type.Integer({ minimum: 1, maximum: maxEnrollmentTokenDays * 24, default: 168, description: `Lifetime, 1 to ${maxEnrollmentTokenDays * 24} hours; a week by default.` })),
    targetGroupId: Type.Optional(Nullable(BrandedId<GroupId>('A static device group enrolled devices join.'))),
    userId: Type.Optional(Nullable(BrandedId<UserId>('The user enrolled devices belong to (counted against their device limit).'))),
  },
  { additionalProperties: false },
);

/** The answer of `POST /enrollment-tokens`: the record and its text, shown this once. */
export const CreatedEnrollmentToken = Type.Object({
  token: EnrollmentToken,
  text: Type.String({ description: 'The secret token text (`wrd_et.…`). It is not stored and cannot be shown again.' }),
  enrollCommand: Nullable(Type.String({ description: 'The `ward-agent enroll` command line to run on the device; null when the server has no public URL or CA fingerprint configured.' })),
  qrSvg: Nullable(Type.String({ description: 'The enroll command as an SVG QR code; null with `enrollCommand`.' })),
});

const Platform = StringEnum(platforms);
const Version = Type.String({ minLength: 1, maxLength: 32 });

/** The tenant's enrollment rules. */
export const EnrollmentRestrictions = Type.Object({
  allowedPlatforms: List(Platform),
  minOsVersion: Type.Unsafe<Readonly<Partial<Record<(typeof platforms)[number], string>>>>({
    type: 'object',
    properties: Object.fromEntries(platforms.map((p) => [p, { type: 'string' }])),
    description: 'The oldest OS version each platform may enroll with; a platform not listed has no minimum.',
  }),
  allowPersonal: Type.Boolean({ description: 'Whether tokens for personal devices work.' }),
  maxDevicesPerUser: Type.Integer(),
  updatedAt: DateTime,
});

/** The body of `PATCH /enrollment-restrictions`: the rules to change. */
export const PatchEnrollmentRestrictionsBody = Type.Object(
  {
    allowedPlatforms: Type.Optional(List(Platform, { maxItems: platforms.length, description: 'The whole list of platforms that may enroll.' })),
    minOsVersion: Type.Optional(
      Type.Unsafe<Readonly<Partial<Record<(typeof platforms)[number], string | null>>>>({
        type: 'object',
        properties: Object.fromEntries(platforms.map((p) => [p, Nullable(Version)])),
        additionalProperties: false,
        description: 'Minimums to set, per platform; null removes a minimum. Platforms not named keep theirs.',
      }),
    ),
    allowPersonal: Type.Optional(Type.Boolean()),
    maxDevicesPerUser: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
  },
  { additionalProperties: false },
);
