import type { Brand, TenantId } from '../kernel/brand.js';

/** A relying party's id, which is also its OAuth `client_id` (RFC 6749 §2.2): unique across tenants. */
export type RelyingPartyId = Brand<string, 'RelyingPartyId'>;

/** The grant types a relying party may be allowed (RFC 6749 §4.1, §6, §4.4). */
export const relyingPartyGrantTypes = ['authorization_code', 'refresh_token', 'client_credentials'] as const;
export type RelyingPartyGrantType = (typeof relyingPartyGrantTypes)[number];

/**
 * How a relying party authenticates at the token endpoint (OpenID Connect Core §9): a shared secret
 * in the Authorization header or the body, a JWT signed with a key from its JWKS (RFC 7523), or
 * nothing (`none`: a public client such as a single-page or native app, which must use PKCE).
 */
export const tokenEndpointAuthMethods = ['client_secret_basic', 'client_secret_post', 'private_key_jwt', 'none'] as const;
export type TokenEndpointAuthMethod = (typeof tokenEndpointAuthMethods)[number];

/** Whether `method` authenticates with a client secret Ward generates. */
export function usesClientSecret(method: TokenEndpointAuthMethod): boolean {
  return method === 'client_secret_basic' || method === 'client_secret_post';
}

/** A JSON Web Key as RFC 7517 §4 defines it: members by name, `kty` always present. Public keys only. */
export type RelyingPartyJwk = Readonly<Record<string, unknown>>;

/** A relying party's public keys (RFC 7517 §5), for `private_key_jwt`. */
export interface RelyingPartyJwks {
  readonly keys: readonly RelyingPartyJwk[];
}

/** Bounds on what an admin may register, so one relying party stays a small row. */
export const relyingPartyLimits = {
  nameLength: 200,
  redirectUris: 20,
  uriLength: 2000,
  jwksKeys: 10,
  jwksBytes: 16 * 1024,
  /** Bytes of randomness in a generated client secret (base64url, 43 characters). */
  secretBytes: 32,
} as const;

/**
 * A service that relies on Ward's OpenID Connect provider for sign-in (issue 6 §1): the OAuth client
 * an admin registered. `clientSecret` is the plaintext the store seals at rest; it is null for
 * `private_key_jwt` and `none`.
 */
export interface RelyingParty {
  readonly tenantId: TenantId;
  /** Also the `client_id`. */
  readonly id: RelyingPartyId;
  readonly name: string;
  readonly redirectUris: readonly string[];
  readonly postLogoutRedirectUris: readonly string[];
  readonly grantTypes: readonly RelyingPartyGrantType[];
  readonly tokenEndpointAuthMethod: TokenEndpointAuthMethod;
  /** The public keys of `private_key_jwt`; null for the other methods. */
  readonly jwks: RelyingPartyJwks | null;
  readonly clientSecret: string | null;
  readonly createdAt: Date;
  readonly updatedAt: Date;
  /** When the current secret was generated; null when the relying party has none. */
  readonly secretIssuedAt: Date | null;
}

/** What the API and the audit trail show of a relying party: never its secret. */
export interface RelyingPartyView extends Omit<RelyingParty, 'clientSecret'> {
  readonly clientId: string;
  readonly hasSecret: boolean;
}

/** The view of `party`, without its secret. */
export function viewRelyingParty(party: RelyingParty): RelyingPartyView {
  const { clientSecret, ...rest } = party;
  return { ...rest, clientId: party.id, hasSecret: clientSecret !== null };
}

/**
 * One piece of the OpenID provider's state (oidc-provider's adapter contract): a session, an
 * interaction, an authorization code, an access or refresh token, a grant, a replay-detection
 * entry, a pushed authorization request… Kept in Ward's database so that it survives restarts and
 * is shared by every node.
 */
export interface IdentityProviderState {
  /** The oidc-provider model name (`Session`, `AccessToken`, `Grant`, …). */
  readonly model: string;
  readonly id: string;
  /** The model's payload as oidc-provider stores it (plain JSON). */
  readonly payload: Readonly<Record<string, unknown>>;
  /** The grant the token or code belongs to: revoking the grant deletes them all. */
  readonly grantId: string | null;
  /** A session's `uid`. */
  readonly uid: string | null;
  /** A device flow's user code. */
  readonly userCode: string | null;
  /** The client the state belongs to, if any: deleting the relying party deletes its state. */
  readonly clientId: string | null;
  /** When the state lapses; null when it does not expire by time. */
  readonly expiresAt: Date | null;
  /** When a one-time object (a code, a rotated refresh token) was used; null while unused. */
  readonly consumedAt: Date | null;
}

// ---------------------------------------------------------------------------------------------
// Upstream federation (issue 6 §2): external OpenID providers users may sign in with
// ---------------------------------------------------------------------------------------------

/** An upstream identity provider's id (a UUIDv7, so ids sort by creation). */
export type UpstreamProviderId = Brand<string, 'UpstreamProviderId'>;

/** Bounds on what an admin may register, so the sign-in page and one row stay small. */
export const upstreamProviderLimits = {
  /** Shown on the sign-in page's button: "Sign in with <name>". */
  nameLength: 100,
  issuerLength: 2000,
  clientIdLength: 255,
  clientSecretLength: 1024,
  scopes: 20,
  scopeLength: 100,
  /** Providers per tenant: every one is a button on the sign-in page. */
  perTenant: 20,
} as const;

/** The scopes asked of an upstream unless an admin says otherwise (OpenID Connect Core §5.4). */
export const defaultUpstreamScopes = ['openid', 'email', 'profile'] as const;

/**
 * An external OpenID Connect provider whose users may sign in to Ward (issue 6 §2, "upstream
 * federation"): Ward is its relying party, registered there with `clientId`/`clientSecret` and
 * the one callback `<publicUrl>/interaction/federated/callback`. A person who signs in upstream is
 * matched to the tenant's directory user with the same e-mail. `clientSecret` is the plaintext the
 * store seals at rest; the API never returns it.
 */
export interface UpstreamProvider {
  readonly tenantId: TenantId;
  readonly id: UpstreamProviderId;
  /** Unique within the tenant, compared case-insensitively. */
  readonly name: string;
  /** The upstream's issuer identifier (https); its discovery document is `<issuer>/.well-known/openid-configuration`. */
  readonly issuer: string;
  readonly clientId: string;
  readonly clientSecret: string;
  /** Asked for at the upstream; always includes `openid`. */
  readonly scopes: readonly string[];
  /** Whether the sign-in page offers it. */
  readonly enabled: boolean;
  /** Refuse an upstream identity whose `email_verified` is not `true` (default true). */
  readonly requireVerifiedEmail: boolean;
  /** 1 on create, +1 on every change. */
  readonly version: number;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

/** What the API and the audit trail show of an upstream provider: never its secret. */
export type UpstreamProviderView = Omit<UpstreamProvider, 'clientSecret'>;

/** The view of `provider`, without its secret. */
export function viewUpstreamProvider(provider: UpstreamProvider): UpstreamProviderView {
  const { clientSecret: _secret, ...rest } = provider;
  return rest;
}
