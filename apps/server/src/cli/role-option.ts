import { roles } from '@ward/core';

/** Roles as typed at the CLI: `global-admin`, `global_admin` or `globalAdmin` all name `globalAdmin`. */
export function roleFromOption(text: string): string {
  return text.trim().replace(/[-_]+([a-z])/gi, (_, c: string) => c.toUpperCase());
}

/** For help texts: `globalAdmin, policyManager, …`. */
export const roleList = roles.join(', ');
