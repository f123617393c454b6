import { Anchor, Badge, Button, Group, Paper, Table, Text, TextInput } from '@mantine/core';
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
import { clipboardLabels } from './app-labels';
import type { AppProtectionPolicy, MamTargets } from './app-types';
import { AppIdentifierPicker } from './mam-pickers';
import { MamNav } from './mam-nav';

/** Whom a MAM policy reaches, in a few words. */
export function targetsSummary(targets: MamTargets): string {
  const include = targets.users.include;
  const users = include === 'allUsers' ? 'All users' : `${include.length} user group${include.length === 1 ? '' : 's'}`;
  const excluded = targets.users.exclude?.length ?? 0;
  return `${users}${excluded === 0 ? '' : `, ${excluded} excluded`}`;
}

function protectionSummary(p: AppProtectionPolicy): string {
  const s = p.settings;
  const parts = [s.pin.required ? `PIN of ${s.pin.minLength}+` : 'no PIN', s.encryptData ? 'encrypted' : 'not encrypted', `clipboard: ${clipboardLabels[s.clipboard].toLowerCase()}`];
  return parts.join(' · ');
}

/** `/app-protection`: the app protection policies SDK apps enforce, one server page at a time. */
export function AppProtectionPoliciesPage() {
  const { can } = useCaller();
  const pages = useCursorPages();
  const [q, setQ] = useState('');
  const [search] = useDebouncedValue(q.trim(), 300);
  const [app, setApp] = useState<string | null>(null);
  const query = { limit: 25, ...(search === '' ? {} : { q: search }), ...(app === null ? {} : { appIdentifier: app }), ...(pages.cursor === undefined ? {} : { cursor: pages.cursor }) };
  const policies = useQuery({ queryKey: ['app-protection-policies', query], queryFn: () => ok(api.GET('/api/v1/app-protection-policies', { params: { query } })), placeholderData: keepPreviousData });
  const items = policies.data?.items ?? [];
  return (
    <>
      <PageHeader
        title="App protection"
        description="What apps with the Ward SDK enforce for the people and apps a policy targets: PIN, encryption, clipboard, sharing, offline limits and launch conditions. Where several reach the same person and app, the oldest applies."
        actions={can('createAppProtectionPolicy') ? <Button component={Link} to="/app-protection/policies/new">New policy</Button> : undefined}
      />
      <MamNav />
      <Paper withBorder p="sm" mb="md">
        <Group gap="sm" align="flex-end">
          <TextInput label="Search" placeholder="Part of the name" value={q} onChange={(e) => { setQ(e.currentTarget.value); pages.reset(); }} w={240} />
          <AppIdentifierPicker label="Targets app" value={app} onChange={(v) => { setApp(v); pages.reset(); }} w={300} />
        </Group>
      </Paper>
      <ErrorAlert error={policies.error} />
      <ScrollTable label="App protection policies table" minWidth={860}>
        <Table striped highlightOnHover fz="sm" data-testid="app-protection-policies" aria-busy={policies.isFetching}>
          <Table.Caption>{policies.isPending ? 'Loading policies…' : `${items.length} policies on this page, by name`}</Table.Caption>
          <Table.Thead><Table.Tr><Table.Th>Name</Table.Th><Table.Th>Apps</Table.Th><Table.Th>Users</Table.Th><Table.Th>Protection</Table.Th><Table.Th>Changed</Table.Th></Table.Tr></Table.Thead>
          <Table.Tbody>
            {items.map((p) => (
              <Table.Tr key={p.id} data-policy={p.name}>
                <Table.Td><Anchor component={Link} to={`/app-protection/policies/${p.id}`} fw={500} size="sm">{p.name}</Anchor>{p.description === '' ? null : <Text size="xs" c="dimmed" lineClamp={1}>{p.description}</Text>}</Table.Td>
                <Table.Td><Group gap={4}>{p.targets.apps.map((a) => <Badge key={a} variant="light" color="gray" tt="none">{a}</Badge>)}</Group></Table.Td>
                <Table.Td>{targetsSummary(p.targets)}</Table.Td>
                <Table.Td>{protectionSummary(p)}</Table.Td>
                <Table.Td>{formatDateTime(p.updatedAt)} · v{p.version}</Table.Td>
              </Table.Tr>
            ))}
            {!policies.isPending && items.length === 0 ? <Table.Tr><Table.Td colSpan={5}><Text size="sm" c="dimmed" ta="center" py="md">{search === '' && app === null ? 'No app protection policies yet.' : 'No policy matches.'}</Text></Table.Td></Table.Tr> : null}
          </Table.Tbody>
        </Table>
      </ScrollTable>
      <CursorPager pages={pages} nextCursor={policies.data?.nextCursor} loading={policies.isFetching} label="App protection policies" />
    </>
  );
}
