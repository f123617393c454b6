import type { SoftwareEntry } from '@ward/agent-protocol';
import { inventoryLimits } from '../inventory-limits.js';
import { asObject, textField } from '../json-fields.js';
import { available, type SectionResult } from '../section-result.js';
import { softwareEntryFrom } from '../software-entry-from.js';
import { parsePowerShellJsonList } from './powershell-json-list.js';

/**
 * Parses the Uninstall registry keys as JSON (`Get-ItemProperty …\Uninstall\* | ConvertTo-Json`)
 * into software entries (source "windows-registry"). Like Programs and Features, it skips keys
 * without a DisplayName, system components (SystemComponent = 1) and updates that belong to a
 * parent program (ParentKeyName); a program listed under both registry views appears once.
 */
export function parseInstalledPrograms(text: string): SectionResult<SoftwareEntry[]> {
  const list = parsePowerShellJsonList(text, 'installed programs');
  if (!list.ok) return list;
  const seen = new Set<string>();
  const entries: SoftwareEntry[] = [];
  for (const item of list.value) {
    const program = asObject(item);
    if (program === null || program['SystemComponent'] === 1 || textField(program, 'ParentKeyName') !== null) continue;
    const entry = softwareEntryFrom(textField(program, 'DisplayName', 1024) ?? '', textField(program, 'DisplayVersion', 1024) ?? '', 'windows-registry');
    if (entry === null) continue;
    const key = `${entry.name}\u0000${entry.version}`;
    if (seen.has(key)) continue;
    seen.add(key);
    entries.push(entry);
    if (entries.length >= inventoryLimits.maxSoftwareEntries) break;
  }
  return available(entries);
}
