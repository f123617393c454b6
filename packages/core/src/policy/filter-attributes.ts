import type { Device } from '../devices/model.js';
import type { AttributeCatalog } from '../expressions/ast.js';
import type { AttributeReader } from '../expressions/evaluate-rule.js';

/**
 * What an assignment filter's rule may read: properties of the device that are known at enrolment
 * and change rarely, as Intune's filter properties are. Filters read no user attributes (that is
 * what user groups are for) and no compliance facts (that would make assignment depend on the
 * configuration it delivers).
 */
export const filterAttributes: AttributeCatalog = {
  'device.platform': 'string',
  'device.ownership': 'string',
  'device.osVersion': 'version',
  'device.model': 'string',
  'device.manufacturer': 'string',
  'device.name': 'string',
  'device.enrollmentAgeDays': 'number',
};

const dayMs = 86_400_000;

/** Reads filter attributes from a device; `enrollmentAgeDays` counts whole days since enrolment at `now`. */
export function filterAttributeReader(device: Device, now: Date): AttributeReader {
  return (path) => {
    switch (path) {
      case 'device.platform':
        return device.platform;
      case 'device.ownership':
        return device.ownership;
      case 'device.osVersion':
        return device.osVersion;
      case 'device.model':
        return device.model;
      case 'device.manufacturer':
        return device.manufacturer;
      case 'device.name':
        return device.name;
      case 'device.enrollmentAgeDays':
        return Math.max(0, Math.floor((now.getTime() - device.enrolledAt.getTime()) / dayMs));
      default:
        return undefined;
    }
  };
}
