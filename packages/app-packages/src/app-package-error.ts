/**
 * The stable codes with which {@link readAppPackage} refuses a file. Callers match on these, never
 * on the message.
 */
export const appPackageErrorCodes = [
  /** The bytes are no package format Ward reads (or a zip that is none of ipa, apk, msix). */
  'PACKAGE_UNRECOGNIZED',
  /** The file is a package of another format than the one it was uploaded as. */
  'PACKAGE_FORMAT_MISMATCH',
  /** A structure points past the end of the file: the upload was cut short. */
  'PACKAGE_TRUNCATED',
  /** A structure is inconsistent: bad magic, lengths that do not add up, checksums that fail. */
  'PACKAGE_MALFORMED',
  /** The package is well-formed but lacks a field Ward needs (identifier, version, its manifest). */
  'PACKAGE_METADATA_MISSING',
  /** A structure is larger, deeper or more numerous than the reader's limits allow. */
  'PACKAGE_LIMIT_EXCEEDED',
  /** A valid package uses a feature this reader does not implement (encryption, a rare compressor). */
  'PACKAGE_UNSUPPORTED',
] as const;

export type AppPackageErrorCode = (typeof appPackageErrorCodes)[number];

/** The one error class of this package: every refusal of a package is one of these. */
export class AppPackageError extends Error {
  override readonly name = 'AppPackageError';

  constructor(
    readonly code: AppPackageErrorCode,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

/** Shorthands: they read better at the many places a parser gives up. */
export const truncated = (what: string): AppPackageError => new AppPackageError('PACKAGE_TRUNCATED', `${what} lies past the end of the file`);
export const malformed = (message: string, cause?: unknown): AppPackageError =>
  new AppPackageError('PACKAGE_MALFORMED', message, cause === undefined ? undefined : { cause });
export const tooLarge = (message: string): AppPackageError => new AppPackageError('PACKAGE_LIMIT_EXCEEDED', message);
export const missing = (message: string): AppPackageError => new AppPackageError('PACKAGE_METADATA_MISSING', message);
export const unsupported = (message: string): AppPackageError => new AppPackageError('PACKAGE_UNSUPPORTED', message);
