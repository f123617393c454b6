import { Type } from '@sinclair/typebox';
import { assignableKinds, assignmentFilterModes, assignmentIntents, assignmentModes, assignmentTargetTypes, filterAttributes, platforms } from '@ward/core';
import { DateTime, Id, List, Nullable, StringEnum } from './common.js';

// ---------------------------------------------------------------------------------------------
// Assignment filters
// ---------------------------------------------------------------------------------------------

const ruleDescription =
  'An expression over device properties, as in group rules: ' +
  `${Object.keys(filterAttributes).map((a) => `\`${a}\``).join(', ')}. ` +
  'Example: `device.ownership == "corporate" and device.osVersion >= "14.0"`.';

/** An assignment filter as the API shows it. */
export const AssignmentFilter = Type.Object({
  id: Type.String(),
  name: Type.String(),
  description: Type.String(),
  platform: Nullable(StringEnum(platforms, { description: 'The platform the filter is written for; a device of another platform never matches. Null: any.' })),
  rule: Type.String({ description: ruleDescription }),
  createdAt: DateTime,
  updatedAt: DateTime,
});

/** Every filter of the tenant (dozens at most), by name. */
export const AssignmentFilterList = Type.Object({ items: List(AssignmentFilter), nextCursor: Type.Null() });

/** The body of `POST /assignment-filters` and `PUT /assignment-filters/:id` (the whole definition). */
export const AssignmentFilterBody = Type.Object(
  {
    name: Type.String({ description: 'Unique within the tenant, compared case-insensitively; at most 128 characters.' }),
    description: Type.Optional(Type.String({ description: 'At most 2000 characters.' })),
    platform: Type.Optional(Nullable(StringEnum(platforms))),
    rule: Type.String({ description: `${ruleDescription} A rule that does not parse is ASSIGNMENT_FILTER_INVALID with the offset in \`details.at\`.` }),
  },
  { additionalProperties: false },
);

// ---------------------------------------------------------------------------------------------
// Assignments
// ---------------------------------------------------------------------------------------------

const Mode = StringEnum(assignmentModes, { description: 'Exclude wins: a device reached by an exclude assignment of an item does not get it.' });
const Intent = StringEnum(assignmentIntents, { description: 'Profiles and compliance policies are always `required`.' });

const Target = Type.Union(
  [
    Type.Object({ type: Type.Literal('group'), groupId: Type.String() }),
    Type.Object({ type: Type.Literal('allUsers') }),
    Type.Object({ type: Type.Literal('allDevices') }),
  ],
  { description: '`allUsers`: every device that has a primary user; `allDevices`: every device; a group of users reaches their devices.' },
);

const FilterRef = Type.Object({
  filterId: Id,
  mode: StringEnum(assignmentFilterModes, { description: '`include`: only devices the filter matches; `exclude`: only those it does not.' }),
});

/** An assignment as the API shows it. */
export const Assignment = Type.Object({
  id: Type.String(),
  itemKind: StringEnum(assignableKinds),
  itemId: Type.String({ description: "The profile's or compliance policy's id." }),
  target: Target,
  mode: Mode,
  filter: Nullable(FilterRef),
  intent: Intent,
  createdAt: DateTime,
});

/** Assignments of one item or of every item of a kind (hundreds at most). */
export const AssignmentList = Type.Object({ items: List(Assignment), nextCursor: Type.Null() });

/** The query of `GET /assignments`. */
export const ListAssignmentsQuery = Type.Object(
  {
    itemKind: StringEnum(assignableKinds),
    itemId: Type.Optional(Id),
  },
  { additionalProperties: false },
);

/** The body of `POST /profiles/:id/assignments` and `POST /compliance-policies/:id/assignments`. */
export const CreateAssignmentBody = Type.Object(
  {
    target: Type.Object(
      { type: StringEnum(assignmentTargetTypes), groupId: Type.Optional(Id) },
      { additionalProperties: false, description: '`{ "type": "group", "groupId": … }`, `{ "type": "allUsers" }` or `{ "type": "allDevices" }`. One assignment per item and target.' },
    ),
    mode: Type.Optional(Mode),
    filter: Type.Optional(Nullable(Type.Object(FilterRef.properties, { additionalProperties: false, description: 'Include assignments only.' }))),
    intent: Type.Optional(Intent),
  },
  { additionalProperties: false },
);

/** The body of `PATCH /assignments/:id`: the item and target are what the assignment is; change the rest. */
export const PatchAssignmentBody = Type.Object(
  {
    mode: Type.Optional(Mode),
    filter: Type.Optional(Nullable(Type.Object(FilterRef.properties, { additionalProperties: false, description: 'Null removes the filter.' }))),
    intent: Type.Optional(Intent),
  },
  { additionalProperties: false },
);
