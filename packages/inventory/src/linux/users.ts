import { clipText } from '../clip-text.js';
import { inventoryLimits } from '../inventory-limits.js';
import { readRootFile } from '../read-root-file.js';
import { available, type SectionResult } from '../section-result.js';
import type { LinuxContext } from './linux-context.js';

/** A local account a person can use. */
export type LocalUser = {
  name: string;
  uid: number;
  home: string;
  shell: string;
};

/** Local accounts, capped. */
export type LocalUsers = {
  users: LocalUser[];
  /** /etc/passwd was longer than the cap or held more accounts than are reported. */
  truncated: boolean;
};

/** Distributions hand out uids from 1000 to people (login.defs UID_MIN). */
const firstPersonUid = 1000;
/** The kernel's overflow uid ("nobody"): above 1000 but never a person. */
const overflowUid = 65534;

/**
 * Parses /etc/passwd (name:password:uid:gid:gecos:home:shell) and keeps root and the accounts in
 * the range given to people. Malformed lines are skipped; NIS "+" lines are not accounts.
 */
export function parsePasswd(text: string): LocalUsers {
  const users: LocalUser[] = [];
  let truncated = false;
  for (const line of text.split(/\r?\n/)) {
    const fields = line.split(':');
    if (fields.length < 7) continue;
    const [name = '', , uidText = '', , , home = '', shell = ''] = fields;
    if (name === '' || name.startsWith('+') || name.startsWith('-') || !/^\d{1,10}$/.test(uidText)) continue;
    const uid = Number(uidText);
    if (uid !== 0 && (uid < firstPersonUid || uid === overflowUid)) continue;
    if (users.length >= inventoryLimits.maxUsers) {
      truncated = true;
      break;
    }
    users.push({ name: clipText(name, 64), uid, home: clipText(home, 512), shell: clipText(shell, 256) });
  }
  return { users, truncated };
}

/** Reads local accounts from /etc/passwd under the root. */
export async function collectUsers(ctx: LinuxContext): Promise<SectionResult<LocalUsers>> {
  const file = await readRootFile(ctx.root, '/etc/passwd', inventoryLimits.maxPasswdBytes);
  if (!file.ok) return file;
  // A cut file ends in a partial line: drop it rather than report a mangled account.
  const text = file.value.truncated ? file.value.text.slice(0, Math.max(0, file.value.text.lastIndexOf('\n'))) : file.value.text;
  const parsed = parsePasswd(text);
  return available({ users: parsed.users, truncated: parsed.truncated || file.value.truncated });
}
