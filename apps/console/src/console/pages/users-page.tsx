import { Anchor, Badge, Button, Group, Modal, Select, Stack, Table, Text, TextInput } from '@mantine/core';
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

function CreateUser({ onClose }: { readonly onClose: () => void }) {
  const queries = useQueryClient();
  const navigate = useNavigate();
  const [fields, setFields] = useState({ email: '', displayName: '', department: '', jobTitle: '' });
  const set = (name: keyof typeof fields) => (e: React.ChangeEvent<HTMLInputElement>) => { setFields({ ...fields, [name]: e.currentTarget.value }); };
  const create = useMutation({
    mutationFn: () => ok(api.POST('/api/v1/users', { body: { email: fields.email, displayName: fields.displayName, department: fields.department.trim() === '' ? null : fields.department, jobTitle: fields.jobTitle.trim() === '' ? null : fields.jobTitle } })),
    onSuccess: (user) => {
      void queries.invalidateQueries({ queryKey: ['users'] });
      void navigate(`/users/${user.id}`);
    },
  });
  return (
    <Modal opened onClose={onClose} title="New user" centered>
      <form onSubmit={(e) => { e.preventDefault(); create.mutate(); }}>
        <Stack gap="sm">
          <TextInput label="E-mail" type="email" required value={fields.email} onChange={set('email')} data-autofocus />
          <TextInput label="Display name" required value={fields.displayName} onChange={set('displayName')} />
          <TextInput label="Department" value={fields.department} onChange={set('department')} />
          <TextInput label="Job title" value={fields.jobTitle} onChange={set('jobTitle')} />
          <ErrorAlert error={create.error} />
          <Group justify="flex-end"><Button variant="default" onClick={onClose}>Cancel</Button><Button type="submit" loading={create.isPending}>Create</Button></Group>
        </Stack>
      </form>
    </Modal>
  );
}

/** The directory's users, searchable, a server page at a time. */
export function UsersPage() {
  const { can } = useCaller();
  const pages = useCursorPages();
  const [q, setQ] = useState('');
  const [department, setDepartment] = useState('');
  const [status, setStatus] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  const [importing, setImporting] = useState(false);
  const [debouncedQ] = useDebouncedValue(q.trim(), 300);
  const [debouncedDepartment] = useDebouncedValue(department.trim(), 300);
  const query = {
    limit: 50,
    ...(debouncedQ === '' ? {} : { q: debouncedQ }),
    ...(debouncedDepartment === '' ? {} : { department: debouncedDepartment }),
    ...(status === null ? {} : { disabled: status === 'disabled' }),
    ...(pages.cursor === undefined ? {} : { cursor: pages.cursor }),
  };
  const users = useQuery({ queryKey: ['users', query], queryFn: () => ok(api.GET('/api/v1/users', { params: { query } })), placeholderData: keepPreviousData });
  return (
    <>
      <PageHeader
        title="Users"
        description="People in the directory. Devices and group rules refer to them."
        actions={
          <>
            {can('importUsers') ? <Button variant="default" onClick={() => { setImporting(true); }}>Import CSV</Button> : null}
            {can('createUser') ? <Button onClick={() => { setCreating(true); }}>New user</Button> : null}
          </>
        }
      />
      <Group mb="md" align="flex-end">
        <TextInput label="Search" placeholder="E-mail or name" value={q} onChange={(e) => { setQ(e.currentTarget.value); pages.reset(); }} w={260} />
        <TextInput label="Department" value={department} onChange={(e) => { setDepartment(e.currentTarget.value); pages.reset(); }} w={200} />
        <Select label="Status" data={[{ value: 'enabled', label: 'Enabled' }, { value: 'disabled', label: 'Disabled' }]} value={status} onChange={(v) => { setStatus(v); pages.reset(); }} clearable placeholder="Any" w={140} />
      </Group>
      <ErrorAlert error={users.error} />
      <Table striped highlightOnHover>
        <Table.Caption>Users, by e-mail</Table.Caption>
        <Table.Thead><Table.Tr><Table.Th>E-mail</Table.Th><Table.Th>Name</Table.Th><Table.Th>Department</Table.Th><Table.Th>Job title</Table.Th><Table.Th>Status</Table.Th></Table.Tr></Table.Thead>
        <Table.Tbody>
          {(users.data?.items ?? []).map((u) => (
            <Table.Tr key={u.id}>
              <Table.Td><Anchor component={Link} to={`/users/${u.id}`}>{u.email}</Anchor></Table.Td>
              <Table.Td>{u.displayName}</Table.Td>
              <Table.Td>{u.department ?? '—'}</Table.Td>
              <Table.Td>{u.jobTitle ?? '—'}</Table.Td>
              <Table.Td>{u.disabled ? <Badge color="gray">Disabled</Badge> : <Badge color="green" variant="light">Enabled</Badge>}</Table.Td>
            </Table.Tr>
          ))}
          {users.data?.items.length === 0 ? <Table.Tr><Table.Td colSpan={5}><Text size="sm" c="dimmed">No users match.</Text></Table.Td></Table.Tr> : null}
        </Table.Tbody>
      </Table>
      <CursorPager pages={pages} nextCursor={users.data?.nextCursor} loading={users.isFetching} label="Users" />
      {creating ? <CreateUser onClose={() => { setCreating(false); }} /> : null}
      <CsvImport kind="users" columns="email, displayName, givenName, surname, department, jobTitle, employeeId, disabled, groups, attr.NAME" opened={importing} onClose={() => { setImporting(false); }} />
    </>
  );
}
