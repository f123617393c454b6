import { ok, type Result } from '../kernel/result.js';
import { bool, dottedVersion, MamInvalid, mamTargets, oneOf, record, text, wholeNumber } from './mam-fields.js';
import {
  clipboardLevels,
  defaultProtectionSettings,
  jailbreakActions,
  mamPolicyLimits,
  pinRetryActions,
  pinTypes,
  type AppProtectionPolicy,
  type ConditionalLaunchSettings,
  type OfflineSettings,
  type PinSettings,
  type ProtectionSettings,
} from './model.js';

/**
 * An app protection policy as an admin writes it (API body, policy file), read as untrusted:
 * every field is checked for type and range, unknown fields are refused.
 */
export interface AppProtectionPolicyInput {
  readonly name: unknown;
  readonly description?: unknown;
  /** The contract's ProtectionPolicy less `managedApps`; settings left out keep `base`'s values. */
  readonly settings?: unknown;
  readonly targets: unknown;
}

/** The validated fields of a protection policy. */
export type ValidAppProtectionPolicyFields = Pick<AppProtectionPolicy, 'name' | 'description' | 'settings' | 'targets'>;

const settingsFields = ['pin', 'encryptData', 'clipboard', 'saveAsBlocked', 'shareToUnmanagedBlocked', 'printBlocked', 'screenCaptureBlocked', 'offline', 'conditionalLaunch'] as const;

function pin(value: unknown, base: PinSettings): PinSettings {
  if (value === undefined) return base;
  const f = 'settings.pin';
  const r = record(value, f, ['required', 'type', 'minLength', 'biometricAllowed', 'recheckAfterMinutes', 'maxRetries']);
  return {
    required: r.required === undefined ? base.required : bool(r.required, `${f}.required`),
    type: r.type === undefined ? base.type : oneOf(r.type, `${f}.type`, pinTypes),
    minLength: r.minLength === undefined ? base.minLength : wholeNumber(r.minLength, `${f}.minLength`, mamPolicyLimits.pinLength),
    biometricAllowed: r.biometricAllowed === undefined ? base.biometricAllowed : bool(r.biometricAllowed, `${f}.biometricAllowed`),
    recheckAfterMinutes: r.recheckAfterMinutes === undefined ? base.recheckAfterMinutes : wholeNumber(r.recheckAfterMinutes, `${f}.recheckAfterMinutes`, mamPolicyLimits.recheckAfterMinutes),
    maxRetries: r.maxRetries === undefined ? base.maxRetries : wholeNumber(r.maxRetries, `${f}.maxRetries`, mamPolicyLimits.maxRetries),
  };
}

function offline(value: unknown, base: OfflineSettings): OfflineSettings {
  if (value === undefined) return base;
  const f = 'settings.offline';
  const r = record(value, f, ['accessCheckAfterMinutes', 'wipeAfterDays']);
  const out: OfflineSettings = {
    accessCheckAfterMinutes: r.accessCheckAfterMinutes === undefined ? base.accessCheckAfterMinutes : wholeNumber(r.accessCheckAfterMinutes, `${f}.accessCheckAfterMinutes`, mamPolicyLimits.accessCheckAfterMinutes),
    wipeAfterDays: r.wipeAfterDays === undefined ? base.wipeAfterDays : wholeNumber(r.wipeAfterDays, `${f}.wipeAfterDays`, mamPolicyLimits.wipeAfterDays),
  };
  // Wiping before access is even re-checked would make the access check meaningless.
  if (out.wipeAfterDays * 1440 < out.accessCheckAfterMinutes) {
    throw new MamInvalid(`${f}.wipeAfterDays`, `must be at least as long as accessCheckAfterMinutes (${out.accessCheckAfterMinutes} minutes)`);
  }
  return out;
}

function optionalVersion(value: unknown, field: string, base: string | null): string | null {
  if (value === undefined) return base;
  if (value === null) return null;
  return dottedVersion(value, field);
}

function conditionalLaunch(value: unknown, base: ConditionalLaunchSettings): ConditionalLaunchSettings {
  if (value === undefined) return base;
  const f = 'settings.conditionalLaunch';
  const r = record(value, f, ['minAppVersion', 'minSdkVersion', 'jailbroken', 'maxPinRetries']);
  return {
    minAppVersion: optionalVersion(r.minAppVersion, `${f}.minAppVersion`, base.minAppVersion),
    minSdkVersion: optionalVersion(r.minSdkVersion, `${f}.minSdkVersion`, base.minSdkVersion),
    jailbroken: r.jailbroken === undefined ? base.jailbroken : oneOf(r.jailbroken, `${f}.jailbroken`, jailbreakActions),
    maxPinRetries: r.maxPinRetries === undefined ? base.maxPinRetries : oneOf(r.maxPinRetries, `${f}.maxPinRetries`, pinRetryActions),
  };
}

/**
 * Protection settings over `base`: a field left out keeps `base`'s value (the defaults on create,
 * the stored settings on update), at every depth, so an update may name one setting alone.
 */
export function protectionSettings(value: unknown, base: ProtectionSettings): ProtectionSettings {
  if (value === undefined || value === null) return base;
  const r = record(value, 'settings', settingsFields);
  const flag = (key: 'encryptData' | 'saveAsBlocked' | 'shareToUnmanagedBlocked' | 'printBlocked' | 'screenCaptureBlocked'): boolean => (r[key] === undefined ? base[key] : bool(r[key], `settings.${key}`));
  return {
    pin: pin(r.pin, base.pin),
    encryptData: flag('encryptData'),
    clipboard: r.clipboard === undefined ? base.clipboard : oneOf(r.clipboard, 'settings.clipboard', clipboardLevels),
    saveAsBlocked: flag('saveAsBlocked'),
    shareToUnmanagedBlocked: flag('shareToUnmanagedBlocked'),
    printBlocked: flag('printBlocked'),
    screenCaptureBlocked: flag('screenCaptureBlocked'),
    offline: offline(r.offline, base.offline),
    conditionalLaunch: conditionalLaunch(r.conditionalLaunch, base.conditionalLaunch),
  };
}

/**
 * Checks a protection policy's fields and returns them normalised (trimmed text, defaults filled
 * from `base`, duplicate apps and groups dropped). Failures are APP_PROTECTION_POLICY_INVALID with
 * the offending `field` as a path (`settings.pin.minLength`). Whether the named groups and apps
 * exist is the use case's question.
 */
export function validateAppProtectionPolicy(input: AppProtectionPolicyInput, base: ProtectionSettings = defaultProtectionSettings): Result<ValidAppProtectionPolicyFields, 'APP_PROTECTION_POLICY_INVALID'> {
  try {
    record(input, 'policy', ['name', 'description', 'settings', 'targets']);
    return ok({
      name: text(input.name, 'name', { min: 1, max: mamPolicyLimits.nameLength }),
      description: input.description === undefined || input.description === null ? '' : text(input.description, 'description', { min: 0, max: mamPolicyLimits.descriptionLength, multiline: true }),
      settings: protectionSettings(input.settings, base),
      targets: mamTargets(input.targets),
    });
  } catch (error) {
    if (error instanceof MamInvalid) return error.failure('APP_PROTECTION_POLICY_INVALID');
    throw error;
  }
}
