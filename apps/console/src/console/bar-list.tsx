import { Anchor, Box, Group, Stack, Text } from '@mantine/core';
import { Link } from 'react-router';

/** One bar: a label, its count, and optionally where clicking it leads. */
export interface Bar {
  readonly label: string;
  readonly value: number;
  readonly to?: string;
  readonly color?: string;
}

/**
 * Horizontal bars as a list: each line names its label and count in text, so the chart reads the
 * same to a screen reader as it looks; the bar itself is decoration.
 */
export function BarList({ bars, label }: { readonly bars: readonly Bar[]; readonly label: string }) {
  const max = Math.max(1, ...bars.map((b) => b.value));
  if (bars.length === 0) return <Text size="sm" c="dimmed">No devices.</Text>;
  return (
    <Stack gap={6} component="ul" aria-label={label} style={{ listStyle: 'none', padding: 0, margin: 0 }}>
      {bars.map((bar) => (
        <li key={bar.label}>
          <Group justify="space-between" gap="xs" wrap="nowrap">
            {bar.to === undefined ? <Text size="sm">{bar.label}</Text> : <Anchor component={Link} to={bar.to} size="sm">{bar.label}</Anchor>}
            <Text size="sm" fw={600}>{bar.value.toLocaleString()}</Text>
          </Group>
          <Box aria-hidden h={8} bg="gray.1" style={{ borderRadius: 4 }}>
            <Box h={8} w={`${(bar.value / max) * 100}%`} bg={bar.color ?? 'blue.6'} style={{ borderRadius: 4, minWidth: bar.value > 0 ? 4 : 0 }} />
          </Box>
        </li>
      ))}
    </Stack>
  );
}
