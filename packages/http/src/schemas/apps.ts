import { Type, type TUnsafe } from '@sinclair/typebox';
import { appInstallStatuses, appKinds, appPackageFormats, appSorts, linuxPackageManagers, platforms } from '@ward/core';
import { DateTime, List, Nullable, Page, pageQuery, StringEnum } from './common.js';
import { Counts } from './policy-reports.js';

// ---------------------------------------------------------------------------------------------
// Apps as read back. Each alternative requires its `kind` literal, so the serializer (which
// picks the first alternative a value matches) always picks the right one.
// ---------------------------------------------------------------------------------------------

const appFields = {
  id: Type.String(),
  name: Type.String(),
  description: Type.String(),
  publisher: Type.String(),
  identifier: Type.String({ description: 'What the kind names the app by: bundle id, Store product id, flatpak ref, snap or package name, reverse-DNS id, or the identifier inside the package.' }),
  platforms: List(StringEnum(platforms), { description: 'Platforms the app is meant for; elsewhere it is not applicable.' }),
  iconSha256: Nullable(Type.String({ description: 'SHA-256 of the icon (`GET /apps/{id}/icon`); null when there is none.' })),
  currentVersionId: Nullable(Type.String({ description: 'The published version of a line-of-business app; null before the first upload and for other kinds.' })),
  version: Type.Integer({ description: '1 on create, +1 on every change (a published version included); send it back as `expectedVersion`.' }),
  createdAt: DateTime,
  updatedAt: DateTime,
};

const NoDetails = Type.Object({}, { additionalProperties: false });

/** The kinds' details as read back, in the order of `appKinds`. */
const kindAlternatives = [
  Type.Object({ ...appFields, kind: Type.Literal('appStore'), details: Type.Object({ appStoreId: Type.String() }) }, { title: 'AppStoreApp' }),
  Type.Object({ ...appFields, kind: Type.Literal('microsoftStore'), details: NoDetails }, { title: 'MicrosoftStoreApp' }),
  Type.Object({ ...appFields, kind: Type.Literal('flathub'), details: Type.Object({ remote: Type.String() }) }, { title: 'FlathubApp' }),
  Type.Object({ ...appFields, kind: Type.Literal('snap'), details: Type.Object({ channel: Type.String(), classic: Type.Boolean() }) }, { title: 'SnapApp' }),
  Type.Object({ ...appFields, kind: Type.Literal('repository'), details: Type.Object({ packageManagers: List(StringEnum(linuxPackageManagers)) }) }, { title: 'RepositoryApp' }),
  Type.Object({ ...appFields, kind: Type.Literal('web'), details: Type.Object({ url: Type.String() }) }, { title: 'WebApp' }),
  Type.Object({ ...appFields, kind: Type.Literal('lineOfBusiness'), details: NoDetails }, { title: 'LineOfBusinessApp' }),
];

/** A catalog app. */
export const App = Type.Union(kindAlternatives, { description: 'A catalog app; `details` depends on `kind`.' });

/** A page of apps. */
export const AppPage = Page(App);

/** One uploaded package of a line-of-business app. */
export const AppVersion = Type.Object({
  id: Type.String(),
  appId: Type.String(),
  version: Type.String({ description: 'The version the package declares.' }),
  format: StringEnum(appPackageFormats),
  identifier: Type.String({ description: 'The identifier the package declares (always the app\'s).' }),
  name: Type.String({ description: 'The name the package declares.' }),
  minimumOsVersion: Nullable(Type.String()),
  architecture: Nullable(Type.String()),
  sha256: Type.String({ description: 'SHA-256 of the file, hex: what devices check before installing, and the download\'s ETag.' }),
  sizeBytes: Type.Integer(),
  fileName: Type.String(),
  createdAt: DateTime,
  supersededAt: Nullable(DateTime),
});

/** Every version of an app, newest first (an app keeps tens, so the list is whole). */
export const AppVersionList = Type.Object({ items: List(AppVersion), nextCursor: Type.Null() });

