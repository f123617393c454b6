import type { DeviceFacts } from '@ward/core';
import type { PlistDict } from '../plist/plist-value.js';
import { plistToJson, type JsonValue } from './plist-json.js';
import { booleanAt, numberAt, textAt } from './plist-fields.js';

/** What a DeviceInformation answer teaches: facts, and the raw answer for corporate inventory. */
export interface DeviceInformationFacts {
  readonly facts: DeviceFacts;
  /** `QueryResponses` as JSON, without what is bulky or secret (see {@link droppedQueryResponses}). */
  readonly inventory: Readonly<Record<string, JsonValue>>;
}

/**
 * QueryResponses keys kept out of inventory: the APNs token (Ward keeps it from TokenUpdate, sealed
 * by nobody here) and attestation certificate chains, which are large and of no use in a detail view.
 */
export const droppedQueryResponses: readonly string[] = ['PushToken', 'DevicePropertiesAttestation'];

// Apple reports capacity in base-10 gigabytes (iOS, macOS 12 and later; Apple's schema,
// information.device.yaml, DeviceCapacity).
const bytesPerGigabyte = 1e9;

/**
 * Normalises a DeviceInformation answer's `QueryResponses` (Apple, mdm/commands/information.device.yaml)
 * into Ward's facts: OSVersion → osVersion, BuildVersion → osBuild, IsSupervised → supervised,
 * DeviceCapacity / AvailableDeviceCapacity (GB) → totalStorageBytes / freeStorageBytes. A key absent
 * or of the wrong type yields no fact, so a partial answer never clears what an earlier one set.
 */
export function deviceInformationFacts(queryResponses: PlistDict): DeviceInformationFacts {
  const facts: { -readonly [K in keyof DeviceFacts]: DeviceFacts[K] } = {};
  const osVersion = textAt(queryResponses, 'OSVersion', 32);
  if (osVersion !== undefined && /^\d+(\.\d+){0,3}$/.test(osVersion)) facts.osVersion = osVersion;
  const osBuild = textAt(queryResponses, 'BuildVersion', 32);
  if (osBuild !== undefined) facts.osBuild = osBuild;
  const supervised = booleanAt(queryResponses, 'IsSupervised');
  if (supervised !== undefined) facts.supervised = supervised;
  const total = numberAt(queryResponses, 'DeviceCapacity');
  if (total !== undefined && total >= 0) facts.totalStorageBytes = Math.round(total * bytesPerGigabyte);
  const free = numberAt(queryResponses, 'AvailableDeviceCapacity');
  if (free !== undefined && free >= 0) facts.freeStorageBytes = Math.round(free * bytesPerGigabyte);
  const inventory: Record<string, JsonValue> = {};
  for (const [key, value] of Object.entries(queryResponses)) {
    if (!droppedQueryResponses.includes(key) && key !== '__proto__') inventory[key] = plistToJson(value);
  }
  return { facts, inventory };
}
