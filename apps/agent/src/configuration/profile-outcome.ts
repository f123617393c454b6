import type { SettingReport } from '@ward/agent-protocol';

/** What applying one profile came to, before it becomes a report. */
export interface ProfileOutcome {
  readonly status: 'succeeded' | 'failed' | 'notApplicable';
  /** The reason (failed, not applicable) or what the administrator should know (succeeded). */
  readonly message?: string;
  readonly settings?: readonly SettingReport[];
}

/** A profile that did not apply, with the reason. */
export function failedOutcome(message: string): ProfileOutcome {
  return { status: 'failed', message };
}

/** A profile this device cannot apply, with the reason. */
export function notApplicableOutcome(message: string): ProfileOutcome {
  return { status: 'notApplicable', message };
}

/**
 * A settings profile's status from its settings: failed when any failed; not applicable when none
 * could apply; succeeded otherwise (the settings list says which ones were not applicable).
 */
export function outcomeOfSettings(settings: readonly SettingReport[]): ProfileOutcome {
  if (settings.length === 0) return { status: 'succeeded', message: 'the profile has no settings', settings };
  const failed = settings.filter((s) => s.status === 'failed').length;
  const succeeded = settings.filter((s) => s.status === 'succeeded').length;
  const notApplicable = settings.length - failed - succeeded;
  if (failed > 0) return { status: 'failed', message: `${failed} of ${settings.length} settings failed`, settings };
  if (succeeded === 0) return { status: 'notApplicable', message: 'none of the settings apply to this device', settings };
  return notApplicable === 0 ? { status: 'succeeded', settings } : { status: 'succeeded', message: `${notApplicable} of ${settings.length} settings are not applicable on this device`, settings };
}

/** Joins notes into one message, or undefined when there are none. */
export function joinNotes(notes: readonly (string | undefined)[]): string | undefined {
  const kept = notes.filter((note): note is string => note !== undefined && note !== '');
  return kept.length === 0 ? undefined : kept.join('; ');
}
