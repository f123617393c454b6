import { firstLine } from '../run-tool.js';
import { available, unavailable, type SectionResult } from '../section-result.js';

/** The macOS Application Firewall. */
export type MacosFirewall = {
  enabled: boolean;
  /** 0 off, 1 on, 2 on and blocking all incoming connections. */
  state: number | null;
};

/**
 * Parses `socketfilterfw --getglobalstate`: "Firewall is enabled. (State = 1)" or "Firewall is
 * disabled. (State = 0)". The state number decides when present; older releases print the
 * sentence alone.
 */
export function parseSocketfilterfwGlobalState(text: string): SectionResult<MacosFirewall> {
  const state = /\(State = (\d)\)/.exec(text)?.[1];
  if (state !== undefined) return available({ enabled: Number(state) > 0, state: Number(state) });
  if (/Firewall is enabled/i.test(text)) return available({ enabled: true, state: null });
  if (/Firewall is disabled/i.test(text)) return available({ enabled: false, state: null });
  return unavailable(`socketfilterfw said: ${firstLine(text) || 'nothing'}`);
}
