/**
 * A CIM datetime as ConvertTo-Json prints it, as an ISO 8601 string; null when absent or not a
 * date. Windows PowerShell 5.1 writes `"\/Date(1712038531500)\/"` (milliseconds since 1970; the
 * JSON escape leaves `/Date(…)/` after parsing), sometimes wrapped as `{ "value": …, "DateTime":
 * "…" }`; PowerShell 7 writes ISO 8601 text.
 */
export function parseCimDate(value: unknown): string | null {
  if (typeof value === 'object' && value !== null && !Array.isArray(value) && 'value' in value) return parseCimDate(value.value);
  if (typeof value !== 'string') return null;
  const legacy = /^\/Date\((-?\d{1,15})(?:[+-]\d{4})?\)\/$/.exec(value.trim());
  const date = legacy?.[1] !== undefined ? new Date(Number(legacy[1])) : /^\d{4}-\d{2}-\d{2}T/.test(value) ? new Date(value) : null;
  return date === null || Number.isNaN(date.getTime()) ? null : date.toISOString();
}
