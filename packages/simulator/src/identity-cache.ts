import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { VirtualIdentity } from './virtual-agent.js';

/** The file's shape: identities are only good for the server (root) that issued them. */
interface IdentityCacheFile {
  readonly version: 1;
  readonly rootFingerprint: string;
  readonly identities: readonly VirtualIdentity[];
}

function isIdentity(value: unknown): value is VirtualIdentity {
  if (value === null || typeof value !== 'object') return false;
  const v = value as Record<string, unknown>;
  return typeof v.index === 'number' && typeof v.hardwareId === 'string' && typeof v.deviceId === 'string' && typeof v.privateKeyPem === 'string'
    && typeof v.certificateChainPem === 'string' && typeof v.commandSigningKeyPem === 'string' && typeof v.checkInIntervalSeconds === 'number';
}

/**
 * Enrolled identities saved by an earlier run against the same root, by index; empty when the file
 * is missing, unreadable or from another server. Keys in the file are unencrypted: it is for test
 * fleets in temporary directories, never for real devices.
 */
export function readIdentityCache(path: string, rootFingerprint: string): Map<number, VirtualIdentity> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return new Map();
  }
  const file = parsed as Partial<IdentityCacheFile> | null;
  if (file?.version !== 1 || file.rootFingerprint !== rootFingerprint || !Array.isArray(file.identities)) return new Map();
  return new Map(file.identities.filter(isIdentity).map((identity) => [identity.index, identity]));
}

/** Saves identities for a later run (0600, written whole then renamed, so a crash leaves the old file). */
export function writeIdentityCache(path: string, rootFingerprint: string, identities: readonly VirtualIdentity[]): void {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const file: IdentityCacheFile = { version: 1, rootFingerprint, identities };
  writeFileSync(`${path}.tmp`, JSON.stringify(file), { mode: 0o600 });
  renameSync(`${path}.tmp`, path);
}
