import type { AppleAppDelivery, Ownership } from '@ward/core';
import { CommandPayloadError } from '../normalize/plist-json.js';
import type { PlistDict, PlistValue } from '../plist/plist-value.js';
import type { ApplePlatform } from './apple-platform.js';

/** Who the command is for, as far as Apple's keys depend on it. */
export interface AppleAppCommandContext {
  readonly platform: ApplePlatform;
  readonly ownership: Ownership;
  /** Apple's User Enrollment (reduced access: managed apps only, several keys forbidden). */
  readonly userEnrollment: boolean;
  /** The absolute https URL of a line-of-business version's manifest (`…/mdm/apps/<versionId>/manifest.plist`). */
  readonly manifestUrl: (versionId: string) => string;
}

/** ManagementFlags: remove the app with the MDM profile (1); also keep its data out of backups (4). */
const removeWithProfile = 1;
const preventBackup = 4;
/** Plist integers are 64-bit signed. */
const maxPlistInteger = 2n ** 63n - 1n;

/**
 * The Command dictionary (without RequestType) of a planned app command, from core's
 * `getAppleAppCommand` (Apple, mdm/commands/application.install.yaml and application.remove.yaml):
 *
 * - InstallApplication: `iTunesStoreID` for an App Store app, `ManifestURL` for a line-of-business
 *   .ipa or .pkg; `ManagementFlags` 1 on corporate devices (removed with the MDM profile) and 5 on
 *   personal ones (also never in the user's own backups), left out in a Mac's User Enrollment,
 *   which forbids it; `ChangeManagementState: Managed` (take over a copy the user installed) on
 *   corporate device enrollments only, so Ward never claims a person's own app on a personal
 *   device; `InstallAsManaged` on macOS device enrollments (without it a Mac installs the app
 *   unmanaged); `Options.PurchaseMethod` 1 for App Store apps in an iOS User Enrollment, the only
 *   way Apple installs them there (a volume-purchase licence); `Configuration` (the managed app
 *   configuration, every value a string) when a policy targets the app.
 * - RemoveApplication: the bundle `Identifier`.
 *
 * The result goes through `encodeCommand`, which checks it against Apple's generated schema.
 * @throws {CommandPayloadError} for a stale delivery (nothing to render) or an App Store id that is
 * not a 64-bit integer: the command endpoint then finishes the command as a CommandFormatError.
 */
export function renderAppleAppCommand(delivery: AppleAppDelivery, context: AppleAppCommandContext): PlistDict {
  if (delivery.status === 'stale') throw new CommandPayloadError('', 'a stale app command has nothing to render');
  if (delivery.status === 'remove') return { Identifier: delivery.removal.source.bundleId };
  const { item, configuration } = delivery;
  const source = item.source;
  const mac = context.platform === 'macos';
  const personal = context.ownership !== 'corporate';
  const dict: Record<string, PlistValue> = {};
  if (source.kind === 'appleAppStore') {
    const id = /^[0-9]{1,20}$/.test(source.iTunesStoreId) ? BigInt(source.iTunesStoreId) : undefined;
    if (id === undefined || id > maxPlistInteger) throw new CommandPayloadError('iTunesStoreID', `App Store id ${source.iTunesStoreId.slice(0, 24)} is not a 64-bit integer`);
    dict.iTunesStoreID = id <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(id) : id;
    if (context.userEnrollment && !mac) dict.Options = { PurchaseMethod: 1 };
  } else {
    dict.ManifestURL = context.manifestUrl(source.versionId);
  }
  if (!(mac && context.userEnrollment)) dict.ManagementFlags = personal ? removeWithProfile | preventBackup : removeWithProfile;
  if (!personal && !context.userEnrollment) dict.ChangeManagementState = 'Managed';
  if (mac && !context.userEnrollment) dict.InstallAsManaged = true;
  if (configuration !== null) dict.Configuration = { ...configuration };
  return dict;
}
