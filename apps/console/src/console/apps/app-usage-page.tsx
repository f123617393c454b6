import { Anchor, Card, Group, Paper, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api, ok } from '../../api/client';
import { ErrorAlert } from '../../shared/error-alert';
import { formatDateTime } from '../../shared/format';
import { PageHeader } from '../../shared/page-header';
import { ScrollTable } from '../../shared/scroll-table';
import { DayColumnChart } from '../charts';
import type { AppUsageReport } from './app-types';
import { AppIdentifierPicker } from './mam-pickers';
import { MamNav } from './mam-nav';
import { daysBetween } from './usage-days';

type UsageApp = AppUsageReport['apps'][number];

/** An app's days with use spread over the whole range: days without use count 0 (the report leaves them out). */
function series(app: UsageApp, days: readonly string[], pick: (d: UsageApp['days'][number]) => number) {
  const byDay = new Map(app.days.map((d) => [d.day, d]));
  return days.map((day) => {
    const found = byDay.get(day);
    return { day, count: found === undefined ? 0 : pick(found) };
  });
}

function AppCharts({ app, days }: { readonly app: UsageApp; readonly days: readonly string[] }) {
  return (
    <Card withBorder component="section" aria-labelledby={`usage-${app.appIdentifier}`}>
      <Title order={2} size="h4" id={`usage-${app.appIdentifier}`} mb="sm">{app.appIdentifier}</Title>
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
        <Stack gap={4}>
          <Text size="sm" fw={500}>Launches per day</Text>
          <DayColumnChart days={series(app, days, (d) => d.launches)} label={`Launches of ${app.appIdentifier} per day`} />
        </Stack>
        <Stack gap={4}>
          <Text size="sm" fw={500}>Active users per day</Text>
          <DayColumnChart days={series(app, days, (d) => d.activeUsers)} label={`Active users of ${app.appIdentifier} per day`} color="teal.7" />
        </Stack>
      </SimpleGrid>
    </Card>
  );
}

/** `/app-protection/usage`: launches and active users per day of apps with the Ward SDK, as they report them. */
export function AppUsagePage() {
  const [app, setApp] = useState<string | null>(null);
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [shown, setShown] = useState<string | undefined>();
  const query = { ...(app === null ? {} : { appIdentifier: app }), ...(from === '' ? {} : { from }), ...(to === '' ? {} : { to }) };
  const report = useQuery({ queryKey: ['app-usage', query], queryFn: () => ok(api.GET('/api/v1/app-usage', { params: { query } })), placeholderData: keepPreviousData });
  const data = report.data;
  const days = data === undefined ? [] : daysBetween(data.from, data.to);
  const apps = data?.apps ?? [];
  const charted = apps.find((a) => a.appIdentifier === shown) ?? apps[0];
  return (
    <>
      <PageHeader title="App usage" description="How often apps with the Ward SDK are launched, and by how many people, per UTC day, as the apps report at their check-ins." />
      <MamNav />
      <Paper withBorder p="sm" mb="md">
        <Group gap="sm" align="flex-end">
          <AppIdentifierPicker label="App" value={app} onChange={setApp} w={300} />
          <TextInput type="date" label="From" value={from} onChange={(e) => { setFrom(e.currentTarget.value); }} w={170} />
          <TextInput type="date" label="To" value={to} onChange={(e) => { setTo(e.currentTarget.value); }} w={170} />
        </Group>
      </Paper>
      <ErrorAlert error={report.error} />
      {data === undefined ? (report.isPending ? <Text c="dimmed">Loading…</Text> : null) : (
        <Stack gap="md">
          <Text size="sm" c="dimmed">From {data.from} to {data.to}.</Text>
          <ScrollTable label="Usage by app table" minWidth={560}>
            <Table striped withTableBorder fz="sm" data-testid="app-usage">
              <Table.Caption>Usage per app over the period</Table.Caption>
              <Table.Thead><Table.Tr><Table.Th>App</Table.Th><Table.Th ta="right">Launches</Table.Th><Table.Th ta="right">Most active users in a day</Table.Th><Table.Th>Last used</Table.Th></Table.Tr></Table.Thead>
              <Table.Tbody>
                {apps.map((a) => (
                  <Table.Tr key={a.appIdentifier}>
                    <Table.Td><Anchor component="button" type="button" size="sm" onClick={() => { setShown(a.appIdentifier); }} aria-pressed={charted?.appIdentifier === a.appIdentifier}>{a.appIdentifier}</Anchor></Table.Td>
                    <Table.Td ta="right">{a.launches.toLocaleString()}</Table.Td>
                    <Table.Td ta="right">{Math.max(0, ...a.days.map((d) => d.activeUsers)).toLocaleString()}</Table.Td>
                    <Table.Td>{formatDateTime(a.lastUsedAt)}</Table.Td>
                  </Table.Tr>
                ))}
                {apps.length === 0 ? <Table.Tr><Table.Td colSpan={4}><Text size="sm" c="dimmed" ta="center" py="md">No app reported use in this period.</Text></Table.Td></Table.Tr> : null}
              </Table.Tbody>
            </Table>
          </ScrollTable>
          {charted === undefined ? null : <AppCharts app={charted} days={days} />}
        </Stack>
      )}
    </>
  );
}
