import type { DeviceId, GroupId, TenantId, UserId } from '../kernel/brand.js';
import type { EnrollmentTokenId } from '../enrollment/model.js';

/**
 * What an enrollment decided before the device was known: carried from the enrollment token (or
 * the signed-in user) through the SCEP challenge into the certificate's identity, and applied to
 * the device record when the device sends Authenticate.
 */
export interface AppleEnrollmentContext {
  readonly ownership: 'corporate' | 'personal';
  /** Static device group the device joins. */
  readonly targetGroupId: GroupId | null;
  /** The device's primary user. */
  readonly userId: UserId | null;
  /** The token that admitted the device; its use is counted at Authenticate. */
  readonly enrollmentTokenId: EnrollmentTokenId | null;
  /** Apple's User Enrollment (personal devices): an EnrollmentID instead of a UDID, reduced access rights. */
  readonly userEnrollment: boolean;
}

/**
 * A one-time SCEP challenge password, as stored: only its SHA-256 (hex), the enrollment it
 * stands for and its expiry. Consuming it deletes it, so it admits one certificate request.
 */
export interface AppleScepChallenge {
  readonly tenantId: TenantId;
  /** Hex SHA-256 of the challenge text; the text is in the profile the device downloads, nowhere else. */
  readonly challengeHash: string;
  readonly context: AppleEnrollmentContext;
  readonly expiresAt: Date;
  readonly createdAt: Date;
}

/** How long a SCEP challenge stays usable after the enrollment profile is made. */
export const scepChallengeTtlMs = 60 * 60_000;

export const appleIdentityStates = ['pending', 'active', 'superseded', 'revoked'] as const;
/**
 * `pending`: issued over SCEP, not yet bound to a device (only Authenticate is accepted);
 * `active`: bound at Authenticate; `superseded`: renewed, accepted until it expires so a lost
 * CertRep does not strand the device; `revoked`: re-enrollment, CheckOut or retire.
 */
export type AppleIdentityState = (typeof appleIdentityStates)[number];

/**
 * A certificate Ward's CA issued over SCEP to an Apple device: the MDM identity that
 * authenticates every check-in and command request (Apple: IdentityCertificateUUID). Kept apart
 * from the agent's device identities: a Mac may run both, and re-enrolling one must not revoke
 * the other's certificate.
 */
export interface AppleIdentity {
  readonly tenantId: TenantId;
  /** Certificate serial number, lower-case hex. */
  readonly serialNumber: string;
  /** SHA-256 of the certificate DER, colon-separated upper-case hex. */
  readonly fingerprint: string;
  readonly notBefore: Date;
  readonly notAfter: Date;
  readonly state: AppleIdentityState;
  readonly context: AppleEnrollmentContext;
  /** The device it was bound to at Authenticate; null while pending. */
  readonly deviceId: DeviceId | null;
  readonly createdAt: Date;
  readonly revokedAt: Date | null;
}

export const appleEnrollmentStates = ['authenticated', 'active', 'checkedOut'] as const;
/** `authenticated` after Authenticate; `active` from the first device-channel TokenUpdate; `checkedOut` after CheckOut. */
export type AppleEnrollmentState = (typeof appleEnrollmentStates)[number];

/** A profile the device reported in ProfileList (what Ward tracks to install and remove its own). */
export interface AppleInstalledProfile {
  readonly identifier: string;
  readonly uuid: string | null;
  readonly displayName: string | null;
}

/**
 * A device's MDM enrollment: how it is identified, how it is woken, and its sealed secrets.
 * Secrets (`unlockToken`, `bootstrapToken`) are plaintext here; the store seals them at rest.
 */
export interface AppleEnrollment {
  readonly tenantId: TenantId;
  readonly deviceId: DeviceId;
  /** Device enrollment: the UDID every request carries. Null for User Enrollment. */
  readonly udid: string | null;
  /** User Enrollment: the EnrollmentID every request carries instead of a UDID. */
  readonly enrollmentId: string | null;
  readonly userEnrollment: boolean;
  readonly state: AppleEnrollmentState;
  /** The APNs topic the device registered with (com.apple.mgmt.External.<uuid>). */
  readonly topic: string;
  /** Device-channel APNs token, lower-case hex. */
  readonly pushToken: string | null;
  readonly pushMagic: string | null;
  /** What ClearPasscode needs (base64 of the device's bytes). */
  readonly unlockToken: string | null;
  /** macOS bootstrap token (base64), escrowed by SetBootstrapToken. */
  readonly bootstrapToken: string | null;
  readonly installedProfiles: readonly AppleInstalledProfile[];
  readonly authenticatedAt: Date;
  readonly tokenUpdatedAt: Date | null;
  readonly checkedOutAt: Date | null;
}

/** One user channel of a device (macOS: each managed user that sent its own TokenUpdate). */
export interface AppleUserChannel {
  readonly tenantId: TenantId;
  readonly deviceId: DeviceId;
  /** Apple's UserID (a GUID on macOS). */
  readonly userId: string;
  readonly userShortName: string | null;
  readonly userLongName: string | null;
  readonly pushToken: string;
  readonly pushMagic: string;
  readonly updatedAt: Date;
}

