import type { DeviceId, TenantId } from '../kernel/brand.js';
import type { Page } from '../kernel/pagination.js';
import type { AppleAction, AppleChannel, AppleCommand, AppleCommandResult, AppleCommandStatus, AppleEnrollment, AppleIdentity, AppleScepChallenge, AppleUserChannel } from './model.js';

/** One-time SCEP challenges. */
export interface AppleScepChallengeStore {
  /** Adds a challenge. */
  insertAppleScepChallenge(challenge: AppleScepChallenge): Promise<void>;
  /** The challenge with this hash, in any tenant (the device presents it before its tenant is known); expired ones too. */
  getAppleScepChallenge(challengeHash: string): Promise<AppleScepChallenge | undefined>;
  /**
   * Removes and returns the challenge if it has not expired at `at`; undefined (nothing written)
   * otherwise. Two requests racing with one challenge: exactly one gets it.
   */
  consumeAppleScepChallenge(challengeHash: string, at: Date): Promise<AppleScepChallenge | undefined>;
  /** Removes up to `limit` challenges (any tenant) expired at `at`; returns how many. */
  deleteExpiredAppleScepChallenges(at: Date, limit: number): Promise<number>;
}

/** Certificates issued over SCEP to Apple devices. */
export interface AppleIdentityStore {
  /** Adds an identity. */
  insertAppleIdentity(identity: AppleIdentity): Promise<void>;
  /** The identity with this certificate serial (lower-case hex), in any tenant. */
  getAppleIdentity(serialNumber: string): Promise<AppleIdentity | undefined>;
  /** Binds a pending identity to its device and makes it active; false (nothing written) if it is not pending. */
  bindAppleIdentity(serialNumber: string, deviceId: DeviceId): Promise<boolean>;
  /**
   * Superseding (renewal) moves the device's active identities to `superseded`; revoking
   * (re-enrollment, CheckOut, retire) moves its active and superseded ones to `revoked` at `at`.
   * `exceptSerial` is left alone. Returns how many changed.
   */
  retireAppleIdentities(tenantId: TenantId, deviceId: DeviceId, state: 'superseded' | 'revoked', at: Date, exceptSerial?: string): Promise<number>;
  /** Serials of revoked identities that have not expired at `at`, for the CRL. */
  listRevokedAppleIdentities(at: Date): Promise<readonly { readonly serialNumber: string; readonly revokedAt: Date }[]>;
}

/** A device's MDM enrollment, its push channels and sealed secrets. */
export interface AppleEnrollmentStore {
  /** The enrollment of a device. */
  getAppleEnrollment(tenantId: TenantId, deviceId: DeviceId): Promise<AppleEnrollment | undefined>;
  /** Creates or replaces a device's enrollment (sealing its secrets at rest). */
  putAppleEnrollment(enrollment: AppleEnrollment): Promise<void>;
  /** Creates or replaces one user channel of a device. */
  putAppleUserChannel(channel: AppleUserChannel): Promise<void>;
  /** A device's user channels, by UserID. */
  listAppleUserChannels(tenantId: TenantId, deviceId: DeviceId): Promise<readonly AppleUserChannel[]>;
  /** Removes every user channel of a device; returns how many. */
  deleteAppleUserChannels(tenantId: TenantId, deviceId: DeviceId): Promise<number>;
  /**
   * How to wake these devices: device-channel token, PushMagic and topic of each active
   * enrollment that has a token. Devices without one are absent.
   */
  listApplePushTargets(tenantId: TenantId, deviceIds: readonly DeviceId[]): Promise<readonly ApplePushTarget[]>;
  /**
   * Clears a device's push token after APNs said it is no longer valid (410, BadDeviceToken), if
   * it is still `pushToken` (a newer TokenUpdate wins); returns whether it cleared one.
   */
  forgetApplePushToken(tenantId: TenantId, deviceId: DeviceId, pushToken: string): Promise<boolean>;
}

/** What APNs needs to wake one device. */
export interface ApplePushTarget {
  readonly deviceId: DeviceId;
  /** Lower-case hex. */
  readonly pushToken: string;
  readonly pushMagic: string;
  readonly topic: string;
}

