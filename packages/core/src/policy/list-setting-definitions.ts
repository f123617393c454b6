import type { Principal } from '../kernel/context.js';
import type { ErrorCode } from '../kernel/errors.js';
import { ok, type Result } from '../kernel/result.js';
import type { Platform } from '../devices/model.js';
import { authorizePolicyRead } from './policy-access.js';
import { settingDefinitions, type SettingDefinition } from './settings-catalog.js';

/** Filters of the settings catalog. */
export interface ListSettingDefinitionsInput {
  /** Only settings this platform can take. */
  readonly platform?: Platform;
  /** Only settings of this category. */
  readonly category?: SettingDefinition['category'];
}

/** The settings catalog, for the console's profile editor and `ward policy settings`. */
export function listSettingDefinitions(principal: Principal, input: ListSettingDefinitionsInput = {}): Result<readonly SettingDefinition[], ErrorCode> {
  const allowed = authorizePolicyRead(principal);
  if (!allowed.ok) return allowed;
  return ok(settingDefinitions.filter((d) => (input.platform === undefined || d.platforms.includes(input.platform)) && (input.category === undefined || d.category === input.category)));
}
