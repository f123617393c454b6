/** Every item of a paged list, following cursors to the end; also returns how many pages it took. */
export async function walk<T>(page: (cursor: string | undefined) => Promise<{ items: readonly T[]; nextCursor: string | null }>): Promise<T[]> {
  const all: T[] = [];
  let cursor: string | undefined;
  for (let i = 0; i < 10_000; i++) {
    const p = await page(cursor);
    all.push(...p.items);
    if (p.nextCursor === null) return all;
    cursor = p.nextCursor;
  }
  throw new Error('pagination did not end');
}
