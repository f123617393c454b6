import { Type } from '@sinclair/typebox';
import { userSorts, type GroupId } from '@ward/core';
import { BrandedId, DateTime, Nullable, Page, pageQuery } from './common.js';

const optionalText = (maxLength: number) => Type.Optional(Nullable(Type.String({ maxLength })));
// Generous caps only: core validates and normalises the fields (trimming, e-mail syntax, names);
// these bound what is parsed at all and document the types.
const Attributes = Type.Record(Type.String({ maxLength: 64 }), Type.String({ maxLength: 500 }), { maxProperties: 50, description: 'Extra directory attributes, usable in group rules as `user.attributes.NAME`.' });

/** A user as the API shows it. */
export const User = Type.Object(
  {
    id: Type.String(),
    email: Type.String(),
    displayName: Type.String(),
    givenName: Nullable(Type.String()),
    surname: Nullable(Type.String()),
    department: Nullable(Type.String()),
    jobTitle: Nullable(Type.String()),
    employeeId: Nullable(Type.String()),
    attributes: Type.Record(Type.String(), Type.String()),
    disabled: Type.Boolean(),
    createdAt: DateTime,
    updatedAt: DateTime,
  },
);

/** The body of `POST /users`. */
export const CreateUserBody = Type.Object(
  {
    email: Type.String({ minLength: 1, maxLength: 254 }),
    displayName: Type.String({ minLength: 1, maxLength: 200 }),
    givenName: optionalText(100),
    surname: optionalText(100),
    department: optionalText(100),
    jobTitle: optionalText(100),
    employeeId: optionalText(64),
    attributes: Type.Optional(Attributes),
    disabled: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);

/** The body of `PATCH /users/:id`: the fields to change. */
export const PatchUserBody = Type.Partial(CreateUserBody, { additionalProperties: false });

/** The query of `GET /users`. */
export const ListUsersQuery = Type.Object(
  {
    ...pageQuery(userSorts, 'email'),
    q: Type.Optional(Type.String({ minLength: 1, maxLength: 200, description: 'Case-insensitive part of the e-mail or display name.' })),
    department: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    disabled: Type.Optional(Type.Boolean()),
    groupId: Type.Optional(BrandedId<GroupId>('Members of this group.')),
  },
  { additionalProperties: false },
);

/** A page of users. */
export const UserPage = Page(User);

/** The body of `POST /users/{id}/password`. */
export const SetUserPasswordBody = Type.Object(
  {
    password: Type.Optional(Type.String({ minLength: 1, maxLength: 1024, description: 'The new password; a strong one is generated when absent.' })),
    resetTotp: Type.Optional(Type.Boolean({ description: 'Also remove the user\'s authenticator app (a lost phone).' })),
  },
  { additionalProperties: false },
);

/** The answer of `POST /users/{id}/password`: the password, shown this once. */
export const UserPasswordSet = Type.Object({
  password: Type.String({ description: 'The password, shown this once.' }),
  generated: Type.Boolean({ description: 'Whether Ward generated it.' }),
});
