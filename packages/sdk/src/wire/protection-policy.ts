import { booleanAt, integerAt, invalid, objectAt, oneOfAt, textAt } from './answer-invalid.js';
import { sdkWireLimits } from './sdk-limits.js';

/** Clipboard sharing levels of a protection policy. */
export const clipboardLevels = ['allApps', 'managedApps', 'managedAppsWithPasteIn', 'blocked'] as const;
/** One of {@link clipboardLevels}. */
export type ClipboardLevel = (typeof clipboardLevels)[number];

/** What the SDK does on a jailbroken or rooted device. */
export type JailbreakAction = 'block' | 'warn' | 'wipe';
/** What the SDK does when PIN retries run out. */
export type PinRetryAction = 'block' | 'wipe';

/** The app protection policy as the server sends it (docs/protocols/sdk-v1.md). */
export interface ProtectionPolicy {
  readonly pin: {
    readonly required: boolean;
    /** `numeric`: digits only; `passcode`: any characters. */
    readonly type: 'numeric' | 'passcode';
    readonly minLength: number;
    readonly biometricAllowed: boolean;
    /** Minutes without corporate activity after which the PIN is asked again; 0: only at launch. */
    readonly recheckAfterMinutes: number;
    readonly maxRetries: number;
  };
  readonly encryptData: boolean;
  readonly clipboard: ClipboardLevel;
  readonly saveAsBlocked: boolean;
  readonly shareToUnmanagedBlocked: boolean;
  readonly printBlocked: boolean;
  readonly screenCaptureBlocked: boolean;
  readonly offline: { readonly accessCheckAfterMinutes: number; readonly wipeAfterDays: number };
  readonly conditionalLaunch: {
    readonly minAppVersion: string | null;
    readonly minSdkVersion: string | null;
    readonly jailbroken: JailbreakAction;
    readonly maxPinRetries: PinRetryAction;
  };
  /** Identifiers that count as managed for clipboard and sharing decisions. */
  readonly managedApps: readonly string[];
}

function dottedOrNull(value: unknown, field: string): string | null {
  return value === null || value === undefined ? null : textAt(value, field, sdkWireLimits.dottedVersionPattern);
}

/**
 * Reads a protection policy, checking every value against the contract's ranges; throws
 * AnswerInvalid otherwise. The result is frozen: the SDK hands it to the app as it is.
 */
export function parseProtectionPolicy(value: unknown, field = 'policy'): ProtectionPolicy {
  const p = objectAt(value, field);
  const pin = objectAt(p.pin, `${field}.pin`);
  const offline = objectAt(p.offline, `${field}.offline`);
  const launch = objectAt(p.conditionalLaunch, `${field}.conditionalLaunch`);
  if (!Array.isArray(p.managedApps)) invalid(`${field}.managedApps`, 'must be a list');
  const apps = p.managedApps as readonly unknown[];
  if (apps.length > sdkWireLimits.managedApps) invalid(`${field}.managedApps`, `must hold at most ${sdkWireLimits.managedApps} apps`);
  const policy: ProtectionPolicy = {
    pin: {
      required: booleanAt(pin.required, `${field}.pin.required`),
      type: oneOfAt(pin.type, `${field}.pin.type`, ['numeric', 'passcode'] as const),
      minLength: integerAt(pin.minLength, `${field}.pin.minLength`, 4, 16),
      biometricAllowed: booleanAt(pin.biometricAllowed, `${field}.pin.biometricAllowed`),
      recheckAfterMinutes: integerAt(pin.recheckAfterMinutes, `${field}.pin.recheckAfterMinutes`, 0, 1440),
      maxRetries: integerAt(pin.maxRetries, `${field}.pin.maxRetries`, 1, 20),
    },
    encryptData: booleanAt(p.encryptData, `${field}.encryptData`),
    clipboard: oneOfAt(p.clipboard, `${field}.clipboard`, clipboardLevels),
    saveAsBlocked: booleanAt(p.saveAsBlocked, `${field}.saveAsBlocked`),
    shareToUnmanagedBlocked: booleanAt(p.shareToUnmanagedBlocked, `${field}.shareToUnmanagedBlocked`),
    printBlocked: booleanAt(p.printBlocked, `${field}.printBlocked`),
    screenCaptureBlocked: booleanAt(p.screenCaptureBlocked, `${field}.screenCaptureBlocked`),
    offline: {
      accessCheckAfterMinutes: integerAt(offline.accessCheckAfterMinutes, `${field}.offline.accessCheckAfterMinutes`, 1, 10080),
      wipeAfterDays: integerAt(offline.wipeAfterDays, `${field}.offline.wipeAfterDays`, 1, 90),
    },
    conditionalLaunch: {
      minAppVersion: dottedOrNull(launch.minAppVersion, `${field}.conditionalLaunch.minAppVersion`),
      minSdkVersion: dottedOrNull(launch.minSdkVersion, `${field}.conditionalLaunch.minSdkVersion`),
      jailbroken: oneOfAt(launch.jailbroken, `${field}.conditionalLaunch.jailbroken`, ['block', 'warn', 'wipe'] as const),
      maxPinRetries: oneOfAt(launch.maxPinRetries, `${field}.conditionalLaunch.maxPinRetries`, ['block', 'wipe'] as const),
    },
    managedApps: apps.map((a, i) => textAt(a, `${field}.managedApps[${i}]`, sdkWireLimits.appIdentifierPattern)),
  };
  return deepFreeze(policy);
}

/** Freezes `value` and everything in it (byte arrays excepted: they cannot be frozen). */
export function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !ArrayBuffer.isView(value) && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}
