import type { SdkStorage, StoredValue } from './sdk-storage.js';

function copy(value: StoredValue): StoredValue {
  return value instanceof Uint8Array ? value.slice() : value;
}

/**
 * Keeps everything in memory: for tests, and for apps that must leave nothing behind when they
 * quit (every launch is then a first launch that registers anew).
 */
export class MemoryStorage implements SdkStorage {
  readonly holdsCryptoKeys = true;
  private readonly values = new Map<string, StoredValue>();

  get(key: string): Promise<StoredValue | undefined> {
    const value = this.values.get(key);
    return Promise.resolve(value === undefined ? undefined : copy(value));
  }

  set(key: string, value: StoredValue): Promise<void> {
    this.values.set(key, copy(value));
    return Promise.resolve();
  }

  delete(key: string): Promise<void> {
    this.values.delete(key);
    return Promise.resolve();
  }

  keys(prefix: string): Promise<string[]> {
    return Promise.resolve([...this.values.keys()].filter((k) => k.startsWith(prefix)));
  }

  /** Every stored entry, copied: lets a test inspect exactly what the SDK left at rest. */
  entries(): [string, StoredValue][] {
    return [...this.values].map(([k, v]) => [k, copy(v)]);
  }
}
