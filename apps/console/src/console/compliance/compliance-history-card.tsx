import { Card, Group, SegmentedControl, Select, Stack, Text, Title } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api, ok, okJson } from '../../api/client';
import { DownloadButton } from '../../shared/download-button';
import { ErrorAlert } from '../../shared/error-alert';
import { ComplianceHistoryChart } from './compliance-history-chart';

const ranges = ['30', '90'] as const;
type Range = (typeof ranges)[number];
const allDevices = 'all';

/**
 * Compliance over time: devices per state per day over the last 30 or 90 days, overall or against
 * one policy, from the server's daily snapshots, with the numbers as a table and a CSV download.
 * For callers who hold policy.read across the tenant (the counts include every device).
 */
export function ComplianceHistoryCard() {
  const [range, setRange] = useState<Range>('30');
  const [series, setSeries] = useState<string>(allDevices);
  // The first page of policies by name is the choice; a tenant has tens of them, not thousands.
  const policies = useQuery({ queryKey: ['compliance-policies', { limit: 100 }], queryFn: () => ok(api.GET('/api/v1/compliance-policies', { params: { query: { limit: 100 } } })), staleTime: 60_000 });
  const query = { days: Number(range), ...(series === allDevices ? {} : { policyId: series }) };
  const history = useQuery({
    queryKey: ['reports', 'compliance-history', query],
    queryFn: () => okJson(api.GET('/api/v1/reports/compliance-history', { params: { query } })),
    placeholderData: keepPreviousData,
    staleTime: 5 * 60_000,
  });
  const options = [{ value: allDevices, label: 'All devices (overall)' }, ...(policies.data?.items ?? []).map((p) => ({ value: p.id, label: p.name }))];
  return (
    <Card withBorder component="section" aria-labelledby="compliance-history-title" style={{ gridColumn: '1 / -1' }}>
      <Group justify="space-between" align="flex-end" mb="sm" gap="sm">
        <Stack gap={0}>
          <Title order={2} size="h4" id="compliance-history-title">Compliance over time</Title>
          <Text size="xs" c="dimmed">Counted once a day (UTC) by the server.</Text>
        </Stack>
        <Group gap="sm" align="flex-end">
          <Select label="Policy" data={options} value={series} onChange={(v) => { setSeries(v ?? allDevices); }} allowDeselect={false} searchable w={220} size="xs" />
          <SegmentedControl aria-label="Days shown" size="xs" data={ranges.map((r) => ({ value: r, label: `${r} days` }))} value={range} onChange={(v) => { setRange(v); }} />
          <DownloadButton size="xs" fetchFile={() => api.GET('/api/v1/reports/compliance-history.csv', { params: { query }, parseAs: 'blob' })} fallbackName="compliance-history.csv">
            Download CSV
          </DownloadButton>
        </Group>
      </Group>
      <ErrorAlert error={history.error ?? policies.error} />
      {history.data === undefined ? (history.isPending ? <Text size="sm" c="dimmed">Loading…</Text> : null) : <ComplianceHistoryChart history={history.data} subject={history.data.policyName === null ? 'Devices by compliance state' : `Devices by their state against ${history.data.policyName}`} />}
    </Card>
  );
}
