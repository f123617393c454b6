import type { ErrorCode } from '../kernel/errors.js';
import type { Result } from '../kernel/result.js';
import { invalid, list, objectAt, oneOf, readFields, textValue } from './field-reader.js';
import { reportedItemStatuses, reportedSettingStatuses, type ConfigurationReport, type SettingReport } from './model.js';
import { findSettingDefinition } from './settings-catalog.js';

/** A device reports at most this many items per check-in (it holds at most as many profiles). */
export const maxConfigurationReports = 500;
/** The device's own error text is kept up to this length. */
export const maxReportErrorLength = 2000;

/**
 * Device error text is free text from another machine: kept, but with control characters other
 * than newline and tab replaced, so it cannot break logs, CSV exports or terminals.
 */
function errorText(value: unknown, path: string): string {
  if (typeof value !== 'string') invalid(path, 'must be a string', 'CONFIGURATION_REPORT_INVALID');
  if (value.length > maxReportErrorLength) invalid(path, `must have at most ${maxReportErrorLength} characters`, 'CONFIGURATION_REPORT_INVALID');
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  return value.replace(/[\x00-\x08\x0b-\x1f\x7f]/g, ' ');
}

/**
 * Validates what a device reports about its configuration items (the check-in request's
 * `configuration.reports`): ids, hashes, statuses, error texts and per-setting outcomes.
 * CONFIGURATION_REPORT_INVALID names the first bad field.
 */
export function validateConfigurationReports(reports: unknown): Result<ConfigurationReport[], ErrorCode> {
  return readFields(() => {
    if (!Array.isArray(reports)) invalid('reports', 'must be a list', 'CONFIGURATION_REPORT_INVALID');
    if (reports.length > maxConfigurationReports) invalid('reports', `must have at most ${maxConfigurationReports} items`, 'CONFIGURATION_REPORT_INVALID');
    const seen = new Set<string>();
    return reports.map((value, i): ConfigurationReport => {
      const path = `reports[${i}]`;
      const r = readReport(value, path);
      if (seen.has(r.id)) invalid(`${path}.id`, `reports ${r.id} twice`, 'CONFIGURATION_REPORT_INVALID');
      seen.add(r.id);
      return r;
    });
  }, 'CONFIGURATION_REPORT_INVALID');
}

function readReport(value: unknown, path: string): ConfigurationReport {
  const record = objectAt(value, path, ['id', 'hash', 'status', 'error', 'settings']);
  const id = textValue(record.id, `${path}.id`, { max: 64, pattern: /^[A-Za-z0-9-]+$/, patternHint: 'a profile id' });
  const hash = textValue(record.hash, `${path}.hash`, { max: 64, pattern: /^[0-9a-f]{64}$/, patternHint: 'a lower-case hex SHA-256' });
  const status = oneOf(record, 'status', path, reportedItemStatuses);
  const error = record.error === undefined ? undefined : errorText(record.error, `${path}.error`);
  const settings = record.settings === undefined ? undefined : list(record, 'settings', path, { max: 200 }, readSetting);
  return { id, hash, status, ...(error === undefined ? {} : { error }), ...(settings === undefined ? {} : { settings }) };
}

function readSetting(value: unknown, path: string): SettingReport {
  const record = objectAt(value, path, ['id', 'status', 'error']);
  const id = textValue(record.id, `${path}.id`, { max: 100 });
  if (findSettingDefinition(id) === undefined) invalid(`${path}.id`, `${id} is not a catalog setting`, 'CONFIGURATION_REPORT_INVALID');
  const status = oneOf(record, 'status', path, reportedSettingStatuses);
  const error = record.error === undefined ? undefined : errorText(record.error, `${path}.error`);
  return { id, status, ...(error === undefined ? {} : { error }) };
}
