import { Button, Group, Text } from '@mantine/core';
import type { CursorPages } from './use-cursor-pages';

/** Previous/next buttons for a cursor-paginated list (the API gives no totals; pages are counted). */
export function CursorPager({ pages, nextCursor, loading, label }: { readonly pages: CursorPages; readonly nextCursor: string | null | undefined; readonly loading?: boolean; readonly label: string }) {
  return (
    <Group justify="space-between" component="nav" aria-label={`${label} pages`}>
      <Text size="sm" c="dimmed" aria-live="polite">Page {pages.pageNumber}</Text>
      <Group gap="xs">
        <Button variant="default" size="xs" disabled={pages.pageNumber === 1 || loading === true} onClick={pages.previous}>Previous</Button>
        <Button variant="default" size="xs" disabled={nextCursor === null || nextCursor === undefined || loading === true} onClick={() => { if (nextCursor) pages.next(nextCursor); }}>Next</Button>
      </Group>
    </Group>
  );
}
