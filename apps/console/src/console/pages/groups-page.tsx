import { Anchor, Badge, Button, Group, Modal, SegmentedControl, Select, Stack, Table, Text, TextInput, Textarea } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { api, ok } from '../../api/client';
import { useCaller } from '../../api/use-me';
import { CsvImport } from '../../shared/csv-import';
import { CursorPager } from '../../shared/cursor-pager';
import { ErrorAlert } from '../../shared/error-alert';
import { PageHeader } from '../../shared/page-header';
import { useCursorPages } from '../../shared/use-cursor-pages';
import { RuleEditor } from '../rule-editor';

function CreateGroup({ onClose }: { readonly onClose: () => void }) {
  const queries = useQueryClient();
  const navigate = useNavigate();
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [memberType, setMemberType] = useState<'user' | 'device'>('user');
  const [membershipType, setMembershipType] = useState<'static' | 'dynamic'>('static');
  const [rule, setRule] = useState('');
  const create = useMutation({
    mutationFn: () => ok(api.POST('/api/v1/groups', { body: { name, description, memberType, membershipType, ...(membershipType === 'dynamic' ? { rule } : {}) } })),
    onSuccess: (group) => {
      void queries.invalidateQueries({ queryKey: ['groups'] });
      void navigate(`/groups/${group.id}`);
    },
  });
  return (
    <Modal opened onClose={onClose} title="New group" centered size="lg">
      <form onSubmit={(e) => { e.preventDefault(); create.mutate(); }}>
        <Stack gap="sm">
          <TextInput label="Name" required value={name} onChange={(e) => { setName(e.currentTarget.value); }} data-autofocus />
          <Textarea label="Description" value={description} onChange={(e) => { setDescription(e.currentTarget.value); }} autosize minRows={1} />
          <div>
            <Text size="sm" fw={500} id="member-type-label">Members are</Text>
            <SegmentedControl aria-labelledby="member-type-label" data={[{ value: 'user', label: 'Users' }, { value: 'device', label: 'Devices' }]} value={memberType} onChange={(v) => { setMemberType(v); }} />
          </div>
          <div>
            <Text size="sm" fw={500} id="membership-label">Membership</Text>
            <SegmentedControl aria-labelledby="membership-label" data={[{ value: 'static', label: 'Listed (static)' }, { value: 'dynamic', label: 'By rule (dynamic)' }]} value={membershipType} onChange={(v) => { setMembershipType(v); }} />
          </div>
          {membershipType === 'dynamic' ? <RuleEditor memberType={memberType} value={rule} onChange={setRule} /> : null}
          <ErrorAlert error={create.error} />
          <Group justify="flex-end"><Button variant="default" onClick={onClose}>Cancel</Button><Button type="submit" loading={create.isPending}>Create</Button></Group>
        </Stack>
      </form>
    </Modal>
  );
}

/** Groups of users or devices, listed or selected by a rule. */
export function GroupsPage() {
  const { can } = useCaller();
  const pages = useCursorPages();
  const [q, setQ] = useState('');
  const [memberType, setMemberType] = useState<string | null>(null);
  const [membershipType, setMembershipType] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  const [importing, setImporting] = useState(false);
  const [debouncedQ] = useDebouncedValue(q.trim(), 300);
  const query = {
    limit: 50,
    ...(debouncedQ === '' ? {} : { q: debouncedQ }),
    ...(memberType === null ? {} : { memberType: memberType as 'user' | 'device' }),
    ...(membershipType === null ? {} : { membershipType: membershipType as 'static' | 'dynamic' }),
    ...(pages.cursor === undefined ? {} : { cursor: pages.cursor }),
  };
  const groups = useQuery({ queryKey: ['groups', query], queryFn: () => ok(api.GET('/api/v1/groups', { params: { query } })), placeholderData: keepPreviousData });
  return (
    <>
      <PageHeader title="Groups" description="Static groups list their members; dynamic groups select them with a rule, kept current as people and devices change." actions={<>
        {can('importGroups') ? <Button variant="default" onClick={() => { setImporting(true); }}>Import CSV</Button> : null}
        {can('createGroup') ? <Button onClick={() => { setCreating(true); }}>New group</Button> : null}
      </>} />
      <Group mb="md" align="flex-end">
        <TextInput label="Search" value={q} onChange={(e) => { setQ(e.currentTarget.value); pages.reset(); }} w={240} />
        <Select label="Members" data={[{ value: 'user', label: 'Users' }, { value: 'device', label: 'Devices' }]} value={memberType} onChange={(v) => { setMemberType(v); pages.reset(); }} clearable placeholder="Any" w={140} />
        <Select label="Membership" data={[{ value: 'static', label: 'Static' }, { value: 'dynamic', label: 'Dynamic' }]} value={membershipType} onChange={(v) => { setMembershipType(v); pages.reset(); }} clearable placeholder="Any" w={140} />
      </Group>
      <ErrorAlert error={groups.error} />
      <Table striped highlightOnHover>
        <Table.Caption>Groups, by name</Table.Caption>
        <Table.Thead><Table.Tr><Table.Th>Name</Table.Th><Table.Th>Members</Table.Th><Table.Th>Membership</Table.Th><Table.Th>Count</Table.Th><Table.Th>Rule</Table.Th></Table.Tr></Table.Thead>
        <Table.Tbody>
          {(groups.data?.items ?? []).map((g) => (
            <Table.Tr key={g.id}>
              <Table.Td><Anchor component={Link} to={`/groups/${g.id}`}>{g.name}</Anchor></Table.Td>
              <Table.Td>{g.memberType === 'user' ? 'Users' : 'Devices'}</Table.Td>
              <Table.Td><Badge variant="light" color={g.membershipType === 'dynamic' ? 'grape' : 'blue'}>{g.membershipType}</Badge></Table.Td>
              <Table.Td>{g.memberCount}</Table.Td>
              <Table.Td><Text size="xs" ff="monospace" lineClamp={1}>{g.rule ?? '—'}</Text></Table.Td>
            </Table.Tr>
          ))}
          {groups.data?.items.length === 0 ? <Table.Tr><Table.Td colSpan={5}><Text size="sm" c="dimmed">No groups match.</Text></Table.Td></Table.Tr> : null}
        </Table.Tbody>
      </Table>
      <CursorPager pages={pages} nextCursor={groups.data?.nextCursor} loading={groups.isFetching} label="Groups" />
      {creating ? <CreateGroup onClose={() => { setCreating(false); }} /> : null}
      <CsvImport kind="groups" columns="name, description, membershipType, memberType, rule, members" opened={importing} onClose={() => { setImporting(false); }} />
    </>
  );
}
