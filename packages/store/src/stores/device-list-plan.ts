import { sql, type RawBuilder, type SqlBool } from 'kysely';
import { WardError, type DeviceFilter, type DeviceSort, type GroupId, type SortOrder, type TenantId } from '@ward/core';
import { lastSeenSentinel } from '../database/sort-sentinels.js';
import { groupsAreSmall } from './groups-are-small.js';
import { containsPattern } from './like-pattern.js';
import { osVersionKey } from './os-version-key.js';
import type { StoreContext } from './store-context.js';

/**
 * Below this many matches a filter counts as selective: the page is found through the filter's
 * index and sorted, instead of read off the sort index. Also the bound of every count below, so a
 * count never costs more than this many index entries.
 */
export const selectiveMatches = 2000;

/** One filter of the device list, in the forms a plan may use. */
interface DeviceCondition {
  /** The test, written so that an index can serve it. */
  readonly indexed: RawBuilder<SqlBool>;
  /** The same test, written so that SQLite uses no index for it (`+column` hides the column). */
  readonly unindexed: RawBuilder<SqlBool>;
  /** How many of the tenant's devices pass, counted through an index up to a bound; absent when no index finds them. */
  readonly count?: () => Promise<number>;
  /** The sort whose key this filter bounds, and from which side (a bound on the sort key narrows the walk). */
  readonly bounds?: { readonly sort: DeviceSort; readonly side: 'lower' | 'upper' };
}

/** How to find one page of devices. */
export interface DeviceListPlan {
  /** The filters, each in the form the plan chose. */
  readonly where: readonly RawBuilder<SqlBool>[];
  /**
   * True: find the devices through one selective filter and sort them (the sort key must then be
   * hidden from the index choice too). False: walk the sort index and test each device.
   */
  readonly sortFound: boolean;
}

/** Hides a column reference or expression from SQLite's index choice; unary plus changes no value. */
function hide(expression: RawBuilder<unknown>): RawBuilder<unknown> {
  return sql`+${expression}`;
}

/**
 * The plan of a device list. PostgreSQL plans well from its statistics and gets every filter in
 * its indexable form. SQLite's planner prefers walking the sort index whenever it can, which costs
 * a row visit per device that fails the filters: ideal when most pass, ruinous when a few hundred
 * of 100,000 do. So on SQLite each filter that an index can count is counted (each count stops at
 * {@link selectiveMatches}); the most selective one under the bound drives the query alone, else
 * the sort index does, and every other filter is hidden from the index choice so the plan is the
 * one chosen here, statistics or not.
 */
export async function planDeviceList(ctx: StoreContext, tenantId: TenantId, filter: DeviceFilter, page: { readonly sort: DeviceSort; readonly order: SortOrder; readonly resuming: boolean }): Promise<DeviceListPlan> {
  const conditions = await deviceConditions(ctx, tenantId, filter);
  if (ctx.dialect !== 'sqlite') return { where: conditions.map((c) => c.indexed), sortFound: false };
  let best: { readonly condition: DeviceCondition; readonly matches: number } | undefined;
  for (const condition of conditions) {
    if (condition.count === undefined) continue;
    const matches = await condition.count();
    if (matches < selectiveMatches && (best === undefined || matches < best.matches)) best = { condition, matches };
  }
  if (best !== undefined) return { where: conditions.map((c) => (c === best.condition ? c.indexed : c.unindexed)), sortFound: true };
  // Walking the sort index, a bound on the sort key stays visible to start or stop the walk there.
  // Resuming, the cursor starts the walk: a second bound on the near side would only confuse
  // SQLite's choice of range (it then may skip-scan and sort), so that one is hidden.
  const near = page.order === 'asc' ? 'lower' : 'upper';
  const visible = (c: DeviceCondition): boolean => c.bounds?.sort === page.sort && !(page.resuming && c.bounds.side === near);
  return { where: conditions.map((c) => (visible(c) ? c.indexed : c.unindexed)), sortFound: false };
}

