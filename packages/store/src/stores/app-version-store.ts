import type { Selectable } from 'kysely';
import type { AppId, AppPackageBlobReferences, AppPackageFormat, AppVersion, AppVersionId, AppVersionStore, TenantId } from '@ward/core';
import type { AppVersionsTable } from '../database/schema.js';
import { chunks, type StoreContext } from './store-context.js';

/**
 * {@link AppVersionStore} over `app_versions`, and the blob sweep's {@link AppPackageBlobReferences}
 * (across tenants: one file may back versions of several). A version string is unique per app.
 */
export function createAppVersionStore(ctx: StoreContext): AppVersionStore & AppPackageBlobReferences {
  const { db, codec } = ctx;

  const toVersion = (row: Selectable<AppVersionsTable>): AppVersion => ({
    id: row.id as AppVersionId,
    tenantId: row.tenant_id as TenantId,
    appId: row.app_id as AppId,
    version: row.version,
    format: row.format as AppPackageFormat,
    identifier: row.identifier,
    name: row.name,
    minimumOsVersion: row.minimum_os_version,
    architecture: row.architecture,
    sha256: row.sha256,
    sizeBytes: row.size_bytes,
    fileName: row.file_name,
    createdAt: codec.readTime(row.created_at),
    supersededAt: codec.readTimeOrNull(row.superseded_at),
  });

  return {
    async getAppVersion(tenantId, id) {
      const row = await db.selectFrom('app_versions').selectAll().where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
      return row && toVersion(row);
    },

    async getAppVersions(tenantId, ids) {
      const versions: AppVersion[] = [];
      for (const part of chunks([...new Set(ids)])) {
        const rows = await db.selectFrom('app_versions').selectAll().where('tenant_id', '=', tenantId).where('id', 'in', part).execute();
        versions.push(...rows.map(toVersion));
      }
      return versions;
    },

    async listAppVersions(tenantId, appId) {
      const rows = await db.selectFrom('app_versions').selectAll().where('tenant_id', '=', tenantId).where('app_id', '=', appId).orderBy('created_at', 'desc').orderBy('id', 'desc').execute();
      return rows.map(toVersion);
    },

    async insertAppVersion(version) {
      const result = await db
        .insertInto('app_versions')
        .values({
          tenant_id: version.tenantId,
          id: version.id,
          app_id: version.appId,
          version: version.version,
          format: version.format,
          identifier: version.identifier,
          name: version.name,
          minimum_os_version: version.minimumOsVersion,
          architecture: version.architecture,
          sha256: version.sha256,
          size_bytes: version.sizeBytes,
          file_name: version.fileName,
          created_at: codec.time(version.createdAt),
          superseded_at: codec.timeOrNull(version.supersededAt),
        })
        .onConflict((oc) => oc.doNothing())
        .executeTakeFirst();
      return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
    },

    async supersedeAppVersion(tenantId, id, at) {
      const result = await db.updateTable('app_versions').set({ superseded_at: codec.time(at) }).where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },

    async isAppPackageBlobReferenced(sha256) {
      const row = await db.selectFrom('app_versions').select('id').where('sha256', '=', sha256).limit(1).executeTakeFirst();
      return row !== undefined;
    },
  };
}
