import { AppPackageError } from './app-package-error.js';
import type { AppPackageFormat, AppPackageInfo } from './app-package-info.js';
import { resolveLimits, type AppPackageLimits } from './app-package-limits.js';
import { readApk } from './apk/read-apk.js';
import { readAppImage } from './appimage/read-appimage.js';
import { readDeb } from './deb/read-deb.js';
import { detect } from './detect-app-package-format.js';
import { readIpa } from './ipa/read-ipa.js';
import { readMsi } from './msi/read-msi.js';
import { readMsix } from './msix/read-msix.js';
import { readPkg } from './pkg/read-pkg.js';
import type { RandomAccessSource } from './random-access-source.js';
import { readRpm } from './rpm/read-rpm.js';

export interface ReadAppPackageOptions {
  /** The format the uploader says the file is; a file of another format is refused. */
  readonly declaredFormat?: AppPackageFormat;
  readonly limits?: AppPackageLimits;
}

/**
 * Reads what Ward needs to know about an app package from the package itself: its format
 * (detected from the content), identifier, name, version, minimum OS, architecture, publisher and
 * icon. Only the structures that hold these are read, through `source.read`, each bounded by
 * `limits`; a multi-gigabyte payload is never touched.
 *
 * @throws {AppPackageError} PACKAGE_UNRECOGNIZED, PACKAGE_FORMAT_MISMATCH (the content is another
 *   format than `declaredFormat`), PACKAGE_TRUNCATED, PACKAGE_MALFORMED, PACKAGE_METADATA_MISSING,
 *   PACKAGE_LIMIT_EXCEEDED, PACKAGE_UNSUPPORTED. Errors of `source.read` itself propagate unchanged.
 */
export async function readAppPackage(source: RandomAccessSource, options: ReadAppPackageOptions = {}): Promise<AppPackageInfo> {
  const limits = resolveLimits(options.limits);
  const detected = await detect(source, limits);
  const declared = options.declaredFormat;
  if (detected === null) {
    throw new AppPackageError('PACKAGE_UNRECOGNIZED', declared === undefined ? 'the file is no app package format Ward reads' : `the file is not a ${declared} package, nor any other format Ward reads`);
  }
  if (declared !== undefined && declared !== detected.format) {
    throw new AppPackageError('PACKAGE_FORMAT_MISMATCH', `the file was uploaded as ${declared} but is a ${detected.format} package`);
  }
  switch (detected.format) {
    case 'deb':
      return readDeb(source, limits);
    case 'rpm':
      return readRpm(source, limits);
    case 'appimage':
      return readAppImage(source, limits);
    case 'pkg':
      return readPkg(source, detected.xar, limits);
    case 'msi':
      return readMsi(detected.compoundFile, limits);
    case 'msix':
      return readMsix(source, detected.zip, limits);
    case 'ipa':
      return readIpa(source, detected.zip, limits);
    case 'apk':
      return readApk(source, detected.zip, limits);
  }
}
