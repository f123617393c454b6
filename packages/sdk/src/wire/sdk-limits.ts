/**
 * The limits of the SDK protocol (docs/protocols/sdk-v1.md) as the SDK applies them. The server
 * keeps its own copy in `@ward/core` (`sdkLimits`, `mamPolicyLimits`); the SDK does not depend on
 * the server's packages so that a browser bundle of it stays small.
 */
export const sdkWireLimits = {
  /** Register and check-in request bodies, as the server accepts them. */
  requestBytes: 16 * 1024,
  /** The largest answer the SDK reads; anything larger is refused unread. */
  answerBytes: 256 * 1024,
  /** Registration, wipe and other ids the server hands out. */
  idPattern: /^[A-Za-z0-9_-]{1,64}$/,
  /** Policy and configuration versions. */
  versionHashPattern: /^[A-Za-z0-9_-]{0,128}$/,
  /** App and SDK versions as the app reports them. */
  appVersionPattern: /^[0-9A-Za-z.+_-]{1,64}$/,
  /** Dotted numeric versions in conditional launch settings. */
  dottedVersionPattern: /^\d{1,9}(\.\d{1,9}){0,3}$/,
  appIdentifierPattern: /^[\x21-\x7e]{1,255}$/,
  managedApps: 1000,
  configurationKeys: 1000,
  configurationKeyLength: 256,
  configurationValueLength: 64 * 1024,
  activeDays: 100,
  launchesPerCheckIn: 100_000,
  wipeErrorLength: 1000,
  keyShareBytes: 32,
  /** The check-in interval the SDK will use whatever the server says: not busier than this … */
  minCheckInSeconds: 5,
  /** … and not lazier than this. */
  maxCheckInSeconds: 7 * 24 * 3600,
} as const;
