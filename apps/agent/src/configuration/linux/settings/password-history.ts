import type { LinuxApplyContext } from '../linux-apply-context.js';
import { notInStack, passwordStackUses } from './pam-stack.js';
import { settingFailed, settingNotApplicable, settingSucceeded, type SettingResult } from './setting-result.js';

const PWHISTORY_CONF = '/etc/security/pwhistory.conf';

/**
 * How many earlier passwords may not be reused, as `remember` in pam_pwhistory's configuration
 * file (Linux-PAM 1.5.1 and later), in a block of Ward's. The file has no drop-in folder, and older
 * PAM takes the option only on the module's line in the PAM stack, which Ward does not edit.
 */
export async function applyPasswordHistory(ctx: LinuxApplyContext, count: number): Promise<SettingResult> {
  if (!(await ctx.changes.exists(PWHISTORY_CONF))) {
    return settingNotApplicable(`this system's pam_pwhistory has no configuration file (${PWHISTORY_CONF}); Ward does not edit the PAM stack`);
  }
  await ctx.changes.writeBlock(PWHISTORY_CONF, ctx.stem, [`remember = ${count}`]);
  if (!(await passwordStackUses(ctx.changes, 'pam_pwhistory.so'))) return settingFailed(notInStack('pam_pwhistory', 'remember'));
  return settingSucceeded(count === 0 ? 'remember = 0: password reuse is not checked' : `remember = ${count}`);
}
