import { inventoryLimits } from '../inventory-limits.js';
import { firstLine, requireSuccess, runTool } from '../run-tool.js';
import { available, unavailable, type SectionResult } from '../section-result.js';
import type { LinuxContext } from './linux-context.js';

/** The active graphical user's screen lock settings (GNOME). */
export type LinuxScreenLock = {
  user: string;
  /** x11 or wayland. */
  sessionType: string;
  /** org.gnome.desktop.session idle-delay: seconds idle before the screen blanks; 0 means never. */
  idleDelaySeconds: number;
  /** org.gnome.desktop.screensaver lock-enabled. */
  lockEnabled: boolean;
  /** org.gnome.desktop.screensaver lock-delay: seconds after blanking before the lock engages. */
  lockDelaySeconds: number;
  /** Seconds of inactivity until the screen locks, or null when it never locks by itself. */
  locksAfterSeconds: number | null;
};

/** A login session as `loginctl show-session` describes it. */
export type LoginSession = Readonly<Record<string, string>>;

const graphicalTypes = new Set(['x11', 'wayland', 'mir']);
/** A POSIX portable user name; anything else is refused before it reaches an argument vector. */
const safeUserName = /^[A-Za-z_][A-Za-z0-9_.-]{0,63}\$?$/;

/** Parses `loginctl list-sessions --no-legend`: the session ids in the first column. */
export function parseLoginctlSessions(text: string): string[] {
  const ids: string[] = [];
  for (const line of text.split(/\r?\n/)) {
    const id = line.trim().split(/\s+/)[0] ?? '';
    // Legends ("SESSION …", "2 sessions listed.") are skipped when a loginctl ignores --no-legend.
    if (/^[A-Za-z0-9_-]+$/.test(id) && id !== 'SESSION' && !/sessions? listed/.test(line)) ids.push(id);
    if (ids.length >= inventoryLimits.maxSessions) break;
  }
  return ids;
}

/** Parses `loginctl show-session ID -p …`: KEY=value lines. */
export function parseLoginctlShowSession(text: string): LoginSession {
  const session: Record<string, string> = {};
  for (const line of text.split(/\r?\n/)) {
    const at = line.indexOf('=');
    if (at > 0) session[line.slice(0, at)] = line.slice(at + 1).trim();
  }
  return session;
}

/**
 * Parses one `gsettings get` value: GVariant text such as `uint32 300`, `300`, `true`, `false`.
 * Anything else (a schema error, a string) is unavailable rather than coerced.
 */
export function parseGsettingsValue(text: string): SectionResult<number | boolean> {
  const value = text.trim();
  if (value === 'true') return available(true);
  if (value === 'false') return available(false);
  const match = /^(?:u?int(?:16|32|64)\s+)?(\d{1,10})$/.exec(value);
  if (match?.[1] !== undefined) return available(Number(match[1]));
  return unavailable(`unexpected gsettings value: ${firstLine(value) || 'nothing'}`);
}

/**
 * Seconds until the screen locks: idle-delay plus lock-delay when locking is enabled and the
 * screen blanks at all; null when it never locks on its own.
 */
export function locksAfter(idleDelaySeconds: number, lockEnabled: boolean, lockDelaySeconds: number): number | null {
  return lockEnabled && idleDelaySeconds > 0 ? idleDelaySeconds + lockDelaySeconds : null;
}

interface GraphicalUser {
  readonly name: string;
  readonly uid: number;
  readonly sessionType: string;
}

async function findGraphicalUser(ctx: LinuxContext): Promise<SectionResult<GraphicalUser>> {
  const listed = await runTool(ctx, 'loginctl', ['list-sessions', '--no-legend']);
  if (!listed.ok) return listed;
  const finished = requireSuccess('loginctl', listed.value);
  if (!finished.ok) return finished;
  for (const id of parseLoginctlSessions(finished.value.stdout)) {
    const shown = await runTool(ctx, 'loginctl', ['show-session', id, '-p', 'Name', '-p', 'User', '-p', 'Type', '-p', 'Class', '-p', 'Active', '-p', 'Remote']);
    if (!shown.ok || shown.value.code !== 0) continue;
    const session = parseLoginctlShowSession(shown.value.stdout);
    const name = session['Name'] ?? '';
    const uid = session['User'] ?? '';
    const type = session['Type'] ?? '';
    if (session['Active'] !== 'yes' || session['Class'] !== 'user' || !graphicalTypes.has(type)) continue;
    if (!safeUserName.test(name) || !/^\d{1,10}$/.test(uid)) continue;
    return available({ name, uid: Number(uid), sessionType: type });
  }
  return unavailable('no active graphical session (no desktop user is logged in)');
}

/**
 * How to run gsettings so it reads the desktop user's own settings: directly when the agent is
 * that user, through runuser (with the user's runtime folder and session bus, where dconf lives)
 * when the agent is root, and not at all otherwise.
 */
function gsettingsCommand(ctx: LinuxContext, user: GraphicalUser, schema: string, key: string): SectionResult<{ cmd: string; args: string[] }> {
  const get = ['get', schema, key];
  if (ctx.uid === user.uid) return available({ cmd: 'gsettings', args: get });
  if (ctx.uid !== 0) return unavailable(`the desktop user is ${user.name}; reading their settings needs root`);
  const runtime = `/run/user/${user.uid}`;
  return available({
    cmd: 'runuser',
    args: ['-u', user.name, '--', 'env', `XDG_RUNTIME_DIR=${runtime}`, `DBUS_SESSION_BUS_ADDRESS=unix:path=${runtime}/bus`, 'gsettings', ...get],
  });
}

async function readSetting(ctx: LinuxContext, user: GraphicalUser, schema: string, key: string): Promise<SectionResult<number | boolean>> {
  const command = gsettingsCommand(ctx, user, schema, key);
  if (!command.ok) return command;
  const ran = await runTool(ctx, command.value.cmd, command.value.args);
  if (!ran.ok) return ran;
  // Without GNOME the schema is missing: "No such schema “org.gnome.desktop.session”", exit 1.
  const finished = requireSuccess(`gsettings get ${schema} ${key}`, ran.value);
  if (!finished.ok) return finished;
  return parseGsettingsValue(finished.value.stdout);
}

/** Reads the screen lock settings of the user at the active graphical session. */
export async function collectScreenLock(ctx: LinuxContext): Promise<SectionResult<LinuxScreenLock>> {
  const found = await findGraphicalUser(ctx);
  if (!found.ok) return found;
  const user = found.value;
  const [idle, enabled, delay] = await Promise.all([
    readSetting(ctx, user, 'org.gnome.desktop.session', 'idle-delay'),
    readSetting(ctx, user, 'org.gnome.desktop.screensaver', 'lock-enabled'),
    readSetting(ctx, user, 'org.gnome.desktop.screensaver', 'lock-delay'),
  ]);
  if (!idle.ok) return idle;
  if (!enabled.ok) return enabled;
  if (!delay.ok) return delay;
  if (typeof idle.value !== 'number' || typeof enabled.value !== 'boolean' || typeof delay.value !== 'number') {
    return unavailable('gsettings returned values of unexpected types for idle-delay, lock-enabled or lock-delay');
  }
  return available({
    user: user.name,
    sessionType: user.sessionType,
    idleDelaySeconds: idle.value,
    lockEnabled: enabled.value,
    lockDelaySeconds: delay.value,
    locksAfterSeconds: locksAfter(idle.value, enabled.value, delay.value),
  });
}
