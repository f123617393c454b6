import { recordAudit } from '../audit/record-audit.js';
import type { AuditTrail } from '../audit/ports.js';
import type { UserId } from '../kernel/brand.js';
import type { Principal } from '../kernel/context.js';
import type { Deps } from '../kernel/deps.js';
import type { ErrorCode } from '../kernel/errors.js';
import type { EventPublisher } from '../kernel/events.js';
import { fail, ok, type Result } from '../kernel/result.js';
import { holdsTenantWide } from './authorize.js';
import type { Group, User } from './model.js';
import type { GroupStore, UserStore } from './ports.js';
import { refreshUserMemberships, type DynamicGroupCache, type MembershipStores } from './refresh-memberships.js';
import { validateUserFields, type ValidUserFields } from './validate-user-fields.js';

/** One data row of an import file, as the CSV adapter read it: header name → cell text. */
export interface ImportRow {
  /** 1-based line in the file, for error messages. */
  readonly line: number;
  readonly cells: Readonly<Record<string, string>>;
}

/** A problem on one line of an import. */
export interface ImportProblem {
  readonly line: number;
  readonly field?: string;
  readonly message: string;
}

/** What an import did. */
export interface ImportSummary {
  readonly created: number;
  readonly updated: number;
  readonly unchanged: number;
  readonly memberships: number;
}

/** Columns of a user import. `email` and `displayName` are required; `groups` lists static user groups by name, `;`-separated. */
export const userImportColumns = ['email', 'displayName', 'givenName', 'surname', 'department', 'jobTitle', 'employeeId', 'disabled', 'groups'] as const;

/** Reports at most this many problems; the file needs fixing either way. */
const maxProblems = 50;

export type ImportUsersStores = Pick<UserStore, 'getUserByEmail' | 'insertUser' | 'updateUser'> & Pick<GroupStore, 'getGroupByName' | 'addMembers'> & MembershipStores & AuditTrail & EventPublisher;

function sameFields(user: User, fields: ValidUserFields): boolean {
  return (Object.keys(fields) as (keyof ValidUserFields)[]).every((k) => JSON.stringify(user[k]) === JSON.stringify(fields[k]));
}

/**
 * Creates or updates users (matched by e-mail) from rows, and adds them to the static groups their
 * `groups` cell names; `attr.NAME` columns become extra attributes. Every row is validated before
 * anything is written; then all rows apply in one transaction, so an interrupted import leaves the
 * directory as it was.
 */
export async function importUsers(
  deps: Deps<ImportUsersStores>,
  principal: Principal,
  rows: readonly ImportRow[],
  onProgress?: (done: number, total: number) => void,
): Promise<Result<ImportSummary, ErrorCode>> {
  if (!holdsTenantWide(principal, 'directory.write')) return fail('FORBIDDEN', 'Imports need tenant-wide directory.write.');
  const problems: ImportProblem[] = [];
  const parsed: { line: number; fields: ValidUserFields; groups: string[] }[] = [];
  const seen = new Map<string, number>();
  for (const row of rows) {
    if (problems.length >= maxProblems) break;
    const c = row.cells;
    const attributes: Record<string, string> = {};
    for (const [k, v] of Object.entries(c)) if (k.startsWith('attr.') && v.trim() !== '') attributes[k.slice(5)] = v;
    const disabledText = (c.disabled ?? '').trim().toLowerCase();
    if (!['', 'true', 'false', 'yes', 'no', '1', '0'].includes(disabledText)) {
      problems.push({ line: row.line, field: 'disabled', message: 'disabled must be true or false.' });
      continue;
    }
    const fields = validateUserFields({
      email: c.email ?? '',
      displayName: c.displayName ?? '',
      givenName: c.givenName ?? null,
      surname: c.surname ?? null,
      department: c.department ?? null,
      jobTitle: c.jobTitle ?? null,
      employeeId: c.employeeId ?? null,
      attributes,
      disabled: ['true', 'yes', '1'].includes(disabledText),
    });
    if (!fields.ok) {
      problems.push({ line: row.line, ...(typeof fields.details?.field === 'string' ? { field: fields.details.field } : {}), message: fields.message });
      continue;
    }
    const earlier = seen.get(fields.value.email);
    if (earlier !== undefined) {
      problems.push({ line: row.line, field: 'email', message: `${fields.value.email} appears already on line ${earlier}.` });
      continue;
    }
    seen.set(fields.value.email, row.line);
    const groups = (c.groups ?? '').split(';').map((g) => g.trim()).filter((g) => g !== '');
    parsed.push({ line: row.line, fields: fields.value, groups });
  }
  if (problems.length > 0) return fail('IMPORT_INVALID', `The file has ${problems.length}${problems.length >= maxProblems ? '+' : ''} problems; nothing was imported.`, { problems });
  return deps.tx.transaction(async (s) => {
    const now = deps.clock.now();
    const groupCache = new Map<string, Group | undefined>();
    const dynamicGroups: DynamicGroupCache = {};
    let created = 0;
    let updated = 0;
    let unchanged = 0;
    let memberships = 0;
    for (const [index, row] of parsed.entries()) {
      let user = await s.getUserByEmail(principal.tenantId, row.fields.email);
      if (user === undefined) {
        user = { id: deps.ids.newId() as UserId, tenantId: principal.tenantId, ...row.fields, createdAt: now, updatedAt: now };
        if (!(await s.insertUser(user))) return fail('IMPORT_INVALID', `Line ${row.line}: ${row.fields.email} could not be added.`, { problems: [{ line: row.line, field: 'email', message: 'e-mail taken' }] });
        await recordAudit(s, principal, now, 'user.created', { type: 'user', id: user.id }, null, user);
        created++;
      } else if (!sameFields(user, row.fields)) {
        const after: User = { ...user, ...row.fields, updatedAt: now };
        await s.updateUser(after);
        await recordAudit(s, principal, now, 'user.updated', { type: 'user', id: user.id }, user, after);
        user = after;
        updated++;
      } else {
        unchanged++;
      }
      for (const name of row.groups) {
        const key = name.toLowerCase();
        if (!groupCache.has(key)) groupCache.set(key, await s.getGroupByName(principal.tenantId, name));
        const group = groupCache.get(key);
        if (group?.membershipType !== 'static' || group.memberType !== 'user') {
          return fail('IMPORT_INVALID', `Line ${row.line}: no static user group named ${name}; nothing was imported.`, { problems: [{ line: row.line, field: 'groups', message: `no static user group named ${name}` }] });
        }
        const added = await s.addMembers(principal.tenantId, group.id, [{ memberType: 'user', memberId: user.id }], now);
        if (added > 0) await recordAudit(s, principal, now, 'group.membersChanged', { type: 'group', id: group.id }, null, { memberType: 'user', added: [user.id], removed: [] });
        memberships += added;
      }
      await refreshUserMemberships(s, principal.tenantId, user, now, dynamicGroups);
      s.publish({ type: 'user.changed', tenantId: principal.tenantId, subject: user.id });
      if ((index + 1) % 500 === 0 || index + 1 === parsed.length) onProgress?.(index + 1, parsed.length);
    }
    return ok({ created, updated, unchanged, memberships });
  });
}
