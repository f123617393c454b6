import type { ProfileChanges } from '../../host/profile-changes.js';

/** The PAM files that hold the password stack: Debian's, then Red Hat's and SUSE's. */
const PASSWORD_STACKS = ['/etc/pam.d/common-password', '/etc/pam.d/system-auth', '/etc/pam.d/password-auth', '/etc/pam.d/passwd'];

/**
 * Whether a PAM module (`pam_pwquality.so`) is used in the password stack: a configuration file for
 * a module PAM never calls enforces nothing, so a setting written there is not reported as applied.
 */
export async function passwordStackUses(changes: ProfileChanges, module: string): Promise<boolean> {
  for (const file of PASSWORD_STACKS) {
    const text = await changes.readText(file, 256 * 1024);
    if (text === undefined) continue;
    for (const line of text.split('\n')) {
      const content = line.replace(/#.*/, '').trim();
      if (/^-?password\s/.test(content) && content.includes(module)) return true;
    }
  }
  return false;
}

/** The reason a module's setting is not enforced. */
export function notInStack(module: string, what: string): string {
  return `${what} written, but ${module} is not in the PAM password stack (${PASSWORD_STACKS.slice(0, 3).join(', ')}), so it is not enforced`;
}
