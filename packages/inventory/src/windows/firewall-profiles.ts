import { asObject, textField } from '../json-fields.js';
import { available, unavailable, type SectionResult } from '../section-result.js';
import { parsePowerShellJsonList } from './powershell-json-list.js';

/** One Windows Defender Firewall profile. */
export type FirewallProfile = {
  /** Domain, Private or Public. */
  name: string;
  /** null when the store says NotConfigured (only policy stores do; the active store is resolved). */
  enabled: boolean | null;
};

/** GpoBoolean as ConvertTo-Json writes it: False 0, True 1, NotConfigured 2 (or the names, or real booleans). */
function gpoBoolean(value: unknown): boolean | null {
  if (value === true || value === 1 || value === 'True') return true;
  if (value === false || value === 0 || value === 'False') return false;
  return null;
}

/** Parses `Get-NetFirewallProfile | ConvertTo-Json`: normally three profiles. */
export function parseNetFirewallProfiles(text: string): SectionResult<FirewallProfile[]> {
  const list = parsePowerShellJsonList(text, 'Get-NetFirewallProfile');
  if (!list.ok) return list;
  const profiles: FirewallProfile[] = [];
  for (const item of list.value.slice(0, 16)) {
    const object = asObject(item);
    const name = object === null ? null : textField(object, 'Name', 64);
    if (object === null || name === null) continue;
    profiles.push({ name, enabled: gpoBoolean(object['Enabled']) });
  }
  return available(profiles);
}

/**
 * The firewall counts as on when every profile is enabled: Windows switches between them with the
 * network, so one disabled profile leaves the machine open on some networks.
 */
export function firewallOn(profiles: readonly FirewallProfile[]): SectionResult<boolean> {
  if (profiles.length === 0) return unavailable('Get-NetFirewallProfile listed no profiles');
  if (profiles.some((profile) => profile.enabled === false)) return available(false);
  if (profiles.some((profile) => profile.enabled === null)) return unavailable('a firewall profile is NotConfigured in the store that was read');
  return available(true);
}