async function deviceConditions(ctx: StoreContext, tenantId: TenantId, filter: DeviceFilter): Promise<DeviceCondition[]> {
  const { db, dialect, codec } = ctx;
  const conditions: DeviceCondition[] = [];

  /** Counts the tenant's devices passing `test`, up to the bound. */
  const counter = (test: RawBuilder<SqlBool>) => async (): Promise<number> => {
    const matching = db.selectFrom('devices as d').select(sql.lit(1).as('one')).where('d.tenant_id', '=', tenantId).where(test).limit(selectiveMatches);
    const row = await db.selectFrom(matching.as('m')).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    return row.n;
  };
  /** A filter on one column (or indexed expression) that its index can find. */
  /** `counted`: false for a bound nearly every device passes (`> ''`), not worth a count. */
  const onColumn = (column: RawBuilder<unknown>, test: (c: RawBuilder<unknown>) => RawBuilder<SqlBool>, bounds?: DeviceCondition['bounds'], counted = true): DeviceCondition => {
    const indexed = test(column);
    return { indexed, unindexed: test(hide(column)), ...(counted ? { count: counter(indexed) } : {}), ...(bounds === undefined ? {} : { bounds }) };
  };

  if (filter.q !== undefined && filter.q !== '') {
    const like = sql<SqlBool>`d.search_text like ${containsPattern(filter.q)} escape '\\'`;
    conditions.push({ indexed: like, unindexed: like });
    const rare = await rareSearchMatches(ctx, filter.q);
    if (rare !== undefined) {
      const ids = sql`(select rowid from devices_search where devices_search match ${ftsPhrase(filter.q)})`;
      conditions.push({ indexed: sql<SqlBool>`d.search_id in ${ids}`, unindexed: sql<SqlBool>`+d.search_id in ${ids}`, count: () => Promise.resolve(rare) });
    }
  }
  if (filter.primaryUserId !== undefined) {
    const user = filter.primaryUserId;
    conditions.push(onColumn(sql.ref('d.primary_user_id'), (c) => sql<SqlBool>`${c} = ${user}`));
  }
  for (const groupIds of [filter.groupId === undefined ? undefined : [filter.groupId], filter.withinGroups]) {
    if (groupIds !== undefined) conditions.push(await groupCondition(ctx, tenantId, groupIds));
  }
  const inList = (column: string, values: readonly string[] | undefined): void => {
    if (values !== undefined) conditions.push(onColumn(sql.ref(column), (c) => sql<SqlBool>`${c} in (${sql.join(values)})`));
  };
  inList('d.platform', filter.platform);
  inList('d.ownership', filter.ownership === undefined ? undefined : [filter.ownership]);
  inList('d.management_state', filter.managementState === undefined ? undefined : [filter.managementState]);
  inList('d.compliance_state', filter.complianceState);
  // '' is the key of a device without a version; every real key sorts after it. Each bound is
  // its own condition, so that a plan can hide one side and keep the other.
  const osVersion = sql.ref('d.os_version_key');
  if (filter.osVersionMin !== undefined) {
    const min = boundKey(filter.osVersionMin, 'osVersionMin');
    conditions.push(onColumn(osVersion, (c) => sql<SqlBool>`${c} >= ${min}`, { sort: 'osVersion', side: 'lower' }));
  }
  if (filter.osVersionMax !== undefined) {
    const max = boundKey(filter.osVersionMax, 'osVersionMax');
    conditions.push(onColumn(osVersion, (c) => sql<SqlBool>`${c} <= ${max}`, { sort: 'osVersion', side: 'upper' }));
    conditions.push(onColumn(osVersion, (c) => sql<SqlBool>`${c} > ''`, { sort: 'osVersion', side: 'lower' }, false));
  }
  // A device never seen has the sentinel key, before every instant but not "seen before" any.
  const lastSeen = sql.ref('d.last_seen_key');
  if (filter.lastSeenBefore !== undefined) {
    const before = codec.time(filter.lastSeenBefore);
    conditions.push(onColumn(lastSeen, (c) => sql<SqlBool>`${c} < ${before}`, { sort: 'lastSeenAt', side: 'upper' }));
    conditions.push(onColumn(lastSeen, (c) => sql<SqlBool>`${c} > ${lastSeenSentinel(dialect)}`, { sort: 'lastSeenAt', side: 'lower' }, false));
  }
  if (filter.lastSeenAfter !== undefined) {
    const after = codec.time(filter.lastSeenAfter);
    conditions.push(onColumn(lastSeen, (c) => sql<SqlBool>`${c} > ${after}`, { sort: 'lastSeenAt', side: 'lower' }));
  }
  return conditions;
}

