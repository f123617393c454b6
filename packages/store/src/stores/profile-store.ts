import { sql, type Selectable, type SqlBool } from 'kysely';
import type { Page, Platform, Profile, ProfileContent, ProfileId, ProfileSort, ProfileStore, TenantId } from '@ward/core';
import type { ProfilesTable } from '../database/schema.js';
import { afterPosition, checkLimit, cursorValue, readCursor, toPage, type KeysetSort } from './keyset.js';
import { jsonArrayContains } from './json-array-contains.js';
import { containsPattern } from './like-pattern.js';
import { chunks, unlessUniqueViolation, type StoreContext } from './store-context.js';

const profileSortKeys: Record<ProfileSort, { readonly column: 'name_key' | 'created_at' | 'updated_at'; readonly type: 'text' | 'time' }> = {
  name: { column: 'name_key', type: 'text' },
  createdAt: { column: 'created_at', type: 'time' },
  updatedAt: { column: 'updated_at', type: 'time' },
};

/**
 * {@link ProfileStore} over `profiles`. The kind's body is one JSON column, stored as given:
 * `createStores` wraps this store in `sealProfileStore`, so its secrets arrive here sealed (core
 * decides what leaves through reads). Names are unique case-insensitively through `name_key`;
 * updates compare and set `version`.
 */
export function createProfileStore(ctx: StoreContext): ProfileStore {
  const { db, codec, dialect } = ctx;

  const toProfile = (row: Selectable<ProfilesTable>): Profile => {
    // The kind column and the body were written together from one ProfileContent.
    const content = { kind: row.kind, body: codec.readJson(row.body) } as ProfileContent;
    return {
      id: row.id as ProfileId,
      tenantId: row.tenant_id as TenantId,
      name: row.name,
      description: row.description,
      platforms: codec.readJson(row.platforms) as Platform[],
      version: row.version,
      createdAt: codec.readTime(row.created_at),
      updatedAt: codec.readTime(row.updated_at),
      ...content,
    };
  };

  const columns = (profile: Profile) => ({
    name: profile.name,
    name_key: profile.name.toLowerCase(),
    description: profile.description,
    kind: profile.kind,
    version: profile.version,
    updated_at: codec.time(profile.updatedAt),
    platforms: codec.json(profile.platforms),
    body: codec.json(profile.body),
  });

  return {
    async getProfile(tenantId, id) {
      const row = await db.selectFrom('profiles').selectAll().where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
      return row && toProfile(row);
    },

    async getProfileByName(tenantId, name) {
      const row = await db.selectFrom('profiles').selectAll().where('tenant_id', '=', tenantId).where('name_key', '=', name.toLowerCase()).executeTakeFirst();
      return row && toProfile(row);
    },

    async getProfiles(tenantId, ids) {
      const profiles: Profile[] = [];
      for (const part of chunks([...new Set(ids)])) {
        const rows = await db.selectFrom('profiles').selectAll().where('tenant_id', '=', tenantId).where('id', 'in', part).execute();
        profiles.push(...rows.map(toProfile));
      }
      return profiles;
    },

    async listAllProfiles(tenantId) {
      const rows = await db.selectFrom('profiles').selectAll().where('tenant_id', '=', tenantId).orderBy('id').execute();
      return rows.map(toProfile);
    },

    async listProfiles(tenantId, filter, page): Promise<Page<Profile>> {
      const limit = checkLimit(page.limit);
      const { column, type } = profileSortKeys[page.sort];
      const sort: KeysetSort = { name: page.sort, key: sql.ref(`p.${column}`), id: sql.ref('p.id'), type };
      const position = readCursor(page.cursor, sort, page.order);
      let query = db.selectFrom('profiles as p').selectAll('p').where('p.tenant_id', '=', tenantId);
      if (position !== undefined) query = query.where(afterPosition(sort, page.order, position, codec));
      if (filter.q !== undefined && filter.q !== '') query = query.where(sql<SqlBool>`p.name_key like ${containsPattern(filter.q)} escape '\\'`);
      if (filter.kind !== undefined) query = query.where('p.kind', '=', filter.kind);
      if (filter.platform !== undefined) query = query.where(jsonArrayContains(dialect, 'p.platforms', filter.platform));
      const rows = await query.orderBy(sort.key, page.order).orderBy(sort.id, page.order).limit(limit + 1).execute();
      return toPage(rows, limit, page.sort, page.order, (row) => ({ value: cursorValue(sort, row[column], codec), id: row.id }), toProfile);
    },

    async insertProfile(profile) {
      const result = await db
        .insertInto('profiles')
        .values({ tenant_id: profile.tenantId, id: profile.id, ...columns(profile), created_at: codec.time(profile.createdAt) })
        .onConflict((oc) => oc.doNothing())
        .executeTakeFirst();
      return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
    },

    async updateProfile(profile) {
      let updated = 0;
      const written = await unlessUniqueViolation(ctx, async () => {
        const result = await db
          .updateTable('profiles')
          .set(columns(profile))
          .where('tenant_id', '=', profile.tenantId)
          .where('id', '=', profile.id)
          .where('version', '=', profile.version - 1)
          .executeTakeFirst();
        updated = Number(result.numUpdatedRows);
      });
      return written && updated === 1;
    },

    async deleteProfile(tenantId, id) {
      const result = await db.deleteFrom('profiles').where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    },
  };
}
