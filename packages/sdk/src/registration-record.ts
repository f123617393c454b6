import { AnswerInvalid, integerAt, objectAt, oneOfAt, textAt } from './wire/answer-invalid.js';
import { deepFreeze, parseProtectionPolicy, type ProtectionPolicy } from './wire/protection-policy.js';
import type { AppConfiguration } from './wire/sdk-answers.js';
import { sdkWireLimits } from './wire/sdk-limits.js';

/** Usage not yet reported to the server. */
export interface PendingUsage {
  launches: number;
  /** UTC days (YYYY-MM-DD) with use, not yet reported. */
  activeDays: string[];
  /** The last day reported, so each day is reported once. */
  lastReportedDay: string | null;
  lastUsedAt: number | null;
}

/** A wipe done locally and not yet confirmed to the server. */
export interface PendingWipeConfirmation {
  readonly wipeId: string;
  readonly outcome: 'succeeded' | 'failed';
  readonly error?: string;
}

/** The registration as the SDK keeps it between launches (`ward/registration`). */
export interface RegistrationRecord {
  readonly registrationId: string;
  readonly serverUrl: string;
  readonly appId: string;
  /** The corporate account the registration is for, when the app named it. */
  readonly accountId: string | null;
  policy: ProtectionPolicy;
  policyVersion: string;
  configuration: AppConfiguration;
  configurationVersion: string;
  checkInIntervalSeconds: number;
  /** The server's time of the last successful check-in or registration (ms). */
  lastCheckInAt: number;
  /** server clock − local clock, ms, from the last answer. */
  skewMs: number;
  /** The last sequence signed. */
  sequence: number;
  usage: PendingUsage;
  pendingWipe: PendingWipeConfirmation | null;
  /** `lastCheckInAt` of the offline period for which the offline wipe was done: once per period. */
  offlineWipedFor: number | null;
}

const dayPattern = /^\d{4}-\d{2}-\d{2}$/;

function configurationOf(value: unknown): AppConfiguration {
  const c = objectAt(value, 'configuration');
  const out = Object.create(null) as Record<string, string>;
  for (const [k, v] of Object.entries(c)) {
    if (typeof v !== 'string') throw new AnswerInvalid(`configuration.${k.slice(0, 64)}`, 'must be text');
    out[k] = v;
  }
  return Object.freeze(out);
}

function finite(value: unknown, field: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new AnswerInvalid(field, 'must be a number');
  return value;
}

/**
 * Reads a stored record; null when it is not one (a corrupt or foreign value), so the SDK
 * registers anew rather than trusting it.
 */
export function parseRegistrationRecord(text: string): RegistrationRecord | null {
  try {
    const r = objectAt(JSON.parse(text), 'record');
    if (r.v !== 1) return null;
    const u = objectAt(r.usage, 'usage');
    const days = Array.isArray(u.activeDays) ? (u.activeDays as unknown[]) : [];
    let pendingWipe: PendingWipeConfirmation | null = null;
    if (r.pendingWipe !== null && r.pendingWipe !== undefined) {
      const w = objectAt(r.pendingWipe, 'pendingWipe');
      const outcome = oneOfAt(w.outcome, 'pendingWipe.outcome', ['succeeded', 'failed'] as const);
      const wipeId = textAt(w.wipeId, 'pendingWipe.wipeId', sdkWireLimits.idPattern);
      pendingWipe = typeof w.error === 'string' ? { wipeId, outcome, error: w.error.slice(0, sdkWireLimits.wipeErrorLength) } : { wipeId, outcome };
    }
    return {
      registrationId: textAt(r.registrationId, 'registrationId', sdkWireLimits.idPattern),
      serverUrl: textAt(r.serverUrl, 'serverUrl', /^https?:\/\/\S{1,2000}$/),
      appId: textAt(r.appId, 'appId', sdkWireLimits.appIdentifierPattern),
      accountId: typeof r.accountId === 'string' ? r.accountId : null,
      policy: parseProtectionPolicy(r.policy),
      policyVersion: textAt(r.policyVersion, 'policyVersion', sdkWireLimits.versionHashPattern),
      configuration: configurationOf(r.configuration),
      configurationVersion: textAt(r.configurationVersion, 'configurationVersion', sdkWireLimits.versionHashPattern),
      checkInIntervalSeconds: integerAt(r.checkInIntervalSeconds, 'checkInIntervalSeconds', 1, 365 * 24 * 3600),
      lastCheckInAt: finite(r.lastCheckInAt, 'lastCheckInAt'),
      skewMs: finite(r.skewMs, 'skewMs'),
      sequence: integerAt(r.sequence, 'sequence', 0, Number.MAX_SAFE_INTEGER),
      usage: {
        launches: integerAt(u.launches, 'usage.launches', 0, Number.MAX_SAFE_INTEGER),
        activeDays: days.filter((d): d is string => typeof d === 'string' && dayPattern.test(d)).slice(-sdkWireLimits.activeDays),
        lastReportedDay: typeof u.lastReportedDay === 'string' && dayPattern.test(u.lastReportedDay) ? u.lastReportedDay : null,
        lastUsedAt: typeof u.lastUsedAt === 'number' && Number.isFinite(u.lastUsedAt) ? u.lastUsedAt : null,
      },
      pendingWipe,
      offlineWipedFor: typeof r.offlineWipedFor === 'number' && Number.isFinite(r.offlineWipedFor) ? r.offlineWipedFor : null,
    };
  } catch (error) {
    if (error instanceof AnswerInvalid || error instanceof SyntaxError) return null;
    throw error;
  }
}

/** The stored form of a record. */
export function serializeRegistrationRecord(record: RegistrationRecord): string {
  return JSON.stringify({ v: 1, ...record, configuration: { ...record.configuration } });
}

/** A frozen copy of a policy read back, for handing to the app. */
export function frozenPolicy(policy: ProtectionPolicy): ProtectionPolicy {
  return deepFreeze(policy);
}
