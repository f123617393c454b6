import type { PlistDict, PlistValue } from '../plist/plist-value.js';
import { derivePayloadUuid } from './derive-payload-uuid.js';

/** One payload of a profile's PayloadContent, with the UUID other payloads refer to it by. */
export interface BuiltPayload {
  readonly uuid: string;
  readonly dict: PlistDict;
}

/** Makes the payloads of one profile, each with a stable identifier and a UUID tied to the profile's version. */
export interface PayloadFactory {
  /**
   * A payload of `payloadType` whose identifier is the profile's identifier plus `role` (unique in
   * the profile, stable across versions) and whose UUID derives from the profile's version seed and
   * `role`. `keys` are the payload-specific keys; the common keys (CommonPayloadKeys.yaml) are added.
   */
  payload(role: string, payloadType: string, displayName: string, keys: Readonly<Record<string, PlistValue>>): BuiltPayload;
}

/**
 * A factory for the payloads of the profile `profileIdentifier` whose version is `versionSeed`
 * (the item hash, so a changed item changes every UUID in it).
 */
export function createPayloadFactory(profileIdentifier: string, versionSeed: string, organization: string): PayloadFactory {
  const used = new Set<string>();
  return {
    payload(role, payloadType, displayName, keys) {
      if (used.has(role)) throw new Error(`payload role ${role} used twice in one profile`);
      used.add(role);
      const uuid = derivePayloadUuid(`${versionSeed}/${role}`);
      const dict: PlistDict = {
        ...keys,
        PayloadType: payloadType,
        PayloadVersion: 1,
        PayloadIdentifier: `${profileIdentifier}.${role}`,
        PayloadUUID: uuid,
        PayloadDisplayName: displayName,
        PayloadOrganization: organization,
      };
      return { uuid, dict };
    },
  };
}
