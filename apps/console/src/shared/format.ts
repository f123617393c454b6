const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const relative = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });
const units: readonly [Intl.RelativeTimeFormatUnit, number][] = [['year', 31_536_000], ['month', 2_592_000], ['week', 604_800], ['day', 86_400], ['hour', 3_600], ['minute', 60]];

/** An instant as a local date and time; an em dash for none. */
export function formatDateTime(value: string | null | undefined): string {
  if (value === null || value === undefined) return '—';
  return dateTime.format(new Date(value));
}

/** An instant relative to now ("3 hours ago"); "never" for none. */
export function formatAgo(value: string | null | undefined, now = Date.now()): string {
  if (value === null || value === undefined) return 'never';
  const seconds = (Date.parse(value) - now) / 1000;
  for (const [unit, size] of units) if (Math.abs(seconds) >= size) return relative.format(Math.round(seconds / size), unit);
  return 'just now';
}

/** A byte count in binary units. */
export function formatBytes(bytes: number): string {
  const steps = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes;
  let step = 0;
  while (value >= 1024 && step < steps.length - 1) {
    value /= 1024;
    step++;
  }
  return `${value.toFixed(step === 0 ? 0 : 1)} ${steps[step] ?? 'B'}`;
}
