import { factTypes, type Device } from '../devices/model.js';
import type { AttributeCatalog, AttributeType } from '../expressions/ast.js';
import type { AttributeReader } from '../expressions/evaluate-rule.js';
import type { GroupMemberType, User } from './model.js';

const userAttributes: AttributeCatalog = {
  'user.email': 'string',
  'user.displayName': 'string',
  'user.givenName': 'string',
  'user.surname': 'string',
  'user.department': 'string',
  'user.jobTitle': 'string',
  'user.employeeId': 'string',
  'user.disabled': 'boolean',
  'user.attributes.*': 'string',
};

const factAttributes: AttributeCatalog = Object.fromEntries(
  Object.entries(factTypes).map(([name, type]): [string, AttributeType] => [`device.${name}`, name === 'osVersion' ? 'version' : type]),
);

const deviceAttributes: AttributeCatalog = {
  ...factAttributes,
  'device.name': 'string',
  'device.platform': 'string',
  'device.ownership': 'string',
  'device.managementState': 'string',
  'device.complianceState': 'string',
  'device.serialNumber': 'string',
  'device.model': 'string',
  'device.manufacturer': 'string',
  'device.osVersion': 'version',
  'device.enrolledAt': 'date',
  'device.lastSeenAt': 'date',
};

/**
 * What a dynamic group's rule may read. User groups read the user; device groups read the device
 * and its primary user, so "the Linux laptops of Finance" is one rule.
 */
export function groupRuleAttributes(memberType: GroupMemberType): AttributeCatalog {
  return memberType === 'user' ? userAttributes : { ...deviceAttributes, ...userAttributes };
}

/** Reads rule attributes from a user and, for device groups, the device. */
export function memberAttributeReader(user: User | undefined, device: Device | undefined): AttributeReader {
  return (path) => {
    const [root, name, sub] = path.split('.', 3);
    if (root === 'user') {
      if (user === undefined || name === undefined) return undefined;
      if (name === 'attributes') return sub === undefined ? undefined : user.attributes[sub];
      const v = (user as unknown as Record<string, unknown>)[name];
      return typeof v === 'string' || typeof v === 'boolean' || v === null ? v : undefined;
    }
    if (root === 'device') {
      if (device === undefined || name === undefined) return undefined;
      if (name in factTypes && name !== 'osVersion') return device.facts[name as keyof typeof factTypes];
      const v = (device as unknown as Record<string, unknown>)[name];
      return typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || v === null || v instanceof Date ? v : undefined;
    }
    return undefined;
  };
}
