const unitDays: Readonly<Record<string, number>> = { d: 1, w: 7, m: 30, y: 365 };

/**
 * Days in a lifetime written as `30d`, `12w`, `6m` (30-day months), `1y` or a bare number of days.
 * Undefined for anything else.
 */
export function parseDays(text: string): number | undefined {
  const match = /^\s*(\d{1,5})\s*([dwmy]?)\s*$/i.exec(text);
  if (match === null) return undefined;
  const days = Number(match[1]) * (unitDays[(match[2] ?? '').toLowerCase() || 'd'] ?? 1);
  return days > 0 ? days : undefined;
}
