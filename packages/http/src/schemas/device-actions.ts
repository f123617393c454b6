import { Type } from '@sinclair/typebox';
import { actionTypes, errorStatus, maxActionDevices, type ErrorCode } from '@ward/core';
import { DateTime, Id, List, Nullable, Page, pageQuery, StringEnum } from './common.js';

const ActionType = StringEnum(actionTypes, { description: 'sync, refreshInventory, lock, restart, runScript or retire.' });
const Payload = Type.Unsafe<Readonly<Record<string, unknown>>>({
  type: 'object',
  additionalProperties: true,
  description: 'For `runScript`: `{ "interpreter": "sh|bash|zsh|powershell", "script": "…", "timeoutSeconds": 1–3600 }`. The other actions take none.',
});
const TtlHours = Type.Integer({ minimum: 1, maximum: 720, description: 'How long the command waits for the device before it expires; 72 hours by default.' });

/** The body of `POST /devices/actions`. */
export const RequestActionsBody = Type.Object(
  {
    deviceIds: List(Id, { minItems: 1, maxItems: maxActionDevices, description: `The devices, 1 to ${maxActionDevices}.` }),
    type: ActionType,
    payload: Type.Optional(Payload),
    ttlHours: Type.Optional(TtlHours),
  },
  { additionalProperties: false },
);

/** The body of `POST /devices/:id/actions`. */
export const RequestDeviceActionBody = Type.Object({ type: ActionType, payload: Type.Optional(Payload), ttlHours: Type.Optional(TtlHours) }, { additionalProperties: false });

/** What became of the request for one device. */
export const ActionOutcome = Type.Object({
  deviceId: Type.String(),
  commandId: Nullable(Type.String({ description: 'The queued command, or the one already pending.' })),
  status: StringEnum(['queued', 'alreadyPending', 'refused'] as const, { description: '`alreadyPending`: the same action waits for the device already, and it was woken again.' }),
  code: Type.Optional(Type.Unsafe<ErrorCode>({ type: 'string', enum: Object.keys(errorStatus), description: 'Why it was refused.' })),
  message: Type.Optional(Type.String()),
});

/** The answer of `POST /devices/actions`: one outcome per distinct device, in request order. */
export const ActionOutcomes = Type.Object({ items: List(ActionOutcome) });

/** One line of a device's action history. */
export const DeviceAction = Type.Object({
  id: Type.String(),
  type: ActionType,
  status: StringEnum(['pending', 'sent', 'succeeded', 'failed', 'expired', 'canceled'] as const),
  requestedBy: Type.String(),
  createdAt: DateTime,
  sentAt: Nullable(DateTime),
  completedAt: Nullable(DateTime),
  expiresAt: Nullable(DateTime),
  result: Nullable(Type.Unsafe<Readonly<Record<string, unknown>>>({ type: 'object', additionalProperties: true, description: 'What the device reported: exitCode, output, error.' })),
});

/** The query of `GET /devices/:id/actions`: pending actions first, then finished ones newest first. */
export const ListDeviceActionsQuery = Type.Object(pageQuery(['createdAt'] as const, 'createdAt', ['desc'] as const), { additionalProperties: false });

/** A page of a device's actions. */
export const DeviceActionPage = Page(DeviceAction);

/** One installed program or package. */
export const Software = Type.Object({ name: Type.String(), version: Type.String(), source: Type.String({ description: 'dpkg, rpm, flatpak, snap, app, msi, …' }) });

/** The query of `GET /devices/:id/software`. */
export const ListSoftwareQuery = Type.Object(
  {
    ...pageQuery(['name'] as const, 'name', ['asc'] as const),
    q: Type.Optional(Type.String({ minLength: 1, maxLength: 200, description: 'Case-insensitive part of the name.' })),
  },
  { additionalProperties: false },
);

/** A page of installed software. */
export const SoftwarePage = Page(Software);
