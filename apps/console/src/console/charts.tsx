import { Anchor, Box, Group, Stack, Text, VisuallyHidden } from '@mantine/core';
import { Link } from 'react-router';

/** A Mantine color (`green.6`) as a CSS value. */
export function cssColor(color: string): string {
  const [name, shade] = color.split('.');
  return shade === undefined ? `var(--mantine-color-${name ?? 'gray'}-6)` : `var(--mantine-color-${name ?? 'gray'}-${shade})`;
}

/** One part of a whole: a label, its count, its color, and where clicking it leads. */
export interface Segment {
  readonly label: string;
  readonly value: number;
  readonly color: string;
  readonly to?: string;
}

function Legend({ segments, total, label }: { readonly segments: readonly Segment[]; readonly total: number; readonly label: string }) {
  return (
    <Stack gap={4} component="ul" aria-label={label} style={{ listStyle: 'none', padding: 0, margin: 0, flex: 1, minWidth: 160 }}>
      {segments.map((s) => (
        <Group key={s.label} component="li" gap="xs" wrap="nowrap" justify="space-between">
          <Group gap={6} wrap="nowrap">
            <Box aria-hidden w={10} h={10} style={{ borderRadius: 2, flex: 'none', background: cssColor(s.color) }} />
            {s.to === undefined ? <Text size="sm">{s.label}</Text> : <Anchor component={Link} to={s.to} size="sm">{s.label}</Anchor>}
          </Group>
          <Text size="sm" fw={600}>
            {s.value.toLocaleString()}
            <Text span size="xs" c="dimmed" fw={400}> {total === 0 ? '' : `${Math.round((s.value / total) * 100)}%`}</Text>
          </Text>
        </Group>
      ))}
    </Stack>
  );
}

/**
 * A donut of the parts of a whole, the total in its middle and the parts listed beside it with
 * their counts: the list is what a screen reader reads; the drawing is decoration.
 */
export function DonutChart({ segments, label, totalLabel }: { readonly segments: readonly Segment[]; readonly label: string; readonly totalLabel: string }) {
  const total = segments.reduce((n, s) => n + s.value, 0);
  const radius = 15.9155; // circumference 100: dash lengths are percentages
  let offset = 25; // start at twelve o'clock
  const arcs = segments.filter((s) => s.value > 0).map((s) => {
    const length = (s.value / Math.max(total, 1)) * 100;
    const arc = { ...s, length, offset };
    offset -= length;
    return arc;
  });
  return (
    <Group align="center" gap="lg" wrap="wrap">
      <Box pos="relative" w={140} h={140} style={{ flex: 'none' }}>
        <svg viewBox="0 0 42 42" width={140} height={140} aria-hidden focusable="false">
          <circle cx="21" cy="21" r={radius} fill="none" stroke="var(--mantine-color-gray-1)" strokeWidth="6" />
          {arcs.map((a) => (
            <circle key={a.label} cx="21" cy="21" r={radius} fill="none" stroke={cssColor(a.color)} strokeWidth="6" strokeDasharray={`${a.length} ${100 - a.length}`} strokeDashoffset={a.offset}>
              <title>{`${a.label}: ${a.value}`}</title>
            </circle>
          ))}
        </svg>
        <Stack gap={0} align="center" justify="center" pos="absolute" inset={0} aria-hidden>
          <Text fw={700} size="lg" lh={1.1}>{total.toLocaleString()}</Text>
          <Text size="xs" c="dimmed">{totalLabel}</Text>
        </Stack>
      </Box>
      <Legend segments={segments} total={total} label={label} />
    </Group>
  );
}

/** A short date for an axis label (`2025-03-01` → `Mar 1`), from the UTC day. */
function shortDay(day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  return Number.isNaN(date.getTime()) ? day : date.toLocaleDateString(undefined, { month: 'short', day: 'numeric', timeZone: 'UTC' });
}

/**
 * Columns per day with a scale and a few dates under them. The counts are spelled out for
 * assistive technology in the caption; the columns carry a tooltip each.
 */
export function DayColumnChart({ days, label, color = 'blue.7' }: { readonly days: readonly { readonly day: string; readonly count: number }[]; readonly label: string; readonly color?: string }) {
  const max = Math.max(1, ...days.map((d) => d.count));
  const width = 600;
  const height = 140;
  const gap = 2;
  const column = days.length === 0 ? 0 : (width - gap * (days.length - 1)) / days.length;
  const ticks = days.length <= 1 ? days : [days[0], days[Math.floor((days.length - 1) / 2)], days.at(-1)];
  return (
    <Box component="figure" m={0}>
      <Group justify="space-between" aria-hidden mb={2}><Text size="xs" c="dimmed">{max.toLocaleString()}</Text></Group>
      <svg viewBox={`0 0 ${width} ${height}`} width="100%" height={height} preserveAspectRatio="none" aria-hidden focusable="false" style={{ display: 'block' }}>
        <line x1="0" x2={width} y1="0.5" y2="0.5" stroke="var(--mantine-color-gray-3)" strokeDasharray="4 4" />
        <line x1="0" x2={width} y1={height - 0.5} y2={height - 0.5} stroke="var(--mantine-color-gray-4)" />
        {days.map((d, i) => {
          const h = d.count === 0 ? 0 : Math.max(2, (d.count / max) * (height - 4));
          return (
            <rect key={d.day} x={i * (column + gap)} y={height - h} width={column} height={h} rx={2} fill={cssColor(color)}>
              <title>{`${d.day}: ${d.count}`}</title>
            </rect>
          );
        })}
      </svg>
      <Group justify="space-between" aria-hidden mt={2}>
        {ticks.map((d) => (d === undefined ? null : <Text key={d.day} size="xs" c="dimmed">{shortDay(d.day)}</Text>))}
      </Group>
      <VisuallyHidden component="figcaption">
        {label}: {days.map((d) => `${d.day} ${d.count}`).join(', ')}
      </VisuallyHidden>
    </Box>
  );
}

const stackPalette = ['blue.7', 'teal.6', 'violet.6', 'orange.6', 'cyan.7', 'pink.6', 'lime.7', 'indigo.5', 'yellow.6', 'grape.6'] as const;

/** A color of the palette stacked bars use, by position. */
export function stackColor(index: number): string {
  return stackPalette[index % stackPalette.length] ?? 'gray.5';
}

/** One bar split into parts (OS versions of a platform), the parts listed under it. */
export function StackedBar({ title, segments, label }: { readonly title: string; readonly segments: readonly Segment[]; readonly label: string }) {
  const total = segments.reduce((n, s) => n + s.value, 0);
  return (
    <Stack gap={4}>
      <Group justify="space-between"><Text size="sm" fw={600}>{title}</Text><Text size="sm" c="dimmed">{total.toLocaleString()}</Text></Group>
      <Group gap={0} h={10} wrap="nowrap" aria-hidden style={{ borderRadius: 4, overflow: 'hidden', background: 'var(--mantine-color-gray-1)' }}>
        {segments.filter((s) => s.value > 0).map((s) => <Box key={s.label} h={10} title={`${s.label}: ${s.value}`} style={{ width: `${(s.value / Math.max(total, 1)) * 100}%`, background: cssColor(s.color) }} />)}
      </Group>
      <Legend segments={segments} total={total} label={label} />
    </Stack>
  );
}
