import { randomBytes } from 'node:crypto';
import { MASTER_KEY_LENGTH } from './assert-master-key.js';

/**
 * A new random 32-byte master key. Store it outside the database that holds what it encrypts; write
 * it as base64 (`Buffer.from(key).toString('base64')`) and read it back with {@link parseMasterKey}.
 */
export function generateMasterKey(): Uint8Array {
  return new Uint8Array(randomBytes(MASTER_KEY_LENGTH));
}
