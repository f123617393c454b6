import { Alert, Badge, Button, Card, Group, Modal, PasswordInput, Select, Stack, Table, Text, TextInput, CloseButton, VisuallyHidden } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, ok } from '../../api/client';
import type { Admin, Role } from '../../api/types';
import { useCaller } from '../../api/use-me';
import { CopyField } from '../../shared/copy-field';
import { ErrorAlert } from '../../shared/error-alert';
import { roleLabels } from '../../shared/labels';
import { PageHeader } from '../../shared/page-header';
import { GroupScopePicker } from '../group-scope-picker';

const roleOptions = Object.entries(roleLabels).map(([value, label]) => ({ value, label }));
const roleHelp: Readonly<Record<Role, string>> = {
  globalAdmin: 'Everything, including admins, roles and settings.',
  policyManager: 'Reads everything; manages groups and policies.',
  helpDeskOperator: 'Reads everything; runs remote actions on devices.',
  readOnlyAuditor: 'Reads everything, including the audit log; changes nothing.',
};

function RoleFields({ role, setRole, scope, setScope }: { readonly role: Role; readonly setRole: (r: Role) => void; readonly scope: readonly string[]; readonly setScope: (s: string[]) => void }) {
  return (
    <>
      <Select label="Role" data={roleOptions} value={role} onChange={(v) => { if (v !== null) setRole(v as Role); }} allowDeselect={false} description={roleHelp[role]} />
      <GroupScopePicker value={scope} onChange={setScope} />
    </>
  );
}

function CreateAdmin({ onClose }: { readonly onClose: () => void }) {
  const queries = useQueryClient();
  const [email, setEmail] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [password, setPassword] = useState('');
  const [role, setRole] = useState<Role>('helpDeskOperator');
  const [scope, setScope] = useState<string[]>([]);
  const create = useMutation({
    mutationFn: () => ok(api.POST('/api/v1/admins', { body: { email, role, scopeGroupIds: scope.length === 0 ? null : scope, ...(displayName.trim() === '' ? {} : { displayName }), ...(password === '' ? {} : { password }) } })),
    onSuccess: () => { void queries.invalidateQueries({ queryKey: ['admins'] }); },
  });
  return (
    <Modal opened onClose={onClose} title="New admin" centered>
      {create.data === undefined ? (
        <form onSubmit={(e) => { e.preventDefault(); create.mutate(); }}>
          <Stack gap="sm">
            <TextInput label="E-mail" type="email" required description="An existing user, or a new one." value={email} onChange={(e) => { setEmail(e.currentTarget.value); }} data-autofocus />
            <TextInput label="Display name" description="For a new user." value={displayName} onChange={(e) => { setDisplayName(e.currentTarget.value); }} />
            <RoleFields role={role} setRole={setRole} scope={scope} setScope={setScope} />
            <PasswordInput label="Password" description="Leave empty to have Ward generate one, shown once." autoComplete="new-password" value={password} onChange={(e) => { setPassword(e.currentTarget.value); }} />
            <ErrorAlert error={create.error} />
            <Group justify="flex-end"><Button variant="default" onClick={onClose}>Cancel</Button><Button type="submit" loading={create.isPending}>Create admin</Button></Group>
          </Stack>
        </form>
      ) : (
        <Stack gap="sm">
          <Alert color="green" title={`${create.data.user.email} is now ${roleLabels[create.data.assignment.role]}`}>They can sign in to the console.</Alert>
          {create.data.generatedPassword === null ? null : <CopyField label="One-time password" value={create.data.generatedPassword} />}
          <Group justify="flex-end"><Button onClick={onClose}>Done</Button></Group>
        </Stack>
      )}
    </Modal>
  );
}

