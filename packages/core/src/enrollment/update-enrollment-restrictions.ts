import { recordAudit } from '../audit/record-audit.js';
import type { AuditTrail } from '../audit/ports.js';
import { holdsTenantWide } from '../directory/authorize.js';
import { platforms, type Platform } from '../devices/model.js';
import { versionKey } from '../devices/version-key.js';
import type { Principal } from '../kernel/context.js';
import type { Deps } from '../kernel/deps.js';
import type { ErrorCode } from '../kernel/errors.js';
import { fail, ok, type Result } from '../kernel/result.js';
import { defaultRestrictions, type EnrollmentRestrictions } from './model.js';
import type { EnrollmentRestrictionsStore } from './ports.js';

/** What an admin may change in the enrollment rules. */
export interface RestrictionsPatch {
  readonly allowedPlatforms?: readonly string[];
  readonly minOsVersion?: Readonly<Record<string, string | null>>;
  readonly allowPersonal?: boolean;
  readonly maxDevicesPerUser?: number;
}

/** Changes the tenant's enrollment rules. Devices already enrolled are not affected. */
export async function updateEnrollmentRestrictions(deps: Deps<EnrollmentRestrictionsStore & AuditTrail>, principal: Principal, patch: RestrictionsPatch): Promise<Result<EnrollmentRestrictions, ErrorCode>> {
  if (!holdsTenantWide(principal, 'settings.manage')) return fail('FORBIDDEN', 'Enrollment restrictions need tenant-wide settings.manage (global admin).');
  const allowed = patch.allowedPlatforms;
  if (allowed !== undefined) {
    const unknown = allowed.find((p) => !(platforms as readonly string[]).includes(p));
    if (unknown !== undefined) return fail('VALIDATION_FAILED', `Unknown platform ${unknown.slice(0, 32)}.`, { field: 'allowedPlatforms' });
  }
  for (const [platform, version] of Object.entries(patch.minOsVersion ?? {})) {
    if (!(platforms as readonly string[]).includes(platform)) return fail('VALIDATION_FAILED', `Unknown platform ${platform.slice(0, 32)}.`, { field: 'minOsVersion' });
    if (version !== null && versionKey(version) === null) return fail('VALIDATION_FAILED', `${version.slice(0, 32)} is not a version.`, { field: `minOsVersion.${platform}` });
  }
  const max = patch.maxDevicesPerUser;
  if (max !== undefined && (!Number.isInteger(max) || max < 1 || max > 1000)) return fail('VALIDATION_FAILED', 'maxDevicesPerUser must be from 1 to 1000.', { field: 'maxDevicesPerUser' });
  return deps.tx.transaction(async (s) => {
    const now = deps.clock.now();
    const before = (await s.getEnrollmentRestrictions(principal.tenantId)) ?? defaultRestrictions(principal.tenantId, now);
    const changes = patch.minOsVersion ?? {};
    const minOsVersion: Partial<Record<Platform, string>> = {};
    for (const platform of platforms) {
      const next = platform in changes ? changes[platform] : before.minOsVersion[platform];
      if (next !== undefined && next !== null) minOsVersion[platform] = next;
    }
    const after: EnrollmentRestrictions = {
      ...before,
      allowedPlatforms: allowed === undefined ? before.allowedPlatforms : [...new Set(allowed as Platform[])],
      minOsVersion,
      allowPersonal: patch.allowPersonal ?? before.allowPersonal,
      maxDevicesPerUser: max ?? before.maxDevicesPerUser,
      updatedAt: now,
    };
    await s.putEnrollmentRestrictions(after);
    await recordAudit(s, principal, now, 'enrollmentRestrictions.updated', { type: 'tenant', id: principal.tenantId }, before, after);
    return ok(after);
  });
}
