const unitHours: Readonly<Record<string, number>> = { h: 1, d: 24, w: 168 };

/**
 * Hours in a lifetime written as `24h`, `7d`, `2w` or a bare number of hours. Undefined for
 * anything else.
 */
export function parseHours(text: string): number | undefined {
  const match = /^\s*(\d{1,6})\s*([hdw]?)\s*$/i.exec(text);
  if (match === null) return undefined;
  const hours = Number(match[1]) * (unitHours[(match[2] ?? '').toLowerCase() || 'h'] ?? 1);
  return hours > 0 ? hours : undefined;
}
