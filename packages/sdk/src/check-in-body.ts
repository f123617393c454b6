import { utf8, type Bytes } from './crypto/bytes.js';
import type { PendingUsage, PendingWipeConfirmation } from './registration-record.js';
import type { SdkFlag } from './sdk-flags.js';
import { sdkWireLimits } from './wire/sdk-limits.js';

/** What goes into one check-in. */
export interface CheckInInput {
  readonly registrationId: string;
  readonly sequence: number;
  readonly sentAtMs: number;
  readonly appVersion: string;
  readonly sdkVersion: string;
  readonly policyVersion: string;
  readonly configurationVersion: string;
  readonly pinSet: boolean;
  readonly encrypted: boolean;
  readonly jailbroken: boolean;
  readonly flagged: readonly SdkFlag[];
  readonly usage: PendingUsage;
  readonly wipeConfirmation: PendingWipeConfirmation | null;
}

/** The usage a check-in carries, within the contract's limits. */
export interface SentUsage {
  readonly launches: number;
  readonly activeDays: readonly string[];
}

/**
 * The exact bytes of a check-in body (docs/protocols/sdk-v1.md): the signature is over these
 * bytes, so they are made once and sent as they are.
 */
export function checkInBody(input: CheckInInput): { readonly bytes: Bytes; readonly sent: SentUsage } {
  const launches = Math.min(input.usage.launches, sdkWireLimits.launchesPerCheckIn);
  const activeDays = input.usage.activeDays.slice(-sdkWireLimits.activeDays);
  const body = {
    registrationId: input.registrationId,
    sequence: input.sequence,
    sentAt: new Date(input.sentAtMs).toISOString(),
    appVersion: input.appVersion,
    sdkVersion: input.sdkVersion,
    policyVersion: input.policyVersion,
    configurationVersion: input.configurationVersion,
    state: { pinSet: input.pinSet, encrypted: input.encrypted, jailbroken: input.jailbroken, flagged: [...input.flagged] },
    usage: { launches, activeDays, lastUsedAt: input.usage.lastUsedAt === null ? null : new Date(input.usage.lastUsedAt).toISOString() },
    ...(input.wipeConfirmation === null
      ? {}
      : {
          wipeConfirmation: {
            wipeId: input.wipeConfirmation.wipeId,
            outcome: input.wipeConfirmation.outcome,
            ...(input.wipeConfirmation.error === undefined ? {} : { error: input.wipeConfirmation.error.slice(0, sdkWireLimits.wipeErrorLength) }),
          },
        }),
  };
  return { bytes: utf8(JSON.stringify(body)), sent: { launches, activeDays } };
}

/** The UTC day (YYYY-MM-DD) of `ms`. */
export function utcDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}
