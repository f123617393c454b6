/** The escape character of every LIKE pattern Ward builds. */
export const likeEscape = '\\';

/**
 * A LIKE pattern matching `text` anywhere, lower-cased to match the lower-cased key columns.
 * `%`, `_` and the escape character in user input match themselves, not as wildcards.
 */
export function containsPattern(text: string): string {
  return `%${text.toLowerCase().replace(/[\\%_]/g, (c) => likeEscape + c)}%`;
}
