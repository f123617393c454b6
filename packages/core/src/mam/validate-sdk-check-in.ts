import { ok, fail, type Result } from '../kernel/result.js';
import { bool, invalid, MamInvalid, oneOf, record, text, wholeNumber } from './mam-fields.js';
import { sdkFlags, sdkLimits, type SdkFlag } from './model.js';
import type { SdkCheckInBody, SdkReportedState, SdkReportedUsage, SdkWipeConfirmation } from './sdk-wire.js';
import { sdkVersionText } from './validate-sdk-registration.js';

// ISO 8601 instants as JavaScript writes them (`2026-11-29T10:00:00.000Z`), with or without
// fractions, with Z or an offset.
const instantPattern = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;
const dayPattern = /^\d{4}-\d{2}-\d{2}$/;
// Version hashes are SHA-256 hex; allow any short token so that a future hash still parses.
const versionTokenPattern = /^[A-Za-z0-9_-]{1,128}$/;
const idPattern = /^[A-Za-z0-9_-]{1,64}$/;

/** An ISO 8601 instant. */
export function instant(value: unknown, field: string): Date {
  if (typeof value !== 'string' || !instantPattern.test(value)) invalid(field, 'must be an ISO 8601 instant (2026-11-29T10:00:00Z)');
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) invalid(field, 'must be a real instant');
  return new Date(ms);
}

/** A calendar day `YYYY-MM-DD` that exists. */
export function calendarDay(value: unknown, field: string): string {
  if (typeof value !== 'string' || !dayPattern.test(value)) invalid(field, 'must be a day as YYYY-MM-DD');
  const d = new Date(`${value}T00:00:00Z`);
  if (Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== value) invalid(field, 'must be a day that exists');
  return value;
}

function versionToken(value: unknown, field: string): string | null {
  // The server answers '' when no policy applies (there is no version to name); the SDK echoes it.
  if (value === undefined || value === null || value === '') return null;
  if (typeof value !== 'string' || !versionTokenPattern.test(value)) invalid(field, 'must be a version hash (1 to 128 letters, digits, dashes or underscores) or null');
  return value;
}

function state(value: unknown): SdkReportedState {
  const r = record(value, 'state', ['pinSet', 'encrypted', 'jailbroken', 'flagged']);
  if (!Array.isArray(r.flagged)) invalid('state.flagged', 'must be a list');
  const raw = r.flagged as readonly unknown[];
  if (raw.length > sdkFlags.length * 2) invalid('state.flagged', `may hold at most ${sdkFlags.length * 2} reasons`);
  const flagged: SdkFlag[] = [];
  raw.forEach((f, i) => {
    const flag = oneOf(f, `state.flagged[${i}]`, sdkFlags);
    if (!flagged.includes(flag)) flagged.push(flag);
  });
  return { pinSet: bool(r.pinSet, 'state.pinSet'), encrypted: bool(r.encrypted, 'state.encrypted'), jailbroken: bool(r.jailbroken, 'state.jailbroken'), flagged };
}

function usage(value: unknown): SdkReportedUsage {
  if (value === undefined || value === null) return { launches: 0, activeDays: [], lastUsedAt: null };
  const r = record(value, 'usage', ['launches', 'activeDays', 'lastUsedAt']);
  const launches = r.launches === undefined ? 0 : wholeNumber(r.launches, 'usage.launches', { min: 0, max: sdkLimits.launchesPerCheckIn });
  const days: string[] = [];
  if (r.activeDays !== undefined) {
    if (!Array.isArray(r.activeDays)) invalid('usage.activeDays', 'must be a list of days');
    const raw = r.activeDays as readonly unknown[];
    if (raw.length > sdkLimits.activeDays) invalid('usage.activeDays', `may hold at most ${sdkLimits.activeDays} days`, { limit: sdkLimits.activeDays });
    raw.forEach((d, i) => {
      const day = calendarDay(d, `usage.activeDays[${i}]`);
      if (!days.includes(day)) days.push(day);
    });
  }
  return { launches, activeDays: days, lastUsedAt: r.lastUsedAt === undefined || r.lastUsedAt === null ? null : instant(r.lastUsedAt, 'usage.lastUsedAt') };
}

function wipeConfirmation(value: unknown): SdkWipeConfirmation | null {
  if (value === undefined || value === null) return null;
  const f = 'wipeConfirmation';
  const r = record(value, f, ['wipeId', 'outcome', 'error']);
  if (typeof r.wipeId !== 'string' || !idPattern.test(r.wipeId)) invalid(`${f}.wipeId`, 'must be a wipe id');
  return {
    wipeId: r.wipeId,
    outcome: oneOf(r.outcome, `${f}.outcome`, ['succeeded', 'failed'] as const),
    error: r.error === undefined || r.error === null ? null : text(r.error, `${f}.error`, { min: 0, max: sdkLimits.wipeErrorLength, multiline: true }),
  };
}

/** Reads a check-in body that is already JSON-parsed (sdk-v1.md, "Check in"). */
export function validateSdkCheckInBody(body: unknown): Result<SdkCheckInBody, 'VALIDATION_FAILED'> {
  try {
    const r = record(body, 'body', ['registrationId', 'sequence', 'sentAt', 'appVersion', 'sdkVersion', 'policyVersion', 'configurationVersion', 'state', 'usage', 'wipeConfirmation']);
    if (typeof r.registrationId !== 'string' || !idPattern.test(r.registrationId)) invalid('registrationId', 'must be a registration id');
    return ok({
      registrationId: r.registrationId,
      sequence: wholeNumber(r.sequence, 'sequence', { min: 1, max: Number.MAX_SAFE_INTEGER }),
      sentAt: instant(r.sentAt, 'sentAt'),
      appVersion: sdkVersionText(r.appVersion, 'appVersion'),
      sdkVersion: sdkVersionText(r.sdkVersion, 'sdkVersion'),
      policyVersion: versionToken(r.policyVersion, 'policyVersion'),
      configurationVersion: versionToken(r.configurationVersion, 'configurationVersion'),
      state: state(r.state),
      usage: usage(r.usage),
      wipeConfirmation: wipeConfirmation(r.wipeConfirmation),
    });
  } catch (error) {
    if (error instanceof MamInvalid) return error.failure('VALIDATION_FAILED');
    throw error;
  }
}

/**
 * Decodes the exact bytes of a check-in (UTF-8 JSON, at most 16 KiB) and reads them. The bytes
 * are the ones the signature covers; they are parsed only once it verified.
 */
export function parseSdkCheckInBody(bytes: Uint8Array): Result<SdkCheckInBody, 'VALIDATION_FAILED' | 'PAYLOAD_TOO_LARGE'> {
  if (bytes.length > sdkLimits.bodyBytes) return fail('PAYLOAD_TOO_LARGE', `A check-in body may be at most ${sdkLimits.bodyBytes} bytes.`, { limit: sdkLimits.bodyBytes });
  let parsed: unknown;
  try {
    parsed = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    return fail('VALIDATION_FAILED', 'The check-in body is not UTF-8 JSON.', { field: 'body' });
  }
  return validateSdkCheckInBody(parsed);
}
