import { Anchor, Card, Group, Select, SimpleGrid, Stack, Table, Tabs, Text, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useMemo, useRef, useState, type ReactNode } from 'react';
import { Link, useSearchParams } from 'react-router';
import { api, ok, okJson } from '../../api/client';
import type { ComplianceState } from '../../api/types';
import { useCaller } from '../../api/use-me';
import { CursorPager } from '../../shared/cursor-pager';
import { DownloadButton } from '../../shared/download-button';
import { ErrorAlert } from '../../shared/error-alert';
import { formatAgo, formatDateTime } from '../../shared/format';
import { complianceLabels, platformLabels } from '../../shared/labels';
import { PageHeader } from '../../shared/page-header';
import { useCursorPages } from '../../shared/use-cursor-pages';
import { DonutChart } from '../charts';
import { ruleTitle } from '../compliance/compliance-labels';
import { profileKindInfo } from '../profiles/profile-labels';
import { ProfileCounts, ProfileDeviceStatus, ProfileSettingStatus, useProfileStatusOverview } from '../profiles/profile-status';
import { ScrollTable } from '../../shared/scroll-table';

const states = Object.keys(complianceLabels) as ComplianceState[];
const stateColors: Readonly<Record<ComplianceState, string>> = { compliant: 'green.7', noncompliant: 'red.7', inGracePeriod: 'yellow.5', unknown: 'gray.5', error: 'orange.6', notApplicable: 'gray.3' };
type OverviewTable = 'state' | 'platform' | 'policy' | 'rule';

function TableCard({ title, by, children }: { readonly title: string; readonly by: OverviewTable; readonly children: ReactNode }) {
  return (
    <Card withBorder component="section" aria-label={title}>
      <Group justify="space-between" mb="sm">
        <Title order={2} size="h4">{title}</Title>
        <DownloadButton size="xs" fetchFile={() => api.GET('/api/v1/reports/compliance-overview', { params: { query: { format: 'csv', by } }, parseAs: 'blob' })} fallbackName={`compliance-overview-by-${by}.csv`}>
          Download CSV
        </DownloadButton>
      </Group>
      {children}
    </Card>
  );
}

/** Devices by compliance state overall, by platform, by policy and by rule, each table downloadable as CSV. */
function ComplianceOverviewReport() {
  const overview = useQuery({ queryKey: ['reports', 'compliance-overview'], queryFn: () => okJson(api.GET('/api/v1/reports/compliance-overview')) });
  const data = overview.data;
  const stateHead = states.map((s) => <Table.Th key={s} ta="right">{complianceLabels[s].label}</Table.Th>);
  const stateCells = (counts: Readonly<Record<ComplianceState, number>>) => states.map((s) => <Table.Td key={s} ta="right">{counts[s].toLocaleString()}</Table.Td>);
  return (
    <Stack gap="lg">
      <ErrorAlert error={overview.error} />
      {data === undefined ? (overview.isPending ? <Text c="dimmed">Loading…</Text> : null) : (
        <>
          <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
            <TableCard title="By state" by="state">
              <DonutChart segments={states.map((s) => ({ label: complianceLabels[s].label, value: data.byState[s], color: stateColors[s], to: `/devices?compliance=${s}` }))} label="Devices by compliance state" totalLabel="devices" />
            </TableCard>
            <TableCard title="By rule (most failures first)" by="rule">
              <Table fz="sm" striped>
                <Table.Thead><Table.Tr><Table.Th>Rule</Table.Th><Table.Th>Policy</Table.Th><Table.Th ta="right">Failed</Table.Th><Table.Th ta="right">Passed</Table.Th><Table.Th ta="right">Unknown</Table.Th></Table.Tr></Table.Thead>
                <Table.Tbody>
                  {data.byRule.map((r) => <Table.Tr key={`${r.policyId}/${r.ruleId}`}><Table.Td>{ruleTitle(r.title)}</Table.Td><Table.Td><Anchor component={Link} to={`/compliance-policies/${r.policyId}`} size="sm">{r.policyName}</Anchor></Table.Td><Table.Td ta="right">{r.counts.failed.toLocaleString()}</Table.Td><Table.Td ta="right">{r.counts.passed.toLocaleString()}</Table.Td><Table.Td ta="right">{r.counts.unknown.toLocaleString()}</Table.Td></Table.Tr>)}
                  {data.byRule.length === 0 ? <Table.Tr><Table.Td colSpan={5}><Text size="sm" c="dimmed">No rule has been evaluated yet.</Text></Table.Td></Table.Tr> : null}
                </Table.Tbody>
              </Table>
            </TableCard>
          </SimpleGrid>
          <TableCard title="By platform" by="platform">
            <ScrollTable label="Devices by platform and state" minWidth={520}>
              <Table fz="sm" striped>
                <Table.Thead><Table.Tr><Table.Th>Platform</Table.Th><Table.Th ta="right">Total</Table.Th>{stateHead}</Table.Tr></Table.Thead>
                <Table.Tbody>{data.byPlatform.map((p) => <Table.Tr key={p.platform}><Table.Td>{platformLabels[p.platform]}</Table.Td><Table.Td ta="right">{p.total.toLocaleString()}</Table.Td>{stateCells(p.byState)}</Table.Tr>)}</Table.Tbody>
              </Table>
            </ScrollTable>
          </TableCard>
          <TableCard title="By policy" by="policy">
            <ScrollTable label="Devices by policy and state" minWidth={640}>
              <Table fz="sm" striped data-testid="overview-by-policy">
                <Table.Thead><Table.Tr><Table.Th>Policy</Table.Th><Table.Th ta="right">Devices</Table.Th>{stateHead}</Table.Tr></Table.Thead>
                <Table.Tbody>
                  {data.byPolicy.map((p) => <Table.Tr key={p.policyId}><Table.Td><Anchor component={Link} to={`/compliance-policies/${p.policyId}`} size="sm">{p.policyName}</Anchor></Table.Td><Table.Td ta="right">{p.total.toLocaleString()}</Table.Td>{stateCells(p.byState)}</Table.Tr>)}
                  {data.byPolicy.length === 0 ? <Table.Tr><Table.Td colSpan={states.length + 2}><Text size="sm" c="dimmed">No policy has been evaluated on a device yet.</Text></Table.Td></Table.Tr> : null}
                </Table.Tbody>
              </Table>
            </ScrollTable>
          </TableCard>
        </>
      )}
    </Stack>
  );
}

