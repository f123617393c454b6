import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeMasterKey } from '../config/decode-master-key.js';
import { dataFiles } from './data-files.js';

/** The master key and where it came from. */
export interface MasterKey {
  readonly key: Uint8Array;
  readonly source: 'config' | 'file' | 'generated';
  /** The key file, when the key came from or went to one. */
  readonly path?: string;
}

/** Length of a master key: an AES-256 key, as @ward/pki requires. */
const masterKeyBytes = 32;

function decode(text: string, where: string): Uint8Array {
  const key = decodeMasterKey(text);
  // Never echo the text: it may be a nearly-right secret.
  if (key === undefined) throw new Error(`${where} does not hold a master key (32 bytes as base64 or hex).`);
  return key;
}

function readKeyFile(path: string): MasterKey {
  return { key: decode(readFileSync(path, 'utf8'), path), source: 'file', path };
}

/**
 * The master key: `WARD_MASTER_KEY` when configured; otherwise the key in `<dataDir>/master.key`,
 * generated there (base64, mode 0600, written exclusively so two processes starting at once
 * cannot both write one) at the first start. The caller warns about a generated key: it must be
 * backed up apart from the database.
 */
export function loadMasterKey(configured: string | undefined, dataDir: string): MasterKey {
  if (configured !== undefined) return { key: decode(configured, 'WARD_MASTER_KEY'), source: 'config' };
  const path = join(dataDir, dataFiles.masterKey);
  if (existsSync(path)) return readKeyFile(path);
  const key = new Uint8Array(randomBytes(masterKeyBytes));
  try {
    writeFileSync(path, `${Buffer.from(key).toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
  } catch (error) {
    // Another process won the race: use its key.
    if (error instanceof Error && 'code' in error && error.code === 'EEXIST') return readKeyFile(path);
    throw error;
  }
  return { key, source: 'generated', path };
}
