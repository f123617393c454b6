import type { PlistDict } from '../plist/plist-value.js';
import { profileSpec, type ProfilePayloadType } from './generated/profiles.js';
import { validateAgainstSpec, type SpecValidation } from './validate-against-spec.js';

/** Whether Apple's schema (packages/apple/spec/mdm/profiles) has this PayloadType; `Configuration` is the top level. */
export function isProfilePayloadType(payloadType: string): payloadType is ProfilePayloadType {
  return Object.hasOwn(profileSpec.roots, payloadType);
}

/**
 * Checks one payload dictionary of a configuration profile against the generated schema of its
 * PayloadType, the common payload keys (PayloadIdentifier, PayloadUUID, PayloadType, PayloadVersion …)
 * included. `Configuration` checks the profile's top level, whose PayloadContent items are not
 * descended into: check each with its own PayloadType.
 */
export function validateProfilePayload(payloadType: string, dict: PlistDict): SpecValidation {
  if (!isProfilePayloadType(payloadType)) {
    return { ok: false, problems: [{ path: '', code: 'UNKNOWN_TYPE', message: `unknown PayloadType ${JSON.stringify(payloadType.slice(0, 100))}` }], unknownKeys: [] };
  }
  return validateAgainstSpec({ table: profileSpec, root: profileSpec.roots[payloadType].request }, dict);
}
