import { wardHeader, type LinuxApplyContext } from '../linux-apply-context.js';
import { settingFailed, settingNotApplicable, settingSucceeded, type SettingResult } from './setting-result.js';

const GDM_PROFILE = '/etc/dconf/profile/gdm';

/**
 * lockScreen.message as GNOME's login screen banner (org.gnome.login-screen banner-message-text),
 * in a keyfile of Ward's in GDM's dconf database. dconf reads keyfile values as GVariant text
 * without key file unescaping, so the message is written as a GVariant string literal, which
 * escapes line breaks itself: the file stays one key per line whatever the message holds.
 */
export async function applyLoginBanner(ctx: LinuxApplyContext, message: string): Promise<SettingResult> {
  const profile = await ctx.changes.readText(GDM_PROFILE);
  if (profile === undefined) return settingNotApplicable(`GDM (the GNOME login screen) is not installed: ${GDM_PROFILE} does not exist`);
  if (!/^\s*system-db:gdm\s*$/m.test(profile)) return settingFailed(`${GDM_PROFILE} does not include system-db:gdm, so GDM would not read Ward's banner; add that line (Ward does not edit this file)`);
  const body = [
    wardHeader(ctx.profileId),
    '[org/gnome/login-screen]',
    `banner-message-enable=${message === '' ? 'false' : 'true'}`,
    `banner-message-text=${gvariantString(message)}`,
  ];
  await ctx.changes.writeWardFile(`/etc/dconf/db/gdm.d/50-ward-${ctx.stem}`, `${body.join('\n')}\n`, 0o644);
  const updated = await ctx.tools.runToSuccess('dconf', ['update']);
  return settingSucceeded(
    message === '' ? 'the login screen shows no banner' : 'the login screen shows the banner from its next start',
    updated === null ? undefined : `the dconf database was not rebuilt, so the banner waits for the next dconf update (${updated})`,
  );
}

/** A GVariant string literal (`'it\'s'`), every control character escaped. */
export function gvariantString(text: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are what gets escaped
  const escaped = text.replace(/[\\'\u0000-\u001f\u007f]/g, (char) => {
    if (char === '\\') return '\\\\';
    if (char === "'") return "\\'";
    if (char === '\n') return '\\n';
    if (char === '\t') return '\\t';
    return `\\u${(char.codePointAt(0) ?? 0).toString(16).padStart(4, '0')}`;
  });
  return `'${escaped}'`;
}
