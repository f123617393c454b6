import { recordAudit } from '../audit/record-audit.js';
import type { AuditTrail } from '../audit/ports.js';
import type { Principal } from '../kernel/context.js';
import type { Deps } from '../kernel/deps.js';
import type { ErrorCode } from '../kernel/errors.js';
import type { EventPublisher } from '../kernel/events.js';
import { fail, ok, type Result } from '../kernel/result.js';
import type { Profile, ProfileId, ProfileView } from './model.js';
import { authorizePolicyWrite } from './policy-access.js';
import type { ProfileStore } from './ports.js';
import { checkProfileReferences, profileReferences } from './profile-references.js';
import { redactProfile, resolveSecrets } from './profile-secrets.js';
import { validateProfileInput } from './validate-profile-input.js';

export type CreateProfileStores = Pick<ProfileStore, 'insertProfile' | 'getProfiles'> & AuditTrail & EventPublisher;

/**
 * Creates a configuration profile of any kind from untrusted input (see `ProfileInput`). Every
 * field is validated, referenced certificate profiles must exist and fit, and every secret must be
 * given. A new profile is assigned to no one, so no device's desired state changes yet.
 */
export async function createProfile(deps: Deps<CreateProfileStores>, principal: Principal, input: unknown): Promise<Result<ProfileView, ErrorCode>> {
  const allowed = authorizePolicyWrite(principal);
  if (!allowed.ok) return allowed;
  const valid = validateProfileInput(input);
  if (!valid.ok) return valid;
  const content = resolveSecrets(valid.value.content, undefined);
  if (!content.ok) return content;
  return deps.tx.transaction(async (s) => {
    const referenced = await s.getProfiles(principal.tenantId, profileReferences(content.value).map((r) => r.profileId));
    const refs = checkProfileReferences(content.value, new Map(referenced.map((p) => [p.id, p])));
    if (!refs.ok) return refs;
    const now = deps.clock.now();
    const { name, description, platforms } = valid.value;
    const profile = { id: deps.ids.newId() as ProfileId, tenantId: principal.tenantId, name, description, platforms, version: 1, createdAt: now, updatedAt: now, ...content.value } as Profile;
    if (!(await s.insertProfile(profile))) return fail('PROFILE_NAME_TAKEN', `A profile named ${name} exists already.`, { field: 'name' });
    const view = redactProfile(profile);
    await recordAudit(s, principal, now, 'profile.created', { type: 'profile', id: profile.id }, null, view);
    s.publish({ type: 'profile.changed', tenantId: principal.tenantId, subject: profile.id });
    return ok(view);
  });
}
