import type { InstalledSoftware } from '@ward/core';
import type { PlistValue } from '../plist/plist-value.js';
import { isPlistDict, textAt } from './plist-fields.js';

/** Most apps kept from one InstalledApplicationList answer. */
export const maxInstalledApplications = 10_000;

/**
 * Normalises an InstalledApplicationList answer (Apple, mdm/commands/application.installed.list.yaml)
 * into Ward's software list: name from Name (else the bundle Identifier), version from ShortVersion
 * (the marketing version people know) else Version, source `app`. Entries without a name, and
 * entries past {@link maxInstalledApplications}, are left out.
 */
export function installedApplications(list: readonly PlistValue[]): readonly InstalledSoftware[] {
  const software: InstalledSoftware[] = [];
  for (const item of list) {
    if (software.length >= maxInstalledApplications) break;
    if (!isPlistDict(item)) continue;
    const name = textAt(item, 'Name', 256) ?? textAt(item, 'Identifier', 256);
    if (name === undefined) continue;
    software.push({ name, version: textAt(item, 'ShortVersion', 128) ?? textAt(item, 'Version', 128) ?? '', source: 'app' });
  }
  return software;
}
