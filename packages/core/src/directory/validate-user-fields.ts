import { hasControlCharacters } from '../kernel/control-characters.js';
import { fail, ok, type Result } from '../kernel/result.js';
import type { UserFields } from './model.js';

/** Normalised user fields: e-mail lower-cased, text trimmed, empty optional text as null. */
export interface ValidUserFields {
  readonly email: string;
  readonly displayName: string;
  readonly givenName: string | null;
  readonly surname: string | null;
  readonly department: string | null;
  readonly jobTitle: string | null;
  readonly employeeId: string | null;
  readonly attributes: Readonly<Record<string, string>>;
  readonly disabled: boolean;
}

// Deliberately plain: one @, no spaces, a dot in the domain. Deliverability is not our business.
const emailPattern = /^[^\s@"<>()[\]\\,;:]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}[A-Za-z0-9])?)+$/;
const attributeName = /^[A-Za-z][A-Za-z0-9_]{0,63}$/;

/** Whether text is an e-mail address Ward accepts. */
export function isEmail(text: string): boolean {
  return text.length <= 254 && emailPattern.test(text);
}

function optionalText(name: string, value: string | null | undefined, max: number): Result<string | null, 'VALIDATION_FAILED'> {
  if (value === undefined || value === null) return ok(null);
  const t = value.trim();
  if (t.length > max) return fail('VALIDATION_FAILED', `${name} may be at most ${max} characters long.`, { field: name });
  // Control characters have no place in a name and break CSV exports and logs.
  if (hasControlCharacters(t)) return fail('VALIDATION_FAILED', `${name} contains control characters.`, { field: name });
  return ok(t === '' ? null : t);
}

/** Validates and normalises a user's fields as an admin, the API or an import supplies them. */
export function validateUserFields(input: UserFields): Result<ValidUserFields, 'VALIDATION_FAILED'> {
  const email = input.email.trim().toLowerCase();
  if (!isEmail(email)) return fail('VALIDATION_FAILED', `"${input.email.slice(0, 100)}" is not an e-mail address.`, { field: 'email' });
  const displayName = optionalText('displayName', input.displayName, 200);
  if (!displayName.ok) return displayName;
  if (displayName.value === null) return fail('VALIDATION_FAILED', 'displayName must not be empty.', { field: 'displayName' });
  const fields: Record<string, string | null> = {};
  for (const [name, max] of [['givenName', 100], ['surname', 100], ['department', 100], ['jobTitle', 100], ['employeeId', 64]] as const) {
    const v = optionalText(name, input[name], max);
    if (!v.ok) return v;
    fields[name] = v.value;
  }
  const attributes: Record<string, string> = {};
  const entries = Object.entries(input.attributes ?? {});
  if (entries.length > 50) return fail('VALIDATION_FAILED', 'A user may have at most 50 extra attributes.', { field: 'attributes' });
  for (const [key, value] of entries) {
    if (!attributeName.test(key)) return fail('VALIDATION_FAILED', `Attribute name "${key.slice(0, 64)}" must start with a letter and hold only letters, digits and _.`, { field: `attributes.${key.slice(0, 64)}` });
    const v = optionalText(`attributes.${key}`, value, 500);
    if (!v.ok) return v;
    if (v.value !== null) attributes[key] = v.value;
  }
  return ok({
    email,
    displayName: displayName.value,
    givenName: fields.givenName ?? null,
    surname: fields.surname ?? null,
    department: fields.department ?? null,
    jobTitle: fields.jobTitle ?? null,
    employeeId: fields.employeeId ?? null,
    attributes,
    disabled: input.disabled ?? false,
  });
}
