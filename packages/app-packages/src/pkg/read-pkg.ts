import { missing } from '../app-package-error.js';
import type { AppPackageInfo } from '../app-package-info.js';
import type { ResolvedLimits } from '../app-package-limits.js';
import { buildAppPackageInfo } from '../build-app-package-info.js';
import type { RandomAccessSource } from '../random-access-source.js';
import { attribute, childNamed, childrenNamed, descendantsNamed, parseXml, type XmlElement } from '../xml/parse-xml.js';
import { readXarFile, type XarArchive, type XarFile } from './xar-archive.js';

/** Whether a xar archive is an installer package: a product archive or a component package. */
export function isInstallerPackage(archive: XarArchive): boolean {
  return archive.files.has('Distribution') || archive.files.has('PackageInfo');
}

/**
 * Reads a macOS installer package: a product archive's `Distribution` (product id and version,
 * pkg-refs, allowed OS versions, host architectures, title) or, for a bare component package, its
 * `PackageInfo` (identifier, version, the bundle it installs).
 */
export async function readPkg(source: RandomAccessSource, archive: XarArchive, limits: ResolvedLimits): Promise<AppPackageInfo> {
  const xml = async (file: XarFile): Promise<XmlElement> =>
    parseXml(await readXarFile(source, archive, file, limits.maxMetadataBytes), { maxDepth: limits.maxDepth, maxElements: limits.maxEntries }, `pkg ${file.path}`);
  const distributionFile = archive.files.get('Distribution');
  if (distributionFile !== undefined) {
    const distribution = await xml(distributionFile);
    const product = childNamed(distribution, 'product');
    const pkgRefs = childrenNamed(distribution, 'pkg-ref').filter((ref) => attribute(ref, 'id') !== null);
    const firstRef = pkgRefs.find((ref) => attribute(ref, 'version') !== null) ?? pkgRefs[0] ?? null;
    let identifier = (product && attribute(product, 'id')) ?? (firstRef && attribute(firstRef, 'id'));
    let version = (product && attribute(product, 'version')) ?? pkgRefs.map((ref) => attribute(ref, 'version')).find((v) => v !== null) ?? null;
    let name: string | null = childNamed(distribution, 'title')?.text.trim() ?? null;
    // A title like SU_TITLE is a key into the package's localizations, not a name.
    if (name !== null && /^[A-Z0-9_]+$/.test(name)) name = null;
    if (identifier === null || version === null) {
      // Fall back to the first component package's PackageInfo.
      const component = [...archive.files.values()].find((f) => f.path.endsWith('/PackageInfo') && f.path.split('/').length === 2);
      if (component !== undefined) {
        const info = await xml(component);
        identifier ??= attribute(info, 'identifier');
        version ??= attribute(info, 'version');
      }
    }
    const osVersion = descendantsNamed(distribution, 'allowed-os-versions').flatMap((e) => childrenNamed(e, 'os-version'))[0];
    const options = childNamed(distribution, 'options');
    return buildAppPackageInfo('pkg', {
      identifier,
      name,
      version,
      minimumOsVersion: osVersion === undefined ? null : attribute(osVersion, 'min'),
      architecture: options === null ? null : attribute(options, 'hostArchitectures'),
    });
  }
  const packageInfoFile = archive.files.get('PackageInfo');
  if (packageInfoFile === undefined) throw missing('pkg: neither a Distribution nor a PackageInfo');
  const info = await xml(packageInfoFile);
  const bundle = descendantsNamed(info, 'bundle')[0];
  const bundlePath = bundle === undefined ? null : attribute(bundle, 'path');
  const bundleName = bundlePath?.split('/').pop()?.replace(/\.app$/, '') ?? null;
  return buildAppPackageInfo('pkg', {
    identifier: attribute(info, 'identifier'),
    name: bundleName,
    version: attribute(info, 'version'),
  });
}
