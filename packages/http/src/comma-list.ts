/**
 * The members of a comma-separated query value that are in `allowed`, deduplicated, in order. The
 * route's schema has already refused anything else; filtering again gives the narrowed type
 * without a cast.
 */
export function commaList<const T extends string>(text: string | undefined, allowed: readonly T[]): T[] | undefined {
  if (text === undefined) return undefined;
  const wanted = new Set(text.split(','));
  return allowed.filter((value) => wanted.has(value));
}
