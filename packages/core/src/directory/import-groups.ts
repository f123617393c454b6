import { recordAudit } from '../audit/record-audit.js';
import type { AuditTrail } from '../audit/ports.js';
import type { DeviceStore } from '../devices/ports.js';
import type { DeviceId, GroupId } from '../kernel/brand.js';
import type { Principal } from '../kernel/context.js';
import type { Deps } from '../kernel/deps.js';
import type { ErrorCode } from '../kernel/errors.js';
import type { EventPublisher, JobEnqueuer } from '../kernel/events.js';
import { fail, ok, type Result } from '../kernel/result.js';
import { holdsTenantWide } from './authorize.js';
import { enqueueMembershipChange, type MembershipChangeStores } from './membership-change-jobs.js';
import type { ImportProblem, ImportRow, ImportSummary } from './import-users.js';
import type { Group } from './model.js';
import type { GroupStore, UserStore } from './ports.js';
import { recomputeGroupJob } from './recompute-group-members.js';
import { validateGroupFields, type ValidGroupFields } from './validate-group-fields.js';

/**
 * Columns of a group import: `name` (required), `description`, `membershipType` (static|dynamic,
 * default static), `memberType` (user|device, default user), `rule` (dynamic groups), `members`
 * (static groups: `;`-separated user e-mails, or device ids or serial numbers).
 */
export const groupImportColumns = ['name', 'description', 'membershipType', 'memberType', 'rule', 'members'] as const;

export type ImportGroupsStores = Pick<GroupStore, 'getGroupByName' | 'insertGroup' | 'updateGroup' | 'addMembers'> &
  Pick<UserStore, 'getUserByEmail'> &
  Pick<DeviceStore, 'getDevices' | 'listDevices'> &
  MembershipChangeStores &
  AuditTrail &
  EventPublisher &
  JobEnqueuer;

/**
 * Creates or updates groups (matched by name) and adds the listed members, all in one transaction.
 * Rows are validated first (rules parse, names unique in the file); an unknown member refuses the
 * whole import.
 */