/** The answer to an upload: the published version and the app as it now is. */
export const UploadedAppVersion = Type.Object({ app: App, version: AppVersion });

// ---------------------------------------------------------------------------------------------
// Requests
// ---------------------------------------------------------------------------------------------

const Icon = (description: string) => Type.String({ maxLength: 350_000, contentEncoding: 'base64', contentMediaType: 'image/png', description });

const Details = Type.Unknown({
  description:
    'By kind: appStore `{ appStoreId }`; flathub `{ remote }` (default flathub); snap `{ channel, classic }` (default stable, false); ' +
    'repository `{ packageManagers }` (apt, dnf; default both); web `{ url }`; microsoftStore and lineOfBusiness `{}`.',
});

/** The body of `POST /apps`. */
export const CreateAppBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 200 }),
    description: Type.Optional(Type.String({ maxLength: 4000 })),
    publisher: Type.Optional(Type.String({ maxLength: 200 })),
    kind: StringEnum(appKinds),
    identifier: Type.String({ minLength: 1, maxLength: 255, description: 'For lineOfBusiness, the identifier inside the packages you will upload (dpkg/rpm name, bundle id, MSI ProductCode, MSIX name).' }),
    platforms: Type.Optional(List(StringEnum(platforms), { minItems: 1, maxItems: platforms.length, description: 'Defaults to every platform the kind can reach.' })),
    details: Type.Optional(Details),
    icon: Type.Optional(Nullable(Icon('A PNG of at most 256 KiB, base64.'))),
  },
  { additionalProperties: false },
);

/** The body of `PATCH /apps/{id}`: absent fields keep their value; kind and identifier never change. */
export const UpdateAppBody = Type.Object(
  {
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    description: Type.Optional(Type.String({ maxLength: 4000 })),
    publisher: Type.Optional(Type.String({ maxLength: 200 })),
    platforms: Type.Optional(List(StringEnum(platforms), { minItems: 1, maxItems: platforms.length })),
    details: Type.Optional(Details),
    icon: Type.Optional(Nullable(Icon('A PNG of at most 256 KiB, base64; null removes the icon.'))),
    expectedVersion: Type.Optional(Type.Integer({ minimum: 1, description: 'The version you read; another stored version is APP_VERSION_CONFLICT.' })),
  },
  { additionalProperties: false },
);

/** The query of `GET /apps`. */
export const ListAppsQuery = Type.Object(
  {
    ...pageQuery(appSorts, 'name'),
    q: Type.Optional(Type.String({ minLength: 1, maxLength: 200, description: 'Case-insensitive part of the name, publisher or identifier.' })),
    kind: Type.Optional(StringEnum(appKinds)),
    platform: Type.Optional(StringEnum(platforms, { description: 'Apps meant for this platform.' })),
  },
  { additionalProperties: false },
);

/** The query of `POST /apps/{id}/versions`: what the body (the raw file) cannot say about itself. */
export const UploadQuery = Type.Object(
  {
    fileName: Type.String({ minLength: 1, maxLength: 255, pattern: '^[^/\\\\\\u0000-\\u001f\\u007f]+$', description: 'The file\'s name, without directories (shown to admins; its extension is the declared format unless `format` is given).' }),
    format: Type.Optional(StringEnum(appPackageFormats, { description: 'The format the file is. A file of another format is refused (APP_PACKAGE_FORMAT_MISMATCH). Default: the file name\'s extension, else recognised from the bytes.' })),
  },
  { additionalProperties: false },
);

/**
 * The body of an upload: the package file itself. An empty schema, because the body reaches the
 * handler as a stream (validated by the package reader, not by JSON Schema).
 */
export const PackageFileBody: TUnsafe<unknown> = Type.Unsafe<unknown>({ description: 'The package file, as it is (.deb, .rpm, .AppImage, .pkg, .msi, .msix, .ipa, .apk).' });

