import { openBytes, sealBytes } from './crypto/aead.js';
import { concatBytes, copyBytes, fromUtf8, utf8 } from './crypto/bytes.js';
import { indexName, type VaultKeys } from './crypto/vault-keys.js';
import { WardSdkError } from './errors.js';
import type { SdkStorage } from './storage/sdk-storage.js';

/** A value the app keeps in a store: text or bytes, returned as it was given. */
export type StoreValue = string | Uint8Array;

/** A key-value store of the app's data for one identity. Names are 1 to 1024 characters. */
export interface DataStore {
  /** The value under `name`, as text or bytes as it was stored; undefined when there is none. */
  get(name: string): Promise<StoreValue | undefined>;
  /** The text under `name`; undefined when there is none or it is bytes. */
  getText(name: string): Promise<string | undefined>;
  /** Stores `value` under `name`. */
  set(name: string, value: StoreValue): Promise<void>;
  /** Deletes `name`; deleting an absent name is not an error. */
  delete(name: string): Promise<void>;
  /** Every name in the store, sorted. */
  list(): Promise<string[]>;
}

const MAX_NAME = 1024;
export const CORPORATE_DATA_PREFIX = 'corp/data/';
const PERSONAL_PREFIX = 'personal/';
const TEXT = 0;
const BINARY = 1;

function checkName(name: string): void {
  if (typeof name !== 'string' || name.length === 0 || name.length > MAX_NAME) throw new WardSdkError('INVALID_ARGUMENT', `A store name must be 1 to ${MAX_NAME} characters.`);
}

function checkValue(value: StoreValue): void {
  if (typeof value !== 'string' && !(value instanceof Uint8Array)) throw new WardSdkError('INVALID_ARGUMENT', 'A store value must be text or a Uint8Array.');
}

/**
 * The personal identity's store: plain values under `personal/`. The SDK never encrypts, wipes or
 * otherwise touches it: it exists so a multi-identity app can keep both identities in one storage.
 */
export class PersonalStore implements DataStore {
  constructor(private readonly storage: SdkStorage) {}

  async get(name: string): Promise<StoreValue | undefined> {
    checkName(name);
    const v = await this.storage.get(PERSONAL_PREFIX + name);
    return typeof v === 'string' || v instanceof Uint8Array ? v : undefined;
  }

  async getText(name: string): Promise<string | undefined> {
    const v = await this.get(name);
    return typeof v === 'string' ? v : undefined;
  }

  async set(name: string, value: StoreValue): Promise<void> {
    checkName(name);
    checkValue(value);
    await this.storage.set(PERSONAL_PREFIX + name, typeof value === 'string' ? value : copyBytes(value));
  }

  async delete(name: string): Promise<void> {
    checkName(name);
    await this.storage.delete(PERSONAL_PREFIX + name);
  }

  async list(): Promise<string[]> {
    return (await this.storage.keys(PERSONAL_PREFIX)).map((k) => k.slice(PERSONAL_PREFIX.length)).sort();
  }
}

/** How {@link CorporateStore} reaches the open vault: the SDK checks the PIN gate and the policy on each call. */
export type VaultAccess = <T>(use: (keys: VaultKeys) => Promise<T>) => Promise<T>;

/**
 * The corporate identity's store. Each value is sealed with AES-256-GCM under the data key, with
 * its name inside the ciphertext; it is stored under an HMAC of its name, so neither names nor
 * values are in clear at rest. The additional data binds each ciphertext to its storage name.
 */
export class CorporateStore implements DataStore {
  constructor(
    private readonly storage: SdkStorage,
    private readonly access: VaultAccess,
  ) {}

  private async locate(keys: VaultKeys, name: string): Promise<string> {
    return CORPORATE_DATA_PREFIX + (await indexName(keys.indexKey, name));
  }

  private async decrypt(keys: VaultKeys, key: string, sealed: Uint8Array): Promise<{ name: string; value: StoreValue }> {
    const plain = await openBytes(keys.dataKey, sealed, `ward-sdk/v1 value ${key}`);
    if (plain === null || plain.byteLength < 4) throw new WardSdkError('STORAGE_CORRUPT', 'A corporate value does not decrypt: it was altered or moved.');
    const type = plain[0];
    const nameLength = ((plain[1] ?? 0) << 8) | (plain[2] ?? 0);
    const name = fromUtf8(plain.subarray(3, 3 + nameLength));
    const body = plain.slice(3 + nameLength);
    return { name, value: type === TEXT ? fromUtf8(body) : body };
  }

  async get(name: string): Promise<StoreValue | undefined> {
    checkName(name);
    return await this.access(async (keys) => {
      const key = await this.locate(keys, name);
      const sealed = await this.storage.get(key);
      if (!(sealed instanceof Uint8Array)) return undefined;
      const { name: stored, value } = await this.decrypt(keys, key, sealed);
      // An HMAC collision is out of reach; a mismatch means the storage was tampered with.
      if (stored !== name) throw new WardSdkError('STORAGE_CORRUPT', 'A corporate value is stored under the wrong name.');
      return value;
    });
  }

  async getText(name: string): Promise<string | undefined> {
    const v = await this.get(name);
    return typeof v === 'string' ? v : undefined;
  }

  async set(name: string, value: StoreValue): Promise<void> {
    checkName(name);
    checkValue(value);
    await this.access(async (keys) => {
      const key = await this.locate(keys, name);
      const nameBytes = utf8(name);
      const header = new Uint8Array([typeof value === 'string' ? TEXT : BINARY, nameBytes.byteLength >> 8, nameBytes.byteLength & 0xff]);
      const plain = concatBytes(header, nameBytes, typeof value === 'string' ? utf8(value) : value);
      await this.storage.set(key, await sealBytes(keys.dataKey, plain, `ward-sdk/v1 value ${key}`));
    });
  }

  async delete(name: string): Promise<void> {
    checkName(name);
    await this.access(async (keys) => {
      await this.storage.delete(await this.locate(keys, name));
    });
  }

  async list(): Promise<string[]> {
    return await this.access(async (keys) => {
      const names: string[] = [];
      for (const key of await this.storage.keys(CORPORATE_DATA_PREFIX)) {
        const sealed = await this.storage.get(key);
        if (sealed instanceof Uint8Array) names.push((await this.decrypt(keys, key, sealed)).name);
      }
      return names.sort();
    });
  }
}
