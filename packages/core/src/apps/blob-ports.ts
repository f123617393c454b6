import type { Result } from '../kernel/result.js';
import type { AppPackageMetadata } from './add-app-version.js';
import type { AppPackageFormat } from './model.js';

/**
 * The content address of a stored package file: its SHA-256, 64 lower-case hex digits. The same
 * bytes uploaded twice (to two apps, or by two tenants) are stored once.
 */
export const appPackageSha256Pattern = /^[0-9a-f]{64}$/;

/** Whether `text` is a content address the blob store could hold (and so safe to name a file by). */
export function isAppPackageSha256(text: string): boolean {
  return appPackageSha256Pattern.test(text);
}

/** A stored package file. */
export interface AppPackageBlob {
  /** SHA-256 of the bytes, lower-case hex. */
  readonly sha256: string;
  /** Length in bytes. */
  readonly size: number;
}

/** The outcome of storing bytes. */
export interface WrittenAppPackageBlob extends AppPackageBlob {
  /**
   * True when these bytes were new to the store, false when an identical blob was already there
   * (whoever put it there may still need it: only an unreferenced blob may be removed).
   */
  readonly created: boolean;
}

/** A stored blob with the time it was last written or re-uploaded, for sweeps of unreferenced blobs. */
export interface ListedAppPackageBlob extends AppPackageBlob {
  readonly modifiedAt: Date;
}

/**
 * Why bytes were not stored. `PAYLOAD_TOO_LARGE`: more than `maxBytes` arrived (reading stopped
 * there). `APP_PACKAGE_DIGEST_MISMATCH`: the bytes do not hash to the SHA-256 the sender declared.
 */
export type AppPackageBlobWriteFailure = 'PAYLOAD_TOO_LARGE' | 'APP_PACKAGE_DIGEST_MISMATCH';

/** Options of {@link AppPackageBlobs.write}. */
export interface AppPackageBlobWriteOptions {
  /** Most bytes accepted; one more and the write is refused. */
  readonly maxBytes: number;
  /** The SHA-256 (lower-case hex) the sender says the bytes have, checked once they are all in. */
  readonly expectedSha256?: string;
}

/** Bytes `start` to `end` of a blob, both inclusive (as HTTP's `Range` counts). */
export interface AppPackageByteRange {
  readonly start: number;
  readonly end: number;
}

/** An opened blob: its size and the requested bytes as a stream, which the reader must consume or give back. */
export interface OpenedAppPackageBlob {
  /** Length of the whole blob in bytes. */
  readonly size: number;
  /** The requested bytes (the whole blob without a range). Iterating to the end, or breaking off, releases the file. */
  readonly bytes: AsyncIterable<Uint8Array>;
}

/** Positioned reads of one stored blob (the shape `@ward/app-packages` reads packages from). */
export interface AppPackageBlobReader {
  /** Length in bytes, taken when it was opened. */
  readonly size: number;
  /** Up to `length` bytes from `offset`: exactly `length` unless the range passes `size`. */
  read(offset: number, length: number): Promise<Uint8Array>;
  /** Releases the file. */
  close(): Promise<void>;
}

/**
 * Storage of line-of-business package files (.deb, .msi, .ipa, …), addressed by content. The
 * database keeps which app versions name which SHA-256; this port keeps the bytes, on a disk every
 * server process shares. A blob is either absent or complete: writers never expose partial files.
 */
export interface AppPackageBlobs {
  /**
   * Streams `bytes` into the store while hashing and counting them, so a package of gigabytes is
   * never held in memory. Stops reading at `maxBytes + 1` without draining the source (which is left
   * to its owner, so an HTTP adapter can still answer before it closes the connection). On any
   * refusal or error nothing is left behind; on success the blob is durable before this resolves.
   * Rejects when the source fails (a client that went away) or the disk does.
   */
  write(bytes: AsyncIterable<Uint8Array>, options: AppPackageBlobWriteOptions): Promise<Result<WrittenAppPackageBlob, AppPackageBlobWriteFailure>>;
  /** The stored blob with this SHA-256 (and when it was last written or re-uploaded), or undefined. */
  stat(sha256: string): Promise<ListedAppPackageBlob | undefined>;
  /**
   * Opens a stored blob for reading, all of it or `range` (which must lie inside the blob); undefined
   * when there is no such blob. Rejects with a RangeError for a range outside the blob.
   */
  open(sha256: string, range?: AppPackageByteRange): Promise<OpenedAppPackageBlob | undefined>;
  /**
   * Opens a stored blob for positioned reads, for package readers that jump around a file (a zip's
   * central directory, an ar member); undefined when there is no such blob. The caller closes it.
   */
  openReader(sha256: string): Promise<AppPackageBlobReader | undefined>;
  /** Removes a blob; false when there was none. The caller makes sure nothing references it. */
  delete(sha256: string): Promise<boolean>;
  /** Every stored blob, in no particular order, for the sweep that removes unreferenced ones. */
  list(): AsyncIterable<ListedAppPackageBlob>;
}

/** Which blobs the catalog still needs; implemented by the apps store over every tenant. */
export interface AppPackageBlobReferences {
  /** Whether any app version of any tenant names the blob with this SHA-256. */
  isAppPackageBlobReferenced(sha256: string): Promise<boolean>;
}

/** What a package says about itself: everything of {@link AppPackageMetadata} that comes from inside the file. */
export type InspectedAppPackage = Omit<AppPackageMetadata, 'sha256' | 'sizeBytes' | 'fileName'>;

/** Why a stored file is no package Ward can publish (the reader's codes; see kernel/errors.ts). */
export type AppPackageInspectionFailure =
  | 'APP_PACKAGE_UNRECOGNIZED'
  | 'APP_PACKAGE_FORMAT_MISMATCH'
  | 'APP_PACKAGE_TRUNCATED'
  | 'APP_PACKAGE_MALFORMED'
  | 'APP_PACKAGE_METADATA_MISSING'
  | 'APP_PACKAGE_LIMIT_EXCEEDED'
  | 'APP_PACKAGE_UNSUPPORTED';

/** Reads package metadata (name, identifier, version, minimum OS, icon) from the file itself: `@ward/app-packages`. */
export interface AppPackageInspector {
  /**
   * Reads the package in `source`. With `declaredFormat` (what the uploader called it), a file of
   * another format is APP_PACKAGE_FORMAT_MISMATCH; without, the format is recognised from the bytes.
   */
  inspect(source: AppPackageBlobReader, declaredFormat: AppPackageFormat | undefined): Promise<Result<InspectedAppPackage, AppPackageInspectionFailure>>;
}

/** Package files, as the upload use case and the download endpoint need them. */
export interface AppPackageFiles {
  readonly blobs: AppPackageBlobs;
  readonly inspector: AppPackageInspector;
  /** The largest package an upload may carry, in bytes (`WARD_APP_PACKAGE_MAX_BYTES`). */
  readonly maxBytes: number;
}
