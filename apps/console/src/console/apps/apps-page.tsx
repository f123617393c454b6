import { Anchor, Badge, Button, Group, Menu, Paper, Select, Table, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { api, ok } from '../../api/client';
import type { Platform } from '../../api/types';
import { useCaller } from '../../api/use-me';
import { CursorPager } from '../../shared/cursor-pager';
import { ErrorAlert } from '../../shared/error-alert';
import { formatDateTime } from '../../shared/format';
import { platformLabels } from '../../shared/labels';
import { PageHeader } from '../../shared/page-header';
import { ScrollTable } from '../../shared/scroll-table';
import { useCursorPages } from '../../shared/use-cursor-pages';
import { AppIcon } from './app-icon';
import { appKindInfo, appKinds } from './app-labels';
import type { AppKind, AppQuery } from './app-types';

const platformOptions = Object.entries(platformLabels).map(([value, label]) => ({ value, label }));

/** `/apps`: the app catalog, one server page at a time, searched by name, publisher or identifier. */
export function AppsPage() {
  const { can } = useCaller();
  const navigate = useNavigate();
  const pages = useCursorPages();
  const [q, setQ] = useState('');
  const [search] = useDebouncedValue(q.trim(), 300);
  const [kind, setKind] = useState<AppKind | null>(null);
  const [platform, setPlatform] = useState<Platform | null>(null);
  const query: AppQuery = { limit: 25, ...(search === '' ? {} : { q: search }), ...(kind === null ? {} : { kind }), ...(platform === null ? {} : { platform }), ...(pages.cursor === undefined ? {} : { cursor: pages.cursor }) };
  const apps = useQuery({ queryKey: ['apps', query], queryFn: () => ok(api.GET('/api/v1/apps', { params: { query } })), placeholderData: keepPreviousData });
  const items = apps.data?.items ?? [];
  return (
    <>
      <PageHeader
        title="Apps"
        description="The app catalog: store, repository and web apps, and the packages you upload. An app reaches devices and people through its assignments."
        actions={
          <>
            {can('searchAppInventory') ? <Button variant="default" component={Link} to="/app-inventory">Installed software</Button> : null}
            {can('createApp') ? (
              <Menu withinPortal position="bottom-end">
                <Menu.Target><Button>New app</Button></Menu.Target>
                <Menu.Dropdown>
                  {appKinds.map((k) => (
                    <Menu.Item key={k} onClick={() => { void navigate(`/apps/new/${k}`); }}>
                      <Text size="sm" fw={500}>{appKindInfo[k].label}</Text>
                      <Text size="xs" c="dimmed" maw={320}>{appKindInfo[k].description}</Text>
                    </Menu.Item>
                  ))}
                </Menu.Dropdown>
              </Menu>
            ) : null}
          </>
        }
      />
      <Paper withBorder p="sm" mb="md">
        <Group gap="sm" align="flex-end">
          <TextInput label="Search" placeholder="Name, publisher or identifier" value={q} onChange={(e) => { setQ(e.currentTarget.value); pages.reset(); }} w={260} />
          <Select label="Kind" data={appKinds.map((k) => ({ value: k, label: appKindInfo[k].label }))} value={kind} onChange={(v) => { setKind(v); pages.reset(); }} clearable placeholder="Any" w={220} />
          <Select label="Platform" data={platformOptions} value={platform} onChange={(v) => { setPlatform(v as Platform | null); pages.reset(); }} clearable placeholder="Any" w={160} />
        </Group>
      </Paper>
      <ErrorAlert error={apps.error} />
      <ScrollTable label="Apps table" minWidth={820}>
        <Table striped highlightOnHover fz="sm" data-testid="apps" aria-busy={apps.isFetching}>
          <Table.Caption>{apps.isPending ? 'Loading apps…' : `${items.length} apps on this page, by name`}</Table.Caption>
          <Table.Thead><Table.Tr><Table.Th>Name</Table.Th><Table.Th>Kind</Table.Th><Table.Th>Identifier</Table.Th><Table.Th>Platforms</Table.Th><Table.Th>Changed</Table.Th></Table.Tr></Table.Thead>
          <Table.Tbody>
            {items.map((a) => (
              <Table.Tr key={a.id} data-app={a.name}>
                <Table.Td>
                  <Group gap="sm" wrap="nowrap">
                    <AppIcon app={a} size={32} />
                    <div>
                      <Anchor component={Link} to={`/apps/${a.id}`} fw={500} size="sm">{a.name}</Anchor>
                      {a.publisher === '' ? null : <Text size="xs" c="dimmed" lineClamp={1}>{a.publisher}</Text>}
                    </div>
                  </Group>
                </Table.Td>
                <Table.Td>
                  <Badge variant="light" color="gray" miw="max-content">{appKindInfo[a.kind].label}</Badge>
                  {a.kind === 'lineOfBusiness' && a.currentVersionId === null ? <Text size="xs" c="orange.9">No version uploaded</Text> : null}
                </Table.Td>
                <Table.Td><Text size="sm" ff="monospace" style={{ overflowWrap: 'anywhere' }}>{a.identifier}</Text></Table.Td>
                <Table.Td>{a.platforms.map((x) => platformLabels[x]).join(', ')}</Table.Td>
                <Table.Td>{formatDateTime(a.updatedAt)} · v{a.version}</Table.Td>
              </Table.Tr>
            ))}
            {!apps.isPending && items.length === 0 ? <Table.Tr><Table.Td colSpan={5}><Text size="sm" c="dimmed" ta="center" py="md">{search === '' && kind === null && platform === null ? 'No apps yet.' : 'No app matches.'}</Text></Table.Td></Table.Tr> : null}
          </Table.Tbody>
        </Table>
      </ScrollTable>
      <CursorPager pages={pages} nextCursor={apps.data?.nextCursor} loading={apps.isFetching} label="Apps" />
    </>
  );
}
