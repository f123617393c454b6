import { Type } from '@sinclair/typebox';
import { complianceStates, managementStates, ownerships, platforms, ruleOutcomes } from '@ward/core';
import { Role } from './admins.js';
import { DateTime, List, Nullable, Page, pageQuery, StringEnum } from './common.js';
import { EnrollmentToken } from './enrollment.js';

const State = StringEnum(complianceStates);

/** `GET /me`: the person signed in to the portal and what they may enroll. */
export const MyAccount = Type.Object({
  userId: Type.String(),
  email: Type.String(),
  displayName: Type.String(),
  roles: List(Role, { description: 'Admin roles the person also holds; empty for an employee.' }),
  enrollment: Type.Object({
    allowedPlatforms: List(StringEnum(platforms)),
    allowPersonal: Type.Boolean(),
    maxDevices: Type.Integer({ description: 'The most devices one person may have enrolled.' }),
    devices: Type.Integer({ description: 'Devices (not retired) the person has now.' }),
  }),
});

const myDeviceFields = {
  id: Type.String(),
  name: Type.String(),
  platform: StringEnum(platforms),
  ownership: StringEnum(ownerships),
  managementState: StringEnum(managementStates),
  complianceState: State,
  model: Nullable(Type.String()),
  manufacturer: Nullable(Type.String()),
  serialNumber: Nullable(Type.String()),
  osVersion: Nullable(Type.String()),
  enrolledAt: DateTime,
  lastSeenAt: Nullable(DateTime),
};

/** A device as its owner sees it. */
export const MyDevice = Type.Object(myDeviceFields);

/** The query of `GET /me/devices`: by name, the one order. */
export const MyDevicesQuery = Type.Object(pageQuery(['name'] as const, 'name', ['asc'] as const), { additionalProperties: false });

/** A page of the caller's devices. */
export const MyDevicePage = Page(MyDevice);

const Lines = List(Type.String());

/** `GET /me/devices/{id}`: one device and, in plain words, what IT can see and do on it. */
export const MyDeviceDetail = Type.Object({
  ...myDeviceFields,
  itAccess: Type.Object({ canSee: Lines, cannotSee: Lines, canDo: Lines, cannotDo: Lines }, { description: 'What the company’s IT can and cannot see and do on this device.' }),
});

/** `GET /me/devices/{id}/compliance`: per policy, each rule and what to do when it fails. */
export const MyDeviceCompliance = Type.Object({
  deviceId: Type.String(),
  state: State,
  lastSeenAt: Nullable(DateTime),
  policies: List(
    Type.Object({
      policyName: Nullable(Type.String()),
      state: State,
      graceEndsAt: Nullable(DateTime),
      rules: List(
        Type.Object({
          ruleId: Type.String(),
          title: Type.String(),
          outcome: StringEnum(ruleOutcomes),
          expected: Type.String(),
          actual: Nullable(Type.String()),
          remediation: Type.String({ description: 'What to do; empty when the rule passed.' }),
        }),
        { description: 'Failing rules first, then unknown, then passed.' },
      ),
    }),
  ),
});

/** `POST /me/devices/{id}/retire`: the retire queued now, or the one already pending. */
export const MyRetireOutcome = Type.Object({
  deviceId: Type.String(),
  commandId: Type.String(),
  status: StringEnum(['queued', 'alreadyPending'] as const),
});

/** The body of `POST /me/enrollment`. */
export const CreateMyEnrollmentBody = Type.Object(
  { ownership: StringEnum(['corporate', 'personal'] as const, { description: 'Whose device it is: the company’s, or the person’s own.' }) },
  { additionalProperties: false },
);

/** `POST /me/enrollment`: a one-time token for one of the caller's devices, and ways to use it. */
export const MyEnrollment = Type.Object({
  token: EnrollmentToken,
  text: Type.String({ description: 'The secret token text, shown this once.' }),
  enrollCommand: Nullable(Type.String({ description: 'The `ward-agent enroll` command line (Linux, Windows, macOS); null without a public URL and CA fingerprint.' })),
  qrSvg: Nullable(Type.String({ description: 'The enroll command as an SVG QR code.' })),
  appleProfileUrl: Nullable(Type.String({ description: 'Where an iPhone, iPad or Mac downloads its enrollment profile (`/mdm/enroll?token=…`); null when the server offers no Apple enrollment or has no valid Apple push certificate yet.' })),
  appleProfileQrSvg: Nullable(Type.String({ description: 'The Apple profile link as an SVG QR code, for a phone camera.' })),
});
