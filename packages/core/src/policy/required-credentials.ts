import type { CompiledFilter } from './compile-assignment-filter.js';
import type { PolicySnapshot } from './compute-desired-state.js';
import type { TenantId } from '../kernel/brand.js';
import type { Assignment, AssignmentSubject, IssuedCredential, Profile, ProfileId } from './model.js';
import type { CredentialRequest, ProfileCredentialSource } from './ports.js';
import { resolveAssignedItems } from './resolve-assigned-items.js';
import { escapeDnValue, substituteVariables } from './variables.js';

/**
 * Pure: the Ward-issued certificates a device needs for the profiles assigned to it: `issued`
 * certificate profiles themselves, and those that Wi-Fi EAP-TLS and IKEv2 profiles use. A user
 * certificate for a device without a primary user, or a subject whose variables have no value,
 * is not requested (rendering then says why the profile does not apply).
 */
export function requiredCredentials(
  subject: AssignmentSubject,
  snapshot: { readonly profiles: ReadonlyMap<string, Profile>; readonly assignments: readonly Assignment[]; readonly filters: ReadonlyMap<string, CompiledFilter> },
  now: Date,
): CredentialRequest[] {
  const wanted = new Set<ProfileId>();
  for (const id of resolveAssignedItems(subject, 'profile', snapshot.assignments, snapshot.filters, now)) {
    const profile = snapshot.profiles.get(id);
    if (profile === undefined || !profile.platforms.includes(subject.device.platform)) continue;
    if (profile.kind === 'certificate' && profile.body.type === 'issued') wanted.add(profile.id);
    if (profile.kind === 'wifi' && profile.body.eap !== undefined) wanted.add(profile.body.eap.clientCertificateProfileId);
    if (profile.kind === 'vpn' && profile.body.type === 'ikev2' && profile.body.authentication.method === 'certificate') wanted.add(profile.body.authentication.certificateProfileId);
  }
  const requests: CredentialRequest[] = [];
  for (const id of [...wanted].sort()) {
    const profile = snapshot.profiles.get(id);
    if (profile?.kind !== 'certificate' || profile.body.type !== 'issued') continue;
    if (profile.body.scope === 'user' && subject.user === null) continue;
    const dn = substituteVariables(profile.body.subject, subject.device, subject.user, escapeDnValue);
    if (!dn.ok) continue;
    requests.push({ deviceId: subject.device.id, profileId: profile.id, scope: profile.body.scope, subject: dn.text, validityDays: profile.body.validityDays });
  }
  return requests;
}

/** A chunk's credentials keyed `${deviceId}:${profileId}`, grouped by device and then keyed by profile id. */
export function credentialsByDevice<T>(all: ReadonlyMap<string, T>): Map<string, Map<string, T>> {
  const byDevice = new Map<string, Map<string, T>>();
  for (const [key, value] of all) {
    const colon = key.lastIndexOf(':');
    const deviceId = key.slice(0, colon);
    let mine = byDevice.get(deviceId);
    if (mine === undefined) {
      mine = new Map();
      byDevice.set(deviceId, mine);
    }
    mine.set(key.slice(colon + 1), value);
  }
  return byDevice;
}

/** Whether any assignment reaches a profile that needs a Ward-issued certificate (else credentials are never looked up). */
export function snapshotNeedsCredentials(snapshot: { readonly profiles: ReadonlyMap<string, Profile> }): boolean {
  for (const p of snapshot.profiles.values()) if (p.kind === 'certificate' && p.body.type === 'issued') return true;
  return false;
}

/** The Ward-issued credentials of a chunk's devices, by device then profile; empty when none are needed or there is no source. */
export async function chunkCredentials(
  source: ProfileCredentialSource | undefined,
  tenantId: TenantId,
  subjects: readonly AssignmentSubject[],
  snapshot: PolicySnapshot,
  now: Date,
): Promise<Map<string, Map<string, IssuedCredential>>> {
  if (source === undefined || !snapshotNeedsCredentials(snapshot)) return new Map();
  const requests = subjects.filter((s) => s.device.managementState !== 'retired').flatMap((s) => requiredCredentials(s, snapshot, now));
  if (requests.length === 0) return new Map();
  return credentialsByDevice(await source.credentialsFor(tenantId, requests));
}
