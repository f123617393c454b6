import { Anchor, Badge, Button, Group, Paper, Select, Table, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { api, ok, okJson } from '../../api/client';
import type { ComplianceState, Platform } from '../../api/types';
import { useCaller } from '../../api/use-me';
import { CursorPager } from '../../shared/cursor-pager';
import { ErrorAlert } from '../../shared/error-alert';
import { formatDateTime } from '../../shared/format';
import { complianceLabels, platformLabels } from '../../shared/labels';
import { PageHeader } from '../../shared/page-header';
import { useCursorPages } from '../../shared/use-cursor-pages';
import { ruleKindInfo } from '../compliance/compliance-labels';
import { ScrollTable } from '../../shared/scroll-table';

const platformOptions = Object.entries(platformLabels).map(([value, label]) => ({ value, label }));
const shownStates: readonly ComplianceState[] = ['compliant', 'inGracePeriod', 'noncompliant', 'error', 'unknown'];

/** Compliance policies, a page at a time, with the devices in each state against each (from the overview report). */
export function CompliancePoliciesPage() {
  const { can } = useCaller();
  const pages = useCursorPages();
  const [q, setQ] = useState('');
  const [search] = useDebouncedValue(q.trim(), 300);
  const [platform, setPlatform] = useState<Platform | null>(null);
  const query = { limit: 25, ...(search === '' ? {} : { q: search }), ...(platform === null ? {} : { platform }), ...(pages.cursor === undefined ? {} : { cursor: pages.cursor }) };
  const policies = useQuery({ queryKey: ['compliance-policies', query], queryFn: () => ok(api.GET('/api/v1/compliance-policies', { params: { query } })), placeholderData: keepPreviousData });
  const overview = useQuery({ queryKey: ['reports', 'compliance-overview'], queryFn: () => okJson(api.GET('/api/v1/reports/compliance-overview')), enabled: can('getComplianceOverview'), staleTime: 30_000 });
  const byPolicy = new Map((overview.data?.byPolicy ?? []).map((p) => [p.policyId, p]));
  const items = policies.data?.items ?? [];
  return (
    <>
      <PageHeader
        title="Compliance policies"
        description="Rules over device facts, with actions for devices that fail them. A policy is evaluated on the devices its assignments reach."
        actions={can('createCompliancePolicy') ? <Button component={Link} to="/compliance-policies/new">New policy</Button> : undefined}
      />
      <Paper withBorder p="sm" mb="md">
        <Group gap="sm" align="flex-end">
          <TextInput label="Search" placeholder="Part of the name" value={q} onChange={(e) => { setQ(e.currentTarget.value); pages.reset(); }} w={240} />
          <Select label="Platform" data={platformOptions} value={platform} onChange={(v) => { setPlatform(v as Platform | null); pages.reset(); }} clearable placeholder="Any" w={160} />
        </Group>
      </Paper>
      <ErrorAlert error={policies.error} />
      <ScrollTable label="Compliance policies table" minWidth={760}>
        <Table striped highlightOnHover fz="sm" data-testid="compliance-policies" aria-busy={policies.isFetching}>
          <Table.Caption>{policies.isPending ? 'Loading policies…' : `${items.length} policies on this page, by name`}</Table.Caption>
          <Table.Thead><Table.Tr><Table.Th>Name</Table.Th><Table.Th>Platforms</Table.Th><Table.Th>Rules</Table.Th><Table.Th>Grace</Table.Th><Table.Th>Devices</Table.Th><Table.Th>Changed</Table.Th></Table.Tr></Table.Thead>
          <Table.Tbody>
            {items.map((p) => {
              const grace = p.actions.find((a) => a.kind === 'markNoncompliant');
              const counts = byPolicy.get(p.id);
              return (
                <Table.Tr key={p.id}>
                  <Table.Td><Anchor component={Link} to={`/compliance-policies/${p.id}`} fw={500} size="sm">{p.name}</Anchor>{p.description === '' ? null : <Text size="xs" c="dimmed" lineClamp={1}>{p.description}</Text>}</Table.Td>
                  <Table.Td>{p.platforms.map((x) => platformLabels[x]).join(', ')}</Table.Td>
                  <Table.Td>{p.rules.length === 0 ? '—' : p.rules.map((r) => (r.kind === 'custom' ? r.name ?? r.id : ruleKindInfo[r.kind].label)).join(', ')}</Table.Td>
                  <Table.Td>{grace === undefined ? 'None' : `${grace.afterHours} h`}</Table.Td>
                  <Table.Td>
                    {counts === undefined ? <Text size="xs" c="dimmed">{overview.data === undefined ? '—' : 'No devices'}</Text> : (
                      <Group gap={4}>
                        {shownStates.filter((s) => counts.byState[s] > 0).map((s) => <Badge key={s} size="sm" variant="light" color={complianceLabels[s].color}>{counts.byState[s].toLocaleString()} {complianceLabels[s].label.toLowerCase()}</Badge>)}
                      </Group>
                    )}
                  </Table.Td>
                  <Table.Td>{formatDateTime(p.updatedAt)} · v{p.version}</Table.Td>
                </Table.Tr>
              );
            })}
            {!policies.isPending && items.length === 0 ? <Table.Tr><Table.Td colSpan={6}><Text size="sm" c="dimmed" ta="center" py="md">{search === '' && platform === null ? 'No compliance policies yet.' : 'No policy matches.'}</Text></Table.Td></Table.Tr> : null}
          </Table.Tbody>
        </Table>
      </ScrollTable>
      <CursorPager pages={pages} nextCursor={policies.data?.nextCursor} loading={policies.isFetching} label="Compliance policies" />
    </>
  );
}
