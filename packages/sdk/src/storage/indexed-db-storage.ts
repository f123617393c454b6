import { isCryptoKey, type SdkStorage, type StoredValue } from './sdk-storage.js';

const STORE = 'values';

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => { resolve(req.result); };
    req.onerror = () => { reject(req.error ?? new Error('IndexedDB request failed.')); };
  });
}

function done(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => { resolve(); };
    tx.onerror = () => { reject(tx.error ?? new Error('IndexedDB transaction failed.')); };
    tx.onabort = () => { reject(tx.error ?? new Error('IndexedDB transaction aborted.')); };
  });
}

/**
 * The SDK's storage in a browser or an Electron renderer: one IndexedDB database with one object
 * store. IndexedDB keeps CryptoKeys by structured clone, so the registration key is stored
 * non-extractable: script on the page can use it but can never read its bytes.
 */
export class IndexedDbStorage implements SdkStorage {
  readonly holdsCryptoKeys = true;

  private constructor(private readonly db: IDBDatabase) {}

  /** Opens (creating on first use) the database `name` in `factory` (the page's `indexedDB`). */
  static async open(name = 'ward-sdk', factory: IDBFactory = globalThis.indexedDB): Promise<IndexedDbStorage> {
    const req = factory.open(name, 1);
    req.onupgradeneeded = () => {
      if (!req.result.objectStoreNames.contains(STORE)) req.result.createObjectStore(STORE);
    };
    return new IndexedDbStorage(await request(req));
  }

  async get(key: string): Promise<StoredValue | undefined> {
    const tx = this.db.transaction(STORE, 'readonly');
    const value: unknown = await request(tx.objectStore(STORE).get(key));
    return typeof value === 'string' || value instanceof Uint8Array || isCryptoKey(value) ? value : undefined;
  }

  async set(key: string, value: StoredValue): Promise<void> {
    // A transaction commits whole or not at all: that is the atomic write the port asks for.
    const tx = this.db.transaction(STORE, 'readwrite', { durability: 'strict' });
    tx.objectStore(STORE).put(value, key);
    await done(tx);
  }

  async delete(key: string): Promise<void> {
    const tx = this.db.transaction(STORE, 'readwrite', { durability: 'strict' });
    tx.objectStore(STORE).delete(key);
    await done(tx);
  }

  async keys(prefix: string): Promise<string[]> {
    const tx = this.db.transaction(STORE, 'readonly');
    const range = IDBKeyRange.bound(prefix, `${prefix}\uffff`);
    const keys = await request(tx.objectStore(STORE).getAllKeys(range));
    return keys.filter((k): k is string => typeof k === 'string' && k.startsWith(prefix));
  }

  /** Closes the database connection. */
  close(): void {
    this.db.close();
  }
}
