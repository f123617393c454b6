import { AppPackageError, readAppPackage, type AppPackageErrorCode } from '@ward/app-packages';
import { fail, ok, type AppPackageInspectionFailure, type AppPackageInspector } from '@ward/core';

/** The reader's codes in the core's table: the same names, in the apps context's namespace. */
const failures: Readonly<Record<AppPackageErrorCode, AppPackageInspectionFailure>> = {
  PACKAGE_UNRECOGNIZED: 'APP_PACKAGE_UNRECOGNIZED',
  PACKAGE_FORMAT_MISMATCH: 'APP_PACKAGE_FORMAT_MISMATCH',
  PACKAGE_TRUNCATED: 'APP_PACKAGE_TRUNCATED',
  PACKAGE_MALFORMED: 'APP_PACKAGE_MALFORMED',
  PACKAGE_METADATA_MISSING: 'APP_PACKAGE_METADATA_MISSING',
  PACKAGE_LIMIT_EXCEEDED: 'APP_PACKAGE_LIMIT_EXCEEDED',
  PACKAGE_UNSUPPORTED: 'APP_PACKAGE_UNSUPPORTED',
};

/**
 * The core's package inspector, read by `@ward/app-packages`: what the file says about itself.
 * The reader's refusals become results; anything else it throws (a disk error) stays an error.
 */
export const appPackageInspector: AppPackageInspector = {
  async inspect(source, declaredFormat) {
    try {
      const info = await readAppPackage(source, declaredFormat === undefined ? {} : { declaredFormat });
      return ok({
        format: info.format,
        identifier: info.identifier,
        name: info.name,
        version: info.version,
        minimumOsVersion: info.minimumOsVersion,
        architecture: info.architecture,
        icon: info.icon?.bytes ?? null,
      });
    } catch (error) {
      if (error instanceof AppPackageError) return fail(failures[error.code], error.message);
      throw error;
    }
  },
};
