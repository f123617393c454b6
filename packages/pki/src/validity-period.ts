import { PkiError } from './pki-error.js';

/**
 * How far before `now` a new certificate starts. Devices whose clocks run a few minutes behind would
 * otherwise reject a certificate issued to them a moment ago as not yet valid.
 */
export const CLOCK_SKEW_ALLOWANCE_MS = 5 * 60 * 1000;

const DAY_MS = 24 * 60 * 60 * 1000;

/** The period a new certificate is valid for. */
export interface ValidityPeriod {
  readonly notBefore: Date;
  readonly notAfter: Date;
}

/**
 * `now` minus the clock-skew allowance to `now` plus `validityDays`, both cut to whole seconds
 * because X.509 times carry no fractions (so the dates returned equal the ones in the certificate).
 * A certificate must not outlive its issuer, so `notAfter` is capped at `issuerNotAfter`.
 *
 * @throws PkiError `INVALID_INPUT` when `now` is not a valid date or `validityDays` is not an integer
 * in 1..maxDays; `CA_EXPIRED` when the issuer's validity has ended by `now`.
 */
export function validityPeriod(now: Date, validityDays: number, maxDays: number, issuerNotAfter?: Date): ValidityPeriod {
  assertValidDate(now, 'now');
  if (!Number.isInteger(validityDays) || validityDays < 1 || validityDays > maxDays) {
    throw new PkiError('INVALID_INPUT', `validityDays must be an integer from 1 to ${maxDays}`);
  }
  const notBefore = wholeSeconds(now.getTime() - CLOCK_SKEW_ALLOWANCE_MS);
  let notAfter = wholeSeconds(now.getTime() + validityDays * DAY_MS);
  if (issuerNotAfter !== undefined) {
    if (issuerNotAfter.getTime() <= now.getTime()) {
      throw new PkiError('CA_EXPIRED', `the issuing CA expired at ${issuerNotAfter.toISOString()}`);
    }
    if (notAfter.getTime() > issuerNotAfter.getTime()) notAfter = issuerNotAfter;
  }
  return { notBefore, notAfter };
}

/** Throws `INVALID_INPUT` unless `value` is a Date holding a real time. */
export function assertValidDate(value: unknown, name: string): asserts value is Date {
  if (!(value instanceof Date) || Number.isNaN(value.getTime())) {
    throw new PkiError('INVALID_INPUT', `${name} must be a valid Date`);
  }
}

function wholeSeconds(ms: number): Date {
  return new Date(Math.floor(ms / 1000) * 1000);
}
