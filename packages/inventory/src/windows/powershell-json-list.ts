import { parseJsonText } from '../parse-json-text.js';
import { available, type SectionResult } from '../section-result.js';

/**
 * Parses the output of `… | ConvertTo-Json` into a list, smoothing over PowerShell's quirks: a
 * pipeline of one object is printed as that object rather than a one-item array, a pipeline of
 * none prints nothing at all, Windows PowerShell may start the text with a UTF-8 byte order mark
 * and ends lines with CRLF. Malformed or cut JSON is unavailable.
 */
export function parsePowerShellJsonList(text: string, what: string): SectionResult<unknown[]> {
  if (text.replace(/^\uFEFF/, '').trim() === '') return available([]);
  const json = parseJsonText(text, what);
  if (!json.ok) return json;
  if (json.value === null) return available([]);
  return available(Array.isArray(json.value) ? json.value : [json.value]);
}
