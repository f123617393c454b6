import { Type } from '@sinclair/typebox';
import {
  complianceStates,
  deviceSorts,
  factTypes,
  managementStates,
  ownerships,
  platforms,
  type DeviceFacts,
  type GroupId,
  type UserId,
} from '@ward/core';
import { BrandedId, DateTime, Nullable, Page, pageQuery, StringEnum } from './common.js';

/** A comma-separated list of `values` in a query string (`platform=ios,ipados`). */
function CommaList(values: readonly string[], description: string) {
  const one = values.join('|');
  return Type.String({ pattern: `^(${one})(,(${one}))*$`, maxLength: 200, description: `${description} Comma-separated, any of: ${values.join(', ')}.` });
}

/** The normalised facts, typed as core declares them. */
const Facts = Type.Unsafe<DeviceFacts>({
  type: 'object',
  properties: Object.fromEntries(Object.entries(factTypes).map(([name, type]) => [name, { type }])),
  description: 'Platform-neutral facts (osVersion, encrypted, passcodeSet, …) normalised from the inventory.',
});

const deviceFields = {
  id: Type.String(),
  name: Type.String(),
  platform: StringEnum(platforms),
  ownership: StringEnum(ownerships),
  managementState: StringEnum(managementStates),
  complianceState: StringEnum(complianceStates),
  serialNumber: Nullable(Type.String()),
  model: Nullable(Type.String()),
  manufacturer: Nullable(Type.String()),
  osVersion: Nullable(Type.String()),
  primaryUserId: Nullable(Type.String()),
  facts: Facts,
  enrolledAt: DateTime,
  lastSeenAt: Nullable(DateTime),
  createdAt: DateTime,
  updatedAt: DateTime,
};

/** A device in a list: everything but the raw inventory, which can be large. */
export const DeviceSummary = Type.Object(deviceFields);

/** A device with its raw platform inventory (empty for personal devices). */
export const Device = Type.Object({
  ...deviceFields,
  inventory: Type.Unsafe<Readonly<Record<string, unknown>>>({ type: 'object', additionalProperties: true, description: 'The raw inventory as the platform reported it.' }),
});

/** The query of `GET /devices`. */
export const ListDevicesQuery = Type.Object(
  {
    ...pageQuery(deviceSorts, 'name'),
    q: Type.Optional(Type.String({ minLength: 1, maxLength: 200, description: 'Case-insensitive part of the name, serial number or model.' })),
    platform: Type.Optional(CommaList(platforms, 'Platforms.')),
    ownership: Type.Optional(StringEnum(ownerships)),
    managementState: Type.Optional(StringEnum(managementStates)),
    complianceState: Type.Optional(CommaList(complianceStates, 'Compliance states.')),
    osVersionMin: Type.Optional(Type.String({ minLength: 1, maxLength: 32, description: 'Lowest OS version, inclusive, compared as a version (10.2 < 10.10).' })),
    osVersionMax: Type.Optional(Type.String({ minLength: 1, maxLength: 32, description: 'Highest OS version, inclusive.' })),
    primaryUserId: Type.Optional(BrandedId<UserId>('Devices of this user.')),
    groupId: Type.Optional(BrandedId<GroupId>('Members of this device group, or devices of members of this user group.')),
    lastSeenBefore: Type.Optional(Type.String({ format: 'date-time' })),
    lastSeenAfter: Type.Optional(Type.String({ format: 'date-time' })),
  },
  { additionalProperties: false },
);

/** A page of devices. */
export const DevicePage = Page(DeviceSummary);

/** The body of `PATCH /devices/:id`. */
export const PatchDeviceBody = Type.Object(
  {
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    ownership: Type.Optional(StringEnum(ownerships, { description: 'Making a device personal drops its raw inventory.' })),
    primaryUserId: Type.Optional(Nullable(Type.String({ minLength: 1, maxLength: 64 }))),
  },
  { additionalProperties: false },
);
