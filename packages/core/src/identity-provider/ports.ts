import type { TenantId } from '../kernel/brand.js';
import type { Page } from '../kernel/pagination.js';
import type { IdentityProviderState, RelyingParty, RelyingPartyId, UpstreamProvider, UpstreamProviderId } from './model.js';

/**
 * The relying parties admins registered. The store seals `clientSecret` under the master key and
 * opens it on read; the domain only ever sees plaintext.
 */
export interface RelyingPartyStore {
  /** Records a new relying party. */
  insertRelyingParty(party: RelyingParty): Promise<void>;
  /** The tenant's relying party `id`, or undefined. */
  getRelyingParty(tenantId: TenantId, id: RelyingPartyId): Promise<RelyingParty | undefined>;
  /**
   * The relying party whose `client_id` is `clientId`, whatever its tenant: the provider has one
   * issuer for every tenant and knows only the client id a request names.
   */
  findRelyingPartyByClientId(clientId: string): Promise<RelyingParty | undefined>;
  /** One page of the tenant's relying parties, oldest first (ids are time-ordered). */
  listRelyingParties(tenantId: TenantId, page: { readonly limit: number; readonly cursor?: string }): Promise<Page<RelyingParty>>;
  /** Replaces the stored relying party with the same tenant and id. */
  updateRelyingParty(party: RelyingParty): Promise<void>;
  /** Deletes the relying party; false when there was none. */
  deleteRelyingParty(tenantId: TenantId, id: RelyingPartyId): Promise<boolean>;
}

/**
 * The OpenID provider's state (the models of oidc-provider's adapter: sessions, interactions,
 * codes, tokens, grants…), one row each, keyed by model and id. Not tenant-scoped: the provider has
 * one issuer, and each token names its client and account.
 */
export interface IdentityProviderStateStore {
  /** Inserts or replaces the state with the same model and id, consumption mark included. */
  upsertIdpState(state: IdentityProviderState): Promise<void>;
  /**
   * Writes the state only when none with its model and id exists: true when this call wrote it,
   * false (nothing changed) when one was there. The single-use marks of assertions (`jti`) need
   * it: of two sign-ins racing with one assertion, exactly one is first.
   */
  insertIdpStateIfAbsent(state: IdentityProviderState): Promise<boolean>;
  /** The state, expired or not (the caller decides), or undefined. */
  findIdpState(model: string, id: string): Promise<IdentityProviderState | undefined>;
  /** The state of `model` whose uid is `uid` (sessions), or undefined. */
  findIdpStateByUid(model: string, uid: string): Promise<IdentityProviderState | undefined>;
  /** The state of `model` whose user code is `userCode` (device flow), or undefined. */
  findIdpStateByUserCode(model: string, userCode: string): Promise<IdentityProviderState | undefined>;
  /**
   * Marks a one-time state used at `at`, once: returns false (nothing changed) when it was already
   * consumed or does not exist, so of two racing redemptions exactly one wins.
   */
  consumeIdpState(model: string, id: string, at: Date): Promise<boolean>;
  /** Deletes the state; nothing when absent. */
  destroyIdpState(model: string, id: string): Promise<void>;
  /** Deletes every state of the grant (codes, access and refresh tokens of every model); how many. */
  revokeIdpStatesByGrantId(grantId: string): Promise<number>;
  /** Deletes every state that names `clientId` (its relying party was deleted); how many. */
  deleteIdpStatesByClientId(clientId: string): Promise<number>;
  /** Deletes at most `limit` states that expired before `before`; how many. */
  purgeExpiredIdpStates(before: Date, limit: number): Promise<number>;
}

/**
 * The upstream identity providers admins registered (issue 6 §2). The store seals `clientSecret`
 * under the master key and opens it on read; the domain only ever sees plaintext.
 */
export interface UpstreamProviderStore {
  /** Records a new provider; false (nothing written) when the tenant has one of that name already. */
  insertUpstreamProvider(provider: UpstreamProvider): Promise<boolean>;
  /** The tenant's provider `id`, or undefined. */
  getUpstreamProvider(tenantId: TenantId, id: UpstreamProviderId): Promise<UpstreamProvider | undefined>;
  /** The tenant's provider named `name` (case-insensitively), or undefined. */
  getUpstreamProviderByName(tenantId: TenantId, name: string): Promise<UpstreamProvider | undefined>;
  /** One page of the tenant's providers, oldest first (ids are time-ordered). */
  listUpstreamProviders(tenantId: TenantId, page: { readonly limit: number; readonly cursor?: string }): Promise<Page<UpstreamProvider>>;
  /** The tenant's enabled providers, oldest first, at most `limit` (the sign-in page's buttons). */
  listEnabledUpstreamProviders(tenantId: TenantId, limit: number): Promise<readonly UpstreamProvider[]>;
  /** How many providers the tenant has. */
  countUpstreamProviders(tenantId: TenantId): Promise<number>;
  /**
   * Replaces the stored provider if it is still at `provider.version - 1`; false when another
   * writer changed it first or the new name is taken.
   */
  updateUpstreamProvider(provider: UpstreamProvider): Promise<boolean>;
  /** Deletes the provider; false when there was none. */
  deleteUpstreamProvider(tenantId: TenantId, id: UpstreamProviderId): Promise<boolean>;
}
