/** A value the SDK keeps: text, bytes, or (where the storage can hold one) a CryptoKey. */
export type StoredValue = string | Uint8Array | CryptoKey;

/**
 * Where the SDK keeps its state: a flat key-value store the app provides. The SDK writes only
 * keys under `ward/` (installation and registration), `corp/` (the corporate identity: only
 * ciphertext and wrapped keys) and `personal/` (the personal store, never wiped).
 *
 * Implementations: {@link MemoryStorage} (tests), `IndexedDbStorage` (browsers, Electron
 * renderers) and `NodeFileStorage` from `@ward/sdk/node`.
 */
export interface SdkStorage {
  /**
   * True when {@link set} accepts a `CryptoKey` as it is (IndexedDB's structured clone can). The
   * SDK then makes its private key non-extractable; otherwise it keeps the key as a JWK in bytes.
   */
  readonly holdsCryptoKeys: boolean;
  /** The value under `key`, or undefined. */
  get(key: string): Promise<StoredValue | undefined>;
  /** Stores `value` under `key`, durably and atomically (a crash leaves the old or the new value). */
  set(key: string, value: StoredValue): Promise<void>;
  /** Removes `key`; removing an absent key is not an error. */
  delete(key: string): Promise<void>;
  /** Every stored key that starts with `prefix`. */
  keys(prefix: string): Promise<string[]>;
}

/** Whether `value` is a WebCrypto key (structurally, so it works across realms). */
export function isCryptoKey(value: unknown): value is CryptoKey {
  return typeof value === 'object' && value !== null && !(value instanceof Uint8Array) && 'algorithm' in value && 'usages' in value && 'extractable' in value;
}