function AssignRole({ admin, onClose }: { readonly admin: Admin; readonly onClose: () => void }) {
  const queries = useQueryClient();
  const [role, setRole] = useState<Role>('readOnlyAuditor');
  const [scope, setScope] = useState<string[]>([]);
  const assign = useMutation({
    mutationFn: () => ok(api.POST('/api/v1/admins/{userId}/roles', { params: { path: { userId: admin.user.id } }, body: { role, scopeGroupIds: scope.length === 0 ? null : scope } })),
    onSuccess: () => {
      void queries.invalidateQueries({ queryKey: ['admins'] });
      onClose();
    },
  });
  return (
    <Modal opened onClose={onClose} title={`Grant a role to ${admin.user.email}`} centered>
      <Stack gap="sm">
        <RoleFields role={role} setRole={setRole} scope={scope} setScope={setScope} />
        <ErrorAlert error={assign.error} />
        <Group justify="flex-end"><Button variant="default" onClick={onClose}>Cancel</Button><Button loading={assign.isPending} onClick={() => { assign.mutate(); }}>Grant</Button></Group>
      </Stack>
    </Modal>
  );
}

/** Who administers Ward and with which roles, each optionally limited to groups. */
export function AdminsPage() {
  const { can } = useCaller();
  const queries = useQueryClient();
  const [creating, setCreating] = useState(false);
  const [granting, setGranting] = useState<Admin | undefined>();
  const admins = useQuery({ queryKey: ['admins'], queryFn: () => ok(api.GET('/api/v1/admins')) });
  const removeRole = useMutation({
    mutationFn: (v: { userId: string; assignmentId: string }) => ok(api.DELETE('/api/v1/admins/{userId}/roles/{assignmentId}', { params: { path: v } })),
    onSuccess: () => { void queries.invalidateQueries({ queryKey: ['admins'] }); },
  });
  const manage = can('assignRole');
  return (
    <>
      <PageHeader title="Admins and roles" description="Roles grant permissions; a scope limits them to the members of some groups." actions={can('createAdmin') ? <Button onClick={() => { setCreating(true); }}>New admin</Button> : undefined} />
      <Card withBorder mb="lg">
        <Table fz="sm">
          <Table.Caption>What each role may do</Table.Caption>
          <Table.Tbody>{(Object.keys(roleHelp) as Role[]).map((r) => <Table.Tr key={r}><Table.Th scope="row" w={200}>{roleLabels[r]}</Table.Th><Table.Td>{roleHelp[r]}</Table.Td></Table.Tr>)}</Table.Tbody>
        </Table>
      </Card>
      <ErrorAlert error={admins.error ?? removeRole.error} />
      <Table striped>
        <Table.Caption>Admins and their role assignments</Table.Caption>
        <Table.Thead><Table.Tr><Table.Th>Admin</Table.Th><Table.Th>Roles</Table.Th>{manage ? <Table.Th><VisuallyHidden>Grant</VisuallyHidden></Table.Th> : null}</Table.Tr></Table.Thead>
        <Table.Tbody>
          {(admins.data?.items ?? []).map((a) => (
            <Table.Tr key={a.user.id}>
              <Table.Td><Text size="sm" fw={500}>{a.user.displayName}</Text><Text size="xs" c="dimmed">{a.user.email}</Text></Table.Td>
              <Table.Td>
                <Group gap={6}>
                  {a.roles.map((r) => (
                    <Badge key={r.id} variant="light" size="lg" rightSection={manage ? <CloseButton size="xs" aria-label={`Remove ${roleLabels[r.role]} from ${a.user.email}`} onClick={() => { removeRole.mutate({ userId: a.user.id, assignmentId: r.id }); }} /> : undefined}>
                      {roleLabels[r.role]}{r.scopeGroupIds === null ? '' : ` · ${r.scopeGroupIds.length} group${r.scopeGroupIds.length === 1 ? '' : 's'}`}
                    </Badge>
                  ))}
                </Group>
              </Table.Td>
              {manage ? <Table.Td><Button size="xs" variant="default" onClick={() => { setGranting(a); }}>Grant role</Button></Table.Td> : null}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {creating ? <CreateAdmin onClose={() => { setCreating(false); }} /> : null}
      {granting === undefined ? null : <AssignRole admin={granting} onClose={() => { setGranting(undefined); }} />}
    </>
  );
}
