import { asObject, type JsonObject } from '../json-fields.js';
import { parseJsonText } from '../parse-json-text.js';
import { available, unavailable, type SectionResult } from '../section-result.js';

/**
 * Parses the output of `Get-CimInstance <singleton class> | ConvertTo-Json`: one object. A
 * one-item array (what `ConvertTo-Json -InputObject @(…)` prints) is accepted too.
 */
export function parsePowerShellJsonObject(text: string, what: string): SectionResult<JsonObject> {
  const json = parseJsonText(text, what);
  if (!json.ok) return json;
  const value: unknown = Array.isArray(json.value) && json.value.length === 1 ? json.value[0] : json.value;
  const object = asObject(value);
  return object === null ? unavailable(`${what} did not print one object`) : available(object);
}