export async function importGroups(
  deps: Deps<ImportGroupsStores>,
  principal: Principal,
  rows: readonly ImportRow[],
  onProgress?: (done: number, total: number) => void,
): Promise<Result<ImportSummary, ErrorCode>> {
  if (!holdsTenantWide(principal, 'groups.write')) return fail('FORBIDDEN', 'Group imports need tenant-wide groups.write.');
  const problems: ImportProblem[] = [];
  const parsed: { line: number; fields: ValidGroupFields; members: string[] }[] = [];
  const seen = new Map<string, number>();
  for (const row of rows) {
    if (problems.length >= 50) break;
    const c = row.cells;
    const membershipType = (c.membershipType ?? '').trim() || 'static';
    const memberType = (c.memberType ?? '').trim() || 'user';
    const fields = validateGroupFields({
      name: c.name ?? '',
      description: c.description ?? '',
      membershipType: membershipType as ValidGroupFields['membershipType'],
      memberType: memberType as ValidGroupFields['memberType'],
      rule: c.rule ?? null,
    });
    if (!fields.ok) {
      problems.push({ line: row.line, ...(typeof fields.details?.field === 'string' ? { field: fields.details.field } : {}), message: fields.message });
      continue;
    }
    const key = fields.value.name.toLowerCase();
    const earlier = seen.get(key);
    if (earlier !== undefined) {
      problems.push({ line: row.line, field: 'name', message: `${fields.value.name} appears already on line ${earlier}.` });
      continue;
    }
    seen.set(key, row.line);
    const members = (c.members ?? '').split(';').map((m) => m.trim()).filter((m) => m !== '');
    if (members.length > 0 && fields.value.membershipType === 'dynamic') {
      problems.push({ line: row.line, field: 'members', message: 'A dynamic group takes its members from its rule; leave members empty.' });
      continue;
    }
    parsed.push({ line: row.line, fields: fields.value, members });
  }
  if (problems.length > 0) return fail('IMPORT_INVALID', `The file has ${problems.length}${problems.length >= 50 ? '+' : ''} problems; nothing was imported.`, { problems });
  return deps.tx.transaction(async (s) => {
    const now = deps.clock.now();
    let created = 0;
    let updated = 0;
    let unchanged = 0;
    let memberships = 0;
    for (const [index, row] of parsed.entries()) {
      const existing = await s.getGroupByName(principal.tenantId, row.fields.name);
      let group: Group;
      if (existing === undefined) {
        group = { id: deps.ids.newId() as GroupId, tenantId: principal.tenantId, ...row.fields, memberCount: 0, createdAt: now, updatedAt: now };
        if (!(await s.insertGroup(group))) return fail('GROUP_NAME_TAKEN', `Line ${row.line}: a group named ${group.name} exists already.`);
        await recordAudit(s, principal, now, 'group.created', { type: 'group', id: group.id }, null, group);
        if (group.membershipType === 'dynamic') await s.enqueue(recomputeGroupJob(group));
        created++;
      } else {
        if (existing.memberType !== row.fields.memberType) {
          return fail('IMPORT_INVALID', `Line ${row.line}: ${existing.name} holds ${existing.memberType}s; its member type cannot change.`, { problems: [{ line: row.line, field: 'memberType', message: 'member type differs from the existing group' }] });
        }
        const same = existing.description === row.fields.description && existing.membershipType === row.fields.membershipType && existing.rule === row.fields.rule && existing.name === row.fields.name;
        group = same ? existing : { ...existing, ...row.fields, updatedAt: now };
        if (!same) {
          await s.updateGroup(group);
          await recordAudit(s, principal, now, 'group.updated', { type: 'group', id: group.id }, existing, group);
          if (group.membershipType === 'dynamic' && group.rule !== existing.rule) await s.enqueue(recomputeGroupJob(group));
          updated++;
        } else unchanged++;
      }
      if (row.members.length > 0) {
        const ids: string[] = [];
        for (const ref of row.members) {
          const id = group.memberType === 'user' ? (await s.getUserByEmail(principal.tenantId, ref.toLowerCase()))?.id : await findDevice(s, principal, ref);
          if (id === undefined) {
            return fail('IMPORT_INVALID', `Line ${row.line}: no ${group.memberType} ${ref}; nothing was imported.`, { problems: [{ line: row.line, field: 'members', message: `no ${group.memberType} ${ref}` }] });
          }
          ids.push(id);
        }
        const added = await s.addMembers(principal.tenantId, group.id, ids.map((memberId) => ({ memberType: group.memberType, memberId })), now);
        if (added > 0) {
          // A group created by this import has no assignments yet; an existing one may.
          if (existing !== undefined) await enqueueMembershipChange(s, principal.tenantId, group, ids);
          await recordAudit(s, principal, now, 'group.membersChanged', { type: 'group', id: group.id }, null, { memberType: group.memberType, added: ids, removed: [] });
        }
        memberships += added;
      }
      s.publish({ type: 'group.changed', tenantId: principal.tenantId, subject: group.id });
      onProgress?.(index + 1, parsed.length);
    }
    return ok({ created, updated, unchanged, memberships });
  });
}

async function findDevice(s: Pick<DeviceStore, 'getDevices' | 'listDevices'>, principal: Principal, ref: string): Promise<string | undefined> {
  const byId = await s.getDevices(principal.tenantId, [ref as DeviceId]);
  if (byId[0] !== undefined) return byId[0].id;
  // A serial number: the search matches substrings, so keep only an exact, unique match.
  const page = await s.listDevices(principal.tenantId, { q: ref }, { limit: 20, sort: 'name', order: 'asc' });
  const exact = page.items.filter((d) => d.serialNumber?.toLowerCase() === ref.toLowerCase());
  return exact.length === 1 ? exact[0]?.id : undefined;
}
