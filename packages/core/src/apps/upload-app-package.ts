import type { Principal } from '../kernel/context.js';
import type { Deps } from '../kernel/deps.js';
import type { ErrorCode } from '../kernel/errors.js';
import { hasControlCharacters } from '../kernel/control-characters.js';
import { fail, type Result } from '../kernel/result.js';
import { addAppVersion, type AddAppVersionStores, type AddedAppVersion } from './add-app-version.js';
import { authorizeAppWrite } from './app-access.js';
import type { AppPackageFiles, AppPackageInspectionFailure, InspectedAppPackage } from './blob-ports.js';
import { appPackageFormats, type AppId, type AppPackageFormat } from './model.js';
import type { AppStore } from './ports.js';

export type UploadAppPackageStores = AddAppVersionStores & Pick<AppStore, 'getApp'>;

/** An upload of a package file as the next version of a line-of-business app. */
export interface AppPackageUpload {
  readonly appId: string;
  /** The file's name as the uploader had it (no directories); shown to admins and devices. */
  readonly fileName: string;
  /** The format the uploader says the file is; absent: taken from the file name's extension, if it names one. */
  readonly declaredFormat?: AppPackageFormat;
  /** The SHA-256 (hex) the uploader says the file has (`Content-Digest`); checked once it is stored. */
  readonly expectedSha256?: string;
  /** The file's bytes, read once, as they arrive. */
  readonly bytes: AsyncIterable<Uint8Array>;
}

/** The extensions that name a package format (`.AppImage` is spelled so by its makers; case does not matter). */
const extensionFormats: Readonly<Record<string, AppPackageFormat>> = { deb: 'deb', rpm: 'rpm', appimage: 'appimage', pkg: 'pkg', msi: 'msi', msix: 'msix', ipa: 'ipa', apk: 'apk' };

/** The format a file name's extension names, if any. */
export function formatOfFileName(fileName: string): AppPackageFormat | undefined {
  const dot = fileName.lastIndexOf('.');
  return dot <= 0 ? undefined : extensionFormats[fileName.slice(dot + 1).toLowerCase()];
}

/** Whether `fileName` may be stored and shown: 1–255 characters, no directories, no control characters. */
export function isPackageFileName(fileName: string): boolean {
  return fileName.length >= 1 && fileName.length <= 255 && fileName.trim() === fileName && !hasControlCharacters(fileName) && !/[/\\]/.test(fileName) && fileName !== '.' && fileName !== '..';
}

/**
 * Publishes an uploaded package file as the app's new version. The caller's right to change the
 * catalog and the app itself are checked before a byte is read, so a refused caller costs no disk.
 * The bytes stream into the blob store, hashed and counted as they arrive (PAYLOAD_TOO_LARGE past
 * `maxBytes`, APP_PACKAGE_DIGEST_MISMATCH against `expectedSha256`); then the stored file is read
 * by the package reader, which must find the declared format (APP_PACKAGE_FORMAT_MISMATCH: a .deb
 * renamed .msi) and a whole, well-formed package (APP_PACKAGE_TRUNCATED, …); then `addAppVersion`
 * checks the package against the app and publishes it. Whatever refuses it, a file this upload
 * brought into the store is removed again; one that was there already belongs to other versions.
 */
export async function uploadAppPackage(
  deps: Deps<UploadAppPackageStores> & { readonly appPackages: AppPackageFiles },
  principal: Principal,
  upload: AppPackageUpload,
): Promise<Result<AddedAppVersion, ErrorCode>> {
  const allowed = authorizeAppWrite(principal);
  if (!allowed.ok) return allowed;
  if (!isPackageFileName(upload.fileName)) return fail('VALIDATION_FAILED', 'fileName must be 1 to 255 characters, without directories or control characters.', { field: 'fileName' });
  const declaredFormat = upload.declaredFormat ?? formatOfFileName(upload.fileName);
  if (declaredFormat !== undefined && !(appPackageFormats as readonly string[]).includes(declaredFormat)) {
    return fail('VALIDATION_FAILED', `format must be one of ${appPackageFormats.join(', ')}.`, { field: 'format' });
  }
  const app = await deps.stores.getApp(principal.tenantId, upload.appId as AppId);
  if (app === undefined) return fail('APP_NOT_FOUND', `No app with id ${upload.appId.slice(0, 64)}.`);
  if (app.kind !== 'lineOfBusiness') return fail('APP_NOT_LINE_OF_BUSINESS', `App ${app.name} is a ${app.kind} app; only line-of-business apps take uploaded packages.`);

  const { blobs, inspector, maxBytes } = deps.appPackages;
  const written = await blobs.write(upload.bytes, { maxBytes, ...(upload.expectedSha256 === undefined ? {} : { expectedSha256: upload.expectedSha256 }) });
  if (!written.ok) return written;
  const { sha256, size, created } = written.value;
  let published = false;
  try {
    const reader = await blobs.openReader(sha256);
    // Just written and not yet referenced: only a sweep on another node racing this upload removes it.
    if (reader === undefined) throw new Error(`package blob ${sha256} vanished before it could be read`);
    let inspected: Result<InspectedAppPackage, AppPackageInspectionFailure>;
    try {
      inspected = await inspector.inspect(reader, declaredFormat);
    } finally {
      await reader.close();
    }
    if (!inspected.ok) return inspected;
    const added = await addAppVersion(deps, principal, app.id, { ...inspected.value, sha256, sizeBytes: size, fileName: upload.fileName });
    published = added.ok;
    return added;
  } finally {
    if (!published && created) await blobs.delete(sha256);
  }
}
