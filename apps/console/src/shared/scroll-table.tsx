import { Box } from '@mantine/core';
import type { ReactNode } from 'react';

/**
 * A wide table that scrolls sideways in a narrow space. The scrolling box takes keyboard focus
 * and has a name, so keyboard users can scroll it too (axe: scrollable-region-focusable).
 */
export function ScrollTable({ label, minWidth, children }: { readonly label: string; readonly minWidth: number; readonly children: ReactNode }) {
  return (
    <Box role="region" aria-label={label} tabIndex={0} style={{ overflowX: 'auto' }}>
      <Box miw={minWidth}>{children}</Box>
    </Box>
  );
}
