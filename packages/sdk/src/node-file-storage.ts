import { randomBytes } from 'node:crypto';
import { chmod, mkdir, open, readdir, readFile, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { base64UrlDecode, base64UrlEncode, fromUtf8, utf8 } from './crypto/bytes.js';
import { isCryptoKey, type SdkStorage, type StoredValue } from './storage/sdk-storage.js';

/**
 * Seals what {@link NodeFileStorage} writes, with a key the platform keeps outside the files: in
 * Electron, `safeStorage.encryptString`/`decryptString` (the OS keychain, DPAPI or libsecret).
 */
export interface StorageSealer {
  /** Seals `plaintext`. */
  seal(plaintext: Uint8Array): Promise<Uint8Array>;
  /** Opens what {@link seal} sealed; throws when it cannot. */
  open(sealed: Uint8Array): Promise<Uint8Array>;
}

/** Options of {@link NodeFileStorage.open}. */
export interface NodeFileStorageOptions {
  /** Seals every file (the registration key's JWK included); without it, file modes protect them. */
  readonly sealer?: StorageSealer;
}

const SUFFIX = '.ward';
const TEXT = 0x73; // 's'
const BINARY = 0x62; // 'b'

/**
 * The SDK's storage for Node and Electron main processes: one file per key in a directory of
 * mode 0700, each file mode 0600, written atomically (temporary file, fsync, rename) so a crash
 * leaves the old value or the new one. CryptoKeys cannot be kept as they are, so the SDK keeps its
 * registration key as a JWK here: pass a {@link StorageSealer} to have the OS key store seal it.
 */
export class NodeFileStorage implements SdkStorage {
  readonly holdsCryptoKeys = false;

  private constructor(
    private readonly dir: string,
    private readonly sealer: StorageSealer | undefined,
  ) {}

  /** Opens (creating) the directory `dir`. */
  static async open(dir: string, options: NodeFileStorageOptions = {}): Promise<NodeFileStorage> {
    await mkdir(dir, { recursive: true, mode: 0o700 });
    // mkdir leaves an existing directory's mode alone; the SDK's files are for this user only.
    await chmod(dir, 0o700);
    return new NodeFileStorage(dir, options.sealer);
  }

  private fileOf(key: string): string {
    return join(this.dir, base64UrlEncode(utf8(key)) + SUFFIX);
  }

  async get(key: string): Promise<StoredValue | undefined> {
    let raw: Uint8Array;
    try {
      raw = new Uint8Array(await readFile(this.fileOf(key)));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
    const plain = this.sealer === undefined ? raw : await this.sealer.open(raw);
    const kind = plain[0];
    const body = plain.slice(1);
    if (kind === TEXT) return fromUtf8(body);
    if (kind === BINARY) return body;
    throw new Error(`The stored value of ${key} has an unknown format.`);
  }

  async set(key: string, value: StoredValue): Promise<void> {
    if (isCryptoKey(value)) throw new TypeError('NodeFileStorage cannot keep a CryptoKey (holdsCryptoKeys is false).');
    const plain = new Uint8Array(1 + (typeof value === 'string' ? utf8(value).byteLength : value.byteLength));
    plain[0] = typeof value === 'string' ? TEXT : BINARY;
    plain.set(typeof value === 'string' ? utf8(value) : value, 1);
    const bytes = this.sealer === undefined ? plain : await this.sealer.seal(plain);
    const target = this.fileOf(key);
    const temporary = join(this.dir, `.${randomBytes(8).toString('hex')}.tmp`);
    const handle = await open(temporary, 'wx', 0o600);
    try {
      await handle.writeFile(bytes);
      await handle.sync();
    } finally {
      await handle.close();
    }
    try {
      await rename(temporary, target);
    } catch (error) {
      await rm(temporary, { force: true });
      throw error;
    }
    await this.syncDir();
  }

  async delete(key: string): Promise<void> {
    await rm(this.fileOf(key), { force: true });
    await this.syncDir();
  }

  async keys(prefix: string): Promise<string[]> {
    const out: string[] = [];
    for (const name of await readdir(this.dir)) {
      if (!name.endsWith(SUFFIX)) continue;
      const decoded = base64UrlDecode(name.slice(0, -SUFFIX.length));
      if (decoded === null) continue;
      const key = fromUtf8(decoded);
      if (key.startsWith(prefix)) out.push(key);
    }
    return out;
  }

  // The rename is durable only once the directory entry is: fsync the directory where the OS lets us.
  private async syncDir(): Promise<void> {
    let handle;
    try {
      handle = await open(this.dir, 'r');
      await handle.sync();
    } catch {
      // Windows cannot open a directory for fsync; NTFS journals the rename itself.
    } finally {
      await handle?.close();
    }
  }
}
