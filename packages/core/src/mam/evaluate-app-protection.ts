import type { GroupStore } from '../directory/ports.js';
import type { TenantId, UserId } from '../kernel/brand.js';
import { pickProtectionPolicy } from './compile-mam-policies.js';
import { uncachedMamPolicies, type MamPolicySource, type MamPolicySourceStores } from './mam-policy-cache.js';
import type { AppProtectionReason, AppProtectionStatus, AppRegistration, AppRegistrationId } from './model.js';
import type { AppRegistrationStore } from './ports.js';

export type EvaluateAppProtectionStores = Pick<AppRegistrationStore, 'getAppRegistration'> & Pick<GroupStore, 'groupsOfMember'> & MamPolicySourceStores;

/** The sign-in whose app protection is asked about. */
export interface AppProtectionQuery {
  readonly tenantId: TenantId;
  readonly userId: UserId;
  readonly registrationId: string;
  readonly now: Date;
}

const minuteMs = 60_000;

function status(reason: AppProtectionReason, registration: AppRegistration | undefined): AppProtectionStatus {
  return { protected: reason === 'protected', reason, registrationId: registration?.id ?? null, appIdentifier: registration?.appIdentifier ?? null };
}

/**
 * Whether a registration makes a sign-in count as app-protected (sdk-v1.md, "Conditional
 * access"): it belongs to the signing-in user in the tenant, is not wiped nor waiting for a wipe,
 * a protection policy reaches its user and app, it checked in within that policy's offline access
 * period, applies the policy's current version, and reports no flag. The first unmet condition is
 * the `reason`. One registration read, the user's groups only when a policy of the app targets
 * groups, and the tenant's policies from `source` (pass the check-in cache).
 */
export async function evaluateAppProtection(stores: EvaluateAppProtectionStores, query: AppProtectionQuery, source?: MamPolicySource): Promise<AppProtectionStatus> {
  const registration = query.registrationId.length > 64 ? undefined : await stores.getAppRegistration(query.tenantId, query.registrationId as AppRegistrationId);
  if (registration === undefined) return status('registrationNotFound', undefined);
  if (registration.userId !== query.userId) return status('otherUser', undefined);
  if (registration.state === 'wiped') return status('wiped', registration);
  if (registration.state === 'wipePending') return status('wipePending', registration);
  const compiled = await (source ?? uncachedMamPolicies(stores)).compiledFor(query.tenantId);
  const policies = compiled.forApp(registration.appIdentifier);
  const groups = policies.needsGroups ? new Set<string>(await stores.groupsOfMember(query.tenantId, { memberType: 'user', memberId: query.userId })) : new Set<string>();
  const policy = pickProtectionPolicy(policies, groups);
  if (policy === undefined) return status('noPolicy', registration);
  if (registration.lastCheckInAt === null) return status('notCheckedIn', registration);
  if (query.now.getTime() - registration.lastCheckInAt.getTime() > policy.settings.offline.accessCheckAfterMinutes * minuteMs) return status('offlineTooLong', registration);
  if (registration.reported.policyVersion !== policy.hash) return status('policyOutdated', registration);
  if (registration.reported.flagged.length > 0) return status('flagged', registration);
  return status('protected', registration);
}
