import { wardHeader, type LinuxApplyContext } from '../linux-apply-context.js';
import { notInStack, passwordStackUses } from './pam-stack.js';
import { settingFailed, settingNotApplicable, settingSucceeded, type SettingResult } from './setting-result.js';

/** The password quality values of one settings profile. */
export interface PasswordQualityValues {
  readonly minimumLength?: number;
  readonly complexity?: string;
}

/** pwquality refuses a minlen below this and uses it instead. */
const PWQUALITY_MIN_LENGTH = 6;

/**
 * Password length and complexity through libpwquality, in a drop-in of Ward's own
 * (`/etc/security/pwquality.conf.d/50-ward-<id>.conf`). Credits are set to 0 or below so minlen
 * means characters, not "points" that digits and symbols could earn. Complexity maps to required
 * character classes: numeric → a digit; alphanumeric → a digit and another class; complex → three
 * of the four classes (upper, lower, digit, other), as the settings catalog describes it.
 */
export async function applyPasswordQuality(ctx: LinuxApplyContext, values: PasswordQualityValues): Promise<{ minimumLength: SettingResult; complexity: SettingResult }> {
  const { changes } = ctx;
  if (!(await changes.exists('/etc/security/pwquality.conf')) && !(await changes.isDirectory('/etc/security/pwquality.conf.d'))) {
    const reason = settingNotApplicable('libpwquality is not installed (no /etc/security/pwquality.conf)');
    return { minimumLength: reason, complexity: reason };
  }
  const lines = [wardHeader(ctx.profileId)];
  const notes = { minimumLength: [] as string[], complexity: [] as string[] };
  const credits = { dcredit: 0, ucredit: 0, lcredit: 0, ocredit: 0 };
  let minclass = 0;
  switch (values.complexity) {
    case 'numeric':
      credits.dcredit = -1;
      break;
    case 'alphanumeric':
      credits.dcredit = -1;
      minclass = 2;
      break;
    case 'complex':
      minclass = 3;
      break;
    default:
      break;
  }
  if (values.minimumLength !== undefined) {
    lines.push(`minlen = ${values.minimumLength}`);
    notes.minimumLength.push(`minlen = ${values.minimumLength}`);
    if (values.minimumLength < PWQUALITY_MIN_LENGTH) notes.minimumLength.push(`pwquality enforces at least ${PWQUALITY_MIN_LENGTH} characters`);
  }
  if (values.complexity !== undefined) {
    lines.push(`minclass = ${minclass}`);
    notes.complexity.push(values.complexity === 'none' ? 'no character classes required' : `minclass = ${minclass}${describeCredits(credits)}`);
  }
  for (const [key, value] of Object.entries(credits)) lines.push(`${key} = ${value}`);
  await changes.writeWardFile(`/etc/security/pwquality.conf.d/50-ward-${ctx.stem}.conf`, `${lines.join('\n')}\n`, 0o644);

  if (!(await passwordStackUses(changes, 'pam_pwquality.so'))) {
    const failed = settingFailed(notInStack('pam_pwquality', 'the password rule was'));
    return { minimumLength: failed, complexity: failed };
  }
  return { minimumLength: settingSucceeded(...notes.minimumLength), complexity: settingSucceeded(...notes.complexity) };
}

function describeCredits(credits: Record<string, number>): string {
  const required = Object.entries(credits)
    .filter(([, value]) => value < 0)
    .map(([key]) => ({ dcredit: 'a digit', ucredit: 'an upper-case letter', lcredit: 'a lower-case letter', ocredit: 'another character' })[key]);
  return required.length === 0 ? '' : `, requires ${required.join(', ')}`;
}
