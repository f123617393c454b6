import type { LinuxRelease } from './ports.js';

/** The two package families Ward delivers to on Linux. */
export type LinuxPackageFamily = 'deb' | 'rpm';

const debIds = new Set(['debian', 'ubuntu', 'linuxmint', 'pop', 'elementary', 'raspbian', 'kali', 'zorin', 'neon', 'devuan', 'pureos', 'mx']);
const rpmIds = new Set(['fedora', 'rhel', 'centos', 'rocky', 'almalinux', 'ol', 'amzn', 'nobara', 'ultramarine', 'mageia', 'openmandriva']);

/**
 * Whether a Linux device takes .deb (apt) or .rpm (dnf) packages, from its os-release ID and
 * ID_LIKE (os-release(5): ID_LIKE lists the distributions it derives from, closest first);
 * undefined when neither says. SUSE is rpm-based but uses zypper, which the agent does not
 * drive, so it is left undecided rather than handed dnf commands.
 */
export function linuxPackageFamily(release: LinuxRelease | undefined): LinuxPackageFamily | undefined {
  if (release === undefined) return undefined;
  const ids = [release.id ?? '', ...(release.idLike ?? '').split(/\s+/)].map((s) => s.trim().toLowerCase()).filter((s) => s !== '');
  for (const id of ids) {
    if (id === 'suse' || id.startsWith('opensuse') || id === 'sles') return undefined;
    if (debIds.has(id)) return 'deb';
    if (rpmIds.has(id)) return 'rpm';
  }
  return undefined;
}
