import type { AppleAppPackage } from '@ward/core';
import type { PlistDict } from '../plist/plist-value.js';

/**
 * The manifest an Apple device reads before installing a line-of-business app from a
 * `ManifestURL` (InstallApplication; the format of over-the-air enterprise distribution):
 * `items[0].assets` holds the one `software-package` asset, its https URL and its SHA-256 as the
 * hash of a single chunk as long as the file (`sha256-size`, `sha256s`), so the device checks the
 * bytes it downloads against the catalog's hash; `items[0].metadata` names the bundle, its version,
 * `kind: software` and the title shown while installing.
 */
export function buildAppManifest(pkg: AppleAppPackage, packageUrl: string): PlistDict {
  return {
    items: [
      {
        assets: [{ kind: 'software-package', url: packageUrl, 'sha256-size': pkg.sizeBytes, sha256s: [pkg.sha256] }],
        metadata: { 'bundle-identifier': pkg.bundleId, 'bundle-version': pkg.version, kind: 'software', title: pkg.title },
      },
    ],
  };
}
