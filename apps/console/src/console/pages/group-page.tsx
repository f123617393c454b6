import { Anchor, Badge, Button, Card, Group, Modal, Select, Stack, Table, Text, TextInput, Textarea, Title, VisuallyHidden } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { api, ok } from '../../api/client';
import type { Group as WardGroup } from '../../api/types';
import { useCaller } from '../../api/use-me';
import { CursorPager } from '../../shared/cursor-pager';
import { ErrorAlert } from '../../shared/error-alert';
import { formatDateTime } from '../../shared/format';
import { PageHeader } from '../../shared/page-header';
import { useCursorPages } from '../../shared/use-cursor-pages';
import { RuleEditor } from '../rule-editor';

function EditGroup({ group, onClose }: { readonly group: WardGroup; readonly onClose: () => void }) {
  const queries = useQueryClient();
  const [name, setName] = useState(group.name);
  const [description, setDescription] = useState(group.description);
  const [rule, setRule] = useState(group.rule ?? '');
  const save = useMutation({
    mutationFn: () => ok(api.PATCH('/api/v1/groups/{id}', { params: { path: { id: group.id } }, body: { name, description, ...(group.membershipType === 'dynamic' ? { rule } : {}) } })),
    onSuccess: (updated) => {
      queries.setQueryData(['group', group.id], updated);
      void queries.invalidateQueries({ queryKey: ['groups'] });
      void queries.invalidateQueries({ queryKey: ['group', group.id, 'members'] });
      onClose();
    },
  });
  return (
    <Modal opened onClose={onClose} title="Edit group" centered size="lg">
      <form onSubmit={(e) => { e.preventDefault(); save.mutate(); }}>
        <Stack gap="sm">
          <TextInput label="Name" required value={name} onChange={(e) => { setName(e.currentTarget.value); }} />
          <Textarea label="Description" value={description} onChange={(e) => { setDescription(e.currentTarget.value); }} autosize minRows={1} />
          {group.membershipType === 'dynamic' ? <RuleEditor memberType={group.memberType} value={rule} onChange={setRule} /> : null}
          <ErrorAlert error={save.error} />
          <Group justify="flex-end"><Button variant="default" onClick={onClose}>Cancel</Button><Button type="submit" loading={save.isPending}>Save</Button></Group>
        </Stack>
      </form>
    </Modal>
  );
}

/** Finds users or devices by name to add to a static group. */
function AddMembers({ group, onClose }: { readonly group: WardGroup; readonly onClose: () => void }) {
  const queries = useQueryClient();
  const [q, setQ] = useState('');
  const [picked, setPicked] = useState<string | null>(null);
  const [debounced] = useDebouncedValue(q.trim(), 300);
  const candidates = useQuery({
    queryKey: ['member-candidates', group.memberType, debounced],
    queryFn: async () => {
      const query = { limit: 20, ...(debounced === '' ? {} : { q: debounced }) };
      if (group.memberType === 'user') return (await ok(api.GET('/api/v1/users', { params: { query } }))).items.map((u) => ({ value: u.id, label: `${u.displayName} <${u.email}>` }));
      return (await ok(api.GET('/api/v1/devices', { params: { query } }))).items.map((d) => ({ value: d.id, label: d.name }));
    },
    placeholderData: keepPreviousData,
  });
  const add = useMutation({
    mutationFn: () => ok(api.POST('/api/v1/groups/{id}/members', { params: { path: { id: group.id } }, body: { memberIds: picked === null ? [] : [picked] } })),
    onSuccess: () => {
      void queries.invalidateQueries({ queryKey: ['group', group.id] });
      setPicked(null);
      onClose();
    },
  });
  return (
    <Modal opened onClose={onClose} title={`Add a ${group.memberType} to ${group.name}`} centered>
      <Stack gap="sm">
        <Select label={group.memberType === 'user' ? 'User' : 'Device'} searchable searchValue={q} onSearchChange={setQ} data={candidates.data ?? []} value={picked} onChange={setPicked} filter={({ options }) => options} nothingFoundMessage="No match" data-autofocus />
        <ErrorAlert error={candidates.error ?? add.error} />
        <Group justify="flex-end"><Button variant="default" onClick={onClose}>Cancel</Button><Button disabled={picked === null} loading={add.isPending} onClick={() => { add.mutate(); }}>Add</Button></Group>
      </Stack>
    </Modal>
  );
}

