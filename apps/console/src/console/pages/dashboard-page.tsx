import { Alert, Card, SimpleGrid, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { api, ok } from '../../api/client';
import type { ComplianceState, Platform } from '../../api/types';
import { ErrorAlert } from '../../shared/error-alert';
import { complianceLabels, platformLabels } from '../../shared/labels';
import { PageHeader } from '../../shared/page-header';
import { BarList, DayColumns } from '../bar-list';
import { summarizeFleet } from '../fleet-summary';

// The API has no aggregate endpoint yet, and the dashboard must never walk the fleet: it counts one
// page of the most recently enrolled devices (the API's largest page) and says so when the fleet is
// larger. A `GET /reports/devices` with server-side counts will replace this one request.
const sampleSize = 500;

const complianceColors: Readonly<Record<ComplianceState, string>> = { compliant: 'green.6', noncompliant: 'red.6', inGracePeriod: 'yellow.6', unknown: 'gray.5', error: 'orange.6', notApplicable: 'gray.4' };

/** The fleet at a glance: platforms, OS versions, compliance and enrollments per day. */
export function DashboardPage() {
  const sample = useQuery({
    queryKey: ['devices', 'dashboard-sample'],
    queryFn: () => ok(api.GET('/api/v1/devices', { params: { query: { limit: sampleSize, sort: 'enrolledAt', order: 'desc' } } })),
    staleTime: 60_000,
  });
  const summary = useMemo(() => (sample.data === undefined ? undefined : summarizeFleet(sample.data.items, sample.data.nextCursor === null, new Date())), [sample.data]);
  return (
    <>
      <PageHeader title="Dashboard" description="Managed devices at a glance." />
      <ErrorAlert error={sample.error} />
      {summary === undefined ? (sample.isPending ? <Text c="dimmed">Loading…</Text> : null) : (
        <>
          {summary.complete ? null : (
            <Alert variant="light" color="blue" mb="md" title={`Counts cover the ${summary.devices.toLocaleString()} most recently enrolled devices`}>
              The fleet is larger than one page; the device list filters the whole fleet on the server.
            </Alert>
          )}
          <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }} mb="lg">
            <Card withBorder><Text size="sm" c="dimmed">Devices</Text><Text size="xl" fw={700} data-testid="device-count">{summary.devices.toLocaleString()}{summary.complete ? '' : '+'}</Text></Card>
            <Card withBorder><Text size="sm" c="dimmed">Compliant</Text><Text size="xl" fw={700}>{(summary.byCompliance.get('compliant') ?? 0).toLocaleString()}</Text></Card>
            <Card withBorder><Text size="sm" c="dimmed">Not compliant</Text><Text size="xl" fw={700}>{(summary.byCompliance.get('noncompliant') ?? 0).toLocaleString()}</Text></Card>
            <Card withBorder><Text size="sm" c="dimmed">Enrolled in 14 days</Text><Text size="xl" fw={700}>{summary.enrolledPerDay.reduce((n, [, c]) => n + c, 0).toLocaleString()}</Text></Card>
          </SimpleGrid>
          <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
            <Card withBorder>
              <Title order={2} size="h4" mb="sm">By platform</Title>
              <BarList label="Devices by platform" bars={[...summary.byPlatform].sort((a, b) => b[1] - a[1]).map(([p, n]: [Platform, number]) => ({ label: platformLabels[p], value: n, to: `/devices?platform=${p}` }))} />
            </Card>
            <Card withBorder>
              <Title order={2} size="h4" mb="sm">By compliance</Title>
              <BarList label="Devices by compliance state" bars={[...summary.byCompliance].sort((a, b) => b[1] - a[1]).map(([s, n]: [ComplianceState, number]) => ({ label: complianceLabels[s].label, value: n, to: `/devices?compliance=${s}`, color: complianceColors[s] }))} />
            </Card>
            <Card withBorder>
              <Title order={2} size="h4" mb="sm">Top OS versions</Title>
              <BarList label="Devices by OS version" bars={summary.byOsVersion.slice(0, 8).map(([v, n]) => ({ label: v.replace(/^(\w+)/, (p) => platformLabels[p as Platform]), value: n }))} />
            </Card>
            <Card withBorder>
              <Title order={2} size="h4" mb="sm">Enrollments per day</Title>
              <DayColumns label="Devices enrolled per day over the last 14 days" days={summary.enrolledPerDay} />
            </Card>
          </SimpleGrid>
        </>
      )}
    </>
  );
}
