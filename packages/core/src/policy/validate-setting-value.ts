import { hasControlCharacters } from '../kernel/control-characters.js';
import { fail, ok, type Result } from '../kernel/result.js';
import type { SettingValue } from './model.js';
import { findSettingDefinition, type SettingDefinition } from './settings-catalog.js';
import { templateVariables } from './variables.js';

export type SettingErrorCode = 'SETTING_UNKNOWN' | 'SETTING_VALUE_INVALID' | 'PROFILE_VARIABLE_UNKNOWN';

/**
 * Checks one setting value against the catalog: the setting exists, the value has its type and
 * lies in its range (integers), among its values (enums), or within its length (strings, whose
 * variables must be known). The one check every entry point (API, CLI, policy files) goes through.
 */
export function validateSettingValue(id: string, value: unknown): Result<SettingValue, SettingErrorCode> {
  const definition = findSettingDefinition(id);
  if (definition === undefined) return fail('SETTING_UNKNOWN', `There is no setting ${truncate(id)} in the settings catalog.`, { setting: truncate(id) });
  return checkValue(definition, value);
}

function checkValue(definition: SettingDefinition, value: unknown): Result<SettingValue, SettingErrorCode> {
  const id = definition.id;
  const wrong = (message: string): Result<never, 'SETTING_VALUE_INVALID'> => fail('SETTING_VALUE_INVALID', `${id}: ${message}`, { setting: id });
  const type = definition.value;
  switch (type.type) {
    case 'boolean':
      return typeof value === 'boolean' ? ok(value) : wrong('must be true or false.');
    case 'integer':
      if (typeof value !== 'number' || !Number.isInteger(value)) return wrong(`must be a whole number of ${type.unit}.`);
      if (value < type.min || value > type.max) return wrong(`must be between ${type.min} and ${type.max} ${type.unit}.`);
      return ok(value);
    case 'enum':
      return typeof value === 'string' && type.values.includes(value) ? ok(value) : wrong(`must be one of ${type.values.join(', ')}.`);
    case 'string': {
      if (typeof value !== 'string') return wrong('must be text.');
      if (value.length > type.maxLength) return wrong(`must have at most ${type.maxLength} characters.`);
      if (hasControlCharacters(value)) return wrong('must not contain control characters.');
      const variables = templateVariables(value, id);
      return variables.ok ? ok(value) : variables;
    }
  }
}

function truncate(text: string): string {
  return text.length > 100 ? `${text.slice(0, 100)}…` : text;
}
