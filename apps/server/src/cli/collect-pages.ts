import type { Page, Result } from '@ward/core';
import { CliExit, exitCodes } from './cli-exit.js';
import { exitOnFailure } from './exit-on-failure.js';

/** A `--limit <n>` value: a whole number above 0, or a usage error naming the flag. */
export function parseListLimit(text: string): number {
  const limit = Number(text);
  if (!Number.isInteger(limit) || limit < 1) throw new CliExit(exitCodes.usage, [`--limit: must be a whole number above 0, got ${JSON.stringify(text)}`]);
  return limit;
}

/**
 * Up to `limit` items of a paginated list use case, page after page (at most 100 a page, the
 * API's own bound); `more` tells that the list goes on past them. A refusal ends the command.
 */
export async function collectPages<T>(limit: number, list: (page: { readonly limit: number; readonly cursor?: string }) => Promise<Result<Page<T>>>): Promise<{ readonly items: T[]; readonly more: boolean }> {
  const items: T[] = [];
  let cursor: string | undefined;
  do {
    const page = await list({ limit: Math.min(100, limit - items.length), ...(cursor === undefined ? {} : { cursor }) });
    if (!page.ok) exitOnFailure(page);
    items.push(...page.value.items);
    cursor = page.value.nextCursor ?? undefined;
  } while (cursor !== undefined && items.length < limit);
  return { items, more: cursor !== undefined };
}
