/**
 * Stable codes of {@link WardSdkError}. Apps match on the code, never on the message.
 *
 * - `LOCKED`: the corporate store is closed (PIN not entered, re-check due, PIN not set yet).
 * - `BLOCKED`: conditional launch, PIN retries or the offline rule block corporate access.
 * - `WIPED`: the corporate identity was wiped; the user must sign in and register again.
 * - `NOT_REGISTERED`: the SDK has no registration with Ward yet.
 * - `INVALID_ARGUMENT`: the app passed a value the SDK cannot use (an empty key, a bad URL).
 * - `STORAGE_CORRUPT`: stored SDK data is unreadable or was tampered with.
 */
export const sdkErrorCodes = ['LOCKED', 'BLOCKED', 'WIPED', 'NOT_REGISTERED', 'INVALID_ARGUMENT', 'STORAGE_CORRUPT'] as const;
/** One of {@link sdkErrorCodes}. */
export type SdkErrorCode = (typeof sdkErrorCodes)[number];

/** What the SDK throws when the app asks for something the current state does not allow. */
export class WardSdkError extends Error {
  override readonly name = 'WardSdkError';

  constructor(
    readonly code: SdkErrorCode,
    message: string,
    options?: { readonly cause?: unknown },
  ) {
    super(message, options);
  }
}
