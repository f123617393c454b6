import { firstLine } from '../run-tool.js';
import { available, unavailable, type SectionResult } from '../section-result.js';

/** FileVault as `fdesetup status` reports it. */
export type MacosFileVault = {
  state: 'on' | 'off' | 'encrypting' | 'decrypting';
  /** Only a finished, switched-on FileVault counts: during conversion part of the disk is plain. */
  encrypted: boolean;
  /** Conversion progress, when converting. */
  percentCompleted: number | null;
};

/**
 * Parses `fdesetup status`: "FileVault is On." / "FileVault is Off.", optionally followed by
 * "Encryption in progress: Percent completed = 42.17" or its decryption twin, or by a note about
 * deferred enablement (which does not change the state).
 */
export function parseFdesetupStatus(text: string): SectionResult<MacosFileVault> {
  const progress = /(Encryption|Decryption) in progress:.*?Percent completed = ([\d.]+)/i.exec(text);
  const percentCompleted = progress?.[2] === undefined ? null : Number(progress[2]);
  const percent = percentCompleted !== null && Number.isFinite(percentCompleted) ? percentCompleted : null;
  if (progress?.[1] !== undefined) {
    return available({ state: progress[1].toLowerCase() === 'encryption' ? 'encrypting' : 'decrypting', encrypted: false, percentCompleted: percent });
  }
  if (/FileVault is On\./.test(text)) return available({ state: 'on', encrypted: true, percentCompleted: null });
  if (/FileVault is Off\./.test(text)) return available({ state: 'off', encrypted: false, percentCompleted: null });
  return unavailable(`fdesetup status said: ${firstLine(text) || 'nothing'}`);
}
