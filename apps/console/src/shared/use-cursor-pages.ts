import { useCallback, useState } from 'react';

/** Keyset pagination as the API does it: a cursor per page, a stack to go back. */
export interface CursorPages {
  /** The cursor of the page shown; undefined on the first. */
  readonly cursor: string | undefined;
  /** 1 on the first page. */
  readonly pageNumber: number;
  readonly next: (nextCursor: string) => void;
  readonly previous: () => void;
  /** Back to the first page (filters or sort changed: old cursors mean nothing now). */
  readonly reset: () => void;
}

/** Cursor state for one list; `reset` whenever what the list is asked for changes. */
export function useCursorPages(): CursorPages {
  const [stack, setStack] = useState<readonly string[]>([]);
  const next = useCallback((nextCursor: string) => { setStack((s) => [...s, nextCursor]); }, []);
  const previous = useCallback(() => { setStack((s) => s.slice(0, -1)); }, []);
  const reset = useCallback(() => { setStack([]); }, []);
  return { cursor: stack.at(-1), pageNumber: stack.length + 1, next, previous, reset };
}
