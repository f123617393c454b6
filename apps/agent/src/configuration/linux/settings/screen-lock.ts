import { renderKeyfile } from '../keyfile.js';
import { findGraphicalUser, gsettingsAsUser } from '../graphical-session.js';
import { wardHeader, type LinuxApplyContext } from '../linux-apply-context.js';
import { settingFailed, settingNotApplicable, settingSucceeded, type SettingResult } from './setting-result.js';

/** The screen lock values of one settings profile. */
export interface ScreenLockValues {
  readonly timeoutSeconds?: number;
  readonly maxInactivitySeconds?: number;
}

const DCONF_PROFILE = '/etc/dconf/profile/user';
const LOCKED_KEYS = ['/org/gnome/desktop/session/idle-delay', '/org/gnome/desktop/screensaver/lock-enabled', '/org/gnome/desktop/screensaver/lock-delay'];

/**
 * Sets GNOME's screen lock for every user through a dconf system database keyfile and locks the
 * keys so users cannot lengthen it: idle-delay (seconds idle before the screen blanks), lock on
 * blank, no grace delay. screenLock.timeoutSeconds and passcode.maxInactivitySeconds both mean
 * "locked after this long idle", so the shorter one wins. The running desktop session is also told
 * through gsettings when there is one; without dconf or a session the files still take effect at
 * the next login, which the result says.
 */
export async function applyScreenLock(ctx: LinuxApplyContext, values: ScreenLockValues): Promise<SettingResult> {
  const { changes, tools } = ctx;
  if (!(await changes.isDirectory('/etc/dconf')) && !(await changes.exists('/usr/bin/dconf'))) {
    return settingNotApplicable('dconf (the GNOME settings system) is not installed, so there is no desktop screen lock to set');
  }
  const requested = [values.timeoutSeconds, values.maxInactivitySeconds].filter((v): v is number => v !== undefined);
  const positive = requested.filter((v) => v > 0);
  const idleDelay = positive.length > 0 ? Math.min(...positive) : 0;
  const notes: string[] = [
    idleDelay === 0 ? 'idle-delay 0: the screen never blanks by itself (it still locks when blanked)' : `the screen locks after ${idleDelay} s idle`,
  ];
  if (requested.length === 2 && values.timeoutSeconds !== values.maxInactivitySeconds) notes.push('the shorter of screenLock.timeoutSeconds and passcode.maxInactivitySeconds applies');

  const profileText = await changes.readText(DCONF_PROFILE);
  const header = wardHeader(ctx.profileId);
  if (profileText === undefined || profileText.startsWith('# Written by the Ward agent')) {
    // Without a user profile naming the "local" system database GNOME never reads Ward's keyfile.
    await changes.writeWardFile(DCONF_PROFILE, '# Written by the Ward agent so the "local" system database applies; removed with the last Ward profile that needs it.\nuser-db:user\nsystem-db:local\n', 0o644);
  } else if (!/^\s*system-db:local\s*$/m.test(profileText)) {
    return settingFailed(`${DCONF_PROFILE} does not include system-db:local, so GNOME would not read Ward's settings; add that line (Ward does not edit this file)`);
  }
  await changes.writeWardFile(
    `/etc/dconf/db/local.d/50-ward-${ctx.stem}`,
    renderKeyfile(
      [header],
      [
        { name: 'org/gnome/desktop/session', entries: [['idle-delay', `uint32 ${idleDelay}`]] },
        { name: 'org/gnome/desktop/screensaver', entries: [['lock-enabled', 'true'], ['lock-delay', 'uint32 0']] },
      ],
    ),
    0o644,
  );
  await changes.writeWardFile(`/etc/dconf/db/local.d/locks/50-ward-${ctx.stem}`, `${header}\n${LOCKED_KEYS.join('\n')}\n`, 0o644);

  const updated = await tools.runToSuccess('dconf', ['update']);
  notes.push(updated === null ? 'dconf system database rebuilt' : `the settings take effect at the next login (${updated})`);
  notes.push(await tellRunningSession(ctx, idleDelay));
  return settingSucceeded(...notes);
}

async function tellRunningSession(ctx: LinuxApplyContext, idleDelay: number): Promise<string> {
  const user = await findGraphicalUser(ctx.tools);
  if (typeof user === 'string') return `no running desktop was changed: ${user}`;
  const sets: [string, string, string][] = [
    ['org.gnome.desktop.session', 'idle-delay', String(idleDelay)],
    ['org.gnome.desktop.screensaver', 'lock-enabled', 'true'],
    ['org.gnome.desktop.screensaver', 'lock-delay', '0'],
  ];
  for (const [schema, key, value] of sets) {
    const command = gsettingsAsUser(user, ctx.uid, ['set', schema, key, value]);
    if (typeof command === 'string') return `the running desktop of ${user.name} was not changed: ${command}`;
    const run = await ctx.tools.run(command.cmd, command.args);
    if (!run.ran) return `the running desktop of ${user.name} was not changed: ${run.reason}`;
    // A locked key refuses the write: then the system value Ward just locked is the one in force.
    if (run.code !== 0 && /not writable/i.test(`${run.stderr}\n${run.stdout}`)) return `the running desktop of ${user.name} follows the locked system value`;
    if (run.code !== 0) return `the running desktop of ${user.name} was not changed: gsettings set ${schema} ${key} exited with code ${run.code ?? 'none'}`;
  }
  return `applied to the running desktop of ${user.name}`;
}
