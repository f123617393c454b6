import { canonicalJson } from '../audit/canonical-json.js';
import type { Sha256Hex } from '../policy/configuration-item-hash.js';
import { appRemovalOf } from './app-item-hash.js';
import type { AppSource, DesiredAppItem, InstalledAppSource } from './model.js';

/**
 * Where an Apple device enrolled in MDM gets an app from (docs/protocols/apple-mdm.md, "App
 * delivery"): the App Store by its numeric id, or a line-of-business package (.ipa on iOS and
 * iPadOS, .pkg on macOS) that Ward serves behind a manifest. Apple devices are sent
 * InstallApplication and RemoveApplication commands for these, never the agent's items, so these
 * sources live beside the agent's {@link AppSource} rather than in it.
 */
export type AppleAppSource =
  | {
      readonly kind: 'appleAppStore';
      /** The App Store id, digits (Apple's iTunesStoreID). */
      readonly iTunesStoreId: string;
      /** The app's bundle identifier: how ManagedApplicationList names it. */
      readonly bundleId: string;
    }
  | {
      readonly kind: 'appleManifest';
      readonly format: 'ipa' | 'pkg';
      /** The version whose manifest and package the device fetches at `/mdm/apps/<versionId>/…`. */
      readonly versionId: string;
      readonly sha256: string;
      readonly size: number;
      readonly bundleId: string;
      readonly version: string;
    };

/** One app an Apple device should have; `hash` names exactly this item (as the agent's `AppItem`). */
export interface AppleAppItem {
  readonly id: string;
  readonly hash: string;
  readonly name: string;
  readonly version: string;
  readonly source: AppleAppSource;
}

/** An app to remove from an Apple device (as the agent's `AppRemoval`). */
export interface AppleAppRemoval {
  readonly id: string;
  readonly hash: string;
  readonly name: string;
  readonly source: AppleAppSource;
}

/** The manifest and package paths of a line-of-business version, relative to the server. */
export function appleAppManifestPath(versionId: string): string {
  return `/mdm/apps/${versionId}/manifest.plist`;
}

/** See {@link appleAppManifestPath}. */
export function appleAppPackagePath(versionId: string): string {
  return `/mdm/apps/${versionId}/package`;
}

/**
 * An Apple install item and its hash: SHA-256 over the canonical JSON of `{ id, name, version,
 * source }`, as the agent's items are hashed. Apple sources have kinds of their own, so an Apple
 * item never shares a hash with an agent item.
 */
export function appleAppItemOf(sha256Hex: Sha256Hex, item: Omit<AppleAppItem, 'hash'>): AppleAppItem {
  const base = { id: item.id, name: item.name, version: item.version, source: item.source };
  return { ...base, hash: sha256Hex(canonicalJson(base)) };
}

/** An Apple removal and its hash (canonical JSON of `{ action: 'remove', id, name, source }`). */
export function appleAppRemovalOf(sha256Hex: Sha256Hex, removal: { readonly id: string; readonly name: string; readonly source: AppleAppSource }): AppleAppRemoval {
  const base = { id: removal.id, name: removal.name, source: removal.source };
  return { ...base, hash: sha256Hex(canonicalJson({ action: 'remove', ...base })) };
}

/** Whether a source is one Apple MDM installs (rather than the agent). */
export function isAppleAppSource(source: AppSource | AppleAppSource): source is AppleAppSource {
  return source.kind === 'appleAppStore' || source.kind === 'appleManifest';
}

/**
 * The removal of what Ward installed, by whichever channel installed it: RemoveApplication for an
 * app Apple MDM installed, the agent's removal otherwise.
 */
export function removalItemOf(sha256Hex: Sha256Hex, appId: string, installed: InstalledAppSource): Extract<DesiredAppItem, { readonly type: 'remove' | 'appleRemove' }> {
  const { name, source } = installed;
  if (isAppleAppSource(source)) return { type: 'appleRemove', remove: appleAppRemovalOf(sha256Hex, { id: appId, name, source }) };
  return { type: 'remove', remove: appRemovalOf(sha256Hex, { id: appId, name, source }) };
}
