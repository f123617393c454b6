import { recordAudit } from '../audit/record-audit.js';
import type { AuditTrail } from '../audit/ports.js';
import type { Principal } from '../kernel/context.js';
import type { Deps } from '../kernel/deps.js';
import type { ErrorCode } from '../kernel/errors.js';
import type { EventPublisher, JobEnqueuer } from '../kernel/events.js';
import { fail, ok, type Result } from '../kernel/result.js';
import { desiredStateJob } from './desired-state-job.js';
import { findProfileReferrers } from './find-profile-referrers.js';
import type { Profile, ProfileId, ProfileView } from './model.js';
import { authorizePolicyWrite } from './policy-access.js';
import type { ProfileStore } from './ports.js';
import { checkProfileReferences, profileReferences } from './profile-references.js';
import { redactProfile, resolveSecrets } from './profile-secrets.js';
import { validateProfileInput } from './validate-profile-input.js';

export type UpdateProfileStores = Pick<ProfileStore, 'getProfile' | 'getProfiles' | 'listAllProfiles' | 'updateProfile'> & AuditTrail & EventPublisher & JobEnqueuer;

/** A replacement of a profile: the whole definition, secrets null to keep them. */
export interface UpdateProfileInput {
  readonly id: string;
  /** The version the caller edited; a different stored version is PROFILE_VERSION_CONFLICT. */
  readonly expectedVersion?: number;
  readonly profile: unknown;
}

/**
 * Replaces a profile's definition (its kind is fixed: PROFILE_KIND_MISMATCH otherwise, since its
 * device states and assignments mean one kind). The version goes up by one. Devices that have or
 * get the profile, and those of profiles that embed it (certificates in Wi-Fi/VPN), are recomputed
 * by a background job.
 */
export async function updateProfile(deps: Deps<UpdateProfileStores>, principal: Principal, input: UpdateProfileInput): Promise<Result<ProfileView, ErrorCode>> {
  const allowed = authorizePolicyWrite(principal);
  if (!allowed.ok) return allowed;
  const valid = validateProfileInput(input.profile);
  if (!valid.ok) return valid;
  return deps.tx.transaction(async (s) => {
    const before = await s.getProfile(principal.tenantId, input.id as ProfileId);
    if (before === undefined) return fail('PROFILE_NOT_FOUND', `No profile with id ${input.id}.`);
    if (input.expectedVersion !== undefined && input.expectedVersion !== before.version) {
      return fail('PROFILE_VERSION_CONFLICT', `The profile is at version ${before.version}, not ${input.expectedVersion}; reload it and edit again.`, { version: before.version });
    }
    if (valid.value.content.kind !== before.kind) return fail('PROFILE_KIND_MISMATCH', `Profile ${before.name} is a ${before.kind} profile; create a new profile for ${valid.value.content.kind}.`, { field: 'kind' });
    const content = resolveSecrets(valid.value.content, before);
    if (!content.ok) return content;
    const referenced = await s.getProfiles(principal.tenantId, profileReferences(content.value).map((r) => r.profileId));
    const refs = checkProfileReferences(content.value, new Map(referenced.map((p) => [p.id, p])));
    if (!refs.ok) return refs;
    const now = deps.clock.now();
    const { name, description, platforms } = valid.value;
    const after = { ...before, name, description, platforms, ...content.value, version: before.version + 1, updatedAt: now } as Profile;
    const referrers = findProfileReferrers(await s.listAllProfiles(principal.tenantId), before.id);
    for (const referrer of referrers) {
      const broken = profileReferences(referrer).find((r) => r.profileId === after.id && !(after.kind === 'certificate' && r.accepts.includes(after.body.type)));
      if (broken !== undefined) {
        return fail('PROFILE_IN_USE', `Profile ${referrer.name} uses this profile as a ${broken.accepts.join(' or ')} certificate; change that profile first.`, { profileId: referrer.id });
      }
    }
    if (!(await s.updateProfile(after))) {
      const current = await s.getProfile(principal.tenantId, before.id);
      if (current !== undefined && current.version !== before.version) return fail('PROFILE_VERSION_CONFLICT', 'The profile changed meanwhile; reload it and edit again.', { version: current.version });
      return fail('PROFILE_NAME_TAKEN', `A profile named ${name} exists already.`, { field: 'name' });
    }
    const view = redactProfile(after);
    await recordAudit(s, principal, now, 'profile.updated', { type: 'profile', id: after.id }, redactProfile(before), view);
    s.publish({ type: 'profile.changed', tenantId: principal.tenantId, subject: after.id });
    for (const p of [after, ...referrers]) await s.enqueue(desiredStateJob(principal.tenantId, { type: 'profile', profileId: p.id }));
    return ok(view);
  });
}
