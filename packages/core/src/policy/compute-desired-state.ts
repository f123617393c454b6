import type { CompiledFilter } from './compile-assignment-filter.js';
import { configurationItemHash, type Sha256Hex } from './configuration-item-hash.js';
import type { Assignment, AssignmentSubject, ConfigurationItem, DesiredAction, IssuedCredential, Profile, ProfileId, SettingConflict } from './model.js';
import { renderProfile } from './render-profile.js';
import { resolveAssignedItems } from './resolve-assigned-items.js';
import { findSettingDefinition } from './settings-catalog.js';

/** Everything about a tenant's policy that desired state depends on, loaded once per run. */
export interface PolicySnapshot {
  /** Every profile of the tenant by id. */
  readonly profiles: ReadonlyMap<string, Profile>;
  /** Every profile assignment of the tenant (other kinds are skipped). */
  readonly assignments: readonly Assignment[];
  readonly filters: ReadonlyMap<string, CompiledFilter>;
}

/** What one device should hold of one assigned profile. */
export interface DesiredItem {
  readonly profileId: ProfileId;
  /** `install` with an item, or `notApplicable` with a reason. */
  readonly action: Extract<DesiredAction, 'install' | 'notApplicable'>;
  readonly item: ConfigurationItem | null;
  readonly reason: string | null;
  /** Settings of this profile withheld on this device, each with every profile that sets it. */
  readonly conflicts: readonly SettingConflict[];
}

/**
 * Pure: the desired configuration of one device. Profiles assigned to it (includes minus
 * excludes, filters applied) whose platforms include the device's are rendered and hashed; the
 * others are notApplicable with a reason. Two settings profiles that give one setting different
 * values put that setting in conflict: neither value is sent, both profiles list the conflict,
 * their other settings still go. A settings profile left with no setting to send is
 * notApplicable (and reports as conflict). Items come sorted by profile id.
 */
export function computeDesiredState(subject: AssignmentSubject, snapshot: PolicySnapshot, credentials: ReadonlyMap<string, IssuedCredential>, now: Date, sha256Hex: Sha256Hex): DesiredItem[] {
  const assigned = [...resolveAssignedItems(subject, 'profile', snapshot.assignments, snapshot.filters, now)].sort();
  const platform = subject.device.platform;
  const applicable: Profile[] = [];
  const items: DesiredItem[] = [];
  for (const id of assigned) {
    const profile = snapshot.profiles.get(id);
    if (profile === undefined) continue;
    if (!profile.platforms.includes(platform)) {
      items.push({ profileId: profile.id, action: 'notApplicable', item: null, reason: `The profile is for ${profile.platforms.join(', ')}; this device runs ${platform}.`, conflicts: [] });
      continue;
    }
    applicable.push(profile);
  }
  const conflicts = settingConflicts(applicable, platform);
  const cache = renderCacheOf(snapshot);
  for (const profile of applicable) {
    const mine = conflicts.filter((c) => c.profileIds.includes(profile.id));
    const withheldSettings = new Set(mine.map((c) => c.settingId));
    // A profile that reads nothing of the device renders the same for every device: render and
    // hash it once per snapshot (and set of withheld settings) instead of once per device.
    const cacheKey = deviceIndependent(profile) ? `${profile.id}\u0000${[...withheldSettings].sort().join(',')}` : undefined;
    const cached = cacheKey === undefined ? undefined : cache.get(cacheKey);
    if (cached !== undefined) {
      items.push({ ...cached, conflicts: mine });
      continue;
    }
    const outcome = renderProfile(profile, { device: subject.device, user: subject.user, profiles: snapshot.profiles, credentials, withheldSettings });
    if (outcome.status === 'notApplicable') {
      items.push({ profileId: profile.id, action: 'notApplicable', item: null, reason: outcome.reason, conflicts: mine });
      continue;
    }
    if (profile.kind === 'settings' && 'settings' in outcome.payload && Object.keys(outcome.payload.settings).length === 0) {
      items.push({ profileId: profile.id, action: 'notApplicable', item: null, reason: 'Every setting of this profile is in conflict with another profile on this device.', conflicts: mine });
      continue;
    }
    const base = { id: profile.id, kind: profile.kind, name: profile.name, payload: outcome.payload };
    const item: DesiredItem = { profileId: profile.id, action: 'install', item: { ...base, hash: configurationItemHash(sha256Hex, base) }, reason: null, conflicts: mine };
    if (cacheKey !== undefined) cache.set(cacheKey, item);
    items.push(item);
  }
  return items.sort((a, b) => (a.profileId < b.profileId ? -1 : a.profileId > b.profileId ? 1 : 0));
}

/**
 * Settings that profiles applicable to one device set to different values. Settings the
 * device's platform cannot take are ignored: they go nowhere, so they cannot collide.
 */
export function settingConflicts(profiles: readonly Profile[], platform: Profile['platforms'][number]): SettingConflict[] {
  const bySetting = new Map<string, { values: Set<string>; profileIds: ProfileId[] }>();
  for (const profile of profiles) {
    if (profile.kind !== 'settings') continue;
    for (const [settingId, value] of Object.entries(profile.body.settings)) {
      if (findSettingDefinition(settingId)?.platforms.includes(platform) !== true) continue;
      let entry = bySetting.get(settingId);
      if (entry === undefined) {
        entry = { values: new Set(), profileIds: [] };
        bySetting.set(settingId, entry);
      }
      entry.values.add(JSON.stringify(value));
      entry.profileIds.push(profile.id);
    }
  }
  const conflicts: SettingConflict[] = [];
  for (const [settingId, entry] of [...bySetting].sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (entry.values.size > 1) conflicts.push({ settingId, profileIds: [...entry.profileIds].sort() });
  }
  return conflicts;
}

const renderCaches = new WeakMap<PolicySnapshot, Map<string, DesiredItem>>();

function renderCacheOf(snapshot: PolicySnapshot): Map<string, DesiredItem> {
  let cache = renderCaches.get(snapshot);
  if (cache === undefined) {
    cache = new Map();
    renderCaches.set(snapshot, cache);
  }
  return cache;
}

const independence = new WeakMap<Profile, boolean>();

/**
 * Whether a profile renders the same for every device: no variables anywhere in it (a literal
 * `{{` in a passphrase counts too, which only costs the cache) and no certificate issued per
 * device or referenced from another profile.
 */
function deviceIndependent(profile: Profile): boolean {
  let known = independence.get(profile);
  if (known === undefined) {
    const usesCertificates = profile.kind === 'wifi' || profile.kind === 'vpn' || (profile.kind === 'certificate' && profile.body.type === 'issued');
    known = !usesCertificates && !JSON.stringify(profile.body).includes('{{');
    independence.set(profile, known);
  }
  return known;
}
