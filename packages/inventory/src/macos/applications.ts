import type { SoftwareEntry } from '@ward/agent-protocol';
import { inventoryLimits } from '../inventory-limits.js';
import { asObject, textField } from '../json-fields.js';
import { parseJsonText } from '../parse-json-text.js';
import { available, unavailable, type SectionResult } from '../section-result.js';
import { softwareEntryFrom } from '../software-entry-from.js';

/**
 * Parses `system_profiler SPApplicationsDataType -json` into software entries (source
 * "macos-app"). Apps without a version (some helpers and unsigned bundles) keep an empty version
 * rather than a guessed one.
 */
export function parseSpApplications(text: string): SectionResult<SoftwareEntry[]> {
  const json = parseJsonText(text, 'system_profiler SPApplicationsDataType');
  if (!json.ok) return json;
  const items = asObject(json.value)?.['SPApplicationsDataType'];
  if (!Array.isArray(items)) return unavailable('system_profiler printed no SPApplicationsDataType list');
  const entries: SoftwareEntry[] = [];
  for (const item of items) {
    const app = asObject(item);
    if (app === null) continue;
    const entry = softwareEntryFrom(textField(app, '_name') ?? '', textField(app, 'version') ?? '', 'macos-app');
    if (entry !== null) entries.push(entry);
    if (entries.length >= inventoryLimits.maxSoftwareEntries) break;
  }
  return available(entries);
}
