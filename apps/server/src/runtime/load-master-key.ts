import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateMasterKey, parseMasterKey } from '@ward/pki';

/** The file in the data directory that holds a generated master key. */
export const masterKeyFileName = 'master.key';

/** The master key and where it came from. */
export interface MasterKey {
  readonly key: Uint8Array;
  readonly source: 'config' | 'file' | 'generated';
  /** The key file, when the key came from or went to one. */
  readonly path?: string;
}

/**
 * The master key: `WARD_MASTER_KEY` when configured; otherwise the key in `<dataDir>/master.key`,
 * generated there (base64, mode 0600, written exclusively so two processes starting at once
 * cannot both write one) at the first start. The caller warns about a generated key: it must be
 * backed up apart from the database.
 */
export function loadMasterKey(configured: string | undefined, dataDir: string): MasterKey {
  if (configured !== undefined) return { key: parseMasterKey(configured), source: 'config' };
  const path = join(dataDir, masterKeyFileName);
  if (existsSync(path)) return { key: parseMasterKey(readFileSync(path, 'utf8')), source: 'file', path };
  const key = generateMasterKey();
  try {
    writeFileSync(path, `${Buffer.from(key).toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
  } catch (error) {
    // Another process won the race: use its key.
    if (error instanceof Error && 'code' in error && error.code === 'EEXIST') return { key: parseMasterKey(readFileSync(path, 'utf8')), source: 'file', path };
    throw error;
  }
  return { key, source: 'generated', path };
}
