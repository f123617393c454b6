import type {
  AssignmentFilterStore,
  AssignmentStore,
  AssignmentTargetingStore,
  AuthDeps,
  ComplianceReportStore,
  CompliancePolicyStore,
  DeviceComplianceStore,
  DeviceConfigurationStore,
  ProfileStore,
  WardStores,
} from '@ward/core';

/** The policy engine's storage ports, which the profile, assignment, compliance and report routes use. */
export type PolicyStores = ProfileStore &
  AssignmentStore &
  AssignmentFilterStore &
  AssignmentTargetingStore &
  DeviceConfigurationStore &
  CompliancePolicyStore &
  DeviceComplianceStore &
  ComplianceReportStore;

/** What the policy route modules are registered with. */
export interface PolicyRouteDeps {
  readonly deps: AuthDeps<WardStores & PolicyStores>;
}

const policyStoreMethods = [
  'getProfile',
  'getProfileByName',
  'getProfiles',
  'listAllProfiles',
  'listProfiles',
  'insertProfile',
  'updateProfile',
  'deleteProfile',
  'getAssignment',
  'listAssignments',
  'listAssignmentsOfItem',
  'listAssignmentsOfGroup',
  'listAssignmentsOfFilter',
  'insertAssignment',
  'updateAssignment',
  'deleteAssignment',
  'deleteAssignmentsOfItem',
  'getAssignmentSubjects',
  'listGroupDeviceIds',
  'listTenantDeviceIds',
  'getAssignmentFilter',
  'getAssignmentFilterByName',
  'listAssignmentFilters',
  'insertAssignmentFilter',
  'updateAssignmentFilter',
  'deleteAssignmentFilter',
  'listDeviceProfileStates',
  'upsertDesiredStates',
  'recordReportedStates',
  'deleteDeviceProfileStates',
  'listDeviceIdsWithProfileState',
  'countProfileStates',
  'countAllProfileStates',
  'listProfileStates',
  'countSettingStates',
  'getCompliancePolicy',
  'getCompliancePolicyByName',
  'listAllCompliancePolicies',
  'listCompliancePolicies',
  'insertCompliancePolicy',
  'updateCompliancePolicy',
  'deleteCompliancePolicy',
  'listDeviceComplianceRecords',
  'putDeviceComplianceRecords',
  'deleteDeviceComplianceRecords',
  'listDeviceIdsWithCompliancePolicy',
  'listDevicesDueForReevaluation',
  'appendComplianceHistory',
  'listComplianceHistory',
  'syncComplianceActions',
  'claimDueComplianceActions',
  'completeComplianceAction',
  'retryComplianceAction',
  'listComplianceActionsOfDevice',
  'countDevicesByPlatformAndState',
  'countComplianceByPolicy',
  'countComplianceByRule',
  'listRecordsInGrace',
] as const satisfies readonly (keyof PolicyStores)[];

// Fails to compile when a port gains a method the list above does not name.
type Unlisted = Exclude<keyof PolicyStores, (typeof policyStoreMethods)[number]>;
const _everyMethodListed: [Unlisted] extends [never] ? true : Unlisted = true;

function hasPolicyStores(deps: AuthDeps<WardStores>): deps is AuthDeps<WardStores & PolicyStores> {
  const stores = deps.stores as unknown as Readonly<Record<string, unknown>>;
  return policyStoreMethods.every((name) => typeof stores[name] === 'function');
}

/**
 * The API's deps as the policy routes need them. `WardStores` does not compose the policy ports
 * yet, though `@ward/store` implements them; until it does, this checks once, when the API is
 * built, that the stores given really have every method, rather than a route failing on its
 * first call. The transaction runner hands out stores composed the same way.
 */
export function policyDeps(deps: AuthDeps<WardStores>): AuthDeps<WardStores & PolicyStores> {
  if (!hasPolicyStores(deps)) throw new Error('buildApi: the stores do not implement the policy ports (profiles, assignments, compliance); build them with @ward/store createStores');
  return deps;
}
