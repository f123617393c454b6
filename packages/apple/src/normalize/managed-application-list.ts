import type { AppleManagedApplication } from '@ward/core';
import type { PlistDict } from '../plist/plist-value.js';
import { isPlistDict } from './plist-fields.js';

/** Most apps kept from one ManagedApplicationList answer (Ward names at most 500 in its queries). */
export const maxManagedApplications = 5_000;

// A bundle id (reverse DNS, letters, digits, dots, dashes, underscores) and a Status word. Anything
// else cannot name an app Ward installed, so it is dropped rather than stored.
const bundleId = /^[A-Za-z0-9][A-Za-z0-9._-]{0,254}$/;
const statusWord = /^[A-Za-z]{1,64}$/;

/**
 * Normalises a ManagedApplicationList answer (Apple, mdm/commands/application.managed.list.yaml:
 * a dictionary from bundle id to `{ Status, ManagementFlags, … }`) into the bundle ids and
 * Statuses app delivery reads. Entries that are not dictionaries, whose key is no bundle id or
 * whose Status is not a word are left out; a Status newer than Ward's schema is kept as the
 * device spelled it (core treats unknown ones as still under way).
 */
export function managedApplicationList(list: PlistDict): readonly AppleManagedApplication[] {
  const apps: AppleManagedApplication[] = [];
  for (const [identifier, entry] of Object.entries(list)) {
    if (apps.length >= maxManagedApplications) break;
    if (!bundleId.test(identifier) || !isPlistDict(entry)) continue;
    // Read whole, not cut to length: a Status longer than any of Apple's is no Status.
    const status = entry['Status'];
    if (typeof status !== 'string' || !statusWord.test(status)) continue;
    apps.push({ identifier, status });
  }
  return apps;
}
