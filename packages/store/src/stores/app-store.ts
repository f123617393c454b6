import { sql, type Selectable, type SqlBool } from 'kysely';
import type { App, AppDetails, AppIcon, AppId, AppSort, AppStore, AppVersionId, Page, Platform, TenantId } from '@ward/core';
import type { AppsTable } from '../database/schema.js';
import { jsonArrayContains } from './json-array-contains.js';
import { afterPosition, checkLimit, cursorValue, readCursor, toPage, type KeysetSort } from './keyset.js';
import { containsPattern } from './like-pattern.js';
import { chunks, unlessUniqueViolation, type StoreContext } from './store-context.js';

const appSortKeys: Record<AppSort, { readonly column: 'name_key' | 'created_at' | 'updated_at'; readonly type: 'text' | 'time' }> = {
  name: { column: 'name_key', type: 'text' },
  createdAt: { column: 'created_at', type: 'time' },
  updatedAt: { column: 'updated_at', type: 'time' },
};

/**
 * {@link AppStore} over `apps` and `app_icons`. The kind's details are one JSON column; the
 * identifier is unique per tenant case-insensitively through `identifier_key`; updates compare
 * and set `version`. Icons live in their own table, written and read only when asked for.
 */
export function createAppStore(ctx: StoreContext): AppStore {
  const { db, codec, dialect } = ctx;

  const toApp = (row: Selectable<AppsTable>): App => {
    // The kind column and the details were written together from one AppDetails.
    const details = { kind: row.kind, details: codec.readJson(row.details) } as AppDetails;
    return {
      id: row.id as AppId,
      tenantId: row.tenant_id as TenantId,
      name: row.name,
      description: row.description,
      publisher: row.publisher,
      identifier: row.identifier,
      platforms: codec.readJson(row.platforms) as Platform[],
      iconSha256: row.icon_sha256,
      currentVersionId: row.current_version_id as AppVersionId | null,
      version: row.version,
      createdAt: codec.readTime(row.created_at),
      updatedAt: codec.readTime(row.updated_at),
      ...details,
    };
  };

  const columns = (app: App) => ({
    name: app.name,
    name_key: app.name.toLowerCase(),
    description: app.description,
    publisher: app.publisher,
    platforms: codec.json(app.platforms),
    details: codec.json(app.details),
    icon_sha256: app.iconSha256,
    current_version_id: app.currentVersionId,
    version: app.version,
    updated_at: codec.time(app.updatedAt),
  });

  const putIcon = async (t: StoreContext, app: App, icon: AppIcon | null): Promise<void> => {
    await t.db.deleteFrom('app_icons').where('tenant_id', '=', app.tenantId).where('app_id', '=', app.id).execute();
    if (icon !== null) await t.db.insertInto('app_icons').values({ tenant_id: app.tenantId, app_id: app.id, sha256: icon.sha256, png_base64: Buffer.from(icon.png).toString('base64') }).execute();
  };

  return {
    async getApp(tenantId, id) {
      const row = await db.selectFrom('apps').selectAll().where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
      return row && toApp(row);
    },

    async getAppByIdentifier(tenantId, identifier) {
      const row = await db.selectFrom('apps').selectAll().where('tenant_id', '=', tenantId).where('identifier_key', '=', identifier.toLowerCase()).executeTakeFirst();
      return row && toApp(row);
    },

    async getApps(tenantId, ids) {
      const apps: App[] = [];
      for (const part of chunks([...new Set(ids)])) {
        const rows = await db.selectFrom('apps').selectAll().where('tenant_id', '=', tenantId).where('id', 'in', part).execute();
        apps.push(...rows.map(toApp));
      }
      return apps;
    },

    async listAllApps(tenantId) {
      const rows = await db.selectFrom('apps').selectAll().where('tenant_id', '=', tenantId).orderBy('id').execute();
      return rows.map(toApp);
    },

    async listApps(tenantId, filter, page): Promise<Page<App>> {
      const limit = checkLimit(page.limit);
      const { column, type } = appSortKeys[page.sort];
      const sort: KeysetSort = { name: page.sort, key: sql.ref(`a.${column}`), id: sql.ref('a.id'), type };
      const position = readCursor(page.cursor, sort, page.order);
      let query = db.selectFrom('apps as a').selectAll('a').where('a.tenant_id', '=', tenantId);
      if (position !== undefined) query = query.where(afterPosition(sort, page.order, position, codec));
      if (filter.q !== undefined && filter.q !== '') {
        const pattern = containsPattern(filter.q);
        query = query.where(sql<SqlBool>`(a.name_key like ${pattern} escape '\\' or lower(a.publisher) like ${pattern} escape '\\' or a.identifier_key like ${pattern} escape '\\')`);
      }
      if (filter.kind !== undefined) query = query.where('a.kind', '=', filter.kind);
      if (filter.platform !== undefined) query = query.where(jsonArrayContains(dialect, 'a.platforms', filter.platform));
      const rows = await query.orderBy(sort.key, page.order).orderBy(sort.id, page.order).limit(limit + 1).execute();
      return toPage(rows, limit, page.sort, page.order, (row) => ({ value: cursorValue(sort, row[column], codec), id: row.id }), toApp);
    },

    async insertApp(app, icon) {
      return ctx.atomically(async (t) => {
        const result = await t.db
          .insertInto('apps')
          .values({ tenant_id: app.tenantId, id: app.id, kind: app.kind, identifier: app.identifier, identifier_key: app.identifier.toLowerCase(), created_at: codec.time(app.createdAt), ...columns(app) })
          .onConflict((oc) => oc.doNothing())
          .executeTakeFirst();
        if (Number(result.numInsertedOrUpdatedRows ?? 0) !== 1) return false;
        if (icon !== null) await putIcon(t, app, icon);
        return true;
      });
    },

    async updateApp(app, icon) {
      return ctx.atomically(async (t) => {
        let updated = 0;
        const written = await unlessUniqueViolation(t, async () => {
          const result = await t.db
            .updateTable('apps')
            .set(columns(app))
            .where('tenant_id', '=', app.tenantId)
            .where('id', '=', app.id)
            .where('version', '=', app.version - 1)
            .executeTakeFirst();
          updated = Number(result.numUpdatedRows);
        });
        if (!written || updated !== 1) return false;
        if (icon !== undefined) await putIcon(t, app, icon);
        return true;
      });
    },

    async getAppIcon(tenantId, id) {
      const row = await db.selectFrom('app_icons').select(['sha256', 'png_base64']).where('tenant_id', '=', tenantId).where('app_id', '=', id).executeTakeFirst();
      return row && { sha256: row.sha256, png: new Uint8Array(Buffer.from(row.png_base64, 'base64')) };
    },

    async deleteApp(tenantId, id) {
      // Icons and versions go with the app (foreign keys, cascade).
      const result = await db.deleteFrom('apps').where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    },
  };
}
