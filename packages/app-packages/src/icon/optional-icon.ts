import { AppPackageError } from '../app-package-error.js';
import type { AppPackageIcon } from '../app-package-info.js';

/**
 * Runs an icon lookup whose failure costs the catalog its picture, not the package: a damaged or
 * unsupported icon is left out. A truncated file is still refused, because the whole upload is bad.
 */
export async function optionalIcon(read: () => Promise<AppPackageIcon | null>): Promise<AppPackageIcon | null> {
  try {
    return await read();
  } catch (error) {
    if (error instanceof AppPackageError && error.code !== 'PACKAGE_TRUNCATED') return null;
    throw error;
  }
}
