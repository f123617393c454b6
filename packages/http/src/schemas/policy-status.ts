import { Type } from '@sinclair/typebox';
import { desiredActions, profileKinds, profileStatuses, reportedItemStatuses, reportedSettingStatuses } from '@ward/core';
import { DateTime, List, Nullable, pageQuery, StringEnum } from './common.js';
import { Counts, reportFormatQuery } from './policy-reports.js';

const ProfileStatus = StringEnum(profileStatuses, {
  description: '`pending`: the device has not confirmed the current version; `conflict`: settings collide with another profile and were withheld; `removing`: no longer assigned, awaiting removal.',
});

/** What a device reported for one setting. */
const SettingReport = Type.Object({ id: Type.String(), status: StringEnum(reportedSettingStatuses), error: Type.Optional(Type.String()) });

/** One device's row in a profile's status report. */
export const ProfileDeviceStatus = Type.Object({
  deviceId: Type.String(),
  deviceName: Nullable(Type.String({ description: 'Null when the device was deleted since.' })),
  status: ProfileStatus,
  action: StringEnum(desiredActions, { description: 'What the server wants the device to do with the profile.' }),
  reason: Nullable(Type.String({ description: 'Why the profile does not apply (notApplicable).' })),
  error: Nullable(Type.String({ description: "The device's own error text." })),
  conflicts: List(Type.Object({ settingId: Type.String(), profileIds: List(Type.String(), { description: 'Every profile that sets it on this device, this one included.' }) })),
  settings: List(SettingReport, { description: 'Per-setting outcomes the device reported.' }),
  desiredHash: Nullable(Type.String()),
  reportedHash: Nullable(Type.String()),
  reportedStatus: Nullable(StringEnum(reportedItemStatuses)),
  desiredAt: DateTime,
  reportedAt: Nullable(DateTime),
});

/** `GET /profiles/:id/status`: counts across devices, and one page of devices. */
export const ProfileStatusReport = Type.Object({
  profileId: Type.String(),
  counts: Counts(profileStatuses, 'Devices by status.'),
  items: List(ProfileDeviceStatus),
  nextCursor: Nullable(Type.String()),
});

/** The query of `GET /profiles/:id/status`: devices come in device-id order. */
export const ProfileStatusQuery = Type.Object(
  {
    ...pageQuery(['deviceId'] as const, 'deviceId', ['asc'] as const),
    status: Type.Optional(StringEnum(profileStatuses, { description: 'Only devices in this status.' })),
    ...reportFormatQuery,
  },
  { additionalProperties: false },
);

/** How one setting of a settings profile fares across devices. */
export const SettingStatusRow = Type.Object({
  settingId: Type.String(),
  name: Type.String(),
  succeeded: Type.Integer(),
  failed: Type.Integer(),
  notApplicable: Type.Integer(),
  conflict: Type.Integer({ description: 'Devices where the setting is withheld because another profile sets it differently.' }),
});

/** `GET /profiles/:id/settings-status`: one row per setting of the profile. */
export const SettingStatusList = Type.Object({ items: List(SettingStatusRow), nextCursor: Type.Null() });

/** The query of a report that is JSON or CSV and not paged. */
export const ReportFormatOnlyQuery = Type.Object(reportFormatQuery, { additionalProperties: false });

/** Where one profile stands on one device. */
export const DeviceProfileStatus = Type.Object({
  profileId: Type.String(),
  profileName: Nullable(Type.String({ description: 'Null when the profile was deleted and the device has yet to confirm its removal.' })),
  kind: Nullable(StringEnum(profileKinds)),
  status: ProfileStatus,
  reason: Nullable(Type.String({ description: 'Why the profile does not apply (notApplicable), from the server or the device.' })),
  error: Nullable(Type.String({ description: "The device's error text (failed)." })),
  conflicts: List(
    Type.Object({
      settingId: Type.String(),
      profiles: List(Type.Object({ id: Type.String(), name: Nullable(Type.String()) }), { description: 'The profiles that set it differently, this one included.' }),
    }),
    { description: 'Settings withheld because profiles collide.' },
  ),
  settings: List(SettingReport),
  desiredHash: Nullable(Type.String()),
  reportedHash: Nullable(Type.String()),
  desiredAt: DateTime,
  reportedAt: Nullable(DateTime),
});

/** `GET /devices/:id/configuration`: every profile on the device. */
export const DeviceConfiguration = Type.Object({ items: List(DeviceProfileStatus), nextCursor: Type.Null() });
