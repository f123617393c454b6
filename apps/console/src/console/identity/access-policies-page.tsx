import { Anchor, Badge, Button, Group, Paper, Select, Table, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { api, ok } from '../../api/client';
import { useCaller } from '../../api/use-me';
import { CursorPager } from '../../shared/cursor-pager';
import { ErrorAlert } from '../../shared/error-alert';
import { formatDateTime } from '../../shared/format';
import { PageHeader } from '../../shared/page-header';
import { ScrollTable } from '../../shared/scroll-table';
import { useCursorPages } from '../../shared/use-cursor-pages';
import { optionsOf, stateLabels } from './access-labels';
import { conditionsSummary, grantSummary } from './access-policy-draft';
import type { AccessPolicyState } from './identity-types';

/** A policy's state as a badge with words (color never carries it alone). */
export function PolicyStateBadge({ state }: { readonly state: AccessPolicyState }) {
  const { label, color } = stateLabels[state];
  return <Badge component="span" color={color} variant="light" miw="max-content" data-state={state}>{label}</Badge>;
}

/** `/conditional-access`: the tenant's conditional access policies, a server page at a time. */
export function AccessPoliciesPage() {
  const { can } = useCaller();
  const pages = useCursorPages();
  const [q, setQ] = useState('');
  const [search] = useDebouncedValue(q.trim(), 300);
  const [state, setState] = useState<AccessPolicyState | null>(null);
  const query = { limit: 25, ...(search === '' ? {} : { q: search }), ...(state === null ? {} : { state }), ...(pages.cursor === undefined ? {} : { cursor: pages.cursor }) };
  const policies = useQuery({ queryKey: ['access-policies', query], queryFn: () => ok(api.GET('/api/v1/identity/conditional-access-policies', { params: { query } })), placeholderData: keepPreviousData });
  const items = policies.data?.items ?? [];
  return (
    <>
      <PageHeader
        title="Conditional access"
        description="Who may sign in to which application, from what device and network, and what they must prove. Every sign-in through Ward is decided by the policies that are on; report-only ones are only logged."
        actions={
          <>
            {can('whatIfSignIn') ? <Button variant="default" component={Link} to="/what-if">What if…</Button> : null}
            {can('createAccessPolicy') ? <Button component={Link} to="/conditional-access/new">New policy</Button> : null}
          </>
        }
      />
      <Paper withBorder p="sm" mb="md">
        <Group gap="sm" align="flex-end">
          <TextInput label="Search" placeholder="Part of the name" value={q} onChange={(e) => { setQ(e.currentTarget.value); pages.reset(); }} w={240} />
          <Select label="State" data={optionsOf(stateLabels)} value={state} onChange={(v) => { setState(v); pages.reset(); }} clearable placeholder="Any" w={180} />
        </Group>
      </Paper>
      <ErrorAlert error={policies.error} />
      <ScrollTable label="Conditional access policies table" minWidth={820}>
        <Table striped highlightOnHover fz="sm" data-testid="access-policies" aria-busy={policies.isFetching}>
          <Table.Caption>{policies.isPending ? 'Loading policies…' : `${items.length} policies on this page, by name`}</Table.Caption>
          <Table.Thead><Table.Tr><Table.Th>Name</Table.Th><Table.Th>State</Table.Th><Table.Th>Applies to</Table.Th><Table.Th>Grant</Table.Th><Table.Th>Changed</Table.Th></Table.Tr></Table.Thead>
          <Table.Tbody>
            {items.map((p) => (
              <Table.Tr key={p.id} data-policy={p.name}>
                <Table.Td><Anchor component={Link} to={`/conditional-access/${p.id}`} fw={500} size="sm">{p.name}</Anchor>{p.description === '' ? null : <Text size="xs" c="dimmed" lineClamp={1}>{p.description}</Text>}</Table.Td>
                <Table.Td><PolicyStateBadge state={p.state} /></Table.Td>
                <Table.Td>{conditionsSummary(p)}</Table.Td>
                <Table.Td>{grantSummary(p)}</Table.Td>
                <Table.Td>{formatDateTime(p.updatedAt)} · v{p.version}</Table.Td>
              </Table.Tr>
            ))}
            {!policies.isPending && items.length === 0 ? <Table.Tr><Table.Td colSpan={5}><Text size="sm" c="dimmed" ta="center" py="md">{search === '' && state === null ? 'No conditional access policies yet: every sign-in is allowed.' : 'No policy matches.'}</Text></Table.Td></Table.Tr> : null}
          </Table.Tbody>
        </Table>
      </ScrollTable>
      <CursorPager pages={pages} nextCursor={policies.data?.nextCursor} loading={policies.isFetching} label="Conditional access policies" />
    </>
  );
}
