import type { User } from '../directory/model.js';
import { appConfigurationVariables, type AppConfigurationSettings, type AppConfigurationVariable } from './model.js';

// `{{`, optional spaces, a dotted name, optional spaces, `}}` (the profile variables' syntax).
const placeholder = /\{\{\s*([A-Za-z][A-Za-z0-9_.]*)\s*\}\}/g;

function isVariable(name: string): name is AppConfigurationVariable {
  return (appConfigurationVariables as readonly string[]).includes(name);
}

/**
 * Why a template is refused: an unknown variable (named), or a `{{` or `}}` outside a well-formed
 * placeholder, which is almost always a typo. Undefined when the template is sound.
 */
export function appConfigurationTemplateProblem(template: string): string | undefined {
  let rest = template;
  for (const match of template.matchAll(placeholder)) {
    const name = match[1] ?? '';
    if (!isVariable(name)) return `uses the unknown variable {{${name}}}; known ones are ${appConfigurationVariables.map((v) => `{{${v}}}`).join(', ')}`;
    rest = rest.replace(match[0], '');
  }
  if (rest.includes('{{') || rest.includes('}}')) return 'has a malformed {{variable}} placeholder';
  return undefined;
}

/** Whether any value of the settings uses a variable (rendering then needs the user). */
export function usesVariables(settings: AppConfigurationSettings): boolean {
  return Object.values(settings).some((v) => v.includes('{{'));
}

function nonEmpty(value: string | null | undefined): string | undefined {
  return value === null || value === undefined || value === '' ? undefined : value;
}

/** The value of a variable for a user; undefined when the user has none. */
export function appConfigurationVariableValue(name: AppConfigurationVariable, user: User): string | undefined {
  switch (name) {
    case 'user.id':
      return user.id;
    case 'user.email':
      return nonEmpty(user.email);
    case 'user.displayName':
      return nonEmpty(user.displayName);
    case 'user.userPrincipalName':
    case 'user.upn':
      // As for profile variables: an imported `upn` attribute wins, else the e-mail, which is the
      // UPN in most Entra ID and AD tenants.
      return nonEmpty(user.attributes.upn) ?? nonEmpty(user.email);
    case 'user.givenName':
      return nonEmpty(user.givenName);
    case 'user.surname':
      return nonEmpty(user.surname);
    case 'user.department':
      return nonEmpty(user.department);
    case 'user.jobTitle':
      return nonEmpty(user.jobTitle);
    case 'user.employeeId':
      return nonEmpty(user.employeeId);
  }
}

/**
 * A value with the user's variables substituted, or undefined when the user lacks one of them: the
 * key is then left out of the configuration, so the app falls back to its own default rather than
 * reading a half-filled value (an e-mail setting of "").
 */
export function renderAppConfigurationValue(template: string, user: User | undefined): string | undefined {
  if (!template.includes('{{')) return template;
  const missing: string[] = [];
  const out = template.replace(placeholder, (whole, name: string) => {
    if (!isVariable(name)) return whole;
    const value = user === undefined ? undefined : appConfigurationVariableValue(name, user);
    if (value === undefined) {
      missing.push(name);
      return '';
    }
    return value;
  });
  return missing.length > 0 ? undefined : out;
}
