import { recordAudit } from '../audit/record-audit.js';
import type { AuditTrail } from '../audit/ports.js';
import type { Principal } from '../kernel/context.js';
import type { Deps } from '../kernel/deps.js';
import type { ErrorCode } from '../kernel/errors.js';
import type { EventPublisher, JobEnqueuer } from '../kernel/events.js';
import { fail, ok, type Result } from '../kernel/result.js';
import { desiredStateJob } from './desired-state-job.js';
import { findProfileReferrers } from './find-profile-referrers.js';
import type { ProfileId } from './model.js';
import { authorizePolicyWrite } from './policy-access.js';
import type { AssignmentStore, ProfileStore } from './ports.js';
import { redactProfile } from './profile-secrets.js';

export type DeleteProfileStores = Pick<ProfileStore, 'getProfile' | 'listAllProfiles' | 'deleteProfile'> & Pick<AssignmentStore, 'deleteAssignmentsOfItem'> & AuditTrail & EventPublisher & JobEnqueuer;

/**
 * Deletes a profile and its assignments. Devices that hold it are told to remove it at their next
 * check-in (their rows turn into removals in the background job). A certificate profile that a
 * Wi-Fi or VPN profile uses cannot be deleted (PROFILE_IN_USE).
 */
export async function deleteProfile(deps: Deps<DeleteProfileStores>, principal: Principal, id: string): Promise<Result<{ readonly deleted: true }, ErrorCode>> {
  const allowed = authorizePolicyWrite(principal);
  if (!allowed.ok) return allowed;
  return deps.tx.transaction(async (s) => {
    const profile = await s.getProfile(principal.tenantId, id as ProfileId);
    if (profile === undefined) return fail('PROFILE_NOT_FOUND', `No profile with id ${id}.`);
    const referrers = findProfileReferrers(await s.listAllProfiles(principal.tenantId), profile.id);
    if (referrers.length > 0) return fail('PROFILE_IN_USE', `Profile ${referrers.map((p) => p.name).join(', ')} uses this certificate profile; change or delete it first.`, { profileIds: referrers.map((p) => p.id) });
    const assignments = await s.deleteAssignmentsOfItem(principal.tenantId, 'profile', profile.id);
    await s.deleteProfile(principal.tenantId, profile.id);
    await recordAudit(s, principal, deps.clock.now(), 'profile.deleted', { type: 'profile', id: profile.id }, { ...redactProfile(profile), assignments }, null);
    s.publish({ type: 'profile.changed', tenantId: principal.tenantId, subject: profile.id });
    await s.enqueue(desiredStateJob(principal.tenantId, { type: 'profile', profileId: profile.id }));
    return ok({ deleted: true as const });
  });
}

