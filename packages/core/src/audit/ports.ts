import type { TenantId } from '../kernel/brand.js';
import type { Page } from '../kernel/pagination.js';
import type { AuditDraft, AuditEvent } from './model.js';

/** Filters of the audit list. */
export interface AuditFilter {
  readonly action?: string;
  readonly actorId?: string;
  readonly targetType?: string;
  readonly targetId?: string;
  readonly from?: Date;
  readonly to?: Date;
}

/** The append-only audit trail. */
export interface AuditTrail {
  /**
   * Seals the draft onto the end of the tenant's chain (with `sealAuditEvent`) and stores it, inside
   * the caller's transaction, holding the chain head so concurrent writers cannot fork the chain.
   */
  appendAudit(draft: AuditDraft): Promise<AuditEvent>;
  /**
   * Seals several drafts of one tenant onto the chain in order and stores them, as `appendAudit`
   * does one by one, with one read and one update of the head: for bulk acts (an action for
   * thousands of devices) that audit each target.
   */
  appendAudits(drafts: readonly AuditDraft[]): Promise<readonly AuditEvent[]>;
  /** One page of events, newest first; the cursor is opaque. */
  listAudit(tenantId: TenantId, filter: AuditFilter, page: { readonly limit: number; readonly cursor?: string }): Promise<Page<AuditEvent>>;
  /** The tenant's chain head as recorded beside the events (null before the first event). */
  readAuditHead(tenantId: TenantId): Promise<{ readonly seq: number; readonly hash: string } | null>;
  /** Events in chain order from `afterSeq` (exclusive), at most `limit` (for verification). */
  readAuditChain(tenantId: TenantId, afterSeq: number, limit: number): Promise<readonly AuditEvent[]>;
}
