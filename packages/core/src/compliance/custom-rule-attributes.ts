import { factTypes, type Device, type FactName } from '../devices/model.js';
import type { AttributeCatalog, AttributeType } from '../expressions/ast.js';

/** A value a custom rule reads; undefined or null when the device has not reported it. */
export type CustomRuleValue = string | number | boolean | Date | null | undefined;

/** Reads one attribute of a device. */
export type DeviceAttributeReader = (device: Device) => CustomRuleValue;

const recordAttributes: Readonly<Record<string, { readonly type: AttributeType; readonly read: DeviceAttributeReader }>> = {
  'device.platform': { type: 'string', read: (d) => d.platform },
  'device.ownership': { type: 'string', read: (d) => d.ownership },
  'device.model': { type: 'string', read: (d) => d.model },
  'device.manufacturer': { type: 'string', read: (d) => d.manufacturer },
  'device.enrolledAt': { type: 'date', read: (d) => d.enrolledAt },
};

function factReader(name: FactName): DeviceAttributeReader {
  // osVersion is mirrored on the record for devices whose platform reports it outside the facts.
  if (name === 'osVersion') return (d) => d.facts.osVersion ?? d.osVersion;
  return (d) => d.facts[name];
}

/**
 * What a custom compliance rule may read: every normalised fact as `device.<fact>` (`osVersion`
 * compares as a version), plus the record's platform, ownership, model, manufacturer and
 * enrolment date. Nothing user-related: compliance is about the device.
 */
export const customRuleAttributes: AttributeCatalog = {
  ...Object.fromEntries(Object.entries(factTypes).map(([name, type]): [string, AttributeType] => [`device.${name}`, name === 'osVersion' ? 'version' : type])),
  ...Object.fromEntries(Object.entries(recordAttributes).map(([path, a]): [string, AttributeType] => [path, a.type])),
};

/** The reader of a catalog attribute; undefined for a path outside `customRuleAttributes`. */
export function customRuleAttributeReader(path: string): DeviceAttributeReader | undefined {
  const record = recordAttributes[path];
  if (record !== undefined) return record.read;
  if (!path.startsWith('device.')) return undefined;
  const name = path.slice('device.'.length);
  return Object.hasOwn(factTypes, name) ? factReader(name as FactName) : undefined;
}
