import type { TenantId } from '../kernel/brand.js';
import type { Page } from '../kernel/pagination.js';
import type { IdentityProviderState, RelyingParty, RelyingPartyId } from './model.js';

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
