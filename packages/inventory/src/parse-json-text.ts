import { describeError } from './describe-error.js';
import { available, unavailable, type SectionResult } from './section-result.js';

/**
 * Parses a tool's JSON output. A UTF-8 byte order mark (which Windows PowerShell writes when its
 * output encoding is set to UTF-8) is dropped; malformed or cut JSON becomes a reason, not a throw.
 */
export function parseJsonText(text: string, what: string): SectionResult<unknown> {
  const body = text.replace(/^\uFEFF/, '').trim();
  if (body === '') return unavailable(`${what} printed nothing`);
  try {
    return available(JSON.parse(body) as unknown);
  } catch (error) {
    return unavailable(`${what} printed malformed JSON: ${describeError(error)}`);
  }
}