/**
 * Membership of any of the groups, directly or through the primary user. Small groups (by their
 * kept member counts) are read as member lists the planner can drive from; large ones are tested
 * per device with two primary-key probes, which finds a page at once when most devices pass.
 */
async function groupCondition(ctx: StoreContext, tenantId: TenantId, groupIds: readonly GroupId[]): Promise<DeviceCondition> {
  const ids = sql.join(groupIds);
  const memberCount = await groupsAreSmall(ctx, tenantId, groupIds);
  if (memberCount === undefined) {
    const probe = sql<SqlBool>`(exists (select 1 from group_members gm where gm.tenant_id = d.tenant_id and gm.group_id in (${ids}) and gm.member_type = 'device' and gm.member_id = d.id)
      or exists (select 1 from group_members gm where gm.tenant_id = d.tenant_id and gm.group_id in (${ids}) and gm.member_type = 'user' and gm.member_id = d.primary_user_id))`;
    return { indexed: probe, unindexed: probe };
  }
  // One list (devices in the groups, and devices of users in the groups) that both planners turn
  // into primary-key lookups; an OR of two lists would leave PostgreSQL testing every device.
  // CROSS JOIN makes SQLite start from the members, as PostgreSQL does by cost anyway.
  const members = sql`(select gm.member_id from group_members gm where gm.tenant_id = ${tenantId} and gm.group_id in (${ids}) and gm.member_type = 'device'
      union all
      select du.id from group_members gm cross join devices du
      where gm.tenant_id = ${tenantId} and gm.group_id in (${ids}) and gm.member_type = 'user' and du.tenant_id = gm.tenant_id and du.primary_user_id = gm.member_id)`;
  const list = (id: RawBuilder<unknown>) => sql<SqlBool>`${id} in ${members}`;
  const id = sql.ref('d.id');
  return { indexed: list(id), unindexed: list(hide(id)), count: () => Promise.resolve(memberCount) };
}

/**
 * On SQLite, how many devices the trigram index finds for a search term, when that is under the
 * bound (undefined otherwise, on PostgreSQL, and for terms under three characters, which have no
 * trigram). Driving from the trigram index is fast for a rare term and slow for one that matches
 * half the fleet, where walking the sort index finds a page at once. PostgreSQL weighs its pg_trgm
 * index from statistics by itself.
 */
async function rareSearchMatches(ctx: StoreContext, q: string): Promise<number | undefined> {
  if (ctx.dialect !== 'sqlite' || Array.from(q).length < 3) return undefined;
  const probe = await sql<{ n: number }>`select count(*) as n from (select rowid from devices_search where devices_search match ${ftsPhrase(q)} limit ${selectiveMatches})`.execute(ctx.db);
  const n = probe.rows[0]?.n ?? selectiveMatches;
  return n < selectiveMatches ? n : undefined;
}

/** An FTS5 phrase matching `q` as a substring under the trigram tokenizer. */
function ftsPhrase(q: string): string {
  return `"${q.toLowerCase().replaceAll('"', '""')}"`;
}

function boundKey(bound: string, field: string): string {
  const key = osVersionKey(bound);
  if (key === '') throw new WardError('INVALID_FILTER', `${field} must be a version such as 14.2.`);
  return key;
}
