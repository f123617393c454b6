/** Bounds on what {@link readAppPackage} reads and decompresses. Every field has a default. */
export interface AppPackageLimits {
  /** Largest metadata file after decompression: control, spec header, desktop file, TOC, Distribution, manifest, Info.plist. */
  readonly maxMetadataBytes?: number;
  /** Largest icon; a larger one is left out (the package is still read). */
  readonly maxIconBytes?: number;
  /**
   * Largest index structure read whole: a zip central directory, an rpm header, an OLE FAT and
   * directory, an MSI string pool, a squashfs directory, an Android resource table.
   */
  readonly maxIndexBytes?: number;
  /** Most entries scanned in one archive, directory or table. */
  readonly maxEntries?: number;
  /** Deepest nesting of XML elements, plist containers, directories and references. */
  readonly maxDepth?: number;
}

/** The limits applied where the caller gives none. */
export const defaultAppPackageLimits: Required<AppPackageLimits> = Object.freeze({
  maxMetadataBytes: 4 * 1024 * 1024,
  maxIconBytes: 1024 * 1024,
  maxIndexBytes: 32 * 1024 * 1024,
  maxEntries: 250_000,
  maxDepth: 64,
});

export type ResolvedLimits = Required<AppPackageLimits>;

export function resolveLimits(limits: AppPackageLimits | undefined): ResolvedLimits {
  const resolved = { ...defaultAppPackageLimits, ...limits };
  for (const [key, value] of Object.entries(resolved)) {
    if (!Number.isSafeInteger(value) || value <= 0) throw new RangeError(`limit ${key} must be a positive integer`);
  }
  return Object.freeze(resolved);
}
