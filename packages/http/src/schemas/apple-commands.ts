import { Type } from '@sinclair/typebox';
import { adminAppleRequestTypes, appleRequestTypes, appleResultStatuses, maxApplePayloadBytes } from '@ward/core';
import { DateTime, List, Nullable, Page, pageQuery, StringEnum } from './common.js';

const JsonObject = (description: string) => Type.Unsafe<Readonly<Record<string, unknown>>>({ type: 'object', additionalProperties: true, description });

const Channel = Type.String({
  minLength: 1,
  maxLength: 133,
  pattern: '^(device|user:[\\x21-\\x7e]{1,128})$',
  description: '`device` (default), or `user:<UserID>` for a user channel the device registered (macOS).',
});

/** The body of `POST /devices/:id/mdm-commands`. */
export const EnqueueMdmCommandBody = Type.Object(
  {
    requestType: StringEnum(adminAppleRequestTypes, { description: `Apple's RequestType. Locks, erasure, restarts, passcode clearing and Lost Mode are remote actions (POST /devices/{id}/actions).` }),
    payload: Type.Optional(
      JsonObject(
        `The Command dictionary's other keys, as Apple's schema names them (checked strictly; unknown keys are refused). Plist data is { "$data": "<base64>" }, dates { "$date": "<ISO 8601>" }. At most ${maxApplePayloadBytes} bytes. Example for Settings: { "Settings": [{ "Item": "DeviceName", "DeviceName": "Kiosk 4" }] }.`,
      ),
    ),
    channel: Type.Optional(Channel),
    ttlHours: Type.Optional(Type.Integer({ minimum: 1, maximum: 720, description: 'How long the command waits for the device before it expires; 72 hours by default.' })),
  },
  { additionalProperties: false },
);

/** The answer of `POST /devices/:id/mdm-commands`. */
export const QueuedMdmCommand = Type.Object({
  deviceId: Type.String(),
  commandUuid: Type.String({ description: "Apple's CommandUUID: the device's answer is found by it in GET /devices/{id}/mdm-commands." }),
  requestType: Type.String(),
  channel: Type.String(),
  expiresAt: DateTime,
});

/** One Apple MDM command of a device, pending or finished. */
export const MdmCommand = Type.Object({
  commandUuid: Type.String(),
  requestType: StringEnum(appleRequestTypes),
  channel: Type.String(),
  status: StringEnum(['queued', 'sent', 'notNow', ...appleResultStatuses] as const, {
    description: 'Pending: queued, sent (in flight), notNow (retried after the next Idle). Finished: acknowledged, error, commandFormatError, expired, canceled.',
  }),
  source: StringEnum(['admin', 'action', 'policy', 'apps', 'enrollment'] as const, { description: 'Who asked: an admin raw, a remote action, the policy engine, app delivery, or enrollment.' }),
  actionId: Nullable(Type.String({ description: 'The remote action it belongs to (source action).' })),
  requestedBy: Nullable(Type.String({ description: 'The admin (source admin).' })),
  createdAt: DateTime,
  sentAt: Nullable(DateTime),
  expiresAt: Nullable(DateTime),
  completedAt: Nullable(DateTime),
  result: Nullable(JsonObject("The device's answer, without its envelope (at most 64 KiB is kept; larger answers show `{ truncated: true, bytes }`).")),
  errorChain: Nullable(
    List(
      Type.Object({
        errorCode: Type.Integer(),
        errorDomain: Type.String(),
        localizedDescription: Type.String(),
        usEnglishDescription: Nullable(Type.String()),
      }),
    ),
  ),
});

/** The query of `GET /devices/:id/mdm-commands`. */
export const ListMdmCommandsQuery = Type.Object(pageQuery(['completedAt'] as const, 'completedAt', ['desc'] as const), { additionalProperties: false });

/** A page of a device's MDM commands: pending ones first (first page only), then finished ones, newest first. */
export const MdmCommandPage = Page(MdmCommand);

/** A device's Apple MDM enrollment, without secrets. */
export const MdmEnrollment = Type.Object({
  state: StringEnum(['authenticated', 'active', 'checkedOut'] as const),
  userEnrollment: Type.Boolean({ description: "Apple's User Enrollment (a personal device identified by an EnrollmentID, with reduced access rights)." }),
  udid: Nullable(Type.String()),
  enrollmentId: Nullable(Type.String()),
  topic: Type.String(),
  pushable: Type.Boolean({ description: 'Whether APNs can wake the device.' }),
  unlockTokenEscrowed: Type.Boolean({ description: 'Whether clearPasscode can be sent.' }),
  bootstrapTokenEscrowed: Type.Boolean(),
  installedProfiles: List(Type.Object({ identifier: Type.String(), uuid: Nullable(Type.String()), displayName: Nullable(Type.String()) }), { description: 'As the last ProfileList reported.' }),
  userChannels: List(Type.Object({ userId: Type.String(), userShortName: Nullable(Type.String()), userLongName: Nullable(Type.String()), updatedAt: DateTime })),
  authenticatedAt: DateTime,
  tokenUpdatedAt: Nullable(DateTime),
  checkedOutAt: Nullable(DateTime),
});

/** The answer of `GET /devices/:id/mdm-enrollment`. */
export const MdmEnrollmentAnswer = Type.Object({ enrollment: Nullable(MdmEnrollment) }, { description: '`enrollment` is null for a device never enrolled over Apple MDM.' });