/** One group: what it is, its rule, and its members a page at a time. */
export function GroupPage() {
  const { id = '' } = useParams();
  const { can } = useCaller();
  const navigate = useNavigate();
  const queries = useQueryClient();
  const pages = useCursorPages();
  const [editing, setEditing] = useState(false);
  const [adding, setAdding] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const group = useQuery({ queryKey: ['group', id], queryFn: () => ok(api.GET('/api/v1/groups/{id}', { params: { path: { id } } })) });
  const members = useQuery({
    queryKey: ['group', id, 'members', pages.cursor],
    queryFn: () => ok(api.GET('/api/v1/groups/{id}/members', { params: { path: { id }, query: { limit: 50, ...(pages.cursor === undefined ? {} : { cursor: pages.cursor }) } } })),
    placeholderData: keepPreviousData,
  });
  const removeMember = useMutation({
    mutationFn: (memberId: string) => ok(api.DELETE('/api/v1/groups/{id}/members', { params: { path: { id } }, body: { memberIds: [memberId] } })),
    onSuccess: () => { void queries.invalidateQueries({ queryKey: ['group', id] }); },
  });
  const remove = useMutation({
    mutationFn: () => ok(api.DELETE('/api/v1/groups/{id}', { params: { path: { id } } })),
    onSuccess: () => {
      void queries.invalidateQueries({ queryKey: ['groups'] });
      void navigate('/groups');
    },
  });
  const g = group.data;
  if (g === undefined) return <><PageHeader title="Group" />{group.isPending ? <Text c="dimmed">Loading…</Text> : <ErrorAlert error={group.error} />}</>;
  const editable = g.membershipType === 'static' && can('addGroupMembers');
  return (
    <>
      <Anchor component={Link} to="/groups" size="sm">← Groups</Anchor>
      <PageHeader
        title={g.name}
        description={<>{g.memberType === 'user' ? 'Users' : 'Devices'} · <Badge variant="light" color={g.membershipType === 'dynamic' ? 'grape' : 'blue'}>{g.membershipType}</Badge> · {g.memberCount} members · updated {formatDateTime(g.updatedAt)}</>}
        actions={<>
          {editable ? <Button onClick={() => { setAdding(true); }}>Add member</Button> : null}
          {can('updateGroup') ? <Button variant="default" onClick={() => { setEditing(true); }}>Edit</Button> : null}
          {can('deleteGroup') ? <Button variant="default" color="red" onClick={() => { setDeleting(true); }}>Delete</Button> : null}
        </>}
      />
      {g.description === '' ? null : <Text mb="md">{g.description}</Text>}
      {g.rule === null ? null : (
        <Card withBorder mb="md"><Title order={2} size="h5" mb={4}>Rule</Title><Text ff="monospace" size="sm" style={{ whiteSpace: 'pre-wrap' }}>{g.rule}</Text></Card>
      )}
      <Title order={2} size="h4" mb="sm">Members</Title>
      <ErrorAlert error={members.error ?? removeMember.error} />
      <Table striped>
        <Table.Caption>Members, in the order the API keeps them</Table.Caption>
        <Table.Thead><Table.Tr><Table.Th>{g.memberType === 'user' ? 'User' : 'Device'}</Table.Th><Table.Th>Added</Table.Th>{editable ? <Table.Th><VisuallyHidden>Remove</VisuallyHidden></Table.Th> : null}</Table.Tr></Table.Thead>
        <Table.Tbody>
          {(members.data?.items ?? []).map((m) => (
            <Table.Tr key={m.memberId}>
              <Table.Td><Anchor component={Link} to={`/${m.memberType === 'user' ? 'users' : 'devices'}/${m.memberId}`}>{m.label}</Anchor></Table.Td>
              <Table.Td>{formatDateTime(m.addedAt)}</Table.Td>
              {editable ? <Table.Td><Button size="xs" variant="subtle" color="red" onClick={() => { removeMember.mutate(m.memberId); }} aria-label={`Remove ${m.label}`}>Remove</Button></Table.Td> : null}
            </Table.Tr>
          ))}
          {members.data?.items.length === 0 ? <Table.Tr><Table.Td colSpan={3}><Text size="sm" c="dimmed">{g.membershipType === 'dynamic' ? 'No members match the rule (or they are still being computed).' : 'No members yet.'}</Text></Table.Td></Table.Tr> : null}
        </Table.Tbody>
      </Table>
      <CursorPager pages={pages} nextCursor={members.data?.nextCursor} loading={members.isFetching} label="Members" />
      {editing ? <EditGroup group={g} onClose={() => { setEditing(false); }} /> : null}
      {adding ? <AddMembers group={g} onClose={() => { setAdding(false); }} /> : null}
      <Modal opened={deleting} onClose={() => { setDeleting(false); }} title={`Delete ${g.name}?`} centered>
        <Stack gap="sm">
          <Text size="sm">The group is deleted; its members stay. Roles scoped to it and tokens that name it stop covering its members.</Text>
          <ErrorAlert error={remove.error} />
          <Group justify="flex-end"><Button variant="default" onClick={() => { setDeleting(false); }}>Cancel</Button><Button color="red" loading={remove.isPending} onClick={() => { remove.mutate(); }}>Delete</Button></Group>
        </Stack>
      </Modal>
    </>
  );
}
