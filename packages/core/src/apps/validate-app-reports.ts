import type { ErrorCode } from '../kernel/errors.js';
import type { Result } from '../kernel/result.js';
import { invalid, objectAt, oneOf, readFields, textValue } from '../policy/field-reader.js';
import { appLimits, appReportedStatuses, type AppReport } from './model.js';

/** Device error text: kept, with control characters other than newline and tab replaced (logs, CSV, terminals). */
function errorText(value: unknown, path: string): string {
  if (typeof value !== 'string') invalid(path, 'must be a string', 'APP_REPORT_INVALID');
  if (value.length > appLimits.errorChars) invalid(path, `must have at most ${appLimits.errorChars} characters`, 'APP_REPORT_INVALID');
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  return value.replace(/[\x00-\x08\x0b-\x1f\x7f]/g, ' ');
}

/**
 * Validates what a device reports about its apps (the check-in request's `apps.reports`): ids,
 * hashes, statuses, installed versions and error texts. The agent endpoint has validated the wire
 * shape already; the core checks again because it is the one place every entry point passes.
 * APP_REPORT_INVALID names the first bad field; an app reported twice is refused.
 */
export function validateAppReports(reports: unknown): Result<AppReport[], ErrorCode> {
  return readFields(() => {
    if (!Array.isArray(reports)) invalid('apps.reports', 'must be a list', 'APP_REPORT_INVALID');
    if (reports.length > appLimits.reportsPerCheckIn) invalid('apps.reports', `must have at most ${appLimits.reportsPerCheckIn} items`, 'APP_REPORT_INVALID');
    const seen = new Set<string>();
    return reports.map((value, i): AppReport => {
      const path = `apps.reports[${i}]`;
      const record = objectAt(value, path, ['id', 'hash', 'status', 'installedVersion', 'error']);
      const id = textValue(record.id, `${path}.id`, { max: 64, pattern: /^[A-Za-z0-9-]+$/, patternHint: 'an app id' });
      if (seen.has(id)) invalid(`${path}.id`, `reports ${id} twice`, 'APP_REPORT_INVALID');
      seen.add(id);
      const hash = textValue(record.hash, `${path}.hash`, { max: 64, pattern: /^[0-9a-f]{64}$/, patternHint: 'a lower-case hex SHA-256' });
      const status = oneOf(record, 'status', path, appReportedStatuses);
      const installedVersion = record.installedVersion === undefined ? undefined : textValue(record.installedVersion, `${path}.installedVersion`, { min: 0, max: 100 });
      const error = record.error === undefined ? undefined : errorText(record.error, `${path}.error`);
      return { id, hash, status, ...(installedVersion === undefined ? {} : { installedVersion }), ...(error === undefined ? {} : { error }) };
    });
  }, 'APP_REPORT_INVALID');
}
