import type { Profile } from './model.js';
import { profileReferences } from './profile-references.js';

/** The profiles among `profiles` that reference profile `id` (Wi-Fi and VPN profiles using a certificate profile). */
export function findProfileReferrers(profiles: readonly Profile[], id: string): Profile[] {
  return profiles.filter((p) => p.id !== id && profileReferences(p).some((r) => r.profileId === id));
}
