import type { ApplyPolicyBundleStores, AuthDeps, ExportPolicyBundleStores, WardStores } from '@ward/core';

/** What `ward policy` needs beyond `WardStores`: the bundle use cases' ports. */
type BundleStores = ApplyPolicyBundleStores & ExportPolicyBundleStores;

/** The methods of `BundleStores` that `WardStores` does not declare yet. */
const bundleStoreMethods = [
  'listAllProfiles',
  'insertProfile',
  'updateProfile',
  'deleteProfile',
  'listAllCompliancePolicies',
  'insertCompliancePolicy',
  'updateCompliancePolicy',
  'deleteCompliancePolicy',
  'listAssignmentFilters',
  'insertAssignmentFilter',
  'updateAssignmentFilter',
  'deleteAssignmentFilter',
  'listAssignments',
  'insertAssignment',
  'updateAssignment',
  'deleteAssignment',
  'listGroupDeviceIds',
  'listTenantDeviceIds',
  'getAssignmentSubjects',
  'listDeviceIdsWithProfileState',
  'listDeviceIdsWithCompliancePolicy',
] as const satisfies readonly (keyof BundleStores)[];

// Fails to compile when the use cases come to need a method neither WardStores nor the list has.
const everyMethodListed: Exclude<keyof BundleStores, keyof WardStores | (typeof bundleStoreMethods)[number]> extends never ? true : never = true;

function hasBundleStores(deps: AuthDeps<WardStores>): deps is AuthDeps<WardStores & BundleStores> {
  const stores = deps.stores as unknown as Readonly<Record<string, unknown>>;
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- `everyMethodListed` is a compile-time check, true whenever this compiles.
  return everyMethodListed && bundleStoreMethods.every((name) => typeof stores[name] === 'function');
}

/**
 * The runtime's deps as the policy bundle use cases take them. `@ward/store` implements the
 * policy ports but `WardStores` does not compose them yet; this checks the stores really have
 * every method (once, before any work) instead of a use case failing half-way. Once `WardStores`
 * includes the policy ports, the check always holds and this can go.
 */
export function policyBundleDeps(deps: AuthDeps<WardStores>): AuthDeps<WardStores & BundleStores> {
  if (!hasBundleStores(deps)) throw new Error('the stores do not implement the policy ports (profiles, assignments, compliance); migrate and open Ward with @ward/store createStores');
  return deps;
}
