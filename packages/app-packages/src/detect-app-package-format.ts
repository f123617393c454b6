import type { AppPackageFormat } from './app-package-info.js';
import { resolveLimits, type AppPackageLimits, type ResolvedLimits } from './app-package-limits.js';
import { looksLikeAppImage } from './appimage/read-appimage.js';
import { hasBytes, readExact } from './binary/read-exact.js';
import { looksLikeDeb } from './deb/read-deb.js';
import { ipaInfoPlists } from './ipa/read-ipa.js';
import { cfbMagic, CompoundFile } from './msi/compound-file.js';
import { isInstallerDatabase } from './msi/read-msi.js';
import { msixBundleManifestName, msixManifestName } from './msix/read-msix.js';
import { isInstallerPackage } from './pkg/read-pkg.js';
import { openXarArchive, xarMagic, type XarArchive } from './pkg/xar-archive.js';
import type { RandomAccessSource } from './random-access-source.js';
import { looksLikeRpm } from './rpm/read-rpm.js';
import { looksLikeZip, openZipArchive, type ZipArchive } from './zip/zip-archive.js';

/** A detected format with the container already opened, so the reader does not open it twice. */
export type Detection =
  | { readonly format: 'deb' | 'rpm' | 'appimage' }
  | { readonly format: 'pkg'; readonly xar: XarArchive }
  | { readonly format: 'msi'; readonly compoundFile: CompoundFile }
  | { readonly format: 'apk' | 'ipa' | 'msix'; readonly zip: ZipArchive };

export async function detect(source: RandomAccessSource, limits: ResolvedLimits): Promise<Detection | null> {
  if (source.size < 4) return null;
  const head = await readExact(source, 0, Math.min(source.size, 64), 'file header');
  if (looksLikeDeb(head)) return { format: 'deb' };
  if (looksLikeRpm(head)) return { format: 'rpm' };
  if (hasBytes(head, 0, xarMagic)) {
    const xar = await openXarArchive(source, limits);
    return isInstallerPackage(xar) ? { format: 'pkg', xar } : null;
  }
  if (hasBytes(head, 0, cfbMagic)) {
    const compoundFile = await CompoundFile.open(source, limits);
    return isInstallerDatabase(compoundFile) ? { format: 'msi', compoundFile } : null;
  }
  if (await looksLikeAppImage(source, head)) return { format: 'appimage' };
  if (looksLikeZip(head)) {
    const zip = await openZipArchive(source, limits);
    if (zip.entries.has('AndroidManifest.xml')) return { format: 'apk', zip };
    if (zip.entries.has(msixManifestName) || zip.entries.has(msixBundleManifestName)) return { format: 'msix', zip };
    if (ipaInfoPlists(zip).length > 0) return { format: 'ipa', zip };
  }
  return null;
}

/**
 * Which package format the bytes are, judged by magic numbers and structure, never by a file name:
 * null when they are none Ward reads (a zip that is neither apk, ipa nor msix; an ELF without an
 * AppImage's squashfs; an OLE file that is no installer database).
 *
 * @throws {AppPackageError} when the bytes start like a container but its structure cannot be
 *   read (PACKAGE_TRUNCATED, PACKAGE_MALFORMED, PACKAGE_LIMIT_EXCEEDED).
 */
export async function detectAppPackageFormat(source: RandomAccessSource, options: { limits?: AppPackageLimits } = {}): Promise<AppPackageFormat | null> {
  return (await detect(source, resolveLimits(options.limits)))?.format ?? null;
}
