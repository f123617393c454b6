import type { ConfigurationTools } from '../host/configuration-tools.js';

/** Which service reads which folder, and how to make it read again after Ward's files left. */
const REFRESHES: readonly { readonly prefix: string; readonly cmd: string; readonly args: readonly string[]; readonly what: string }[] = [
  { prefix: '/etc/dconf/', cmd: 'dconf', args: ['update'], what: 'the dconf system database' },
  { prefix: '/etc/NetworkManager/system-connections/', cmd: 'nmcli', args: ['connection', 'reload'], what: "NetworkManager's connections" },
  { prefix: '/usr/local/share/ca-certificates/', cmd: 'update-ca-certificates', args: ['--fresh'], what: 'the system trust store' },
  { prefix: '/etc/pki/ca-trust/source/anchors/', cmd: 'update-ca-trust', args: ['extract'], what: 'the system trust store' },
];

/**
 * After files were removed or restored, runs the tools that make their services notice (each at
 * most once) and returns notes for those that could not run: the files are gone either way, the
 * service catches up at its next start.
 */
export async function refreshAfterUndo(tools: ConfigurationTools, changedPaths: readonly string[]): Promise<string[]> {
  const notes: string[] = [];
  for (const refresh of REFRESHES) {
    if (!changedPaths.some((path) => path.startsWith(refresh.prefix))) continue;
    const failure = await tools.runToSuccess(refresh.cmd, refresh.args);
    if (failure !== null) notes.push(`${refresh.what} was not refreshed: ${failure}`);
  }
  return notes;
}