/** Devices in their grace period, soonest deadline first, a page at a time; CSV of all of them. */
function DevicesInGraceReport() {
  const pages = useCursorPages();
  const grace = useQuery({
    queryKey: ['reports', 'devices-in-grace', pages.cursor],
    queryFn: () => okJson(api.GET('/api/v1/reports/devices-in-grace', { params: { query: { limit: 50, ...(pages.cursor === undefined ? {} : { cursor: pages.cursor }) } } })),
    placeholderData: keepPreviousData,
  });
  return (
    <Stack gap="sm">
      <Group justify="space-between">
        <Text size="sm" c="dimmed">Devices that fail a policy and become noncompliant at the deadline unless fixed.</Text>
        <DownloadButton size="xs" fetchFile={() => api.GET('/api/v1/reports/devices-in-grace', { params: { query: { format: 'csv' } }, parseAs: 'blob' })} fallbackName="devices-in-grace.csv">Download CSV</DownloadButton>
      </Group>
      <ErrorAlert error={grace.error} />
      <Table striped withTableBorder fz="sm" data-testid="devices-in-grace">
        <Table.Caption>Devices in grace, soonest deadline first</Table.Caption>
        <Table.Thead><Table.Tr><Table.Th>Device</Table.Th><Table.Th>Policy</Table.Th><Table.Th>Failing rules</Table.Th><Table.Th>Failing since</Table.Th><Table.Th>Deadline</Table.Th></Table.Tr></Table.Thead>
        <Table.Tbody>
          {(grace.data?.items ?? []).map((d) => (
            <Table.Tr key={`${d.deviceId}/${d.policyId}`}>
              <Table.Td><Anchor component={Link} to={`/devices/${d.deviceId}?tab=compliance`} size="sm">{d.deviceName}</Anchor><Text size="xs" c="dimmed">{platformLabels[d.platform]}</Text></Table.Td>
              <Table.Td><Anchor component={Link} to={`/compliance-policies/${d.policyId}`} size="sm">{d.policyName}</Anchor></Table.Td>
              <Table.Td>{d.failedRules.map((r) => r.title).join(', ')}</Table.Td>
              <Table.Td>{formatDateTime(d.failingSince)}</Table.Td>
              <Table.Td><Text size="sm" fw={600}>{formatDateTime(d.deadline)}</Text><Text size="xs" c="dimmed">{formatAgo(d.deadline)}</Text></Table.Td>
            </Table.Tr>
          ))}
          {grace.data?.items.length === 0 ? <Table.Tr><Table.Td colSpan={5}><Text size="sm" c="dimmed" ta="center" py="sm">No device is in a grace period.</Text></Table.Td></Table.Tr> : null}
        </Table.Tbody>
      </Table>
      <CursorPager pages={pages} nextCursor={grace.data?.nextCursor} loading={grace.isFetching} label="Devices in grace" />
    </Stack>
  );
}

