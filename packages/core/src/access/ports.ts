import type { TenantId, UserId } from '../kernel/brand.js';
import type { Page, PageRequest } from '../kernel/pagination.js';
import type { AccessPolicy, AccessPolicyId, AccessPolicyState, SignInOutcome, SignInRecord } from './model.js';

export const accessPolicySorts = ['name', 'createdAt', 'updatedAt'] as const;
export type AccessPolicySort = (typeof accessPolicySorts)[number];

/** Filters of the access policy list; all given ones must hold. */
export interface AccessPolicyFilter {
  /** Case-insensitive substring of the name. */
  readonly q?: string;
  readonly state?: AccessPolicyState;
}

/** Conditional access policies. */
export interface AccessPolicyStore {
  /** The policy with this id. */
  getAccessPolicy(tenantId: TenantId, id: AccessPolicyId): Promise<AccessPolicy | undefined>;
  /** The policy with this name, compared case-insensitively. */
  getAccessPolicyByName(tenantId: TenantId, name: string): Promise<AccessPolicy | undefined>;
  /**
   * Every policy of the tenant (disabled ones included), by id. Decisions compile them once and
   * reuse the result until an `accessPolicy.changed` event; tenants have tens of policies.
   */
  listAllAccessPolicies(tenantId: TenantId): Promise<readonly AccessPolicy[]>;
  /** One page of policies (keyset over `sort`, then id). */
  listAccessPolicies(tenantId: TenantId, filter: AccessPolicyFilter, page: PageRequest<AccessPolicySort>): Promise<Page<AccessPolicy>>;
  /** Adds a policy; false (nothing written) if the name is taken. */
  insertAccessPolicy(policy: AccessPolicy): Promise<boolean>;
  /**
   * Replaces a policy whose stored version is `policy.version - 1`; false (nothing written) if the
   * name is taken by another policy or the stored version differs (a concurrent update).
   */
  updateAccessPolicy(policy: AccessPolicy): Promise<boolean>;
  /** Removes a policy; false if there was none. Sign-in log entries keep its name. */
  deleteAccessPolicy(tenantId: TenantId, id: AccessPolicyId): Promise<boolean>;
}

/** Filters of the sign-in log; all given ones must hold. */
export interface SignInFilter {
  readonly userId?: UserId;
  readonly outcome?: SignInOutcome;
  readonly relyingPartyId?: string;
  /** Attempts at or after this instant. */
  readonly from?: Date;
  /** Attempts before this instant. */
  readonly to?: Date;
}

/**
 * The sign-in log: one row per attempt, append-only, newest first. Sized for every authorization
 * and refresh of every user: each filter is an index range (tenant, filter column, time), and rows
 * older than the retention are pruned in bounded batches.
 */
export interface SignInLog {
  /** Appends one attempt. */
  appendSignIn(record: SignInRecord): Promise<void>;
  /**
   * One page of attempts, newest first (keyset on (at, id) descending; the cursor is opaque and
   * INVALID_CURSOR is thrown as a WardError for one that does not fit).
   */
  listSignIns(tenantId: TenantId, filter: SignInFilter, page: { readonly limit: number; readonly cursor?: string }): Promise<Page<SignInRecord>>;
  /**
   * How many failed attempts (outcome `failure` for a reason in `reasons`) the user has at or
   * after `since`, counting at most `cap` (the count stops there, so a brute-force storm costs a
   * bounded index scan).
   */
  countFailedSignIns(tenantId: TenantId, userId: UserId, since: Date, reasons: readonly string[], cap: number): Promise<number>;
  /** Removes up to `limit` attempts (any tenant) before `before`, oldest first; returns how many. */
  pruneSignIns(before: Date, limit: number): Promise<number>;
}
