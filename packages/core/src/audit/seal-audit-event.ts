import type { AuditEventId } from '../kernel/brand.js';
import type { Digests } from '../kernel/ports.js';
import { canonicalJson } from './canonical-json.js';
import type { AuditDraft, AuditEvent } from './model.js';

/** The hash that starts every tenant's chain. */
export const genesisHash = '0'.repeat(64);

/** The fields the hash covers, in a fixed form. */
function hashedContent(event: Omit<AuditEvent, 'hash'>): string {
  return canonicalJson({
    id: event.id,
    tenantId: event.tenantId,
    seq: event.seq,
    prevHash: event.prevHash,
    action: event.action,
    actor: event.actor,
    origin: event.origin,
    target: event.target,
    before: event.before,
    after: event.after,
    occurredAt: event.occurredAt,
  });
}

/** The hash an event must carry, given its content and its predecessor's hash. */
export function auditEventHash(event: Omit<AuditEvent, 'hash'>, digests: Digests): string {
  return digests.sha256Hex(hashedContent(event));
}

/**
 * Seals a draft onto the end of a chain whose head is `previous` (null for the first event).
 * Storage calls this while holding the chain head, so the sequence has no gaps or forks.
 */
export function sealAuditEvent(previous: { readonly seq: number; readonly hash: string } | null, draft: AuditDraft, id: string, digests: Digests): AuditEvent {
  const unsealed: Omit<AuditEvent, 'hash'> = {
    ...draft,
    // Stored values round-trip through JSON; sealing the same form keeps verification exact.
    before: JSON.parse(canonicalJson(draft.before ?? null)) as unknown,
    after: JSON.parse(canonicalJson(draft.after ?? null)) as unknown,
    id: id as AuditEventId,
    seq: (previous?.seq ?? 0) + 1,
    prevHash: previous?.hash ?? genesisHash,
  };
  return { ...unsealed, hash: auditEventHash(unsealed, digests) };
}
