import { mapSecrets, type Profile, type ProfileStore } from '@ward/core';
import type { SecretSealer } from './secret-sealer.js';

/**
 * The SecretBox label of one profile secret. Tenant, profile and the secret's path are bound in,
 * so a sealed value copied to another row or another field does not open.
 */
function labelOf(profile: Profile, path: string): string {
  return `profile:${profile.tenantId}:${profile.id}:${path}`;
}

/**
 * {@link ProfileStore} whose secrets (`mapSecrets`: Wi-Fi passphrase, VPN shared secret,
 * WireGuard keys, SCEP challenge) are sealed on the way into `inner` and opened on the way out;
 * everything else passes through. Every method is listed, none spread, so a read added to the
 * port cannot slip past unopened.
 */
export function sealProfileStore(inner: ProfileStore, sealer: SecretSealer): ProfileStore {
  const seal = (profile: Profile): Profile => {
    const { kind: _kind, body: _body, ...header } = profile;
    return { ...header, ...mapSecrets(profile, (secret, path) => sealer.seal(secret, labelOf(profile, path))) };
  };
  const open = (profile: Profile): Profile => {
    const { kind: _kind, body: _body, ...header } = profile;
    const owner = (path: string) => () => `Profile "${profile.name}" (${profile.id}, tenant ${profile.tenantId}), secret body.${path}`;
    return { ...header, ...mapSecrets(profile, (secret, path) => sealer.open(secret, labelOf(profile, path), owner(path))) };
  };

  return {
    getProfile: async (tenantId, id) => {
      const profile = await inner.getProfile(tenantId, id);
      return profile && open(profile);
    },
    getProfileByName: async (tenantId, name) => {
      const profile = await inner.getProfileByName(tenantId, name);
      return profile && open(profile);
    },
    getProfiles: async (tenantId, ids) => (await inner.getProfiles(tenantId, ids)).map(open),
    listAllProfiles: async (tenantId) => (await inner.listAllProfiles(tenantId)).map(open),
    listProfiles: async (tenantId, filter, page) => {
      const result = await inner.listProfiles(tenantId, filter, page);
      return { ...result, items: result.items.map(open) };
    },
    insertProfile: (profile) => inner.insertProfile(seal(profile)),
    updateProfile: (profile) => inner.updateProfile(seal(profile)),
    deleteProfile: (tenantId, id) => inner.deleteProfile(tenantId, id),
  };
}
