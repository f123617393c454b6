/** What happened to one setting (or to a group of settings applied together). */
export interface SettingResult {
  readonly status: 'succeeded' | 'failed' | 'notApplicable';
  /** The reason, or for a success what the administrator should know. */
  readonly message?: string;
}

/** A setting that took effect, with notes. */
export function settingSucceeded(...notes: (string | undefined)[]): SettingResult {
  const kept = notes.filter((note): note is string => note !== undefined && note !== '');
  return kept.length === 0 ? { status: 'succeeded' } : { status: 'succeeded', message: kept.join('; ') };
}

/** A setting that did not take effect, with the reason. */
export function settingFailed(message: string): SettingResult {
  return { status: 'failed', message };
}

/** A setting this device cannot have, with the reason. */
export function settingNotApplicable(message: string): SettingResult {
  return { status: 'notApplicable', message };
}
