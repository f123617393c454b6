import { Type } from '@sinclair/typebox';
import { DateTime, Page, pageQuery } from './common.js';

/** An event of the audit trail. */
export const AuditEvent = Type.Object({
  id: Type.String(),
  seq: Type.Integer({ description: 'Position in the tenant\'s chain: 1, 2, 3…' }),
  action: Type.String({ description: '`noun.verb`, e.g. `user.created`.' }),
  actor: Type.Object({ type: Type.String(), id: Type.String(), name: Type.String() }),
  origin: Type.Object({ via: Type.String(), ip: Type.Optional(Type.String()), userAgent: Type.Optional(Type.String()), requestId: Type.Optional(Type.String()) }),
  target: Type.Object({ type: Type.String(), id: Type.String() }),
  before: Type.Unknown({ description: 'The target before the act; null if it did not exist.' }),
  after: Type.Unknown({ description: 'The target after the act; null if it no longer exists.' }),
  occurredAt: DateTime,
  prevHash: Type.String(),
  hash: Type.String(),
});

/** The query of `GET /audit-events`: newest first, always. */
export const ListAuditQuery = Type.Object(
  {
    ...pageQuery(['occurredAt'] as const, 'occurredAt', ['desc'] as const),
    action: Type.Optional(Type.String({ minLength: 1, maxLength: 100, description: 'Exact action, e.g. `user.created`.' })),
    actorId: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    targetType: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    targetId: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    from: Type.Optional(Type.String({ format: 'date-time', description: 'Events at or after this instant.' })),
    to: Type.Optional(Type.String({ format: 'date-time', description: 'Events before this instant.' })),
  },
  { additionalProperties: false },
);

/** A page of audit events. */
export const AuditPage = Page(AuditEvent);

/** The outcome of verifying the chain. */
export const AuditChainReport = Type.Object({
  intact: Type.Boolean(),
  events: Type.Integer({ description: 'Events checked (up to the break, when there is one).' }),
  headHash: Type.Optional(Type.String()),
  brokenAtSeq: Type.Optional(Type.Integer()),
  reason: Type.Optional(Type.String({ description: 'hashMismatch, prevHashMismatch, sequenceGap or headMismatch.' })),
});
