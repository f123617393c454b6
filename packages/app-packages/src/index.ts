export { AppPackageError, appPackageErrorCodes, type AppPackageErrorCode } from './app-package-error.js';
export { appPackageFormats, appPackagePlatform, appPlatforms, type AppPackageFormat, type AppPackageIcon, type AppPackageInfo, type AppPlatform } from './app-package-info.js';
export { defaultAppPackageLimits, type AppPackageLimits } from './app-package-limits.js';
export { bufferSource, type RandomAccessSource } from './random-access-source.js';
export { openFileSource, type FileSource } from './open-file-source.js';
export { detectAppPackageFormat } from './detect-app-package-format.js';
export { readAppPackage, type ReadAppPackageOptions } from './read-app-package.js';
export { parseBinaryPlist, type BinaryPlistLimits } from './plist/parse-binary-plist.js';
