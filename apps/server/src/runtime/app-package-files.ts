import { mkdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { AppPackageFiles } from '@ward/core';
import { appPackageInspector } from '../adapters/app-package-inspector.js';
import { createFsAppPackageBlobs, type FsAppPackageBlobs } from '../adapters/fs-app-package-blobs.js';
import type { WardConfig } from '../config/config-schema.js';
import { dataFiles } from './data-files.js';

/** Package files on disk. */
export type FsAppPackageFiles = AppPackageFiles & { readonly blobs: FsAppPackageBlobs };

/** The package directory: `WARD_APP_PACKAGE_DIR`, or `app-packages` in the data directory. */
export function appPackageDirectoryOf(config: Pick<WardConfig, 'appPackageDir'>, dataDir: string): string {
  return resolve(config.appPackageDir ?? join(dataDir, dataFiles.appPackages));
}

/**
 * The package store the server and the CLI share: the directory (created owner-only when missing),
 * the package reader, and the configured size limit.
 */
export function openAppPackageFiles(config: Pick<WardConfig, 'appPackageDir' | 'appPackageMaxBytes'>, dataDir: string): FsAppPackageFiles {
  const directory = appPackageDirectoryOf(config, dataDir);
  mkdirSync(directory, { recursive: true, mode: 0o700 });
  if (!statSync(directory).isDirectory()) throw new Error(`The app package directory ${directory} is not a directory.`);
  return { blobs: createFsAppPackageBlobs(directory), inspector: appPackageInspector, maxBytes: config.appPackageMaxBytes };
}
