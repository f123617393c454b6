import { parseLoginctlSessions, parseLoginctlShowSession } from '@ward/inventory';
import type { ConfigurationTools } from '../host/configuration-tools.js';

/** The user at the active graphical session. */
export interface GraphicalUser {
  readonly name: string;
  readonly uid: number;
}

const graphicalTypes = new Set(['x11', 'wayland', 'mir']);
/** A POSIX portable user name; anything else never reaches an argument vector. */
const safeUserName = /^[A-Za-z_][A-Za-z0-9_.-]{0,63}\$?$/;

/** The user at the active local graphical session, or the reason there is none. */
export async function findGraphicalUser(tools: ConfigurationTools): Promise<GraphicalUser | string> {
  const listed = await tools.run('loginctl', ['list-sessions', '--no-legend']);
  if (!listed.ran) return listed.reason;
  if (listed.code !== 0) return 'loginctl could not list sessions';
  for (const id of parseLoginctlSessions(listed.stdout)) {
    const shown = await tools.run('loginctl', ['show-session', id, '-p', 'Name', '-p', 'User', '-p', 'Type', '-p', 'Class', '-p', 'Active', '-p', 'Remote']);
    if (!shown.ran || shown.code !== 0) continue;
    const session = parseLoginctlShowSession(shown.stdout);
    const name = session['Name'] ?? '';
    const uid = session['User'] ?? '';
    if (session['Active'] !== 'yes' || session['Class'] !== 'user' || session['Remote'] === 'yes' || !graphicalTypes.has(session['Type'] ?? '')) continue;
    if (!safeUserName.test(name) || !/^\d{1,10}$/.test(uid)) continue;
    return { name, uid: Number(uid) };
  }
  return 'no active graphical session (no desktop user is logged in)';
}

/**
 * The argument vector that runs `gsettings args…` as the desktop user: directly when the agent is
 * that user, through runuser with the user's runtime folder and session bus (where dconf lives)
 * when the agent is root; otherwise the reason it cannot.
 */
export function gsettingsAsUser(user: GraphicalUser, agentUid: number | null, args: readonly string[]): { cmd: string; args: string[] } | string {
  if (agentUid === user.uid) return { cmd: 'gsettings', args: [...args] };
  if (agentUid !== 0) return `the desktop user is ${user.name}; changing their session needs root`;
  const runtime = `/run/user/${user.uid}`;
  return { cmd: 'runuser', args: ['-u', user.name, '--', 'env', `XDG_RUNTIME_DIR=${runtime}`, `DBUS_SESSION_BUS_ADDRESS=unix:path=${runtime}/bus`, 'gsettings', ...args] };
}
