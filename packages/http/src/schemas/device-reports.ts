import { Type } from '@sinclair/typebox';
import { actionTypes, complianceStates, deviceOverviewLimits, managementStates, ownerships, platforms } from '@ward/core';
import { DateTime, List, Nullable, StringEnum } from './common.js';
import { ListDevicesQuery } from './devices.js';
import { Counts } from './policy-reports.js';

const { osVersionsPerPlatform, days } = deviceOverviewLimits;

/** The query of `GET /reports/devices`. */
export const DeviceOverviewQuery = Type.Object(
  {
    osVersionsPerPlatform: Type.Optional(
      Type.Integer({ minimum: osVersionsPerPlatform.min, maximum: osVersionsPerPlatform.max, default: osVersionsPerPlatform.default, description: 'OS versions named per platform; the rest are counted as `other`.' }),
    ),
    days: Type.Optional(Type.Integer({ minimum: days.min, maximum: days.max, default: days.default, description: 'UTC days of enrollments, today included.' })),
  },
  { additionalProperties: false },
);

/** `GET /reports/devices`: the fleet counted on the server. */
export const DeviceOverview = Type.Object({
  total: Type.Integer({ description: 'Devices under management (not retired) within your device scope.' }),
  retired: Type.Integer(),
  byPlatform: Counts(platforms, 'Devices by platform (not retired).'),
  byComplianceState: Counts(complianceStates, 'Devices by compliance state (not retired).'),
  byOwnership: Counts(ownerships, 'Devices by ownership (not retired).'),
  byManagementState: Counts(managementStates, 'Devices by management state, retired ones included.'),
  osVersions: List(
    Type.Object({
      platform: StringEnum(platforms),
      total: Type.Integer(),
      versions: List(Type.Object({ osVersion: Nullable(Type.String({ description: 'Null: not reported.' })), count: Type.Integer() }), { description: 'Most devices first.' }),
      other: Type.Integer({ description: 'Devices of the platform on versions not named.' }),
    }),
    { description: 'The most common OS versions of each platform that has devices.' },
  ),
  enrollmentsPerDay: List(Type.Object({ day: Type.String({ description: 'YYYY-MM-DD, UTC.' }), count: Type.Integer() }), { description: 'Every day of the period, oldest first, today last.' }),
  pendingActions: Counts(actionTypes, 'Remote actions queued or sent and not yet answered, by type.'),
  generatedAt: DateTime,
});

/** The query of `GET /devices/export.csv`: the device list's filters, search and sort, without paging. */
export const ExportDevicesQuery = Type.Omit(ListDevicesQuery, ['limit', 'cursor'], { additionalProperties: false });
