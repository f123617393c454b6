import type { AppleInstalledProfile } from '@ward/core';
import type { PlistValue } from '../plist/plist-value.js';
import { isPlistDict, textAt } from './plist-fields.js';

/**
 * Normalises a ProfileList answer (Apple, mdm/commands/profile.list.yaml) into the profiles Ward
 * tracks: PayloadIdentifier, PayloadUUID, PayloadDisplayName. An entry without an identifier cannot
 * be matched or removed and is left out. The core bounds the count and lengths.
 */
export function profileList(list: readonly PlistValue[]): readonly AppleInstalledProfile[] {
  const profiles: AppleInstalledProfile[] = [];
  for (const item of list) {
    if (!isPlistDict(item)) continue;
    const identifier = textAt(item, 'PayloadIdentifier', 256);
    if (identifier === undefined) continue;
    profiles.push({ identifier, uuid: textAt(item, 'PayloadUUID', 64) ?? null, displayName: textAt(item, 'PayloadDisplayName', 256) ?? null });
  }
  return profiles;
}
