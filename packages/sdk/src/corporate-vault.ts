import { openBytes, sealBytes } from './crypto/aead.js';
import { base64UrlDecode, base64UrlEncode, concatBytes, randomBytes, type Bytes } from './crypto/bytes.js';
import { derivePinKeyBits, PIN_KEY_ITERATIONS } from './crypto/pin-key.js';
import { deriveKek, deriveSealKey, generateVaultKeys, unwrapVaultKeys, wrapVaultKeys, type VaultKeys, type WrappedVaultKeys } from './crypto/vault-keys.js';
import { WardSdkError } from './errors.js';
import type { SdkStorage } from './storage/sdk-storage.js';

/** Everything of the corporate identity lives under this prefix: a wipe deletes all of it. */
export const CORPORATE_PREFIX = 'corp/';
const VAULT = 'corp/vault';
const LOCAL_SECRET = 'corp/local-secret';
const PIN_FAILURES = 'corp/pin-failures';
const SEALED_SHARE_CONTEXT = 'ward-sdk/v1 sealed key share';

/** `pin`: the secret is the PIN key; `device`: no PIN is required, the secret is a stored random value. */
export type VaultMode = 'pin' | 'device';

/** The vault as stored (`corp/vault`): wrapped keys, the salt, and the sealed key share, in one atomic value. */
interface VaultRecord {
  readonly mode: VaultMode;
  readonly salt: Bytes;
  readonly iterations: number;
  readonly wrapped: WrappedVaultKeys;
  /** The key share and the time of the check-in that brought it, sealed by the secret. */
  readonly sealedShare: Bytes | null;
}

/** An opened vault: what the SDK holds in memory while the corporate store is unlocked. */
export interface OpenVault {
  readonly mode: VaultMode;
  readonly keys: VaultKeys;
  readonly secret: Bytes;
  readonly salt: Bytes;
  readonly iterations: number;
  /** The key share the keys are wrapped under. */
  readonly share: Bytes;
}

/** The key share copy kept for offline launches. */
export interface SealedShare {
  readonly share: Bytes;
  /** Server time of the check-in that released it, ms. */
  readonly at: number;
}

function corrupt(what: string, cause?: unknown): WardSdkError {
  return new WardSdkError('STORAGE_CORRUPT', `The stored ${what} of the corporate identity is unreadable.`, { cause });
}

function bytesOf(value: unknown): Bytes | null {
  return typeof value === 'string' ? base64UrlDecode(value) : null;
}

/**
 * The corporate identity's key material in storage: creating the vault, opening it with a secret
 * and a key share, re-wrapping it (a new PIN, a new key share), the sealed offline copy of the key
 * share, and the PIN failure counter. It knows no policy; {@link WardSdk} decides when to call it.
 */
export class CorporateVault {
  constructor(private readonly storage: SdkStorage) {}

  /** The stored vault's mode, or null when there is none. */
  async mode(): Promise<VaultMode | null> {
    return (await this.read())?.mode ?? null;
  }

  private async read(): Promise<VaultRecord | null> {
    const raw = await this.storage.get(VAULT);
    if (raw === undefined) return null;
    if (typeof raw !== 'string') throw corrupt('vault');
    try {
      const v = JSON.parse(raw) as Record<string, unknown>;
      const salt = bytesOf(v.salt);
      const dataKey = bytesOf(v.dataKey);
      const indexKey = bytesOf(v.indexKey);
      const sealedShare = v.sealedShare === null ? null : bytesOf(v.sealedShare);
      if ((v.mode !== 'pin' && v.mode !== 'device') || salt?.byteLength !== 16 || dataKey?.byteLength !== 40 || indexKey?.byteLength !== 40) throw corrupt('vault');
      if (typeof v.iterations !== 'number' || !Number.isInteger(v.iterations) || v.iterations < 100_000 || v.iterations > 10_000_000) throw corrupt('vault');
      if (v.sealedShare !== null && sealedShare === null) throw corrupt('vault');
      return { mode: v.mode, salt, iterations: v.iterations, wrapped: { dataKey, indexKey }, sealedShare };
    } catch (error) {
      if (error instanceof WardSdkError) throw error;
      throw corrupt('vault', error);
    }
  }

  private async write(record: VaultRecord): Promise<void> {
    await this.storage.set(VAULT, JSON.stringify({
      mode: record.mode,
      salt: base64UrlEncode(record.salt),
      iterations: record.iterations,
      dataKey: base64UrlEncode(record.wrapped.dataKey),
      indexKey: base64UrlEncode(record.wrapped.indexKey),
      sealedShare: record.sealedShare === null ? null : base64UrlEncode(record.sealedShare),
    }));
  }

  private async sealShare(secret: Bytes, salt: Bytes, share: SealedShare): Promise<Bytes> {
    const at = new Uint8Array(8);
    new DataView(at.buffer).setFloat64(0, share.at);
    return sealBytes(await deriveSealKey(secret, salt), concatBytes(at, share.share), SEALED_SHARE_CONTEXT);
  }

  /** The secret of the stored vault: the PIN key for `pin`, the stored local secret for `device`. */
  async secretOf(pin: string | null): Promise<Bytes | null> {
    const record = await this.read();
    if (record === null) return null;
    if (record.mode === 'pin') return pin === null ? null : derivePinKeyBits(pin, record.salt, record.iterations);
    const secret = await this.storage.get(LOCAL_SECRET);
    if (!(secret instanceof Uint8Array) || secret.byteLength !== 32) throw corrupt('local secret');
    return new Uint8Array(secret);
  }

