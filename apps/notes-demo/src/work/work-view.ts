import type { BlockReason, SdkState, SetPinResult, UnlockResult } from '@ward/sdk';

/** What the work side of the page shows, decided from the SDK's state alone. */
export type WorkView =
  | { readonly kind: 'signIn'; readonly problem: string | null }
  | { readonly kind: 'setPin'; readonly minLength: number; readonly numeric: boolean }
  | { readonly kind: 'enterPin'; readonly retriesLeft: number | null; readonly numeric: boolean }
  /** No PIN is required: the SDK opens the store with the device's secret and the key share. */
  | { readonly kind: 'unlocking' }
  | { readonly kind: 'blocked'; readonly reasons: readonly BlockReason[] }
  | { readonly kind: 'notes' };

/** Words for a reason the SDK blocks corporate access. */
export const blockReasonText: Readonly<Record<BlockReason, string>> = {
  wiped: 'Your organisation removed its data from Ward Notes on this device.',
  notRegistered: 'Ward Notes is not registered with your organisation.',
  pinRetriesExceeded: 'Too many wrong PINs were entered.',
  offlineTooLong: 'Ward Notes has not reached your organisation for too long; connect to the network.',
  keyShareWithheld: 'Your organisation is withholding access to work notes on this device.',
  jailbroken: 'This device is jailbroken or rooted.',
  appVersionTooLow: 'This version of Ward Notes is older than your organisation allows.',
  sdkVersionTooLow: 'This version of Ward Notes has an older Ward SDK than your organisation allows.',
};

/** Words for Ward's refusal of a registration (docs/protocols/sdk-v1.md, "Register"). */
function registrationProblem(code: string, message: string): string {
  switch (code) {
    case 'SIGN_IN_REQUIRED':
      return '';
    case 'APP_PROTECTION_NOT_ASSIGNED':
      return 'Your organisation has not set up protection for Ward Notes for your account, so work notes are not available.';
    case 'APP_NOT_FOUND':
      return 'Ward Notes is not in your organisation\'s app catalog.';
    case 'UNAUTHENTICATED':
      return 'Your sign-in has expired. Sign in again.';
    case 'UNREACHABLE':
      return 'Ward Notes cannot reach your organisation right now.';
    default:
      return `Your organisation refused Ward Notes (${code}): ${message}`;
  }
}

/**
 * The work side for a state: sign in while there is no registration (saying why after a wipe or a
 * refusal), the block, the PIN set-up or entry, and the notes once the corporate store is open.
 */
export function workViewOf(state: SdkState): WorkView {
  if (state.blocked.includes('wiped')) return { kind: 'signIn', problem: `${blockReasonText.wiped} Sign in again to use work notes.` };
  if (!state.registered) {
    const problem = state.lastError === null ? '' : registrationProblem(state.lastError.code, state.lastError.message);
    return { kind: 'signIn', problem: problem === '' ? null : problem };
  }
  if (state.blocked.length > 0) return { kind: 'blocked', reasons: state.blocked };
  const numeric = state.policy?.pin.type !== 'passcode';
  if (state.needsPinSetup) return { kind: 'setPin', minLength: state.policy?.pin.minLength ?? 4, numeric };
  if (state.locked) return state.pinSet ? { kind: 'enterPin', retriesLeft: state.pinRetriesLeft, numeric } : { kind: 'unlocking' };
  return { kind: 'notes' };
}

/**
 * Whether two views show the same screen, so a state change that does not alter it (a check-in, a
 * wrong PIN lowering the retries the form already reports) keeps what the user typed and read.
 */
export function sameWorkView(a: WorkView, b: WorkView): boolean {
  const key = (view: WorkView): string => JSON.stringify(view.kind === 'enterPin' ? { ...view, retriesLeft: null } : view);
  return key(a) === key(b);
}

/** Words for an unlock that did not open the store; undefined when it did. */
export function unlockProblem(result: UnlockResult): string | undefined {
  if (result.ok) return undefined;
  switch (result.code) {
    case 'PIN_WRONG':
      return `That PIN is not right. ${result.retriesLeft} ${result.retriesLeft === 1 ? 'try' : 'tries'} left.`;
    case 'PIN_RETRIES_EXCEEDED':
      return 'Too many wrong PINs. Work notes are blocked on this device.';
    case 'CHECK_IN_REQUIRED':
      return 'Ward Notes must reach your organisation before it opens work notes.';
    case 'KEY_SHARE_UNAVAILABLE':
      return 'Your organisation is not releasing the key to work notes right now.';
    case 'PIN_NOT_SET':
      return 'Set a PIN first.';
    case 'WIPED':
      return blockReasonText.wiped;
    case 'BLOCKED':
      return 'Work notes are blocked on this device.';
    case 'NOT_REGISTERED':
      return blockReasonText.notRegistered;
  }
}

/** Words for a PIN that was not set; undefined when it was. */
export function setPinProblem(result: SetPinResult, minLength: number): string | undefined {
  if (result.ok) return undefined;
  switch (result.code) {
    case 'PIN_TOO_SHORT':
      return `The PIN needs at least ${minLength} characters.`;
    case 'PIN_TOO_LONG':
      return 'That PIN is too long.';
    case 'PIN_NOT_NUMERIC':
      return 'The PIN must be digits only.';
    case 'LOCKED':
      return 'Enter the current PIN first.';
    case 'KEY_SHARE_UNAVAILABLE':
      return 'Your organisation is not releasing the key to work notes right now.';
    case 'BLOCKED':
      return 'Work notes are blocked on this device.';
    case 'WIPED':
      return blockReasonText.wiped;
    case 'NOT_REGISTERED':
      return blockReasonText.notRegistered;
  }
}
