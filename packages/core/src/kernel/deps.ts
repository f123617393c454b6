import type { AccessPolicyStore, SignInLog } from '../access/ports.js';
import type { AppPackageBlobReferences } from '../apps/blob-ports.js';
import type { AppStore, AppTargetingStore, AppVersionStore, DeviceAppStateStore, InstalledAppInventory } from '../apps/ports.js';
import type { MamStores } from '../mam/ports.js';
import type { AuditTrail } from '../audit/ports.js';
import type { AppleProfileNaming } from '../apple/apple-profile-identifier.js';
import type { AppleStores } from '../apple/ports.js';
import type { CommandHistory, CommandQueue } from '../commands/ports.js';
import type { ComplianceHistoryStore } from '../compliance/compliance-history.js';
import type { CompliancePolicyStore, ComplianceReportStore, DeviceComplianceStore } from '../compliance/ports.js';
import type { DeviceSoftwareStore, DeviceStore } from '../devices/ports.js';
import type { DeviceIdentityStore, DeviceRegistry, EnrollmentRestrictionsStore, EnrollmentTokenStore } from '../enrollment/ports.js';
import type { AccessTokenStore, CredentialStore, GroupStore, RoleAssignmentStore, TenantStore, UserStore } from '../directory/ports.js';
import type { PasskeyStore, RecoveryCodeStore } from '../directory/passkey-ports.js';
import type { AssignmentFilterStore, AssignmentStore, AssignmentTargetingStore, DeviceConfigurationStore, ProfileStore } from '../policy/ports.js';
import type { PushCertificateStore } from '../push-certificates/ports.js';
import type { IdentityProviderStateStore, RelyingPartyStore, UpstreamProviderStore } from '../identity-provider/ports.js';
import type { EventPublisher, JobEnqueuer } from './events.js';
import type { Clock, Digests, Ids, PasswordHasher, SecretBox } from './ports.js';
import type { TransactionRunner } from './transaction.js';

/**
 * Every storage port, composed. A storage adapter implements all of it once; each use case asks
 * only for the narrow part it touches (NanoMDM's `AllStorage`).
 */
export type WardStores = TenantStore &
  UserStore &
  GroupStore &
  RoleAssignmentStore &
  CredentialStore &
  PasskeyStore &
  RecoveryCodeStore &
  AccessTokenStore &
  DeviceStore &
  DeviceSoftwareStore &
  DeviceRegistry &
  EnrollmentTokenStore &
  EnrollmentRestrictionsStore &
  DeviceIdentityStore &
  CommandQueue &
  CommandHistory &
  AuditTrail &
  ProfileStore &
  AssignmentFilterStore &
  AssignmentStore &
  AssignmentTargetingStore &
  DeviceConfigurationStore &
  AppStore &
  AppVersionStore &
  DeviceAppStateStore &
  AppTargetingStore &
  InstalledAppInventory &
  MamStores &
  AppPackageBlobReferences &
  CompliancePolicyStore &
  DeviceComplianceStore &
  ComplianceReportStore &
  ComplianceHistoryStore &
  PushCertificateStore &
  RelyingPartyStore &
  IdentityProviderStateStore &
  UpstreamProviderStore &
  AppleStores &
  AccessPolicyStore &
  SignInLog &
  EventPublisher &
  JobEnqueuer;

/**
 * What a use case is given: time, ids, the stores for reads outside a transaction, and a runner for
 * atomic writes over the same stores.
 */
export interface Deps<S> {
  readonly clock: Clock;
  readonly ids: Ids;
  readonly digests: Digests;
  /** For reads: not transactional. */
  readonly stores: S;
  readonly tx: TransactionRunner<S>;
}

/** Deps plus the secrets services that sign-in and credentials use. */
export interface AuthDeps<S> extends Deps<S> {
  readonly passwords: PasswordHasher;
  readonly secrets: SecretBox;
  /**
   * How Ward names the profiles it installs on Apple devices. With it, remote actions on Apple
   * devices become MDM commands and policy reaches them as InstallProfile; absent (tests of other
   * contexts), Apple devices get neither.
   */
  readonly appleProfiles?: AppleProfileNaming;
}
