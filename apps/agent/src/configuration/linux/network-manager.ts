import { createHash } from 'node:crypto';
import type { ConfigurationTools } from '../host/configuration-tools.js';
import type { ProfileChanges } from '../host/profile-changes.js';

/** Where NetworkManager keeps connection profiles it owns (keyfile plugin). */
export const NM_CONNECTIONS_DIR = '/etc/NetworkManager/system-connections';
/** Where Ward keeps certificates and keys its profiles refer to, one folder per profile. */
export const WARD_CERTIFICATES_DIR = '/etc/ward-agent/certificates';

/** Ward's connection file for a profile. */
export function connectionFile(stem: string): string {
  return `${NM_CONNECTIONS_DIR}/ward-${stem}.nmconnection`;
}

/** The folder of a profile's certificate files. */
export function certificateDir(stem: string): string {
  return `${WARD_CERTIFICATES_DIR}/${stem}`;
}

/**
 * A connection UUID that stays the same for the same profile across applies and devices, so
 * re-applying updates the connection rather than adding a second one (an RFC 4122 version 5
 * shaped value from a SHA-256, which is all NetworkManager asks of it).
 */
export function connectionUuid(kind: string, profileId: string): string {
  const bytes = createHash('sha256').update(`ward:${kind}:${profileId}`).digest().subarray(0, 16);
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x50;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** Whether NetworkManager is installed (its configuration folder exists). */
export function hasNetworkManager(changes: ProfileChanges): Promise<boolean> {
  return changes.isDirectory('/etc/NetworkManager');
}

/**
 * Asks NetworkManager to re-read its connection files. Returns a note: NetworkManager does not
 * watch the folder, so without nmcli the change waits for its next start.
 */
export async function reloadConnections(tools: ConfigurationTools): Promise<string | undefined> {
  const run = await tools.run('nmcli', ['connection', 'reload']);
  if (!run.ran) return `${run.reason}: NetworkManager loads the connection at its next start`;
  if (run.code !== 0) return `nmcli connection reload failed (exit ${run.code ?? 'none'}): NetworkManager loads the connection at its next start`;
  return undefined;
}
