import type { Principal } from '../kernel/context.js';
import type { Deps } from '../kernel/deps.js';
import type { ErrorCode } from '../kernel/errors.js';
import { fail, ok, type Result } from '../kernel/result.js';
import type { ProfileId, ProfileView } from './model.js';
import { authorizePolicyRead } from './policy-access.js';
import type { ProfileStore } from './ports.js';
import { redactProfile } from './profile-secrets.js';

/** One profile, secrets redacted. */
export async function getProfile(deps: Deps<Pick<ProfileStore, 'getProfile'>>, principal: Principal, id: string): Promise<Result<ProfileView, ErrorCode>> {
  const allowed = authorizePolicyRead(principal);
  if (!allowed.ok) return allowed;
  const profile = await deps.stores.getProfile(principal.tenantId, id as ProfileId);
  if (profile === undefined) return fail('PROFILE_NOT_FOUND', `No profile with id ${id}.`);
  return ok(redactProfile(profile));
}
