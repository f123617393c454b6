import { fail, ok, type Result } from '../kernel/result.js';
import { toProtectionPolicy } from './protection-policy.js';
import { sdkCheckInIntervalSeconds, sdkLimits, type AppProtectionPolicy, type AppRegistration, type AppUsageIncrement, type AppWipeId, type RenderedAppConfiguration } from './model.js';
import type { SdkCheckInBody, SdkCheckInResponse, SdkReportedUsage } from './sdk-wire.js';

/** The directory's word on the registration's user at this check-in. */
export type SdkUserStatus = 'active' | 'disabled' | 'deleted';

/** Everything one check-in's decision reads, loaded by `checkInSdkApp`. */
export interface SdkCheckInFacts {
  /** The registration as stored, already found for the header's id and not wiped. */
  readonly registration: AppRegistration;
  /** The registration id the request's header named (the signature was checked under its key). */
  readonly headerRegistrationId: string;
  readonly body: SdkCheckInBody;
  readonly now: Date;
  /** The protection policy that reaches the user and app now; undefined when none does. */
  readonly protection: AppProtectionPolicy | undefined;
  readonly configuration: RenderedAppConfiguration;
  readonly user: SdkUserStatus;
  /** The id a wipe the server starts now takes (a deleted user's registration). */
  readonly newWipeId: AppWipeId;
}

/** What a check-in changes and answers. */
export interface SdkCheckInDecision {
  /** The registration to store (guarded by the sequence the check-in read). */
  readonly registration: AppRegistration;
  readonly usage: readonly AppUsageIncrement[];
  readonly response: SdkCheckInResponse;
  /** What happened to a wipe in this check-in, for the audit trail. */
  readonly wipe: 'confirmed' | 'requestedForDeletedUser' | null;
}

const dayMs = 86_400_000;
/** Days of usage accepted behind the server's clock: the longest offline period before a wipe. */
const usageLookbackDays = 90;

function dayOf(at: Date): string {
  return at.toISOString().slice(0, 10);
}

/**
 * The usage rows of one check-in: every reported active day counts the user active on it; the
 * launches go to the latest such day (the SDK reports them as a total since its last check-in).
 * Days more than 90 days back or after tomorrow (UTC) are dropped: they cannot be real and would
 * let one app write rows anywhere in time.
 */
export function usageIncrements(registration: AppRegistration, usage: SdkReportedUsage, lastUsedAt: Date | null, now: Date): AppUsageIncrement[] {
  const earliest = dayOf(new Date(now.getTime() - usageLookbackDays * dayMs));
  const latest = dayOf(new Date(now.getTime() + dayMs));
  const days = usage.activeDays.filter((d) => d >= earliest && d <= latest).sort();
  const last = days[days.length - 1];
  if (usage.launches > 0 && last === undefined) days.push(dayOf(lastUsedAt ?? now));
  const credited = days[days.length - 1];
  return days.map((day) => ({
    tenantId: registration.tenantId,
    appIdentifier: registration.appIdentifier,
    userId: registration.userId,
    day,
    launches: day === credited ? usage.launches : 0,
    lastUsedAt: day === credited ? lastUsedAt : null,
  }));
}

/**
 * Decides one check-in (sdk-v1.md, "Check in") once its signature verified: refuses a body for
 * another registration (SDK_SIGNATURE_INVALID), a replay (SDK_CHECK_IN_REPLAYED) and a stale or
 * future `sentAt` (SDK_CHECK_IN_STALE, with `details.serverTime`); then records the reported
 * state, applies a confirmation of the pending wipe (once: the registration becomes `wiped`),
 * starts a wipe when the user was deleted from the directory, and answers the policy and
 * configuration only when their versions differ from the app's, the key share unless a wipe is
 * pending or done or the user is disabled.
 */
export function decideSdkCheckIn(facts: SdkCheckInFacts): Result<SdkCheckInDecision, 'SDK_SIGNATURE_INVALID' | 'SDK_CHECK_IN_REPLAYED' | 'SDK_CHECK_IN_STALE'> {
  const { registration: before, body, now } = facts;
  const serverTime = now.toISOString();
  if (body.registrationId !== facts.headerRegistrationId || body.registrationId !== before.id) {
    return fail('SDK_SIGNATURE_INVALID', 'The signed body names another registration than the Ward-Registration header.');
  }
  if (body.sequence <= before.sequence) return fail('SDK_CHECK_IN_REPLAYED', `Sequence ${body.sequence} is not above ${before.sequence}, the highest accepted: the check-in was replayed.`, { sequence: before.sequence });
  if (Math.abs(body.sentAt.getTime() - now.getTime()) > sdkLimits.maxSkewMs) {
    return fail('SDK_CHECK_IN_STALE', 'sentAt is more than 5 minutes away from the server clock; correct the skew and sign again.', { serverTime });
  }

  const lastUsedAt = body.usage.lastUsedAt === null ? null : new Date(Math.min(body.usage.lastUsedAt.getTime(), now.getTime()));
  let registration: AppRegistration = {
    ...before,
    appVersion: body.appVersion,
    sdkVersion: body.sdkVersion,
    sequence: body.sequence,
    reported: {
      policyVersion: body.policyVersion,
      configurationVersion: body.configurationVersion,
      pinSet: body.state.pinSet,
      encrypted: body.state.encrypted,
      jailbroken: body.state.jailbroken,
      flagged: body.state.flagged,
    },
    lastCheckInAt: now,
    lastUsedAt: lastUsedAt !== null && (before.lastUsedAt === null || lastUsedAt > before.lastUsedAt) ? lastUsedAt : before.lastUsedAt,
    updatedAt: now,
  };

  let wipe: SdkCheckInDecision['wipe'] = null;
  const pending = before.state === 'wipePending' ? before.wipe : null;
  const confirmation = body.wipeConfirmation;
  if (pending !== null && confirmation !== null && confirmation.wipeId === pending.id) {
    registration = {
      ...registration,
      state: 'wiped',
      wipe: { ...pending, confirmedAt: now, outcome: confirmation.outcome, error: confirmation.outcome === 'failed' ? confirmation.error : null },
    };
    wipe = 'confirmed';
  } else if (registration.state === 'active' && facts.user === 'deleted') {
    // A corporate identity that left the directory keeps no corporate data (Intune wipes an
    // account's app data when the account is removed).
    registration = { ...registration, state: 'wipePending', wipe: { id: facts.newWipeId, scope: 'user', requestedAt: now, requestedBy: 'system', confirmedAt: null, outcome: null, error: null } };
    wipe = 'requestedForDeletedUser';
  }

  const usage = usageIncrements(before, body.usage, lastUsedAt, now);
  const protection = facts.protection;
  // No policy reaches the app any more: echo the app's own version so it keeps enforcing the last
  // policy it received (its data stays sealed); conditional access no longer counts it.
  const policyVersion = protection?.hash ?? body.policyVersion ?? '';
  const config = facts.configuration;
  const live = registration.state === 'active';
  const response: SdkCheckInResponse = {
    policy: live && protection !== undefined && protection.hash !== body.policyVersion ? toProtectionPolicy(protection) : null,
    policyVersion,
    configuration: live && config.version !== body.configurationVersion ? config.configuration : null,
    configurationVersion: config.version,
    keyShare: live && facts.user === 'active' ? registration.keyShare : null,
    wipe: registration.state === 'wipePending' && registration.wipe !== null ? { wipeId: registration.wipe.id, scope: registration.wipe.scope } : null,
    checkInIntervalSeconds: sdkCheckInIntervalSeconds,
    serverTime,
  };
  return ok({ registration, usage, response, wipe });
}
