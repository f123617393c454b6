import { Type } from '@sinclair/typebox';
import { DateTime, List, Nullable } from './common.js';

const Descriptor = Type.Object({ type: Type.Literal('public-key'), id: Type.String(), transports: List(Type.String()) });

/** A passkey as its owner sees it (never the key). */
export const PasskeySummary = Type.Object({
  id: Type.String(),
  name: Type.String(),
  transports: List(Type.String(), { description: 'How the browser reaches the authenticator (internal, hybrid, usb, …).' }),
  synced: Type.Boolean({ description: 'Whether the passkey is backed up and synced between devices.' }),
  createdAt: DateTime,
  lastUsedAt: Nullable(DateTime),
});

/** `GET /me/passkeys`. */
export const MyPasskeys = Type.Object({
  passkeys: List(PasskeySummary),
  recoveryCodesLeft: Type.Integer({ description: 'Unused recovery codes.' }),
});

/** `POST /me/passkeys/registration`: WebAuthn's PublicKeyCredentialCreationOptionsJSON (§5.4). */
export const PasskeyCreationOptions = Type.Object({
  rp: Type.Object({ id: Type.String(), name: Type.String() }),
  user: Type.Object({ id: Type.String(), name: Type.String(), displayName: Type.String() }),
  challenge: Type.String(),
  pubKeyCredParams: List(Type.Object({ type: Type.Literal('public-key'), alg: Type.Integer() })),
  timeout: Type.Integer(),
  excludeCredentials: List(Descriptor),
  authenticatorSelection: Type.Object({ residentKey: Type.Literal('preferred'), userVerification: Type.Literal('required') }),
  attestation: Type.Literal('none'),
});

/** `POST /me/passkeys`: the answer to the options. */
export const RegisterPasskeyBody = Type.Object(
  {
    challenge: Type.String({ minLength: 1, maxLength: 128, description: 'The challenge of the options answered.' }),
    response: Type.Unknown({ description: 'The PublicKeyCredential from navigator.credentials.create(), as its toJSON() gives it.' }),
    name: Type.Optional(Type.String({ maxLength: 200, description: 'What to call this passkey.' })),
  },
  { additionalProperties: false },
);

/** `POST /me/recovery-codes`: shown this once. */
export const RecoveryCodes = Type.Object({
  codes: List(Type.String(), { description: 'Ten codes, each usable once in place of a second factor.' }),
  generatedAt: DateTime,
});
