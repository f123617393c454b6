import type { CliIo } from '@ward/cli-kit';
import { formatTable } from './format-table.js';

/** How {@link printList} shows one kind of item. */
export interface ListLayout<T> {
  /** One JSON object per line instead of the table. */
  readonly json: boolean;
  /** Said on stderr when there is nothing to list: what to run to add one. */
  readonly empty: string;
  readonly header: readonly string[];
  readonly row: (item: T) => readonly string[];
  /** The JSON form of an item when it is more than the item itself (a derived state). */
  readonly jsonOf?: (item: T) => unknown;
}

/**
 * The output of every `ward … list`: JSON lines or a table on stdout, the empty-list hint and the
 * "raise --limit" note on stderr so a script reading stdout sees only the items.
 */
export function printList<T>(io: CliIo, { items, more }: { readonly items: readonly T[]; readonly more: boolean }, layout: ListLayout<T>): void {
  if (layout.json) {
    for (const item of items) io.stdout.write(`${JSON.stringify(layout.jsonOf === undefined ? item : layout.jsonOf(item))}\n`);
    return;
  }
  if (items.length === 0) {
    io.stderr.write(`${layout.empty}\n`);
    return;
  }
  io.stdout.write(formatTable(layout.header, items.map(layout.row)));
  if (more) io.stderr.write(`(first ${items.length}; raise --limit for more)\n`);
}
