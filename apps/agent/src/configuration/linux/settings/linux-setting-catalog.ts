/** How a setting's value is checked, as the server's settings catalog defines it. */
export type SettingType =
  | { readonly type: 'boolean' }
  | { readonly type: 'integer'; readonly min: number; readonly max: number }
  | { readonly type: 'enum'; readonly values: readonly string[] }
  | { readonly type: 'string'; readonly maxLength: number };

/** The settings catalog's ids and value types (the catalog on the server is the source; these mirror it). */
export const settingTypes: Readonly<Record<string, SettingType>> = {
  'passcode.required': { type: 'boolean' },
  'passcode.minimumLength': { type: 'integer', min: 4, max: 64 },
  'passcode.complexity': { type: 'enum', values: ['none', 'numeric', 'alphanumeric', 'complex'] },
  'passcode.maxInactivitySeconds': { type: 'integer', min: 60, max: 86_400 },
  'passcode.expiryDays': { type: 'integer', min: 0, max: 730 },
  'passcode.historyCount': { type: 'integer', min: 0, max: 50 },
  'encryption.required': { type: 'boolean' },
  'firewall.enabled': { type: 'boolean' },
  'screenLock.timeoutSeconds': { type: 'integer', min: 0, max: 86_400 },
  'osUpdate.deadlineDays': { type: 'integer', min: 0, max: 90 },
  'restrictions.cameraDisabled': { type: 'boolean' },
  'restrictions.screenshotDisabled': { type: 'boolean' },
  'restrictions.usbStorageDisabled': { type: 'boolean' },
  'softwareUpdate.automaticDownload': { type: 'boolean' },
  'softwareUpdate.automaticInstall': { type: 'boolean' },
  'softwareUpdate.deferralDays': { type: 'integer', min: 0, max: 90 },
  'lockScreen.message': { type: 'string', maxLength: 200 },
};

/** Settings Linux has no counterpart for, with the reason reported for each. */
export const notApplicableOnLinux: Readonly<Record<string, string>> = {
  'passcode.required':
    'Linux has no device passcode apart from account passwords, which every account already has; Ward does not change how accounts sign in',
  'encryption.required': 'disk encryption (LUKS) is chosen when Linux is installed; a running system cannot be encrypted by the agent',
  'restrictions.screenshotDisabled': 'Linux desktops have no system-wide switch that blocks screenshots',
  'osUpdate.deadlineDays': 'Linux package managers have no update deadline; use softwareUpdate.automaticInstall instead',
  'softwareUpdate.deferralDays': 'APT and DNF automatic updates have no deferral period',
};

/**
 * A setting value checked against its type: the value, why it is refused, or (`unknown`) that this
 * agent does not know the setting — one added to the server's catalog after this agent was built.
 */
export function checkSettingValue(
  id: string,
  value: unknown,
): { readonly ok: true; readonly value: boolean | number | string } | { readonly ok: false; readonly unknown: boolean; readonly error: string } {
  const type = settingTypes[id];
  if (type === undefined) return { ok: false, unknown: true, error: `this agent version does not know the setting ${JSON.stringify(id.slice(0, 100))}` };
  const refuse = (error: string) => ({ ok: false, unknown: false, error }) as const;
  switch (type.type) {
    case 'boolean':
      return typeof value === 'boolean' ? { ok: true, value } : refuse(`${id} expects true or false, got ${describe(value)}`);
    case 'integer':
      return typeof value === 'number' && Number.isInteger(value) && value >= type.min && value <= type.max
        ? { ok: true, value }
        : refuse(`${id} expects a whole number from ${type.min} to ${type.max}, got ${describe(value)}`);
    case 'enum':
      return typeof value === 'string' && type.values.includes(value)
        ? { ok: true, value }
        : refuse(`${id} expects one of ${type.values.join(', ')}, got ${describe(value)}`);
    case 'string':
      return typeof value === 'string' && value.length <= type.maxLength ? { ok: true, value } : refuse(`${id} expects text of at most ${type.maxLength} characters`);
  }
}

function describe(value: unknown): string {
  return typeof value === 'string' ? JSON.stringify(value.slice(0, 40)) : String(value);
}
