import { Type } from '@sinclair/typebox';
import { groupMemberTypes, groupMembershipTypes, groupSorts } from '@ward/core';
import { DateTime, Id, List, Nullable, Page, pageQuery, StringEnum } from './common.js';

const MembershipType = StringEnum(groupMembershipTypes, { description: '`static`: members are listed; `dynamic`: a rule selects them.' });
const MemberType = StringEnum(groupMemberTypes, { description: 'Whether the group holds users or devices. Fixed at creation.' });
const Rule = Nullable(Type.String({ maxLength: 4000, description: 'The membership rule of a dynamic group, e.g. `user.department == "Sales"`.' }));

/** A group as the API shows it. */
export const Group = Type.Object({
  id: Type.String(),
  name: Type.String(),
  description: Type.String(),
  membershipType: MembershipType,
  memberType: MemberType,
  rule: Nullable(Type.String()),
  memberCount: Type.Integer(),
  createdAt: DateTime,
  updatedAt: DateTime,
});

/** The body of `POST /groups`. */
export const CreateGroupBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 128 }),
    description: Type.Optional(Type.String({ maxLength: 1000 })),
    membershipType: MembershipType,
    memberType: MemberType,
    rule: Type.Optional(Rule),
  },
  { additionalProperties: false },
);

/** The body of `PATCH /groups/:id`. The member type cannot change: members of the other kind would be lost. */
export const PatchGroupBody = Type.Object(
  {
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 128 })),
    description: Type.Optional(Type.String({ maxLength: 1000 })),
    membershipType: Type.Optional(MembershipType),
    rule: Type.Optional(Rule),
  },
  { additionalProperties: false },
);

/** The query of `GET /groups`. */
export const ListGroupsQuery = Type.Object(
  {
    ...pageQuery(groupSorts, 'name'),
    q: Type.Optional(Type.String({ minLength: 1, maxLength: 200, description: 'Case-insensitive part of the name.' })),
    membershipType: Type.Optional(MembershipType),
    memberType: Type.Optional(MemberType),
  },
  { additionalProperties: false },
);

/** A page of groups. */
export const GroupPage = Page(Group);

/** A member of a group. */
export const GroupMember = Type.Object({
  memberType: MemberType,
  memberId: Type.String(),
  label: Type.String({ description: "The user's e-mail or the device's name." }),
  addedAt: DateTime,
});

/** The query of `GET /groups/:id/members`: members come in member-id order only. */
export const ListMembersQuery = Type.Object(pageQuery(['memberId'] as const, 'memberId', ['asc'] as const), { additionalProperties: false });

/** A page of members. */
export const GroupMemberPage = Page(GroupMember);

/** The body of `POST` and `DELETE /groups/:id/members`. */
export const MembersBody = Type.Object(
  { memberIds: List(Id, { minItems: 1, maxItems: 1000, description: 'Ids of users or devices, as the group holds.' }) },
  { additionalProperties: false },
);

/** The outcome of a membership change. */
export const MembersChanged = Type.Object({
  added: Type.Integer({ description: 'Members that were not in the group before.' }),
  removed: Type.Integer({ description: 'Members that were in the group before.' }),
});

/** The body of `POST /groups/preview-rule`. */
export const PreviewRuleBody = Type.Object(
  {
    memberType: MemberType,
    rule: Type.String({ minLength: 1, maxLength: 4000 }),
    sampleSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
  },
  { additionalProperties: false },
);

/** What a draft rule would select. */
export const RulePreview = Type.Object({
  sample: List(Type.Object({ memberId: Type.String(), label: Type.String() })),
  matched: Type.Integer(),
  scanned: Type.Integer(),
  complete: Type.Boolean({ description: 'False when the scan stopped at its limit; `matched` then counts only the scanned part.' }),
});