/** Every profile with its devices counted by status; CSV of the table. */
function ProfileStatusOverview({ onPick }: { readonly onPick: (profileId: string) => void }) {
  const overview = useProfileStatusOverview(true);
  return (
    <Card withBorder component="section" aria-label="Every profile">
      <Group justify="space-between" mb="sm">
        <Title order={2} size="h4">Every profile</Title>
        <DownloadButton size="xs" fetchFile={() => api.GET('/api/v1/reports/profile-status', { params: { query: { format: 'csv' } }, parseAs: 'blob' })} fallbackName="profile-status.csv">Download CSV</DownloadButton>
      </Group>
      <ErrorAlert error={overview.error} />
      <ScrollTable label="Profiles by device status" minWidth={640}>
        <Table fz="sm" striped data-testid="profile-status-overview">
          <Table.Thead><Table.Tr><Table.Th>Profile</Table.Th><Table.Th>Kind</Table.Th><Table.Th ta="right">Devices</Table.Th><Table.Th>By status</Table.Th></Table.Tr></Table.Thead>
          <Table.Tbody>
            {(overview.data?.items ?? []).map((line) => (
              <Table.Tr key={line.profileId}>
                <Table.Td><Anchor component="button" type="button" size="sm" onClick={() => { onPick(line.profileId); }}>{line.name}</Anchor></Table.Td>
                <Table.Td>{profileKindInfo[line.kind].label}</Table.Td>
                <Table.Td ta="right">{line.total.toLocaleString()}</Table.Td>
                <Table.Td><ProfileCounts counts={line.counts} /></Table.Td>
              </Table.Tr>
            ))}
            {overview.data?.items.length === 0 ? <Table.Tr><Table.Td colSpan={4}><Text size="sm" c="dimmed">No profiles yet.</Text></Table.Td></Table.Tr> : null}
          </Table.Tbody>
        </Table>
      </ScrollTable>
    </Card>
  );
}

/** A profile picked by name on the server, then its status per device and, for settings profiles, per setting. */
function ProfileStatusReport() {
  const [params, setParams] = useSearchParams();
  const profileId = params.get('profile');
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 300);
  const known = useRef(new Map<string, { name: string; kind: string }>());
  const profiles = useQuery({ queryKey: ['profiles', 'picker', q], queryFn: () => ok(api.GET('/api/v1/profiles', { params: { query: { limit: 20, ...(q === '' ? {} : { q }) } } })), placeholderData: keepPreviousData });
  const overview = useProfileStatusOverview(true);
  const data = useMemo(() => {
    for (const line of overview.data?.items ?? []) known.current.set(line.profileId, { name: line.name, kind: line.kind });
    for (const p of profiles.data?.items ?? []) known.current.set(p.id, { name: p.name, kind: p.kind });
    const ids = new Set([...(profileId === null ? [] : [profileId]), ...(profiles.data?.items ?? []).map((p) => p.id)]);
    return [...ids].map((id) => ({ value: id, label: known.current.get(id)?.name ?? id }));
  }, [profiles.data, overview.data, profileId]);
  const kind = profileId === null ? undefined : known.current.get(profileId)?.kind;
  const pick = (id: string | null) => { setParams(id === null ? { view: 'profiles' } : { view: 'profiles', profile: id }, { replace: true }); };
  return (
    <Stack gap="md">
      <ProfileStatusOverview onPick={pick} />
      <Select
        label="Profile"
        searchable
        searchValue={search}
        onSearchChange={setSearch}
        filter={({ options }) => options}
        data={data}
        value={profileId}
        onChange={pick}
        placeholder="Search profiles by name"
        w={360}
        nothingFoundMessage="No profile by that name"
      />
      {profileId === null ? <Text size="sm" c="dimmed">Pick a profile to see where it stands on each device.</Text> : (
        <>
          <Text size="sm"><Anchor component={Link} to={`/profiles/${profileId}`}>Open the profile</Anchor>{kind === undefined ? '' : ` · ${profileKindInfo[kind as keyof typeof profileKindInfo].label}`}</Text>
          <Title order={2} size="h4">Per device</Title>
          <ProfileDeviceStatus profileId={profileId} />
          {kind === 'settings' ? <><Title order={2} size="h4">Per setting</Title><ProfileSettingStatus profileId={profileId} /></> : null}
        </>
      )}
    </Stack>
  );
}

/** Compliance and configuration reports, each with its CSV. */
export function ReportsPage() {
  const { can } = useCaller();
  const [params, setParams] = useSearchParams();
  const view = params.get('view') ?? 'compliance';
  return (
    <>
      <PageHeader title="Reports" description="Where devices stand against compliance policies and configuration profiles. Every table downloads as CSV." />
      <Tabs value={view} onChange={(v) => { setParams(v === null || v === 'compliance' ? {} : { view: v }, { replace: true }); }} keepMounted={false}>
        <Tabs.List mb="md">
          <Tabs.Tab value="compliance">Compliance overview</Tabs.Tab>
          <Tabs.Tab value="grace">Devices in grace</Tabs.Tab>
          {can('getProfileStatusOverview') ? <Tabs.Tab value="profiles">Profile status</Tabs.Tab> : null}
        </Tabs.List>
        <Tabs.Panel value="compliance"><ComplianceOverviewReport /></Tabs.Panel>
        <Tabs.Panel value="grace"><DevicesInGraceReport /></Tabs.Panel>
        <Tabs.Panel value="profiles"><ProfileStatusReport /></Tabs.Panel>
      </Tabs>
    </>
  );
}
