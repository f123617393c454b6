import { Type } from '@sinclair/typebox';
import { DateTime, List, Nullable } from './common.js';
import { Role } from './admins.js';
import { User } from './users.js';

/** The body of `POST /auth/sign-in`. */
export const SignInBody = Type.Object(
  {
    email: Type.String({ minLength: 1, maxLength: 254 }),
    password: Type.String({ minLength: 1, maxLength: 1024 }),
    totpCode: Type.Optional(Type.String({ pattern: '^[0-9]{6,8}$', description: 'The authenticator code, when TOTP is enrolled.' })),
    tenant: Type.Optional(Type.String({ minLength: 1, maxLength: 64, description: 'Tenant slug; `default` when absent.' })),
  },
  { additionalProperties: false },
);

/** A new session. */
export const Session = Type.Object({
  token: Type.String({ description: 'The session bearer token, shown this once.' }),
  expiresAt: DateTime,
  user: User,
});

/** Who the bearer token acts as. */
export const Me = Type.Object({
  tenantId: Type.String(),
  userId: Nullable(Type.String()),
  actor: Type.Object({ type: Type.String(), id: Type.String(), name: Type.String() }),
  grants: List(Type.Object({ role: Role, scopeGroupIds: Nullable(List(Type.String())) })),
});

/** A pending TOTP enrolment: the secret for the authenticator app. */
export const TotpEnrollment = Type.Object({
  secret: Type.String({ description: 'Base32 secret, for typing in.' }),
  otpauthUri: Type.String({ description: '`otpauth://` URI, for a QR code.' }),
});

/** The body of `POST /auth/totp/confirm`. */
export const ConfirmTotpBody = Type.Object({ code: Type.String({ pattern: '^[0-9]{6,8}$' }) }, { additionalProperties: false });

/** The answer of `POST /auth/totp/confirm`. */
export const TotpConfirmed = Type.Object({ enabled: Type.Literal(true) });
