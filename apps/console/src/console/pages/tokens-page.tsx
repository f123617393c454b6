import { Alert, Badge, Button, Group, Modal, NumberInput, Select, Stack, Table, Text, TextInput, VisuallyHidden } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, ok } from '../../api/client';
import type { ApiToken, Role } from '../../api/types';
import { useCaller } from '../../api/use-me';
import { CopyField } from '../../shared/copy-field';
import { ErrorAlert } from '../../shared/error-alert';
import { formatAgo, formatDateTime } from '../../shared/format';
import { roleLabels } from '../../shared/labels';
import { PageHeader } from '../../shared/page-header';
import { GroupScopePicker } from '../group-scope-picker';

function CreateToken({ roles, onClose }: { readonly roles: readonly Role[]; readonly onClose: () => void }) {
  const queries = useQueryClient();
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>(roles[0] ?? 'readOnlyAuditor');
  const [scope, setScope] = useState<string[]>([]);
  const [days, setDays] = useState<number>(90);
  const create = useMutation({
    mutationFn: () => ok(api.POST('/api/v1/tokens', { body: { name, role, expiresInDays: days, scopeGroupIds: scope.length === 0 ? null : scope } })),
    onSuccess: () => { void queries.invalidateQueries({ queryKey: ['tokens'] }); },
  });
  return (
    <Modal opened onClose={onClose} title="New API token" centered>
      {create.data === undefined ? (
        <form onSubmit={(e) => { e.preventDefault(); create.mutate(); }}>
          <Stack gap="sm">
            <TextInput label="Name" required description="What uses it, e.g. the HR sync job." value={name} onChange={(e) => { setName(e.currentTarget.value); }} data-autofocus />
            <Select label="Role" description="One of your own roles; the token can do no more than it." data={roles.map((r) => ({ value: r, label: roleLabels[r] }))} value={role} onChange={(v) => { if (v !== null) setRole(v); }} allowDeselect={false} />
            <GroupScopePicker value={scope} onChange={setScope} />
            <NumberInput label="Expires after (days)" min={1} max={365} value={days} onChange={(v) => { setDays(typeof v === 'number' ? v : 90); }} />
            <ErrorAlert error={create.error} />
            <Group justify="flex-end"><Button variant="default" onClick={onClose}>Cancel</Button><Button type="submit" loading={create.isPending}>Create token</Button></Group>
          </Stack>
        </form>
      ) : (
        <Stack gap="sm">
          <Alert color="yellow" title="Shown once">Ward keeps only a hash of the token. Store it where the job that uses it reads secrets.</Alert>
          <CopyField label="Bearer token" value={create.data.bearer} />
          <Group justify="flex-end"><Button onClick={onClose}>Done</Button></Group>
        </Stack>
      )}
    </Modal>
  );
}

function state(token: ApiToken, now: number): { label: string; color: string } {
  if (token.revokedAt !== null) return { label: 'Revoked', color: 'gray' };
  if (Date.parse(token.expiresAt) <= now) return { label: 'Expired', color: 'gray' };
  return { label: 'Active', color: 'green' };
}

/** API tokens for automation: the caller's own, or everyone's for a global admin. */
export function TokensPage() {
  const { me } = useCaller();
  const queries = useQueryClient();
  const [creating, setCreating] = useState(false);
  const tokens = useQuery({ queryKey: ['tokens'], queryFn: () => ok(api.GET('/api/v1/tokens')) });
  const revoke = useMutation({
    mutationFn: (id: string) => ok(api.DELETE('/api/v1/tokens/{id}', { params: { path: { id } } })),
    onSuccess: () => { void queries.invalidateQueries({ queryKey: ['tokens'] }); },
  });
  const roles = [...new Set((me?.grants ?? []).map((g) => g.role))];
  const now = Date.now();
  return (
    <>
      <PageHeader title="API tokens" description="Bearer tokens for scripts and integrations, each carrying one role." actions={roles.length > 0 ? <Button onClick={() => { setCreating(true); }}>New token</Button> : undefined} />
      <ErrorAlert error={tokens.error ?? revoke.error} />
      <Table striped fz="sm">
        <Table.Caption>API tokens</Table.Caption>
        <Table.Thead><Table.Tr><Table.Th>Name</Table.Th><Table.Th>State</Table.Th><Table.Th>Role</Table.Th><Table.Th>Owner</Table.Th><Table.Th>Last used</Table.Th><Table.Th>Expires</Table.Th><Table.Th><VisuallyHidden>Revoke</VisuallyHidden></Table.Th></Table.Tr></Table.Thead>
        <Table.Tbody>
          {(tokens.data?.items ?? []).map((t) => {
            const s = state(t, now);
            return (
              <Table.Tr key={t.id}>
                <Table.Td>{t.name}</Table.Td>
                <Table.Td><Badge variant="light" color={s.color}>{s.label}</Badge></Table.Td>
                <Table.Td>{t.role === null ? '—' : roleLabels[t.role]}{t.scopeGroupIds === null ? '' : ` (${t.scopeGroupIds.length} groups)`}</Table.Td>
                <Table.Td><Text size="xs" ff="monospace">{t.userId === me?.userId ? 'you' : t.userId}</Text></Table.Td>
                <Table.Td>{formatAgo(t.lastUsedAt)}</Table.Td>
                <Table.Td title={formatDateTime(t.expiresAt)}>{formatAgo(t.expiresAt)}</Table.Td>
                <Table.Td>{s.label === 'Active' ? <Button size="xs" variant="subtle" color="red" onClick={() => { revoke.mutate(t.id); }} aria-label={`Revoke ${t.name}`}>Revoke</Button> : null}</Table.Td>
              </Table.Tr>
            );
          })}
          {tokens.data?.items.length === 0 ? <Table.Tr><Table.Td colSpan={7}><Text size="sm" c="dimmed">No API tokens.</Text></Table.Td></Table.Tr> : null}
        </Table.Tbody>
      </Table>
      {creating ? <CreateToken roles={roles} onClose={() => { setCreating(false); }} /> : null}
    </>
  );
}
