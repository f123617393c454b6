import { base64UrlDecode, type Bytes } from '../crypto/bytes.js';
import { AnswerInvalid, instantAt, integerAt, invalid, objectAt, oneOfAt, textAt } from './answer-invalid.js';
import { deepFreeze, parseProtectionPolicy, type ProtectionPolicy } from './protection-policy.js';
import { sdkWireLimits } from './sdk-limits.js';

/** App configuration: key → value, user variables already filled in by the server. */
export type AppConfiguration = Readonly<Record<string, string>>;

/** `POST /sdk/v1/registrations` answered 200 or 201. */
export interface RegistrationAnswer {
  readonly registrationId: string;
  readonly policy: ProtectionPolicy;
  readonly policyVersion: string;
  readonly configuration: AppConfiguration;
  readonly configurationVersion: string;
  readonly keyShare: Bytes;
  readonly checkInIntervalSeconds: number;
  /** The server's clock, ms since the epoch. */
  readonly serverTime: number;
}

/** A wipe the server asks for in a check-in answer. */
export interface WipeOrder {
  readonly wipeId: string;
  readonly scope: 'registration' | 'user';
}

/** `POST /sdk/v1/check-in` answered 200. */
export interface CheckInAnswer {
  /** Present only when its version differs from what the app applies. */
  readonly policy: { readonly value: ProtectionPolicy; readonly version: string } | null;
  readonly configuration: { readonly value: AppConfiguration; readonly version: string } | null;
  /** Null while a wipe is pending: the server withholds it. */
  readonly keyShare: Bytes | null;
  readonly wipe: WipeOrder | null;
  readonly checkInIntervalSeconds: number;
  readonly serverTime: number;
}

/** The part of Ward's error body the SDK acts on: `{ "error": { "code", "details" } }`. */
export interface ServerError {
  readonly code: string | null;
  readonly details: Readonly<Record<string, unknown>>;
}

/** A parse: the value, or why the answer was refused. */
export type Parsed<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly reason: string };

function parsed<T>(read: () => T): Parsed<T> {
  try {
    return { ok: true, value: read() };
  } catch (error) {
    if (error instanceof AnswerInvalid) return { ok: false, reason: error.message };
    throw error;
  }
}

function keyShareAt(value: unknown, field: string): Bytes {
  const bytes = typeof value === 'string' && value.length === 43 ? base64UrlDecode(value) : null;
  if (bytes?.byteLength !== sdkWireLimits.keyShareBytes) invalid(field, 'must be 32 bytes in base64url');
  return bytes;
}

function configurationAt(value: unknown, field: string): AppConfiguration {
  const c = objectAt(value, field);
  const keys = Object.keys(c);
  if (keys.length > sdkWireLimits.configurationKeys) invalid(field, `must hold at most ${sdkWireLimits.configurationKeys} settings`);
  // A null-prototype object: a key such as `__proto__` stays an ordinary setting.
  const out = Object.create(null) as Record<string, string>;
  for (const key of keys) {
    const v = c[key];
    if (key.length === 0 || key.length > sdkWireLimits.configurationKeyLength) invalid(field, `has a key of ${key.length} characters`);
    if (typeof v !== 'string' || v.length > sdkWireLimits.configurationValueLength) invalid(`${field}.${key.slice(0, 64)}`, 'must be text');
    out[key] = v;
  }
  return Object.freeze(out);
}

function versionAt(value: unknown, field: string): string {
  return textAt(value, field, sdkWireLimits.versionHashPattern);
}

function intervalAt(value: unknown, field: string): number {
  // Any positive interval is read; the SDK clamps it to its own bounds when it schedules.
  return integerAt(value, field, 1, 365 * 24 * 3600);
}

/** Reads a registration answer (strictly: a wrong type anywhere refuses all of it). */
export function parseRegistrationAnswer(json: unknown): Parsed<RegistrationAnswer> {
  return parsed(() => {
    const a = objectAt(json, 'answer');
    return deepFreeze({
      registrationId: textAt(a.registrationId, 'registrationId', sdkWireLimits.idPattern),
      policy: parseProtectionPolicy(a.policy),
      policyVersion: versionAt(a.policyVersion, 'policyVersion'),
      configuration: a.configuration === null ? Object.freeze({}) : configurationAt(a.configuration, 'configuration'),
      configurationVersion: versionAt(a.configurationVersion, 'configurationVersion'),
      keyShare: keyShareAt(a.keyShare, 'keyShare'),
      checkInIntervalSeconds: intervalAt(a.checkInIntervalSeconds, 'checkInIntervalSeconds'),
      serverTime: instantAt(a.serverTime, 'serverTime'),
    });
  });
}

/** Reads a check-in answer. */
export function parseCheckInAnswer(json: unknown): Parsed<CheckInAnswer> {
  return parsed(() => {
    const a = objectAt(json, 'answer');
    let wipe: WipeOrder | null = null;
    if (a.wipe !== null && a.wipe !== undefined) {
      const w = objectAt(a.wipe, 'wipe');
      wipe = { wipeId: textAt(w.wipeId, 'wipe.wipeId', sdkWireLimits.idPattern), scope: oneOfAt(w.scope, 'wipe.scope', ['registration', 'user'] as const) };
    }
    return deepFreeze({
      policy: a.policy === null || a.policy === undefined ? null : { value: parseProtectionPolicy(a.policy), version: versionAt(a.policyVersion, 'policyVersion') },
      configuration: a.configuration === null || a.configuration === undefined ? null : { value: configurationAt(a.configuration, 'configuration'), version: versionAt(a.configurationVersion, 'configurationVersion') },
      keyShare: a.keyShare === null || a.keyShare === undefined ? null : keyShareAt(a.keyShare, 'keyShare'),
      wipe,
      checkInIntervalSeconds: intervalAt(a.checkInIntervalSeconds, 'checkInIntervalSeconds'),
      serverTime: instantAt(a.serverTime, 'serverTime'),
    });
  });
}

/** Reads Ward's error body leniently: a proxy's HTML page yields `{ code: null }`. */
export function parseServerError(json: unknown): ServerError {
  if (typeof json !== 'object' || json === null) return { code: null, details: {} };
  const error = (json as Record<string, unknown>).error;
  if (typeof error !== 'object' || error === null) return { code: null, details: {} };
  const e = error as Record<string, unknown>;
  const code = typeof e.code === 'string' && /^[A-Z][A-Z0-9_]{0,63}$/.test(e.code) ? e.code : null;
  const details = typeof e.details === 'object' && e.details !== null && !Array.isArray(e.details) ? (e.details as Record<string, unknown>) : {};
  return { code, details };
}
