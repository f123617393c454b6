import type { Device, Platform } from '../devices/model.js';
import type { User } from '../directory/model.js';
import type { Brand, DeviceId, GroupId, TenantId } from '../kernel/brand.js';

export type ProfileId = Brand<string, 'ProfileId'>;
export type AssignmentId = Brand<string, 'AssignmentId'>;
export type AssignmentFilterId = Brand<string, 'AssignmentFilterId'>;

// ---------------------------------------------------------------------------------------------
// Assignments (shared by profiles and compliance policies; apps later)
// ---------------------------------------------------------------------------------------------

export const assignableKinds = ['profile', 'compliancePolicy', 'app'] as const;
/** What can be assigned: configuration profiles, compliance policies and catalog apps (`core/apps`). */
export type AssignableKind = (typeof assignableKinds)[number];

export const assignmentTargetTypes = ['group', 'allUsers', 'allDevices'] as const;
export type AssignmentTargetType = (typeof assignmentTargetTypes)[number];

/**
 * Who an assignment reaches. `allUsers` means every device that has a primary user (Intune's
 * "All users" reaches users' devices); `allDevices` means every device. A group of users reaches
 * the devices whose primary user is a member; a group of devices reaches its member devices.
 */
export type AssignmentTarget = { readonly type: 'group'; readonly groupId: GroupId } | { readonly type: 'allUsers' } | { readonly type: 'allDevices' };

export const assignmentModes = ['include', 'exclude'] as const;
/** Exclude wins: a device reached by any exclude assignment of an item does not get it. */
export type AssignmentMode = (typeof assignmentModes)[number];

export const assignmentIntents = ['required', 'available', 'uninstall', 'availableWithoutEnrollment'] as const;
/**
 * Profiles and compliance policies are always `required`. Apps take all four: `required` is
 * installed, `uninstall` removed, `available` offered in the portal, and
 * `availableWithoutEnrollment` offered to app-protected (SDK) apps on personal devices that are
 * not enrolled; neither available intent is pushed to devices.
 */
export type AssignmentIntent = (typeof assignmentIntents)[number];

export const assignmentFilterModes = ['include', 'exclude'] as const;
export type AssignmentFilterMode = (typeof assignmentFilterModes)[number];

/** An assignment's filter: the assignment reaches only devices the rule matches (include) or does not match (exclude). */
export interface AssignmentFilterRef {
  readonly filterId: AssignmentFilterId;
  readonly mode: AssignmentFilterMode;
}

/** One item given to (or withheld from) one target. */
export interface Assignment {
  readonly id: AssignmentId;
  readonly tenantId: TenantId;
  readonly itemKind: AssignableKind;
  /** The profile's, compliance policy's or app's id. */
  readonly itemId: string;
  readonly target: AssignmentTarget;
  readonly mode: AssignmentMode;
  /** Intune applies filters to include assignments only; an exclude assignment carries none. */
  readonly filter: AssignmentFilterRef | null;
  readonly intent: AssignmentIntent;
  readonly createdAt: Date;
}

/**
 * A named rule over the filter attribute catalog (`filter-attributes.ts`), written in the
 * expression language of `core/expressions`: `device.platform == "windows" and
 * device.osVersion >= "10.0.22631"`. Filters narrow an assignment at evaluation time, without a
 * group to maintain.
 */
