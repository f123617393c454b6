import { Anchor, Button, Card, Group, Modal, SimpleGrid, Stack, Switch, Table, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { api, ok } from '../../api/client';
import type { User } from '../../api/types';
import { useCaller } from '../../api/use-me';
import { ComplianceBadge } from '../../shared/badges';
import { CopyField } from '../../shared/copy-field';
import { ErrorAlert } from '../../shared/error-alert';
import { formatAgo, formatDateTime } from '../../shared/format';
import { platformLabels } from '../../shared/labels';
import { PageHeader } from '../../shared/page-header';

const nullable = (text: string): string | null => (text.trim() === '' ? null : text.trim());

function EditUser({ user, onClose }: { readonly user: User; readonly onClose: () => void }) {
  const queries = useQueryClient();
  const [fields, setFields] = useState({ displayName: user.displayName, email: user.email, department: user.department ?? '', jobTitle: user.jobTitle ?? '', employeeId: user.employeeId ?? '' });
  const [disabled, setDisabled] = useState(user.disabled);
  const set = (name: keyof typeof fields) => (e: React.ChangeEvent<HTMLInputElement>) => { setFields({ ...fields, [name]: e.currentTarget.value }); };
  const save = useMutation({
    mutationFn: () => ok(api.PATCH('/api/v1/users/{id}', { params: { path: { id: user.id } }, body: { displayName: fields.displayName, email: fields.email, department: nullable(fields.department), jobTitle: nullable(fields.jobTitle), employeeId: nullable(fields.employeeId), disabled } })),
    onSuccess: (updated) => {
      queries.setQueryData(['user', user.id], updated);
      void queries.invalidateQueries({ queryKey: ['users'] });
      onClose();
    },
  });
  return (
    <Modal opened onClose={onClose} title="Edit user" centered>
      <form onSubmit={(e) => { e.preventDefault(); save.mutate(); }}>
        <Stack gap="sm">
          <TextInput label="E-mail" type="email" required value={fields.email} onChange={set('email')} />
          <TextInput label="Display name" required value={fields.displayName} onChange={set('displayName')} />
          <TextInput label="Department" value={fields.department} onChange={set('department')} />
          <TextInput label="Job title" value={fields.jobTitle} onChange={set('jobTitle')} />
          <TextInput label="Employee id" value={fields.employeeId} onChange={set('employeeId')} />
          <Switch label="Disabled (cannot sign in)" checked={disabled} onChange={(e) => { setDisabled(e.currentTarget.checked); }} />
          <ErrorAlert error={save.error} />
          <Group justify="flex-end"><Button variant="default" onClick={onClose}>Cancel</Button><Button type="submit" loading={save.isPending}>Save</Button></Group>
        </Stack>
      </form>
    </Modal>
  );
}

/**
 * Gives a person a password for Ward's sign-in (the identity provider and the portal): one Ward
 * generates, or one typed here; it is shown once, their sessions end, and their authenticator can
 * be removed with it (a lost phone).
 */
function SetPassword({ userId, email, onClose }: { readonly userId: string; readonly email: string; readonly onClose: () => void }) {
  const [password, setPassword] = useState('');
  const [resetTotp, setResetTotp] = useState(false);
  const set = useMutation({
    mutationFn: () => ok(api.POST('/api/v1/users/{id}/password', { params: { path: { id: userId } }, body: { ...(password === '' ? {} : { password }), resetTotp } })),
  });
  return (
    <Modal opened onClose={onClose} title={`Set a password for ${email}`} centered closeButtonProps={{ 'aria-label': 'Close' }}>
      {set.data === undefined ? (
        <form onSubmit={(e) => { e.preventDefault(); set.mutate(); }}>
          <Stack gap="sm">
            <Text size="sm">Leave the field empty for a strong generated password. Their current sessions end.</Text>
            <TextInput label="New password (optional)" type="password" autoComplete="new-password" value={password} onChange={(e) => { setPassword(e.currentTarget.value); }} />
            <Switch label="Also remove their authenticator app" checked={resetTotp} onChange={(e) => { setResetTotp(e.currentTarget.checked); }} />
            <ErrorAlert error={set.error} />
            <Group justify="flex-end"><Button variant="default" onClick={onClose}>Cancel</Button><Button type="submit" loading={set.isPending}>Set password</Button></Group>
          </Stack>
        </form>
      ) : (
        <Stack gap="sm">
          <Text size="sm">{set.data.generated ? 'Give them this password; it is shown only now.' : 'The password is set.'}</Text>
          {set.data.generated ? <CopyField label="Password" value={set.data.password} /> : null}
          <Group justify="flex-end"><Button onClick={onClose}>Done</Button></Group>
        </Stack>
      )}
    </Modal>
  );
}

/** One user: directory fields, attributes and their devices. */
export function UserPage() {
  const { id = '' } = useParams();
  const { can } = useCaller();
  const navigate = useNavigate();
  const queries = useQueryClient();
  const [editing, setEditing] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const [settingPassword, setSettingPassword] = useState(false);
  const user = useQuery({ queryKey: ['user', id], queryFn: () => ok(api.GET('/api/v1/users/{id}', { params: { path: { id } } })) });
  const devices = useQuery({
    queryKey: ['devices', { primaryUserId: id }],
    queryFn: () => ok(api.GET('/api/v1/devices', { params: { query: { primaryUserId: id, limit: 50 } } })),
    enabled: can('listDevices'),
  });
  const remove = useMutation({
    mutationFn: () => ok(api.DELETE('/api/v1/users/{id}', { params: { path: { id } } })),
    onSuccess: () => {
      void queries.invalidateQueries({ queryKey: ['users'] });
      void navigate('/users');
    },
  });
  const u = user.data;
  if (u === undefined) return <><PageHeader title="User" />{user.isPending ? <Text c="dimmed">Loading…</Text> : <ErrorAlert error={user.error} />}</>;
  const rows: [string, string][] = [
    ['E-mail', u.email], ['Given name', u.givenName ?? '—'], ['Surname', u.surname ?? '—'], ['Department', u.department ?? '—'], ['Job title', u.jobTitle ?? '—'],
    ['Employee id', u.employeeId ?? '—'], ['Status', u.disabled ? 'Disabled' : 'Enabled'], ['Created', formatDateTime(u.createdAt)],
    ...Object.entries(u.attributes).map(([k, v]): [string, string] => [`attributes.${k}`, v]),
  ];
  return (
    <>
      <Anchor component={Link} to="/users" size="sm">← Users</Anchor>
      <PageHeader title={u.displayName} description={u.email} actions={<>
        {can('updateUser') ? <Button variant="default" onClick={() => { setEditing(true); }}>Edit</Button> : null}
        {can('setUserPassword') ? <Button variant="default" onClick={() => { setSettingPassword(true); }}>Set password</Button> : null}
        {can('deleteUser') ? <Button variant="default" color="red" onClick={() => { setDeleting(true); }}>Delete</Button> : null}
      </>} />
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
        <Card withBorder>
          <Title order={2} size="h4" mb="sm">Directory</Title>
          <Table fz="sm" withTableBorder><Table.Tbody>{rows.map(([k, v]) => <Table.Tr key={k}><Table.Th scope="row" w="40%">{k}</Table.Th><Table.Td>{v}</Table.Td></Table.Tr>)}</Table.Tbody></Table>
        </Card>
        <Card withBorder>
          <Title order={2} size="h4" mb="sm">Devices</Title>
          <ErrorAlert error={devices.error} />
          {devices.data?.items.length === 0 ? <Text size="sm" c="dimmed">No devices have this user as primary user.</Text> : null}
          <Stack gap="xs">
            {(devices.data?.items ?? []).map((d) => (
              <Group key={d.id} justify="space-between">
                <Anchor component={Link} to={`/devices/${d.id}`}>{d.name}</Anchor>
                <Group gap="xs"><Text size="sm" c="dimmed">{platformLabels[d.platform]} · seen {formatAgo(d.lastSeenAt)}</Text><ComplianceBadge state={d.complianceState} /></Group>
              </Group>
            ))}
          </Stack>
        </Card>
      </SimpleGrid>
      {editing ? <EditUser user={u} onClose={() => { setEditing(false); }} /> : null}
      {settingPassword ? <SetPassword userId={u.id} email={u.email} onClose={() => { setSettingPassword(false); }} /> : null}
      <Modal opened={deleting} onClose={() => { setDeleting(false); }} title={`Delete ${u.email}?`} centered>
        <Stack gap="sm">
          <Text size="sm">The user, their group memberships, roles and tokens are deleted. Their devices stay and lose their primary user.</Text>
          <ErrorAlert error={remove.error} />
          <Group justify="flex-end"><Button variant="default" onClick={() => { setDeleting(false); }}>Cancel</Button><Button color="red" loading={remove.isPending} onClick={() => { remove.mutate(); }}>Delete</Button></Group>
        </Stack>
      </Modal>
    </>
  );
}
