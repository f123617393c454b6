/** Reasons the SDK raises and reports (`state.flagged`); any one makes the registration unprotected for conditional access. */
export const sdkFlags = ['jailbroken', 'appVersionTooLow', 'sdkVersionTooLow', 'pinRetriesExceeded', 'offlineTooLong'] as const;
/** One of {@link sdkFlags}. */
export type SdkFlag = (typeof sdkFlags)[number];

/**
 * Why corporate access is blocked (beyond simply being locked):
 * a flag whose action is `block`; `notRegistered` (no registration yet, or refused);
 * `wiped` (the corporate identity was wiped by the admin); `keyShareWithheld` (the server is
 * reachable but does not release the key share).
 */
export type BlockReason = SdkFlag | 'notRegistered' | 'wiped' | 'keyShareWithheld';

/**
 * Why the corporate identity was wiped, as `onWipe` receives it: `adminWipe` (a selective wipe in a
 * check-in answer), `registrationWiped` (the server answered 410), `pinRetriesExceeded`,
 * `offlineTooLong` (offline longer than `offline.wipeAfterDays`), `jailbroken`, `accountChanged`
 * (a different corporate account signed in to this installation).
 */
export type WipeReason = 'adminWipe' | 'registrationWiped' | 'pinRetriesExceeded' | 'offlineTooLong' | 'jailbroken' | 'accountChanged';