/** Where a command is delivered: the device channel, or one user's channel (`user:<UserID>`). */
export type AppleChannel = 'device' | `user:${string}`;

/** The request types Ward sends (Apple spells them; the adapter renders each payload as the Command dictionary). */
export const appleRequestTypes = [
  'DeviceInformation',
  'SecurityInfo',
  'ProfileList',
  'InstallProfile',
  'RemoveProfile',
  'InstalledApplicationList',
  'ManagedApplicationList',
  'InstallApplication',
  'RemoveApplication',
  'DeviceLock',
  'EraseDevice',
  'ClearPasscode',
  'RestartDevice',
  'ShutDownDevice',
  'Settings',
  'CertificateList',
  'EnableLostMode',
  'DisableLostMode',
] as const;
export type AppleRequestType = (typeof appleRequestTypes)[number];

/** Commands only corporate devices are sent: they reach the owner's own data or whereabouts. */
export const corporateOnlyRequestTypes: readonly AppleRequestType[] = ['EraseDevice', 'EnableLostMode', 'DisableLostMode'];
/** Commands a User Enrollment cannot take at all (Apple: reduced access rights manage only the managed volume). */
export const userEnrollmentRefusedRequestTypes: readonly AppleRequestType[] = [...corporateOnlyRequestTypes, 'DeviceLock', 'ClearPasscode', 'RestartDevice', 'ShutDownDevice'];

/** `queued`: never sent; `sent`: handed out, no answer yet (in flight); `notNow`: the device said NotNow, retried after its next Idle. */
export type AppleCommandStatus = 'queued' | 'sent' | 'notNow';

/** Who asked for a command: an admin action's id, the policy engine, or enrollment. */
export type AppleCommandOrigin = string;

/**
 * A command waiting for its device. Like the agent's queue, this holds pending work only: an
 * answer or expiry moves it to {@link AppleCommandResult}.
 */
export interface AppleCommand {
  readonly tenantId: TenantId;
  readonly deviceId: DeviceId;
  readonly channel: AppleChannel;
  /** Apple's CommandUUID: Ward's own id, unique across tenants. */
  readonly commandUuid: string;
  readonly requestType: AppleRequestType;
  /** The Command dictionary's fields besides RequestType, as JSON (the adapter renders plist). */
  readonly payload: Readonly<Record<string, unknown>>;
  readonly status: AppleCommandStatus;
  readonly origin: AppleCommandOrigin;
  readonly createdAt: Date;
  readonly sentAt: Date | null;
  readonly expiresAt: Date;
}

export const appleResultStatuses = ['acknowledged', 'error', 'commandFormatError', 'expired', 'canceled'] as const;
/** How a command ended. */
export type AppleResultStatus = (typeof appleResultStatuses)[number];

/** One error of an ErrorChain, bounded. */
export interface AppleErrorChainEntry {
  readonly errorCode: number;
  readonly errorDomain: string;
  readonly localizedDescription: string;
  readonly usEnglishDescription: string | null;
}

/** A finished command: per-device history. */
export interface AppleCommandResult {
  readonly tenantId: TenantId;
  readonly deviceId: DeviceId;
  readonly channel: AppleChannel;
  readonly commandUuid: string;
  readonly requestType: AppleRequestType;
  readonly origin: AppleCommandOrigin;
  readonly status: AppleResultStatus;
  /** The device's answer as JSON, or `{ truncated: true, bytes }` when it was larger than {@link maxAppleResultBytes}. */
  readonly result: Readonly<Record<string, unknown>> | null;
  readonly errorChain: readonly AppleErrorChainEntry[] | null;
  readonly createdAt: Date;
  readonly completedAt: Date;
}

/** Largest answer kept in history, in bytes of JSON. */
export const maxAppleResultBytes = 64 * 1024;
/** Largest command payload accepted, in bytes of JSON (an InstallProfile carries a signed profile). */
export const maxApplePayloadBytes = 2 * 1024 * 1024;
/** How long a command waits for its device by default. */
export const defaultAppleCommandTtlHours = 72;

/**
 * An admin's remote action on an Apple device while its commands are pending: the link between
 * the action (its id is every command's `origin`) and the Apple commands it became. When the last
 * of them leaves the queue, the action’s history entry (`CommandRecord`) is written and this
 * row removed, so it holds pending work only, like the queue.
 */
export interface AppleAction {
  readonly tenantId: TenantId;
  /** The action's id: the CommandId of its history record, and the `origin` of its Apple commands. */
  readonly id: string;
  readonly deviceId: DeviceId;
  /** The admin action type (`lock`, `retire`, `wipe`, …). */
  readonly type: string;
  /** The Apple commands it was sent as, in the order they were queued. */
  readonly commandUuids: readonly string[];
  readonly requestedBy: string;
  readonly createdAt: Date;
  readonly expiresAt: Date;
}
