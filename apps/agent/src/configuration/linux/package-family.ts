import type { ProfileChanges } from '../host/profile-changes.js';

/** The package system of a Linux distribution, which decides where updates and trust stores are configured. */
export type PackageFamily = 'dpkg' | 'rpm';

/** Which package system the machine under the root uses, from its files; undefined when neither is there. */
export async function packageFamily(changes: ProfileChanges): Promise<PackageFamily | undefined> {
  if ((await changes.exists('/var/lib/dpkg/status')) || (await changes.exists('/etc/debian_version'))) return 'dpkg';
  if ((await changes.isDirectory('/var/lib/rpm')) || (await changes.isDirectory('/usr/lib/sysimage/rpm')) || (await changes.exists('/etc/redhat-release'))) return 'rpm';
  return undefined;
}
