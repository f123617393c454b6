import { Box, Group, Stack, Table, Text } from '@mantine/core';
import type { ComplianceHistory, ComplianceState } from '../../api/types';
import { complianceLabels } from '../../shared/labels';
import { ScrollTable } from '../../shared/scroll-table';
import { cssColor } from '../charts';

/** Bottom to top: the good news sits on the axis, the states that need work stack above it. */
const stackOrder: readonly ComplianceState[] = ['compliant', 'inGracePeriod', 'noncompliant', 'error', 'unknown', 'notApplicable'];
const stateColors: Readonly<Record<ComplianceState, string>> = { compliant: 'green.7', inGracePeriod: 'yellow.5', noncompliant: 'red.7', error: 'orange.6', unknown: 'gray.5', notApplicable: 'gray.3' };

type Point = ComplianceHistory['points'][number];

/** `2025-03-01` → `Mar 1`, from the UTC day (the API's days are UTC). */
function shortDay(day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  return Number.isNaN(date.getTime()) ? day : date.toLocaleDateString(undefined, { month: 'short', day: 'numeric', timeZone: 'UTC' });
}

/** A round number at or above `n` for the top of the scale (1, 2, 5 × 10^k). */
function niceCeiling(n: number): number {
  if (n <= 1) return 1;
  const magnitude = 10 ** Math.floor(Math.log10(n));
  const step = [1, 2, 5, 10].find((m) => m * magnitude >= n) ?? 10;
  return step * magnitude;
}

/** The states that are non-zero on some day, in stacking order; compliant and not compliant always. */
export function statesShown(points: readonly Point[]): ComplianceState[] {
  return stackOrder.filter((s) => s === 'compliant' || s === 'noncompliant' || points.some((p) => (p.byState?.[s] ?? 0) > 0));
}

/** What the chart says in one sentence, for its accessible name. */
export function historySummary(history: ComplianceHistory, subject: string): string {
  const recorded = history.points.filter((p) => p.byState !== null);
  const range = `${history.fromDay} to ${history.toDay} (UTC)`;
  const last = recorded.at(-1);
  if (last === undefined) return `${subject}, ${range}: no daily counts recorded yet.`;
  const latest = statesShown(history.points).map((s) => `${(last.byState?.[s] ?? 0).toLocaleString()} ${complianceLabels[s].label.toLowerCase()}`).join(', ');
  return `${subject} per day, ${range}, ${recorded.length} of ${history.points.length} days recorded. On ${last.day}: ${latest}.`;
}

/**
 * Devices per compliance state per day as stacked columns. The drawing is one `role="img"` with a
 * summary for its name; the exact numbers are in the table under it (a disclosure, so keyboard
 * and screen reader users reach every value). Days without a snapshot show as a grey tick on the
 * axis, never as a zero-height column that would read as "no devices".
 */
export function ComplianceHistoryChart({ history, subject }: { readonly history: ComplianceHistory; readonly subject: string }) {
  const { points } = history;
  const shown = statesShown(points);
  const top = niceCeiling(Math.max(0, ...points.map((p) => p.total ?? 0)));
  const width = 600;
  const height = 160;
  const gap = points.length > 60 ? 1 : 2;
  const column = points.length === 0 ? 0 : (width - gap * (points.length - 1)) / points.length;
  const ticks = points.length <= 1 ? points : [points[0], points[Math.floor((points.length - 1) / 2)], points.at(-1)];
  const summary = historySummary(history, subject);
  return (
    <Stack gap="xs">
      <Group gap={4} align="stretch" wrap="nowrap">
        <Stack justify="space-between" aria-hidden gap={0} style={{ flex: 'none' }}>
          <Text size="xs" c="dimmed" ta="right">{top.toLocaleString()}</Text>
          <Text size="xs" c="dimmed" ta="right">{(top / 2).toLocaleString()}</Text>
          <Text size="xs" c="dimmed" ta="right">0</Text>
        </Stack>
        <Box style={{ flex: 1, minWidth: 0 }}>
          <svg
            role="img"
            aria-label={summary}
            data-testid="compliance-history-chart"
            viewBox={`0 0 ${width} ${height}`}
            width="100%"
            height={height}
            preserveAspectRatio="none"
            style={{ display: 'block' }}
          >
            <line x1="0" x2={width} y1="0.5" y2="0.5" stroke="var(--mantine-color-gray-3)" strokeDasharray="4 4" />
            <line x1="0" x2={width} y1={height / 2} y2={height / 2} stroke="var(--mantine-color-gray-2)" strokeDasharray="4 4" />
            <line x1="0" x2={width} y1={height - 0.5} y2={height - 0.5} stroke="var(--mantine-color-gray-4)" />
            {points.map((p, i) => {
              const x = i * (column + gap);
              if (p.byState === null) {
                return (
                  <rect key={p.day} x={x} y={height - 3} width={column} height={3} fill="var(--mantine-color-gray-3)" data-gap="true">
                    <title>{`${p.day}: no count recorded`}</title>
                  </rect>
                );
              }
              let y = height;
              return (
                <g key={p.day}>
                  <title>{`${p.day}: ${shown.map((s) => `${complianceLabels[s].label} ${p.byState?.[s] ?? 0}`).join(', ')}`}</title>
                  {shown.map((s) => {
                    const value = p.byState?.[s] ?? 0;
                    if (value === 0) return null;
                    const h = (value / top) * height;
                    y -= h;
                    return <rect key={s} x={x} y={y} width={column} height={h} fill={cssColor(stateColors[s])} data-state={s} />;
                  })}
                </g>
              );
            })}
          </svg>
          <Group justify="space-between" aria-hidden mt={2}>
            {ticks.map((p) => (p === undefined ? null : <Text key={p.day} size="xs" c="dimmed">{shortDay(p.day)}</Text>))}
          </Group>
        </Box>
      </Group>
      <Group gap="md" component="ul" aria-label="Colours of the chart" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
        {shown.map((s) => (
          <Group key={s} component="li" gap={6} wrap="nowrap">
            <Box aria-hidden w={10} h={10} style={{ borderRadius: 2, background: cssColor(stateColors[s]) }} />
            <Text size="xs">{complianceLabels[s].label}</Text>
          </Group>
        ))}
        <Group component="li" gap={6} wrap="nowrap">
          <Box aria-hidden w={10} h={3} style={{ background: 'var(--mantine-color-gray-3)' }} />
          <Text size="xs">No count recorded</Text>
        </Group>
      </Group>
      <details>
        <summary><Text span size="sm">Show the numbers</Text></summary>
        <ScrollTable label="Compliance per day table" minWidth={520}>
          <Table fz="xs" striped data-testid="compliance-history-table">
            <Table.Caption>{summary}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">Day (UTC)</Table.Th>
                {shown.map((s) => <Table.Th key={s} scope="col" ta="right">{complianceLabels[s].label}</Table.Th>)}
                <Table.Th scope="col" ta="right">Total</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {[...points].reverse().map((p) => (
                <Table.Tr key={p.day}>
                  <Table.Th scope="row" fw={400}>{p.day}</Table.Th>
                  {p.byState === null
                    ? <Table.Td colSpan={shown.length + 1}><Text span size="xs" c="dimmed">No count recorded</Text></Table.Td>
                    : (
                      <>
                        {shown.map((s) => <Table.Td key={s} ta="right">{(p.byState?.[s] ?? 0).toLocaleString()}</Table.Td>)}
                        <Table.Td ta="right">{(p.total ?? 0).toLocaleString()}</Table.Td>
                      </>
                    )}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollTable>
      </details>
    </Stack>
  );
}
