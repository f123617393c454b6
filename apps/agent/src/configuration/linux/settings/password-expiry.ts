import type { LinuxApplyContext } from '../linux-apply-context.js';
import { settingNotApplicable, settingSucceeded, type SettingResult } from './setting-result.js';

const LOGIN_DEFS = '/etc/login.defs';
/** shadow-utils' "never expires". */
const NEVER = 99_999;

/**
 * Maximum password age as PASS_MAX_DAYS in /etc/login.defs (Ward's block comes last, and the last
 * value in the file wins). shadow-utils copies it into an account only when the account is created,
 * so existing accounts keep their own maximum: the result says so rather than claim more.
 */
export async function applyPasswordExpiry(ctx: LinuxApplyContext, days: number): Promise<SettingResult> {
  if (!(await ctx.changes.exists(LOGIN_DEFS))) return settingNotApplicable(`${LOGIN_DEFS} does not exist (shadow-utils is not installed)`);
  const value = days === 0 ? NEVER : days;
  await ctx.changes.writeBlock(LOGIN_DEFS, ctx.stem, [`PASS_MAX_DAYS ${value}`]);
  return settingSucceeded(
    `PASS_MAX_DAYS ${value}${days === 0 ? ' (never)' : ''} in ${LOGIN_DEFS}: applies to accounts created from now on; existing accounts keep their own maximum (chage -M)`,
  );
}