/** The media type of package files, up and down. */
export const packageMediaType = 'application/octet-stream';

/** A binary answer (the package file, an icon) in the document. */
export function BinaryContent(mediaType: string, description: string) {
  return { description, content: { [mediaType]: { schema: Type.Unsafe<unknown>({ description }) } } };
}

// ---------------------------------------------------------------------------------------------
// Install status and inventory
// ---------------------------------------------------------------------------------------------

const InstallStatus = StringEnum(appInstallStatuses, {
  description: '`pending`: the device has not confirmed the current version; `removing`: a removal was sent and not yet confirmed; `removed`: an uninstall assignment\'s removal was confirmed.',
});

/** One device's row in an app's install status. */
export const AppDeviceStatus = Type.Object({
  deviceId: Type.String(),
  status: InstallStatus,
  intent: Nullable(StringEnum(['required', 'uninstall'] as const, { description: 'Why the device has the row; null when the app is no longer assigned and its removal awaits confirmation.' })),
  action: StringEnum(['install', 'remove', 'notApplicable'] as const),
  reason: Nullable(Type.String({ description: 'Why the app does not apply to the device.' })),
  installedVersion: Nullable(Type.String({ description: 'The version the device says it has.' })),
  error: Nullable(Type.String({ description: 'The device\'s own error text.' })),
  desiredAt: DateTime,
  reportedAt: Nullable(DateTime),
});

/** `GET /apps/{id}/status`: counts across devices and one page of devices. */
export const AppStatusReport = Type.Object({
  appId: Type.String(),
  counts: Counts(appInstallStatuses, 'Devices by install status.'),
  items: List(AppDeviceStatus),
  nextCursor: Nullable(Type.String()),
});

/** The query of `GET /apps/{id}/status`: devices in device-id order. */
export const AppStatusQuery = Type.Object(
  {
    ...pageQuery(['deviceId'] as const, 'deviceId', ['asc'] as const),
    status: Type.Optional(StringEnum(appInstallStatuses, { description: 'Only devices in this status.' })),
  },
  { additionalProperties: false },
);

/** One name and version of installed software across the fleet. */
export const InstalledAppSummary = Type.Object({ name: Type.String(), version: Type.String(), deviceCount: Type.Integer({ minimum: 0 }) });

/** A page of the fleet inventory. */
export const InstalledAppPage = Page(InstalledAppSummary);

/** The query of `GET /app-inventory`. */
export const AppInventoryQuery = Type.Object(
  {
    ...pageQuery(['name'] as const, 'name', ['asc'] as const),
    q: Type.Optional(Type.String({ minLength: 1, maxLength: 200, description: 'Case-insensitive part of the name.' })),
    version: Type.Optional(Type.String({ minLength: 1, maxLength: 200, description: 'Exactly this version.' })),
  },
  { additionalProperties: false },
);

/** A device that reports an installed app. */
export const InstalledAppDevice = Type.Object({
  deviceId: Type.String(),
  deviceName: Type.String(),
  platform: StringEnum(platforms),
  version: Type.String(),
  source: Type.String({ description: 'Where the device says the software came from (dpkg, rpm, flatpak, msi, app store, …).' }),
});

/** A page of devices reporting an installed app. */
export const InstalledAppDevicePage = Page(InstalledAppDevice);

/** The query of `GET /app-inventory/devices`. */
export const AppInventoryDevicesQuery = Type.Object(
  {
    ...pageQuery(['deviceId'] as const, 'deviceId', ['asc'] as const),
    name: Type.String({ minLength: 1, maxLength: 500, description: 'Exactly this name (as `GET /app-inventory` lists it).' }),
    version: Type.Optional(Type.String({ minLength: 1, maxLength: 200, description: 'Exactly this version.' })),
  },
  { additionalProperties: false },
);

/** The path parameters of the agent's package download. */
export const VersionIdParams = Type.Object({ versionId: Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_-]+$' }) }, { additionalProperties: false });
