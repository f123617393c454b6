import { sql, type Selectable } from 'kysely';
import { sealAuditEvent, type Actor, type AuditDraft, type AuditEvent, type AuditEventId, type AuditTrail, type Origin, type Page, type TenantId } from '@ward/core';
import type { AuditEventsTable } from '../database/schema.js';
import { afterPosition, checkLimit, readCursor, toPage, type KeysetSort } from './keyset.js';
import type { StoreContext } from './store-context.js';

const auditSort: KeysetSort = { name: 'seq', key: sql.ref('seq'), id: sql.ref('id'), type: 'number' };

/**
 * {@link AuditTrail} over `audit_events` and `audit_heads`. An append locks the tenant's head row
 * (SELECT … FOR UPDATE on PostgreSQL; SQLite has a single writer) until its transaction ends, so
 * concurrent appends queue up and each seals onto the one before it.
 */
export function createAuditTrail(ctx: StoreContext): AuditTrail {
  const { db, codec } = ctx;

  const toEvent = (row: Selectable<AuditEventsTable>): AuditEvent => ({
    id: row.id as AuditEventId,
    tenantId: row.tenant_id as TenantId,
    seq: row.seq,
    action: row.action,
    actor: { type: row.actor_type as Actor['type'], id: row.actor_id, name: row.actor_name },
    origin: codec.readJson(row.origin) as Origin,
    target: { type: row.target_type, id: row.target_id },
    before: codec.readJson(row.before),
    after: codec.readJson(row.after),
    occurredAt: codec.readTime(row.occurred_at),
    prevHash: row.prev_hash,
    hash: row.hash,
  });

  const appendAudits = (drafts: readonly AuditDraft[]): Promise<readonly AuditEvent[]> => {
    const first = drafts[0];
    if (first === undefined) return Promise.resolve([]);
    const tenantId = first.tenantId;
    if (drafts.some((d) => d.tenantId !== tenantId)) throw new Error('appendAudits takes the drafts of one tenant');
    return ctx.atomically(async (t) => {
      const headQuery = t.db.selectFrom('audit_heads').select(['seq', 'hash']).where('tenant_id', '=', tenantId);
      const lockHead = () => (t.dialect === 'postgres' ? headQuery.forUpdate() : headQuery).executeTakeFirst();
      let head = await lockHead();
      if (head === undefined) {
        // The tenant's first event: create the head row. Creating it races harmlessly, since a
        // second inserter waits for the first to commit and then inserts nothing; read it again
        // (locked) either way.
        await t.db.insertInto('audit_heads').values({ tenant_id: tenantId, seq: 0, hash: '' }).onConflict((oc) => oc.doNothing()).execute();
        head = await lockHead();
        if (head === undefined) throw new Error('unreachable: the audit head was just created');
      }
      let previous = head.seq === 0 ? null : { seq: head.seq, hash: head.hash };
      const events: AuditEvent[] = [];
      for (const draft of drafts) {
        const event = sealAuditEvent(previous, draft, t.ids.newId(), t.digests);
        events.push(event);
        previous = { seq: event.seq, hash: event.hash };
      }
      // 15 columns a row: 60 rows stay far below SQLite's and PostgreSQL's parameter limits.
      for (let i = 0; i < events.length; i += 60) {
        await t.db
          .insertInto('audit_events')
          .values(
            events.slice(i, i + 60).map((event) => ({
              tenant_id: event.tenantId,
              seq: event.seq,
              id: event.id,
              action: event.action,
              actor_type: event.actor.type,
              actor_id: event.actor.id,
              actor_name: event.actor.name,
              target_type: event.target.type,
              target_id: event.target.id,
              occurred_at: t.codec.time(event.occurredAt),
              prev_hash: event.prevHash,
              hash: event.hash,
              origin: t.codec.json(event.origin),
              before: t.codec.json(event.before),
              after: t.codec.json(event.after),
            })),
          )
          .execute();
      }
      if (previous !== null) await t.db.updateTable('audit_heads').set({ seq: previous.seq, hash: previous.hash }).where('tenant_id', '=', tenantId).execute();
      return events;
    });
  };

  return {
    async appendAudit(draft) {
      const [event] = await appendAudits([draft]);
      if (event === undefined) throw new Error('unreachable: one draft seals one event');
      return event;
    },

    appendAudits,

    async listAudit(tenantId, filter, page): Promise<Page<AuditEvent>> {
      const limit = checkLimit(page.limit);
      const position = readCursor(page.cursor, auditSort, 'desc');
      let query = db.selectFrom('audit_events').selectAll().where('tenant_id', '=', tenantId);
      if (filter.action !== undefined) query = query.where('action', '=', filter.action);
      if (filter.actorId !== undefined) query = query.where('actor_id', '=', filter.actorId);
      if (filter.targetType !== undefined) query = query.where('target_type', '=', filter.targetType);
      if (filter.targetId !== undefined) query = query.where('target_id', '=', filter.targetId);
      // Both bounds inclusive.
      if (filter.from !== undefined) query = query.where('occurred_at', '>=', codec.time(filter.from));
      if (filter.to !== undefined) query = query.where('occurred_at', '<=', codec.time(filter.to));
      if (position !== undefined) query = query.where(afterPosition(auditSort, 'desc', position, codec));
      const rows = await query.orderBy('seq', 'desc').limit(limit + 1).execute();
      return toPage(rows, limit, auditSort.name, 'desc', (row) => ({ value: row.seq, id: row.id }), toEvent);
    },

    async readAuditHead(tenantId) {
      const head = await db.selectFrom('audit_heads').select(['seq', 'hash']).where('tenant_id', '=', tenantId).executeTakeFirst();
      return head === undefined || head.seq === 0 ? null : { seq: head.seq, hash: head.hash };
    },

    async readAuditChain(tenantId, afterSeq, limit) {
      const rows = await db
        .selectFrom('audit_events')
        .selectAll()
        .where('tenant_id', '=', tenantId)
        .where('seq', '>', afterSeq)
        .orderBy('seq')
        .limit(checkLimit(limit))
        .execute();
      return rows.map(toEvent);
    },
  };
}
