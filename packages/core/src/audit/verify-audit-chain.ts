import type { TenantId } from '../kernel/brand.js';
import type { Digests } from '../kernel/ports.js';
import { auditEventHash, genesisHash } from './seal-audit-event.js';
import type { AuditTrail } from './ports.js';

/** The outcome of checking a tenant's audit chain. */
export type AuditChainReport =
  | { readonly intact: true; readonly events: number; readonly headHash: string }
  | {
      readonly intact: false;
      readonly events: number;
      readonly brokenAtSeq: number;
      readonly reason: 'hashMismatch' | 'prevHashMismatch' | 'sequenceGap' | 'headMismatch';
    };

/**
 * Recomputes every hash of a tenant's chain in order, up to the head recorded when verification
 * began. A changed field breaks that event's hash; a deleted or inserted row breaks the sequence or
 * the next event's link; rows cut from the end no longer reach the recorded head.
 */
export async function verifyAuditChain(
  deps: { readonly stores: Pick<AuditTrail, 'readAuditChain' | 'readAuditHead'>; readonly digests: Digests },
  tenantId: TenantId,
  onProgress?: (checked: number) => void,
): Promise<AuditChainReport> {
  const batch = 1000;
  // Read the head first: events appended while we verify are then simply beyond it.
  const head = await deps.stores.readAuditHead(tenantId);
  const lastSeq = head?.seq ?? 0;
  let prevHash = genesisHash;
  let checked = 0;
  while (checked < lastSeq) {
    const events = await deps.stores.readAuditChain(tenantId, checked, Math.min(batch, lastSeq - checked));
    if (events.length === 0) break;
    for (const event of events) {
      const expected = checked + 1;
      if (event.seq !== expected) return { intact: false, events: checked, brokenAtSeq: expected, reason: 'sequenceGap' };
      if (event.prevHash !== prevHash) return { intact: false, events: checked, brokenAtSeq: expected, reason: 'prevHashMismatch' };
      const { hash, ...unsealed } = event;
      if (auditEventHash(unsealed, deps.digests) !== hash) return { intact: false, events: checked, brokenAtSeq: expected, reason: 'hashMismatch' };
      prevHash = hash;
      checked = expected;
    }
    onProgress?.(checked);
  }
  if (checked !== lastSeq || (head !== null && head.hash !== prevHash)) {
    return { intact: false, events: checked, brokenAtSeq: checked + 1, reason: 'headMismatch' };
  }
  return { intact: true, events: checked, headHash: prevHash };
}
