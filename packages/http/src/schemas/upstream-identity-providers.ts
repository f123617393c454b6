import { Type } from '@sinclair/typebox';
import { upstreamProviderLimits } from '@ward/core';
import { DateTime, List, Page, pageQuery } from './common.js';

const Scope = Type.String({ minLength: 1, maxLength: upstreamProviderLimits.scopeLength });
const Scopes = List(Scope, { minItems: 1, maxItems: upstreamProviderLimits.scopes, description: 'Scopes asked for at the upstream; must include openid. Default openid, email, profile.' });

/** An upstream identity provider, never with its client secret. */
export const UpstreamProvider = Type.Object({
  id: Type.String(),
  name: Type.String({ description: 'Shown on the sign-in page as "Sign in with <name>".' }),
  issuer: Type.String({ description: "The upstream's issuer identifier (https)." }),
  clientId: Type.String({ description: "Ward's client id at the upstream." }),
  scopes: List(Type.String()),
  enabled: Type.Boolean({ description: 'Whether the sign-in page offers it.' }),
  requireVerifiedEmail: Type.Boolean({ description: 'Refuse upstream identities whose email_verified claim is not true.' }),
  version: Type.Integer({ description: '1 on create, +1 on every change; send it back as `expectedVersion` to update safely.' }),
  createdAt: DateTime,
  updatedAt: DateTime,
});

/** A page of upstream identity providers, oldest first. */
export const UpstreamProviderPage = Page(UpstreamProvider);

/** The query of the list. */
export const ListUpstreamProvidersQuery = Type.Object(pageQuery(['createdAt'] as const, 'createdAt', ['asc'] as const), { additionalProperties: false });

const fields = {
  name: Type.String({ minLength: 1, maxLength: upstreamProviderLimits.nameLength * 2, description: `Unique within the tenant, compared case-insensitively; at most ${upstreamProviderLimits.nameLength} characters.` }),
  issuer: Type.String({ minLength: 1, maxLength: upstreamProviderLimits.issuerLength, description: 'An https URL without query or fragment, exactly as the upstream names itself.' }),
  clientId: Type.String({ minLength: 1, maxLength: upstreamProviderLimits.clientIdLength * 2 }),
  clientSecret: Type.String({ minLength: 1, maxLength: upstreamProviderLimits.clientSecretLength, description: 'Stored sealed; never returned.' }),
  scopes: Scopes,
  enabled: Type.Boolean({ description: 'Default true.' }),
  requireVerifiedEmail: Type.Boolean({ description: 'Default true.' }),
};

/** The body of `POST /identity/upstream-providers`. */
export const CreateUpstreamProviderBody = Type.Object(
  {
    name: fields.name,
    issuer: fields.issuer,
    clientId: fields.clientId,
    clientSecret: fields.clientSecret,
    scopes: Type.Optional(fields.scopes),
    enabled: Type.Optional(fields.enabled),
    requireVerifiedEmail: Type.Optional(fields.requireVerifiedEmail),
  },
  { additionalProperties: false },
);

/** The body of `PATCH /identity/upstream-providers/{id}`: the fields to change. */
export const PatchUpstreamProviderBody = Type.Object(
  {
    name: Type.Optional(fields.name),
    issuer: Type.Optional(fields.issuer),
    clientId: Type.Optional(fields.clientId),
    clientSecret: Type.Optional(fields.clientSecret),
    scopes: Type.Optional(fields.scopes),
    enabled: Type.Optional(fields.enabled),
    requireVerifiedEmail: Type.Optional(fields.requireVerifiedEmail),
    expectedVersion: Type.Optional(Type.Integer({ minimum: 1, description: 'The version you edited; another stored version is UPSTREAM_PROVIDER_VERSION_CONFLICT.' })),
  },
  { additionalProperties: false, minProperties: 1 },
);
