import { hasControlCharacters } from '../kernel/control-characters.js';
import { ok, type Result } from '../kernel/result.js';
import { appConfigurationTemplateProblem } from './app-configuration-variables.js';
import { invalid, MamInvalid, mamTargets, record, text } from './mam-fields.js';
import { mamPolicyLimits, type AppConfigurationPolicy, type AppConfigurationSettings } from './model.js';

/** An app configuration policy as an admin writes it, read as untrusted. */
export interface AppConfigurationPolicyInput {
  readonly name: unknown;
  readonly description?: unknown;
  /** Key → text value; values may use `{{user.email}}` and the other user variables. */
  readonly settings: unknown;
  readonly targets: unknown;
}

/** The validated fields of a configuration policy. */
export type ValidAppConfigurationPolicyFields = Pick<AppConfigurationPolicy, 'name' | 'description' | 'settings' | 'targets'>;

// Keys that would reach an object's prototype when a consumer copies the settings into a plain object.
const reservedKeys = new Set(['__proto__', 'constructor', 'prototype']);

/** Settings: at most 200 keys of 1–256 visible characters, each a text value of at most 4096 characters. */
export function appConfigurationSettings(value: unknown): AppConfigurationSettings {
  const field = 'settings';
  if (typeof value !== 'object' || value === null || Array.isArray(value)) invalid(field, 'must be an object of key → text value');
  const entries = Object.entries(value as Record<string, unknown>);
  if (entries.length > mamPolicyLimits.settings) invalid(field, `may hold at most ${mamPolicyLimits.settings} keys; this one holds ${entries.length}`, { limit: mamPolicyLimits.settings });
  const out: [string, string][] = [];
  for (const [key, raw] of entries) {
    const f = `${field}.${key.slice(0, 64)}`;
    if (key.length === 0 || key.length > mamPolicyLimits.settingKeyLength || key.trim() !== key || hasControlCharacters(key)) {
      invalid(f, `is not a usable key: 1 to ${mamPolicyLimits.settingKeyLength} characters, no control characters, no surrounding spaces`);
    }
    if (reservedKeys.has(key)) invalid(f, 'is a reserved name');
    if (typeof raw !== 'string') invalid(f, 'must be text (write numbers and booleans as text: "42", "true")');
    if (raw.length > mamPolicyLimits.settingValueLength) invalid(f, `must have at most ${mamPolicyLimits.settingValueLength} characters`, { limit: mamPolicyLimits.settingValueLength });
    if (hasControlCharacters(raw.replace(/[\t\n\r]/g, ''))) invalid(f, 'must not contain control characters');
    const problem = appConfigurationTemplateProblem(raw);
    if (problem !== undefined) invalid(f, problem);
    out.push([key, raw]);
  }
  out.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return Object.fromEntries(out);
}

/**
 * Checks a configuration policy's fields and returns them normalised (trimmed name, keys sorted,
 * duplicate apps and groups dropped). Failures are APP_CONFIGURATION_POLICY_INVALID with the
 * offending `field`.
 */
export function validateAppConfigurationPolicy(input: AppConfigurationPolicyInput): Result<ValidAppConfigurationPolicyFields, 'APP_CONFIGURATION_POLICY_INVALID'> {
  try {
    record(input, 'policy', ['name', 'description', 'settings', 'targets']);
    return ok({
      name: text(input.name, 'name', { min: 1, max: mamPolicyLimits.nameLength }),
      description: input.description === undefined || input.description === null ? '' : text(input.description, 'description', { min: 0, max: mamPolicyLimits.descriptionLength, multiline: true }),
      settings: appConfigurationSettings(input.settings),
      targets: mamTargets(input.targets),
    });
  } catch (error) {
    if (error instanceof MamInvalid) return error.failure('APP_CONFIGURATION_POLICY_INVALID');
    throw error;
  }
}
