import { missing } from '../app-package-error.js';
import type { AppPackageIcon, AppPackageInfo } from '../app-package-info.js';
import type { ResolvedLimits } from '../app-package-limits.js';
import { buildAppPackageInfo } from '../build-app-package-info.js';
import { optionalIcon } from '../icon/optional-icon.js';
import { pngIcon } from '../icon/png-icon.js';
import type { RandomAccessSource } from '../random-access-source.js';
import { readZipEntry, type ZipArchive } from '../zip/zip-archive.js';
import { findAttribute, parseBinaryXml, valueTypes, type BinaryXmlAttribute } from './parse-binary-xml.js';
import { ResourceTable, type ResourceValue } from './resource-table.js';

// Framework attribute ids (android.R.attr), which identify attributes even when a shrinker has
// renamed them in the string pool.
const attr = { label: 0x01010001, icon: 0x01010002, minSdkVersion: 0x0101020c, versionCode: 0x0101021b, versionName: 0x0101021c } as const;

/**
 * Reads an APK's compiled AndroidManifest.xml (package, versionName, versionCode, uses-sdk
 * minSdkVersion, application label) and, through resources.arsc, a label or icon that the manifest
 * only references.
 */
export async function readApk(source: RandomAccessSource, zip: ZipArchive, limits: ResolvedLimits): Promise<AppPackageInfo> {
  const manifestEntry = zip.entries.get('AndroidManifest.xml');
  if (manifestEntry === undefined) throw missing('apk: no AndroidManifest.xml');
  const manifest = parseBinaryXml(await readZipEntry(source, manifestEntry, limits.maxMetadataBytes), limits);
  if (manifest.name !== 'manifest') throw missing('apk: the manifest root is not <manifest>');
  const usesSdk = manifest.children.find((e) => e.name === 'uses-sdk') ?? null;
  const application = manifest.children.find((e) => e.name === 'application') ?? null;
  let table: ResourceTable | null | undefined;
  const resources = async (): Promise<ResourceTable | null> => {
    if (table !== undefined) return table;
    const entry = zip.entries.get('resources.arsc');
    table = entry === undefined ? null : ResourceTable.parse(await readZipEntry(source, entry, limits.maxIndexBytes), limits);
    return table;
  };
  const text = async (attribute: BinaryXmlAttribute | null): Promise<string | null> => {
    if (attribute === null) return null;
    if (attribute.string !== null) return attribute.string;
    if (attribute.type === valueTypes.intDec) return String(attribute.data | 0);
    if (attribute.type === valueTypes.intHex) return String(attribute.data >>> 0);
    if (attribute.type === valueTypes.reference) {
      const resolved = (await resources())?.resolve(attribute.data) ?? [];
      const value = preferDefault(resolved.filter((v) => v.type === valueTypes.string));
      return value === null ? null : ((await resources())?.strings.get(value.data) ?? null);
    }
    return null;
  };
  const versionCode = findAttribute(manifest, 'versionCode', attr.versionCode);
  let icon: AppPackageIcon | null = null;
  const iconAttribute = application === null ? null : findAttribute(application, 'icon', attr.icon);
  if (iconAttribute?.type === valueTypes.reference) {
    const id = iconAttribute.data;
    icon = await optionalIcon(async () => readIcon(source, zip, await resources(), id, limits));
  }
  return buildAppPackageInfo('apk', {
    identifier: await text(findAttribute(manifest, 'package', null)),
    name: application === null ? null : await text(findAttribute(application, 'label', attr.label)),
    version: (await text(findAttribute(manifest, 'versionName', attr.versionName))) ?? (await text(versionCode)),
    buildVersion: await text(versionCode),
    minimumOsVersion: usesSdk === null ? null : await text(findAttribute(usesSdk, 'minSdkVersion', attr.minSdkVersion)),
    icon,
  });
}

function preferDefault(values: readonly ResourceValue[]): ResourceValue | null {
  return values.find((v) => v.defaultLocale) ?? values[0] ?? null;
}

/** The densest PNG the icon resource names (adaptive XML icons are not rendered). */
async function readIcon(source: RandomAccessSource, zip: ZipArchive, table: ResourceTable | null, id: number, limits: ResolvedLimits): Promise<AppPackageIcon | null> {
  if (table === null) return null;
  const paths = table
    .resolve(id)
    .filter((v) => v.type === valueTypes.string)
    .map((v) => ({ density: v.density >= 0xfffe ? 0 : v.density, path: table.strings.get(v.data) }))
    .filter((v) => v.path.endsWith('.png'))
    .sort((a, b) => b.density - a.density);
  for (const { path } of paths) {
    const entry = zip.entries.get(path);
    if (entry === undefined || entry.uncompressedSize > limits.maxIconBytes) continue;
    const icon = await optionalIcon(async () => pngIcon(await readZipEntry(source, entry, limits.maxIconBytes)));
    if (icon !== null) return icon;
  }
  return null;
}
