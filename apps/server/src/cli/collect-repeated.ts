/** A commander option parser for a repeatable flag (`--scope a --scope b`): every value, in order. */
export function collectRepeated(value: string, previous: string[]): string[] {
  return [...previous, value];
}
