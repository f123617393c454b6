import { Type } from '@sinclair/typebox';
import { relyingPartyGrantTypes, relyingPartyLimits, tokenEndpointAuthMethods } from '@ward/core';
import { DateTime, List, Nullable, Page, pageQuery, StringEnum } from './common.js';

const GrantType = StringEnum(relyingPartyGrantTypes, { description: 'authorization_code (with PKCE), refresh_token (beside authorization_code; rotated on use) or client_credentials.' });
const AuthMethod = StringEnum(tokenEndpointAuthMethods, {
  description: 'How the client authenticates at the token endpoint: client_secret_basic, client_secret_post, private_key_jwt (with `jwks`) or none (a public client, which must use PKCE).',
});
const Uri = Type.String({ minLength: 1, maxLength: relyingPartyLimits.uriLength });
const Uris = (description: string) => List(Uri, { maxItems: relyingPartyLimits.redirectUris, description });
const Jwk = Type.Record(Type.String({ maxLength: 64 }), Type.Unknown(), { description: 'A public JSON Web Key (RFC 7517).' });
const Jwks = Type.Object({ keys: List(Jwk, { minItems: 1, maxItems: relyingPartyLimits.jwksKeys }) }, { description: 'Public keys for private_key_jwt. Private key members are refused.' });

/** A relying party, never with its secret. */
export const RelyingParty = Type.Object({
  id: Type.String(),
  clientId: Type.String({ description: 'The OAuth client_id: the same as the id.' }),
  name: Type.String(),
  redirectUris: List(Type.String()),
  postLogoutRedirectUris: List(Type.String()),
  grantTypes: List(GrantType),
  tokenEndpointAuthMethod: AuthMethod,
  jwks: Nullable(Jwks),
  hasSecret: Type.Boolean({ description: 'Whether a client secret is set (it is shown only when created or rotated).' }),
  secretIssuedAt: Nullable(DateTime),
  createdAt: DateTime,
  updatedAt: DateTime,
});

/** A page of relying parties, oldest first. */
export const RelyingPartyPage = Page(RelyingParty);

/** The query of the list. */
export const ListRelyingPartiesQuery = Type.Object(pageQuery(['createdAt'] as const, 'createdAt', ['asc'] as const), { additionalProperties: false });

/** The answer that carries a new secret, shown this once: creation, rotation, a change to a secret method. */
export const RelyingPartyWithSecret = Type.Object({
  relyingParty: RelyingParty,
  clientSecret: Nullable(Type.String({ description: 'The client secret. It is stored sealed and cannot be shown again. Null when nothing new was generated.' })),
});

const fields = {
  name: Type.String({ minLength: 1, maxLength: relyingPartyLimits.nameLength }),
  redirectUris: Uris('Where the provider may send the browser back (exact match; https, or http only to loopback; no fragment).'),
  postLogoutRedirectUris: Uris('Where the provider may send the browser after sign-out.'),
  grantTypes: List(GrantType, { minItems: 1, maxItems: relyingPartyGrantTypes.length }),
  tokenEndpointAuthMethod: AuthMethod,
  jwks: Nullable(Jwks),
};

/** The body of `POST /identity/relying-parties`. */
export const CreateRelyingPartyBody = Type.Object(
  {
    name: fields.name,
    redirectUris: Type.Optional(fields.redirectUris),
    postLogoutRedirectUris: Type.Optional(fields.postLogoutRedirectUris),
    grantTypes: fields.grantTypes,
    tokenEndpointAuthMethod: fields.tokenEndpointAuthMethod,
    jwks: Type.Optional(fields.jwks),
  },
  { additionalProperties: false },
);

/** The body of `PATCH /identity/relying-parties/{id}`: the fields to change. */
export const PatchRelyingPartyBody = Type.Object(
  {
    name: Type.Optional(fields.name),
    redirectUris: Type.Optional(fields.redirectUris),
    postLogoutRedirectUris: Type.Optional(fields.postLogoutRedirectUris),
    grantTypes: Type.Optional(fields.grantTypes),
    tokenEndpointAuthMethod: Type.Optional(fields.tokenEndpointAuthMethod),
    jwks: Type.Optional(fields.jwks),
  },
  { additionalProperties: false, minProperties: 1 },
);
