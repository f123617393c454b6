import { Anchor, Badge, Button, Group, Menu, Paper, Select, Table, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { api, ok } from '../../api/client';
import type { Platform, ProfileKind, ProfileQuery } from '../../api/types';
import { useCaller } from '../../api/use-me';
import { CursorPager } from '../../shared/cursor-pager';
import { ErrorAlert } from '../../shared/error-alert';
import { formatDateTime } from '../../shared/format';
import { platformLabels } from '../../shared/labels';
import { PageHeader } from '../../shared/page-header';
import { useCursorPages } from '../../shared/use-cursor-pages';
import { profileKindInfo, profileKinds } from '../profiles/profile-labels';
import { ProfileCounts, useProfileStatusOverview } from '../profiles/profile-status';
import { ScrollTable } from '../../shared/scroll-table';

const platformOptions = Object.entries(platformLabels).map(([value, label]) => ({ value, label }));

/** Configuration profiles: one server page at a time, with each profile's device counts by status. */
export function ProfilesPage() {
  const { can } = useCaller();
  const navigate = useNavigate();
  const pages = useCursorPages();
  const [q, setQ] = useState('');
  const [search] = useDebouncedValue(q.trim(), 300);
  const [kind, setKind] = useState<ProfileKind | null>(null);
  const [platform, setPlatform] = useState<Platform | null>(null);
  const query: ProfileQuery = { limit: 25, ...(search === '' ? {} : { q: search }), ...(kind === null ? {} : { kind }), ...(platform === null ? {} : { platform }), ...(pages.cursor === undefined ? {} : { cursor: pages.cursor }) };
  const profiles = useQuery({ queryKey: ['profiles', query], queryFn: () => ok(api.GET('/api/v1/profiles', { params: { query } })), placeholderData: keepPreviousData });
  const items = profiles.data?.items ?? [];
  const showCounts = can('getProfileStatusOverview');
  const overview = useProfileStatusOverview(showCounts);
  const countsOf = new Map((overview.data?.items ?? []).map((line) => [line.profileId, line.counts]));
  return (
    <>
      <PageHeader
        title="Configuration profiles"
        description="How devices must be configured. A profile reaches devices through its assignments."
        actions={can('createProfile') ? (
          <Menu withinPortal position="bottom-end">
            <Menu.Target><Button>New profile</Button></Menu.Target>
            <Menu.Dropdown>
              {profileKinds.map((k) => (
                <Menu.Item key={k} onClick={() => { void navigate(`/profiles/new/${k}`); }}>
                  <Text size="sm" fw={500}>{profileKindInfo[k].label}</Text>
                  <Text size="xs" c="dimmed" maw={300}>{profileKindInfo[k].description}</Text>
                </Menu.Item>
              ))}
            </Menu.Dropdown>
          </Menu>
        ) : undefined}
      />
      <Paper withBorder p="sm" mb="md">
        <Group gap="sm" align="flex-end">
          <TextInput label="Search" placeholder="Part of the name" value={q} onChange={(e) => { setQ(e.currentTarget.value); pages.reset(); }} w={240} />
          <Select label="Kind" data={profileKinds.map((k) => ({ value: k, label: profileKindInfo[k].label }))} value={kind} onChange={(v) => { setKind(v); pages.reset(); }} clearable placeholder="Any" w={160} />
          <Select label="Platform" data={platformOptions} value={platform} onChange={(v) => { setPlatform(v as Platform | null); pages.reset(); }} clearable placeholder="Any" w={160} />
        </Group>
      </Paper>
      <ErrorAlert error={profiles.error ?? overview.error} />
      <ScrollTable label="Profiles table" minWidth={760}>
        <Table striped highlightOnHover fz="sm" data-testid="profiles" aria-busy={profiles.isFetching}>
          <Table.Caption>{profiles.isPending ? 'Loading profiles…' : `${items.length} profiles on this page, by name`}</Table.Caption>
          <Table.Thead><Table.Tr><Table.Th>Name</Table.Th><Table.Th>Kind</Table.Th><Table.Th>Platforms</Table.Th>{showCounts ? <Table.Th>Devices</Table.Th> : null}<Table.Th>Changed</Table.Th></Table.Tr></Table.Thead>
          <Table.Tbody>
            {items.map((p) => (
              <Table.Tr key={p.id}>
                <Table.Td><Anchor component={Link} to={`/profiles/${p.id}`} fw={500} size="sm">{p.name}</Anchor>{p.description === '' ? null : <Text size="xs" c="dimmed" lineClamp={1}>{p.description}</Text>}</Table.Td>
                <Table.Td><Badge variant="light" color="gray">{profileKindInfo[p.kind].label}</Badge></Table.Td>
                <Table.Td>{p.platforms.map((x) => platformLabels[x]).join(', ')}</Table.Td>
                {showCounts ? <Table.Td><ProfileCounts counts={countsOf.get(p.id)} /></Table.Td> : null}
                <Table.Td>{formatDateTime(p.updatedAt)} · v{p.version}</Table.Td>
              </Table.Tr>
            ))}
            {!profiles.isPending && items.length === 0 ? <Table.Tr><Table.Td colSpan={showCounts ? 5 : 4}><Text size="sm" c="dimmed" ta="center" py="md">{search === '' && kind === null && platform === null ? 'No profiles yet.' : 'No profile matches.'}</Text></Table.Td></Table.Tr> : null}
          </Table.Tbody>
        </Table>
      </ScrollTable>
      <CursorPager pages={pages} nextCursor={profiles.data?.nextCursor} loading={profiles.isFetching} label="Profiles" />
    </>
  );
}