/** Pending Apple commands. Rows leave when the device answers, or they expire: the queue holds no history. */
export interface AppleCommandQueue {
  /** Adds commands, a few hundred rows a statement. */
  enqueueAppleCommands(commands: readonly AppleCommand[]): Promise<void>;
  /** The pending command with this CommandUUID in the tenant. */
  getAppleCommand(tenantId: TenantId, commandUuid: string): Promise<AppleCommand | undefined>;
  /**
   * The oldest command of a device's channel that may be handed out at `at`: not expired, and
   * `queued` or `sent` (an unanswered one is sent again), or also `notNow` when `includeNotNow`
   * (after an Idle). `exceptUuid` is skipped.
   */
  nextAppleCommand(tenantId: TenantId, deviceId: DeviceId, channel: AppleChannel, at: Date, options: { readonly includeNotNow: boolean; readonly exceptUuid?: string }): Promise<AppleCommand | undefined>;
  /** Sets a pending command's status (and `sentAt`, when given); false if it is not pending. */
  setAppleCommandStatus(tenantId: TenantId, commandUuid: string, status: AppleCommandStatus, sentAt?: Date): Promise<boolean>;
  /**
   * Replaces a pending command's payload (what it carries back to its answer, such as the
   * per-setting outcomes an InstallProfile was rendered with); false if it is not pending.
   */
  setAppleCommandPayload(tenantId: TenantId, commandUuid: string, payload: Readonly<Record<string, unknown>>): Promise<boolean>;
  /** Removes a pending command; false if it was not there. */
  deleteAppleCommand(tenantId: TenantId, commandUuid: string): Promise<boolean>;
  /** Every pending command of a device, oldest first. */
  listAppleCommands(tenantId: TenantId, deviceId: DeviceId): Promise<readonly AppleCommand[]>;
  /** Removes every pending command of a device (CheckOut, re-enrollment); returns them, oldest first. */
  clearAppleCommands(tenantId: TenantId, deviceId: DeviceId): Promise<readonly AppleCommand[]>;
  /** Removes and returns up to `limit` commands (any tenant) expired at `at`. */
  takeExpiredAppleCommands(at: Date, limit: number): Promise<readonly AppleCommand[]>;
}

/** Finished Apple commands: per-device history. */
export interface AppleCommandResults {
  /** Adds finished commands; one whose CommandUUID is recorded already is skipped. Returns how many were added. */
  insertAppleCommandResults(results: readonly AppleCommandResult[]): Promise<number>;
  /** The finished command with this CommandUUID in the tenant. */
  getAppleCommandResult(tenantId: TenantId, commandUuid: string): Promise<AppleCommandResult | undefined>;
  /** One page of a device's finished commands, newest first. */
  listAppleCommandResults(tenantId: TenantId, deviceId: DeviceId, page: { readonly limit: number; readonly cursor?: string }): Promise<Page<AppleCommandResult>>;
}

/** Admin actions on Apple devices whose commands are still pending (rows leave when the last command does). */
export interface AppleActionStore {
  /** Adds actions, a few hundred rows a statement. */
  insertAppleActions(actions: readonly AppleAction[]): Promise<void>;
  /** The pending action with this id in the tenant. */
  getAppleAction(tenantId: TenantId, id: string): Promise<AppleAction | undefined>;
  /** Removes a pending action; false if it was not there (another request finished it first). */
  deleteAppleAction(tenantId: TenantId, id: string): Promise<boolean>;
  /** Every pending action of a device, oldest first. */
  listAppleActions(tenantId: TenantId, deviceId: DeviceId): Promise<readonly AppleAction[]>;
}

/** Every Apple MDM storage port, composed (part of `WardStores`). */
export type AppleStores = AppleScepChallengeStore & AppleIdentityStore & AppleEnrollmentStore & AppleCommandQueue & AppleCommandResults & AppleActionStore;

/** The tenant's APNs topic, from its push certificate (another context owns it). */
export interface ApplePushTopicSource {
  /** The topic of the tenant's active push certificate, or undefined when none is configured. */
  pushTopicOf(tenantId: TenantId): Promise<string | undefined>;
}