  /** Opens the sealed key share copy with `secret`; null when the secret is wrong (or there is no copy). */
  async openSealedShare(secret: Bytes): Promise<SealedShare | null> {
    const record = await this.read();
    if (record?.sealedShare == null) return null;
    const plain = await openBytes(await deriveSealKey(secret, record.salt), record.sealedShare, SEALED_SHARE_CONTEXT);
    if (plain?.byteLength !== 40) return null;
    return { at: new DataView(plain.buffer, plain.byteOffset, 8).getFloat64(0), share: plain.slice(8) };
  }

  /**
   * Opens the vault with `secret`, trying each key share in turn (the current one first, then the
   * sealed copy, which still opens data wrapped before the server handed out a new share).
   */
  async open(secret: Bytes, shares: readonly Bytes[]): Promise<OpenVault | null> {
    const record = await this.read();
    if (record === null) return null;
    for (const share of shares) {
      const keys = await unwrapVaultKeys(await deriveKek(secret, share, record.salt), record.wrapped);
      if (keys !== null) return { mode: record.mode, keys, secret, salt: record.salt, iterations: record.iterations, share };
    }
    return null;
  }

  /**
   * Makes a new vault: new random data and index keys wrapped under the KEK of the secret (a new
   * PIN key, or a new local secret) and `share`, with the share sealed for offline launches.
   */
  async create(mode: VaultMode, pin: string | null, share: SealedShare): Promise<OpenVault> {
    const salt = randomBytes(16);
    const secret = await this.newSecret(mode, pin, salt);
    const generated = await generateVaultKeys();
    const wrapped = await wrapVaultKeys(await deriveKek(secret, share.share, salt), generated);
    await this.write({ mode, salt, iterations: PIN_KEY_ITERATIONS, wrapped, sealedShare: await this.sealShare(secret, salt, share) });
    if (mode === 'pin') await this.storage.delete(LOCAL_SECRET);
    const keys = await unwrapVaultKeys(await deriveKek(secret, share.share, salt), wrapped);
    if (keys === null) throw new Error('A freshly wrapped vault did not unwrap.');
    return { mode, keys, secret, salt, iterations: PIN_KEY_ITERATIONS, share: share.share };
  }

  private async newSecret(mode: VaultMode, pin: string | null, salt: Bytes): Promise<Bytes> {
    if (mode === 'pin') {
      if (pin === null) throw new Error('A PIN vault needs a PIN.');
      return derivePinKeyBits(pin, salt, PIN_KEY_ITERATIONS);
    }
    const secret = randomBytes(32);
    // The local secret is written before the vault that needs it, so a crash never strands a vault.
    await this.storage.set(LOCAL_SECRET, secret);
    return secret;
  }

  /**
   * Re-wraps an open vault's keys: under a new mode and secret (a new or first PIN) and/or a new
   * key share; the data stays as it is. Writes the wrapped keys and the sealed share at once.
   */
  async rewrap(open: OpenVault, change: { readonly mode: VaultMode; readonly pin: string | null; readonly share: SealedShare }): Promise<OpenVault> {
    const record = await this.read();
    if (record === null) throw corrupt('vault');
    const extractable = await unwrapVaultKeys(await deriveKek(open.secret, open.share, open.salt), record.wrapped, true);
    if (extractable === null) throw corrupt('vault');
    const samePin = change.mode === open.mode && change.pin === null;
    const salt = samePin ? open.salt : randomBytes(16);
    const secret = samePin ? open.secret : await this.newSecret(change.mode, change.pin, salt);
    const iterations = samePin ? open.iterations : PIN_KEY_ITERATIONS;
    const wrapped = await wrapVaultKeys(await deriveKek(secret, change.share.share, salt), extractable);
    await this.write({ mode: change.mode, salt, iterations, wrapped, sealedShare: await this.sealShare(secret, salt, change.share) });
    if (change.mode === 'pin') await this.storage.delete(LOCAL_SECRET);
    return { mode: change.mode, keys: open.keys, secret, salt, iterations, share: change.share.share };
  }

  /** Re-seals the offline copy with a fresher check-in time (and the share the vault is wrapped under). */
  async reseal(open: OpenVault, share: SealedShare): Promise<void> {
    const record = await this.read();
    if (record === null) return;
    await this.write({ ...record, sealedShare: await this.sealShare(open.secret, open.salt, share) });
  }

  /** Wrong PINs entered since the last right one. */
  async pinFailures(): Promise<number> {
    const raw = await this.storage.get(PIN_FAILURES);
    const n = typeof raw === 'string' ? Number(raw) : 0;
    return Number.isInteger(n) && n >= 0 ? n : 0;
  }

  async setPinFailures(n: number): Promise<void> {
    if (n === 0) await this.storage.delete(PIN_FAILURES);
    else await this.storage.set(PIN_FAILURES, String(n));
  }

  /** Deletes every key and value of the corporate identity. Idempotent. */
  async erase(): Promise<void> {
    for (const key of await this.storage.keys(CORPORATE_PREFIX)) await this.storage.delete(key);
  }
}
