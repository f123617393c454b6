import { malformed, missing } from '../app-package-error.js';
import type { AppPackageIcon, AppPackageInfo } from '../app-package-info.js';
import type { ResolvedLimits } from '../app-package-limits.js';
import { buildAppPackageInfo } from '../build-app-package-info.js';
import { optionalIcon } from '../icon/optional-icon.js';
import { pngIcon } from '../icon/png-icon.js';
import { sliceSource, type RandomAccessSource } from '../random-access-source.js';
import { attribute, childNamed, childrenNamed, descendantsNamed, parseXml } from '../xml/parse-xml.js';
import { openZipArchive, readZipEntry, zipEntryDataOffset, type ZipArchive, type ZipEntry } from '../zip/zip-archive.js';

/** The manifest at the root of an MSIX or APPX package. */
export const msixManifestName = 'AppxManifest.xml';
/** The manifest of an .msixbundle or .appxbundle. */
export const msixBundleManifestName = 'AppxMetadata/AppxBundleManifest.xml';

/**
 * Reads an MSIX/APPX package's AppxManifest.xml: Identity (Name, Version, ProcessorArchitecture,
 * Publisher), Properties (DisplayName, PublisherDisplayName, Description, Logo) and the lowest
 * TargetDeviceFamily MinVersion, preferring Windows.Desktop.
 */
export async function readMsix(source: RandomAccessSource, zip: ZipArchive, limits: ResolvedLimits, inBundle = false): Promise<AppPackageInfo> {
  const entry = zip.entries.get(msixManifestName);
  if (entry === undefined) {
    // A bundle inside a bundle is not a thing Windows installs; refusing it also bounds the recursion.
    if (zip.entries.has(msixBundleManifestName) && !inBundle) return readMsixBundle(source, zip, limits);
    throw missing('msix: no AppxManifest.xml');
  }
  const manifest = parseXml(await readZipEntry(source, entry, limits.maxMetadataBytes), { maxDepth: limits.maxDepth, maxElements: limits.maxEntries }, 'msix AppxManifest.xml');
  const identity = childNamed(manifest, 'Identity');
  if (identity === null) throw missing('msix: the manifest has no Identity');
  const properties = childNamed(manifest, 'Properties');
  const property = (name: string): string | null => {
    const value = properties === null ? null : (childNamed(properties, name)?.text.trim() ?? null);
    // ms-resource: names point into resources.pri, which is not read.
    return value === null || value === '' || value.startsWith('ms-resource:') ? null : value;
  };
  const families = descendantsNamed(manifest, 'TargetDeviceFamily');
  const family = families.find((f) => attribute(f, 'Name') === 'Windows.Desktop') ?? families[0] ?? null;
  const logo = property('Logo');
  return buildAppPackageInfo('msix', {
    identifier: attribute(identity, 'Name'),
    name: property('DisplayName'),
    version: attribute(identity, 'Version'),
    architecture: attribute(identity, 'ProcessorArchitecture') ?? 'neutral',
    publisher: property('PublisherDisplayName') ?? attribute(identity, 'Publisher'),
    description: property('Description'),
    minimumOsVersion: family === null ? null : attribute(family, 'MinVersion'),
    icon: logo === null ? null : await optionalIcon(() => readLogo(source, zip, logo, limits.maxIconBytes)),
  });
}

/**
 * The logo file, or its best qualified variant: packages usually ship `StoreLogo.scale-200.png`
 * and the like for a manifest that names `StoreLogo.png` (MRT resource qualifiers).
 */
async function readLogo(source: RandomAccessSource, zip: ZipArchive, logo: string, max: number): Promise<AppPackageIcon | null> {
  const path = logo.replace(/\\/g, '/').replace(/^\/+/, '');
  const dot = path.lastIndexOf('.');
  const stem = (dot < 0 ? path : path.slice(0, dot)).toLowerCase();
  const candidates: ZipEntry[] = [];
  for (const entry of zip.entries.values()) {
    const name = entry.name.toLowerCase();
    if (name === path.toLowerCase() || (name.startsWith(`${stem}.`) && name.endsWith('.png'))) candidates.push(entry);
  }
  candidates.sort((a, b) => b.uncompressedSize - a.uncompressedSize);
  for (const entry of candidates) {
    if (entry.uncompressedSize > max) continue;
    const icon = pngIcon(await readZipEntry(source, entry, max));
    if (icon !== null) return icon;
  }
  return null;
}

/**
 * Reads an .msixbundle: its AppxBundleManifest.xml names the bundle (Identity) and its packages;
 * the first application package (stored, as bundles store them) is then read like an .msix for the
 * display name, minimum OS and logo. The architecture lists every application package's.
 */
async function readMsixBundle(source: RandomAccessSource, zip: ZipArchive, limits: ResolvedLimits): Promise<AppPackageInfo> {
  const entry = zip.entries.get(msixBundleManifestName) as ZipEntry;
  const manifest = parseXml(await readZipEntry(source, entry, limits.maxMetadataBytes), { maxDepth: limits.maxDepth, maxElements: limits.maxEntries }, 'msix AppxBundleManifest.xml');
  const identity = childNamed(manifest, 'Identity');
  if (identity === null) throw missing('msix: the bundle manifest has no Identity');
  const packagesElement = childNamed(manifest, 'Packages');
  const applications = (packagesElement === null ? [] : childrenNamed(packagesElement, 'Package')).filter((p) => (attribute(p, 'Type') ?? 'application') === 'application');
  const architectures = [...new Set(applications.map((p) => attribute(p, 'Architecture') ?? 'neutral'))];
  let inner: AppPackageInfo | null = null;
  const fileName = applications.map((p) => attribute(p, 'FileName')).find((name): name is string => name !== null);
  const innerEntry = fileName === undefined ? undefined : zip.entries.get(fileName);
  if (innerEntry !== undefined) {
    // Only a stored package can be read in place; a compressed one would have to be inflated whole.
    if (innerEntry.method !== 0 || innerEntry.compressedSize !== innerEntry.uncompressedSize) throw malformed('msix: a bundled package is compressed');
    const slice = sliceSource(source, await zipEntryDataOffset(source, innerEntry), innerEntry.compressedSize);
    const innerZip = await openZipArchive(slice, limits);
    if (innerZip.entries.has(msixManifestName)) inner = await readMsix(slice, innerZip, limits, true);
  }
  return buildAppPackageInfo('msix', {
    identifier: attribute(identity, 'Name'),
    name: inner?.name ?? null,
    version: attribute(identity, 'Version'),
    architecture: architectures.length === 0 ? null : architectures.join(','),
    publisher: inner?.publisher ?? attribute(identity, 'Publisher'),
    description: inner?.description ?? null,
    minimumOsVersion: inner?.minimumOsVersion ?? null,
    icon: inner?.icon ?? null,
  });
}
