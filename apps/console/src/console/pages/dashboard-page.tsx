import { Anchor, Card, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { tenantWide } from '../../api/access';
import { api, ok, okJson } from '../../api/client';
import type { ComplianceState, DeviceOverview, Platform } from '../../api/types';
import { useCaller } from '../../api/use-me';
import { ErrorAlert } from '../../shared/error-alert';
import { formatDateTime } from '../../shared/format';
import { complianceLabels, platformLabels } from '../../shared/labels';
import { PageHeader } from '../../shared/page-header';
import { BarList } from '../bar-list';
import { DayColumnChart, DonutChart, StackedBar, stackColor, type Segment } from '../charts';
import { ComplianceHistoryCard } from '../compliance/compliance-history-card';
import { ruleTitle } from '../compliance/compliance-labels';
import { actionInfo, actionTypes } from '../device-actions';

const complianceColors: Readonly<Record<ComplianceState, string>> = { compliant: 'green.7', noncompliant: 'red.7', inGracePeriod: 'yellow.5', unknown: 'gray.5', error: 'orange.6', notApplicable: 'gray.3' };
const platformColors: Readonly<Record<Platform, string>> = { windows: 'blue.7', macos: 'gray.7', linux: 'orange.6', ios: 'teal.6', ipados: 'cyan.7', android: 'green.7' };
const ownershipLabels = { corporate: 'Corporate', personal: 'Personal', unknown: 'Not set' } as const;
const ownershipColors = { corporate: 'blue.7', personal: 'violet.6', unknown: 'gray.5' } as const;

function Stat({ label, value, testId, to }: { readonly label: string; readonly value: number; readonly testId?: string; readonly to?: string }) {
  return (
    <Card withBorder>
      <Text size="sm" c="dimmed">{to === undefined ? label : <Anchor component={Link} to={to} size="sm">{label}</Anchor>}</Text>
      <Text size="xl" fw={700} data-testid={testId}>{value.toLocaleString()}</Text>
    </Card>
  );
}

function ChartCard({ title, children }: { readonly title: string; readonly children: React.ReactNode }) {
  return (
    <Card withBorder>
      <Title order={2} size="h4" mb="sm">{title}</Title>
      {children}
    </Card>
  );
}

/** The rules most devices fail, from the compliance overview (policy readers only). */
function FailingRules() {
  const overview = useQuery({ queryKey: ['reports', 'compliance-overview'], queryFn: () => okJson(api.GET('/api/v1/reports/compliance-overview')), staleTime: 60_000 });
  const failing = (overview.data?.byRule ?? []).filter((r) => r.counts.failed > 0).slice(0, 6);
  return (
    <ChartCard title="Failing compliance rules">
      <ErrorAlert error={overview.error} />
      {overview.data === undefined ? null : failing.length === 0 ? (
        <Text size="sm" c="dimmed">No device fails a compliance rule{overview.data.byPolicy.length === 0 ? ' (no compliance policy is assigned yet)' : ''}.</Text>
      ) : (
        <BarList label="Devices failing each rule" bars={failing.map((r) => ({ label: `${ruleTitle(r.title)} · ${r.policyName}`, value: r.counts.failed, color: 'red.7', to: `/compliance-policies/${r.policyId}` }))} />
      )}
      <Anchor component={Link} to="/reports" size="sm" mt="sm" display="inline-block">Compliance reports</Anchor>
    </ChartCard>
  );
}

function Charts({ overview }: { readonly overview: DeviceOverview }) {
  const { can, me } = useCaller();
  const compliance: Segment[] = (Object.keys(complianceLabels) as ComplianceState[]).map((s) => ({ label: complianceLabels[s].label, value: overview.byComplianceState[s], color: complianceColors[s], to: `/devices?compliance=${s}` }));
  const platforms: Segment[] = (Object.keys(platformLabels) as Platform[]).filter((p) => overview.byPlatform[p] > 0).map((p) => ({ label: platformLabels[p], value: overview.byPlatform[p], color: platformColors[p], to: `/devices?platform=${p}` }));
  const ownership: Segment[] = (['corporate', 'personal', 'unknown'] as const).map((o) => ({ label: ownershipLabels[o], value: overview.byOwnership[o], color: ownershipColors[o], to: `/devices?ownership=${o}` }));
  const enrolled = overview.enrollmentsPerDay.reduce((n, d) => n + d.count, 0);
  const pending = actionTypes.map((t) => ({ label: actionInfo[t].label, value: overview.pendingActions[t] })).filter((b) => b.value > 0);
  return (
    <>
      <SimpleGrid cols={{ base: 2, sm: 4 }} mb="lg">
        <Stat label="Managed devices" value={overview.total} testId="device-count" to="/devices" />
        <Stat label="Compliant" value={overview.byComplianceState.compliant} to="/devices?compliance=compliant" />
        <Stat label="Not compliant" value={overview.byComplianceState.noncompliant} to="/devices?compliance=noncompliant" />
        <Stat label={`Enrolled in ${overview.enrollmentsPerDay.length} days`} value={enrolled} />
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
        {can('getComplianceHistory') && tenantWide(me?.grants ?? [], 'policy.read') ? <ComplianceHistoryCard /> : null}
        <ChartCard title="Compliance">
          <DonutChart segments={compliance} label="Devices by compliance state" totalLabel="devices" />
        </ChartCard>
        <ChartCard title="Platforms">
          {platforms.length === 0 ? <Text size="sm" c="dimmed">No devices yet.</Text> : <DonutChart segments={platforms} label="Devices by platform" totalLabel="devices" />}
        </ChartCard>
        <ChartCard title={`Enrollments per day (last ${overview.enrollmentsPerDay.length} days, UTC)`}>
          <DayColumnChart days={overview.enrollmentsPerDay} label="Devices enrolled per day" />
        </ChartCard>
        <ChartCard title="OS versions">
          <Stack gap="md">
            {overview.osVersions.length === 0 ? <Text size="sm" c="dimmed">No devices yet.</Text> : null}
            {overview.osVersions.map((p) => (
              <StackedBar
                key={p.platform}
                title={platformLabels[p.platform]}
                label={`${platformLabels[p.platform]} devices by OS version`}
                segments={[
                  ...p.versions.map((v, i) => ({ label: v.osVersion ?? 'Not reported', value: v.count, color: stackColor(i), ...(v.osVersion === null ? {} : { to: `/devices?platform=${p.platform}&osMin=${encodeURIComponent(v.osVersion)}&osMax=${encodeURIComponent(v.osVersion)}` }) })),
                  ...(p.other > 0 ? [{ label: 'Other versions', value: p.other, color: 'gray.4' }] : []),
                ]}
              />
            ))}
          </Stack>
        </ChartCard>
        <ChartCard title="Ownership">
          <DonutChart segments={ownership} label="Devices by ownership" totalLabel="devices" />
        </ChartCard>
        <ChartCard title="Pending remote actions">
          {pending.length === 0 ? <Text size="sm" c="dimmed">No remote action is waiting for its device.</Text> : <BarList label="Remote actions waiting, by type" bars={pending} />}
          {overview.byManagementState.retirePending > 0 ? <Text size="sm" mt="sm">{overview.byManagementState.retirePending.toLocaleString()} devices are waiting to be retired.</Text> : null}
        </ChartCard>
        {can('getComplianceOverview') ? <FailingRules /> : null}
      </SimpleGrid>
    </>
  );
}

/** The fleet at a glance, counted on the server: compliance, platforms, OS versions, enrollments and waiting actions. */
export function DashboardPage() {
  const overview = useQuery({ queryKey: ['reports', 'devices'], queryFn: () => ok(api.GET('/api/v1/reports/devices')), staleTime: 60_000 });
  return (
    <>
      <PageHeader
        title="Dashboard"
        description={overview.data === undefined ? 'Managed devices at a glance.' : <>Managed devices at a glance · counted {formatDateTime(overview.data.generatedAt)}{overview.data.retired > 0 ? ` · ${overview.data.retired.toLocaleString()} retired not shown` : ''}</>}
      />
      <ErrorAlert error={overview.error} />
      {overview.data === undefined ? (overview.isPending ? <Text c="dimmed">Loading…</Text> : null) : <Charts overview={overview.data} />}
    </>
  );
}
