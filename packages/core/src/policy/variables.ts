import type { Device } from '../devices/model.js';
import type { User } from '../directory/model.js';
import { fail, ok, type Result } from '../kernel/result.js';

/** The variables a profile value may use, written `{{user.email}}`. */
export const profileVariables = ['user.email', 'user.displayName', 'user.upn', 'device.serial', 'device.name', 'device.id', 'device.model'] as const;
export type ProfileVariable = (typeof profileVariables)[number];

// `{{`, optional spaces, a dotted name, optional spaces, `}}`. Anything else between braces is
// refused at save rather than sent to devices as literal text.
const placeholder = /\{\{\s*([A-Za-z][A-Za-z0-9_.]*)\s*\}\}/g;

function isVariable(name: string): name is ProfileVariable {
  return (profileVariables as readonly string[]).includes(name);
}

/**
 * The variables a template uses, or PROFILE_VARIABLE_UNKNOWN naming the first unknown one. A `{{`
 * that does not open a well-formed placeholder is refused too: it is almost always a typo.
 */
export function templateVariables(template: string, field: string): Result<readonly ProfileVariable[], 'PROFILE_VARIABLE_UNKNOWN'> {
  const used: ProfileVariable[] = [];
  let rest = template;
  for (const match of template.matchAll(placeholder)) {
    const name = match[1] ?? '';
    if (!isVariable(name)) return fail('PROFILE_VARIABLE_UNKNOWN', `${field} uses the unknown variable {{${name}}}; known ones are ${profileVariables.map((v) => `{{${v}}}`).join(', ')}.`, { field, variable: name });
    if (!used.includes(name)) used.push(name);
    rest = rest.replace(match[0], '');
  }
  if (rest.includes('{{') || rest.includes('}}')) return fail('PROFILE_VARIABLE_UNKNOWN', `${field} has a malformed {{variable}} placeholder.`, { field });
  return ok(used);
}

/** The value of a variable for a device and its primary user; undefined when there is none. */
export function variableValue(name: ProfileVariable, device: Device, user: User | null): string | undefined {
  const nonEmpty = (v: string | null | undefined): string | undefined => (v === null || v === undefined || v === '' ? undefined : v);
  switch (name) {
    case 'user.email':
      return nonEmpty(user?.email);
    case 'user.displayName':
      return nonEmpty(user?.displayName);
    case 'user.upn':
      // The directory keeps no separate UPN field; an imported `upn` attribute wins, else the
      // e-mail, which is the UPN in most Entra ID and AD tenants.
      return nonEmpty(user?.attributes.upn) ?? nonEmpty(user?.email);
    case 'device.serial':
      return nonEmpty(device.serialNumber);
    case 'device.name':
      return nonEmpty(device.name);
    case 'device.id':
      return device.id;
    case 'device.model':
      return nonEmpty(device.model);
  }
}

/** A template with its variables substituted, or the first variable the device has no value for. */
export type Substitution = { readonly ok: true; readonly text: string } | { readonly ok: false; readonly missing: ProfileVariable };

/**
 * Substitutes variables for one device. A missing value is reported, never replaced by an empty
 * string: an e-mail profile without an address is worse than none. Unknown placeholders cannot
 * occur in a saved profile (refused by `templateVariables`); they are left as written.
 */
export function substituteVariables(template: string, device: Device, user: User | null, escape: (value: string) => string = (v) => v): Substitution {
  if (!template.includes('{{')) return { ok: true, text: template };
  let missing: ProfileVariable | undefined;
  const text = template.replace(placeholder, (whole, name: string) => {
    if (!isVariable(name)) return whole;
    const value = variableValue(name, device, user);
    if (value === undefined) {
      missing ??= name;
      return '';
    }
    return escape(value);
  });
  return missing === undefined ? { ok: true, text } : { ok: false, missing };
}

/**
 * A value escaped for an attribute of a distinguished name (RFC 4514 §2.4), for variables filled
 * into a certificate subject: a display name like `x,CN=admin` must stay one value, not add an
 * attribute.
 */
export function escapeDnValue(value: string): string {
  let escaped = value.replace(/[\\,+"<>;=]/g, (c) => `\\${c}`);
  escaped = escaped.replace(/^[ #]/, (c) => `\\${c}`).replace(/ $/, '\\ ');
  return escaped;
}
