import type { AppConfigurationSettings, AppRegistrationId, AppWipeId, AppWipeScope, ProtectionPolicy, SdkFlag, SdkPlatform, SdkPublicKey } from './model.js';

// The bodies of docs/protocols/sdk-v1.md, as the core reads and answers them.

/** `POST /sdk/v1/registrations`, validated. */
export interface SdkRegistrationRequest {
  readonly appId: string;
  readonly appVersion: string;
  readonly sdkVersion: string;
  readonly platform: SdkPlatform;
  readonly deviceTag: string;
  readonly deviceName: string | null;
  readonly osName: string | null;
  readonly osVersion: string | null;
  readonly publicKey: SdkPublicKey;
}

/** The answer to a registration (201 when `created`, else 200). */
export interface SdkRegistrationResponse {
  readonly registrationId: AppRegistrationId;
  readonly policy: ProtectionPolicy;
  readonly policyVersion: string;
  readonly configuration: AppConfigurationSettings;
  readonly configurationVersion: string;
  readonly keyShare: string;
  readonly checkInIntervalSeconds: number;
  readonly serverTime: string;
}

/** What the app reports of its state at a check-in. */
export interface SdkReportedState {
  readonly pinSet: boolean;
  readonly encrypted: boolean;
  readonly jailbroken: boolean;
  readonly flagged: readonly SdkFlag[];
}

/** Usage since the last check-in. */
export interface SdkReportedUsage {
  readonly launches: number;
  /** `YYYY-MM-DD`, distinct, in the order sent. */
  readonly activeDays: readonly string[];
  readonly lastUsedAt: Date | null;
}

/** The app's confirmation of a wipe it carried out. */
export interface SdkWipeConfirmation {
  readonly wipeId: string;
  readonly outcome: 'succeeded' | 'failed';
  readonly error: string | null;
}

/** `POST /sdk/v1/check-in`'s body, validated. */
export interface SdkCheckInBody {
  readonly registrationId: string;
  readonly sequence: number;
  readonly sentAt: Date;
  readonly appVersion: string;
  readonly sdkVersion: string;
  readonly policyVersion: string | null;
  readonly configurationVersion: string | null;
  readonly state: SdkReportedState;
  readonly usage: SdkReportedUsage;
  readonly wipeConfirmation: SdkWipeConfirmation | null;
}

/** The answer to a check-in. */
export interface SdkCheckInResponse {
  /** Present only when `policyVersion` differs from what the app applies. */
  readonly policy: ProtectionPolicy | null;
  readonly policyVersion: string;
  /** Present only when `configurationVersion` differs from what the app applies. */
  readonly configuration: AppConfigurationSettings | null;
  readonly configurationVersion: string;
  /** Withheld (null) while a wipe is pending, after it, and while the user is disabled. */
  readonly keyShare: string | null;
  readonly wipe: { readonly wipeId: AppWipeId; readonly scope: AppWipeScope } | null;
  readonly checkInIntervalSeconds: number;
  readonly serverTime: string;
}
