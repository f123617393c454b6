import { posix } from 'node:path';

/** Where custom files may go: configuration and locally installed software, nothing the OS owns. */
const ALLOWED_PREFIXES = ['/etc/', '/usr/local/', '/opt/'];

/**
 * Files no custom profile may replace: accounts and authentication (a typo there locks everyone
 * out), the loader's preload list, boot-critical tables, and what Ward itself manages.
 */
const FORBIDDEN_EXACT = new Set([
  '/etc/passwd',
  '/etc/passwd-',
  '/etc/shadow',
  '/etc/shadow-',
  '/etc/group',
  '/etc/group-',
  '/etc/gshadow',
  '/etc/gshadow-',
  '/etc/sudoers',
  '/etc/login.defs',
  '/etc/fstab',
  '/etc/crypttab',
  '/etc/ld.so.preload',
  '/etc/ld.so.conf',
  '/etc/security/pwhistory.conf',
  '/etc/dconf/profile/user',
  '/etc/machine-id',
]);
const FORBIDDEN_TREES = ['/etc/sudoers.d/', '/etc/pam.d/', '/etc/ld.so.conf.d/', '/etc/ward-agent/', '/opt/ward-agent/', '/etc/systemd/system/ward-agent'];
/** Ward's own file names (`ward-…`, `50-ward-…`, `52ward-…`): Ward manages them, a custom file must not. */
const WARD_NAME = /^(?:\d+-?)?ward[-_]/i;

/**
 * Why a custom file may not be written at `path`, or undefined when it may. The path must be
 * absolute and normalised (no `.`/`..`, no doubled or trailing slash), under /etc, /usr/local or
 * /opt, and not a system-critical or Ward-managed file.
 */
export function customFilePathProblem(path: string): string | undefined {
  if (!path.startsWith('/')) return 'the path must be absolute';
  // eslint-disable-next-line no-control-regex -- file names with control characters are refused outright
  if (/[\u0000-\u001f\u007f\\]/.test(path)) return 'the path contains control characters or backslashes';
  if (path.split('/').includes('..') || path.split('/').includes('.')) return 'the path must not contain . or .. segments';
  if (posix.normalize(path) !== path || path.endsWith('/')) return 'the path must be normalised (no doubled or trailing slashes)';
  if (!ALLOWED_PREFIXES.some((prefix) => path.startsWith(prefix))) return `custom files go under ${ALLOWED_PREFIXES.map((p) => p.slice(0, -1)).join(', ')}`;
  if (FORBIDDEN_EXACT.has(path) || FORBIDDEN_TREES.some((tree) => path.startsWith(tree))) return `${path} is a system-critical or Ward-managed file`;
  if (WARD_NAME.test(posix.basename(path))) return `${posix.basename(path)} is named like a file Ward manages`;
  return undefined;
}

/** A custom file's mode from its text form ('0644'), or why it is refused. */
export function parseCustomFileMode(text: string): number | string {
  if (!/^0?[0-7]{3}$/.test(text)) return 'mode must be three octal digits such as 0644';
  const mode = Number.parseInt(text, 8);
  if ((mode & 0o002) !== 0) return 'a world-writable mode is refused';
  if ((mode & 0o600) !== 0o600) return 'the owner (root) must be able to read and write the file';
  return mode;
}