export interface AssignmentFilter {
  readonly id: AssignmentFilterId;
  readonly tenantId: TenantId;
  /** Unique within the tenant, compared case-insensitively. */
  readonly name: string;
  readonly description: string;
  /** The platform the filter is written for; null for any. A device of another platform never matches. */
  readonly platform: Platform | null;
  readonly rule: string;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

/** Everything assignment resolution needs about one device, loaded once per device. */
export interface AssignmentSubject {
  readonly device: Device;
  /** The device's primary user; null when it has none (then `allUsers` does not reach it). */
  readonly user: User | null;
  /** Groups the device, or its primary user, is a member of. */
  readonly groupIds: ReadonlySet<string>;
}

// ---------------------------------------------------------------------------------------------
// Profiles
// ---------------------------------------------------------------------------------------------

export const profileKinds = ['settings', 'wifi', 'vpn', 'email', 'certificate', 'custom'] as const;
export type ProfileKind = (typeof profileKinds)[number];

/** A setting's value as stored and sent; the catalog says which type each setting takes. */
export type SettingValue = boolean | number | string;

/** Settings from the catalog (`settings-catalog.ts`), by setting id. */
export interface SettingsBody {
  readonly settings: Readonly<Record<string, SettingValue>>;
}

export const wifiSecurities = ['open', 'wpa2Personal', 'wpa3Personal', 'wpa2Enterprise', 'wpa3Enterprise'] as const;
export type WifiSecurity = (typeof wifiSecurities)[number];

export type WifiProxy = { readonly type: 'none' } | { readonly type: 'manual'; readonly host: string; readonly port: number } | { readonly type: 'auto'; readonly pacUrl: string };

/**
 * Bodies are generic in how a secret is held: `string` when stored (`Profile`), `null` when read
 * back (`ProfileView`: secrets never leave through list/get), and `string | null` on input, where
 * null keeps the stored secret (so an admin can edit a profile without re-typing its passphrase).
 */
export interface WifiBody<S = string> {
  /** 1–32 bytes of UTF-8 (IEEE 802.11). */
  readonly ssid: string;
  readonly hidden: boolean;
  readonly autoJoin: boolean;
  readonly security: WifiSecurity;
  /** WPA2/WPA3 personal: 8–63 printable ASCII characters, or 64 hex digits (a raw PSK). */
  readonly passphrase?: S;
  /** WPA2/WPA3 enterprise: EAP-TLS with a client certificate from a certificate profile. */
  readonly eap?: WifiEap;
  readonly proxy: WifiProxy;
}

export interface WifiEap {
  readonly method: 'tls';
  /** The outer identity; may use variables (`{{user.upn}}`). */
  readonly identity: string;
  /** Names the RADIUS server's certificate must carry. */
  readonly serverNames: readonly string[];
  /** Certificate profiles of type trustedRoot whose certificates validate the RADIUS server. */
  readonly trustedRootProfileIds: readonly ProfileId[];
  /** A certificate profile of type `issued` or `scep` that gives the device its client certificate. */
  readonly clientCertificateProfileId: ProfileId;
}

export const vpnOnDemandActions = ['connect', 'disconnect', 'ignore'] as const;
export type VpnOnDemandAction = (typeof vpnOnDemandActions)[number];

export const vpnInterfaceTypes = ['wifi', 'ethernet', 'any'] as const;
export type VpnInterfaceType = (typeof vpnInterfaceTypes)[number];

/** One on-demand rule; the first whose conditions all hold decides (Apple's OnDemandRules order). */
export interface VpnOnDemandRule {
  readonly action: VpnOnDemandAction;
  readonly ssids?: readonly string[];
  readonly dnsDomains?: readonly string[];
  readonly interfaceType?: VpnInterfaceType;
}

export interface VpnOnDemand {
  readonly enabled: boolean;
  readonly rules: readonly VpnOnDemandRule[];
}

export type IkeV2Authentication<S = string> =
  | {
      readonly method: 'certificate';
      /** A certificate profile of type `issued` or `scep` giving the device its client certificate. */
      readonly certificateProfileId: ProfileId;
      /** Certificate profiles of type trustedRoot that validate the VPN server. */
      readonly trustedRootProfileIds: readonly ProfileId[];
    }
  | { readonly method: 'sharedSecret'; readonly sharedSecret: S };

export interface IkeV2Tunnel<S = string> {
  readonly type: 'ikev2';
  /** Host name or IP address of the VPN server. */
  readonly server: string;
  readonly remoteId: string;
  /** May use variables (`{{device.serial}}`). */
  readonly localId: string;
  readonly authentication: IkeV2Authentication<S>;
}

export interface WireGuardPeer<S = string> {
  /** Base64 of a 32-byte Curve25519 key. */
  readonly publicKey: string;
  readonly presharedKey?: S;
  /** `host:port` or `[ipv6]:port`. */
  readonly endpoint: string;
  /** CIDR blocks. */
  readonly allowedIps: readonly string[];
  readonly persistentKeepaliveSeconds?: number;
}

export interface WireGuardTunnel<S = string> {
  readonly type: 'wireguard';
  readonly interface: {
    /** CIDR addresses of the tunnel interface. */
    readonly addresses: readonly string[];
    readonly dns: readonly string[];
    /** Absent: each device generates and keeps its own key (the usual case: one key per device). */
    readonly privateKey?: S;
    readonly mtu?: number;
  };
  readonly peers: readonly WireGuardPeer<S>[];
}

export type VpnBody<S = string> = { readonly connectionName: string; readonly onDemand: VpnOnDemand } & (IkeV2Tunnel<S> | WireGuardTunnel<S>);

export const emailAccountTypes = ['exchange', 'imap'] as const;
export type EmailAccountType = (typeof emailAccountTypes)[number];

export interface MailServer {
  readonly host: string;
  readonly port: number;
  readonly ssl: boolean;
}

/** An e-mail account. Address and user name usually are variables: `{{user.email}}`, `{{user.upn}}`. */
export interface EmailBody {
  readonly accountType: EmailAccountType;
  readonly accountName: string;
  readonly emailAddress: string;
  readonly username: string;
  /** Exchange ActiveSync. */
  readonly exchange?: { readonly host: string; readonly ssl: boolean };
  /** IMAP. */
  readonly incoming?: MailServer;
  /** SMTP. */
  readonly outgoing?: MailServer;
}

export const certificateTypes = ['trustedRoot', 'issued', 'scep'] as const;
export type CertificateType = (typeof certificateTypes)[number];

export const scepKeyUsages = ['digitalSignature', 'keyEncipherment'] as const;
export type ScepKeyUsage = (typeof scepKeyUsages)[number];

export const scepKeySizes = [2048, 3072, 4096] as const;
export type ScepKeySize = (typeof scepKeySizes)[number];

export type CertificateBody<S = string> =
  /** A CA certificate the device trusts (system store). */
  | { readonly type: 'trustedRoot'; readonly name: string; readonly certificatePem: string }
  /**
   * A certificate Ward's CA issues to each device (or to its primary user). The credential itself
   * is issued per device outside this profile and handed to rendering (`IssuedCredential`).
   */
  | { readonly type: 'issued'; readonly scope: 'device' | 'user'; readonly subject: string; readonly validityDays: number }
  /** A certificate the device fetches itself from an external SCEP server. */
  | {
      readonly type: 'scep';
      /** https URL of the SCEP endpoint. */
      readonly url: string;
      readonly challenge: S;
      /** An X.500 subject such as `CN={{device.serial}},O=Example`; may use variables. */
      readonly subject: string;
      readonly keySize: ScepKeySize;
      readonly keyUsage: readonly ScepKeyUsage[];
    };

export type CustomBody =
  | { readonly platform: 'linux'; readonly format: 'file'; readonly path: string; readonly contentBase64: string; readonly mode: string }
  | { readonly platform: 'macos'; readonly format: 'mobileconfig'; readonly contentBase64: string }
  | { readonly platform: 'windows'; readonly format: 'syncml'; readonly contentBase64: string };

/** The kind and its body, discriminated by `kind`. */
export type ProfileContent<S = string> =
  | { readonly kind: 'settings'; readonly body: SettingsBody }
  | { readonly kind: 'wifi'; readonly body: WifiBody<S> }
  | { readonly kind: 'vpn'; readonly body: VpnBody<S> }
  | { readonly kind: 'email'; readonly body: EmailBody }
  | { readonly kind: 'certificate'; readonly body: CertificateBody<S> }
  | { readonly kind: 'custom'; readonly body: CustomBody };

/** What every profile has besides its content. */
export interface ProfileHeader {
  readonly id: ProfileId;
  readonly tenantId: TenantId;
  /** Unique within the tenant, compared case-insensitively (policy-as-code files address profiles by name). */
  readonly name: string;
  readonly description: string;
  /** Platforms the profile is meant for; a device of another platform reports it notApplicable. */
  readonly platforms: readonly Platform[];
  /** 1 on create, +1 on every update: a caller's `expectedVersion` guards against lost updates. */
  readonly version: number;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

/** A configuration profile as stored, secrets included. Never returned to callers: see `ProfileView`. */
export type Profile = ProfileHeader & ProfileContent;

/** A profile as read back through get/list: every secret is null (see `redact-profile.ts`). */
export type ProfileView = ProfileHeader & ProfileContent<null> & { readonly secretsSet: readonly string[] };

// ---------------------------------------------------------------------------------------------
// Rendered items (wire shape to the agent)
// ---------------------------------------------------------------------------------------------

export interface RenderedSettings {
  readonly settings: Readonly<Record<string, SettingValue>>;
}

export interface PemCredential {
  readonly certificatePem: string;
  readonly chainPem: string;
  readonly privateKeyPem: string;
}

/** A certificate and key Ward's CA issued for one device and one `issued` certificate profile. */
export type IssuedCredential = PemCredential;

export interface RenderedWifi {
  readonly ssid: string;
  readonly hidden: boolean;
  readonly autoJoin: boolean;
  readonly security: WifiSecurity;
  readonly passphrase?: string;
  readonly eap?: {
    readonly method: 'tls';
    readonly identity: string;
    readonly serverNames: readonly string[];
    readonly trustedRootsPem: readonly string[];
    /** Absent when the client certificate comes from a SCEP profile the device enrols itself. */
    readonly clientCertificate?: PemCredential;
  };
  readonly proxy: WifiProxy;
}

export type RenderedVpn = { readonly connectionName: string; readonly onDemand: VpnOnDemand } & (
  | {
      readonly type: 'ikev2';
      readonly server: string;
      readonly remoteId: string;
      readonly localId: string;
      readonly authentication:
        | ({ readonly method: 'certificate'; readonly trustedRootsPem: readonly string[] } & PemCredential)
        | { readonly method: 'sharedSecret'; readonly sharedSecret: string };
    }
  | WireGuardTunnel
);

export type RenderedEmail = EmailBody;

export type RenderedCertificate =
  | { readonly type: 'trustedRoot'; readonly name: string; readonly certificatePem: string }
  | ({ readonly type: 'issued'; readonly scope: 'device' | 'user' } & PemCredential)
  | { readonly type: 'scep'; readonly url: string; readonly challenge: string; readonly subject: string; readonly keySize: ScepKeySize; readonly keyUsage: readonly ScepKeyUsage[] };

export type RenderedCustom = CustomBody;

/** What the agent receives for one profile, variables substituted. */
export type RenderedPayload = RenderedSettings | RenderedWifi | RenderedVpn | RenderedEmail | RenderedCertificate | RenderedCustom;

/** One item of the check-in `configuration.install` list. */
export interface ConfigurationItem {
  /** The profile id. */
  readonly id: string;
  /** Hex SHA-256 of the canonical JSON of `{ id, kind, name, payload }`. */
  readonly hash: string;
  readonly name: string;
  readonly kind: ProfileKind;
  readonly payload: RenderedPayload;
}

/** The check-in answer's `configuration` part; absent from the answer when both lists are empty. */
export interface ConfigurationPlan {
  readonly install: readonly ConfigurationItem[];
  readonly remove: readonly string[];
}

export const reportedItemStatuses = ['succeeded', 'failed', 'notApplicable', 'removed'] as const;
export type ReportedItemStatus = (typeof reportedItemStatuses)[number];

export const reportedSettingStatuses = ['succeeded', 'failed', 'notApplicable'] as const;
export type ReportedSettingStatus = (typeof reportedSettingStatuses)[number];

/** A setting's outcome on the device. */
export interface SettingReport {
  readonly id: string;
  readonly status: ReportedSettingStatus;
  readonly error?: string;
}

/** What a device says about one item it was given (check-in request `configuration.reports`). */
export interface ConfigurationReport {
  readonly id: string;
  readonly hash: string;
  readonly status: ReportedItemStatus;
  /** The device's own error text, at most 2000 characters. */
  readonly error?: string;
  readonly settings?: readonly SettingReport[];
}

// ---------------------------------------------------------------------------------------------
// Desired and reported state per device and profile
// ---------------------------------------------------------------------------------------------

export const profileStatuses = ['pending', 'succeeded', 'failed', 'conflict', 'notApplicable', 'removing'] as const;
/**
 * Where one profile stands on one device. `pending`: the device has not yet confirmed the current
 * version; `conflict`: some of its settings collide with another profile's and were withheld;
 * `removing`: no longer assigned, waiting for the device to confirm removal.
 */
export type ProfileStatus = (typeof profileStatuses)[number];

/** A setting withheld from a device because profiles set it to different values. */
export interface SettingConflict {
  readonly settingId: string;
  /** Every profile that sets it on this device, this one included, sorted by id. */
  readonly profileIds: readonly ProfileId[];
}

export const desiredActions = ['install', 'remove', 'notApplicable'] as const;
/** What the server wants the device to do with a profile. */
export type DesiredAction = (typeof desiredActions)[number];

/** The server's side of a device × profile row, written by recomputation. */
export interface DesiredProfileState {
  readonly tenantId: TenantId;
  readonly deviceId: DeviceId;
  readonly profileId: ProfileId;
  readonly action: DesiredAction;
  /** The hash of the item to install; null unless `action` is install. */
  readonly desiredHash: string | null;
  /** Why the profile does not apply (action notApplicable); null otherwise. */
  readonly reason: string | null;
  /** Settings withheld on this device because of conflicts (settings profiles only). */
  readonly conflicts: readonly SettingConflict[];
  /** When the desired side last changed. */
  readonly desiredAt: Date;
}

/** The device's side of the row, written from its reports. */
export interface ReportedProfileState {
  readonly reportedHash: string | null;
  readonly reportedStatus: ReportedItemStatus | null;
  /** The device's error text, at most 2000 characters. */
  readonly error: string | null;
  readonly settings: readonly SettingReport[];
  readonly reportedAt: Date | null;
}

/**
 * One row per device and profile that applies, applied, or is being removed. `status` is derived
 * (`derive-profile-status.ts`) from both sides and stored so that reports count it in SQL.
 */
export interface DeviceProfileState extends DesiredProfileState, ReportedProfileState {
  readonly status: ProfileStatus;
}
