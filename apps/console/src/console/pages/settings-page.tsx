import { Badge, Button, Card, Group, Modal, PasswordInput, Stack, Switch, Table, Text, TextInput, Title, VisuallyHidden } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, ok } from '../../api/client';
import type { operations } from '../../api/schema.gen';
import { useCaller } from '../../api/use-me';
import { CopyField } from '../../shared/copy-field';
import { ErrorAlert } from '../../shared/error-alert';
import { formatDateTime } from '../../shared/format';
import { PageHeader } from '../../shared/page-header';

type UpstreamProvider = operations['listUpstreamProviders']['responses'][200]['content']['application/json']['items'][number];

/** Adds an upstream OpenID provider: Ward is its client, with the callback shown to register there. */
function AddUpstreamProvider({ onClose }: { readonly onClose: () => void }) {
  const queries = useQueryClient();
  const [name, setName] = useState('');
  const [issuer, setIssuer] = useState('');
  const [clientId, setClientId] = useState('');
  const [clientSecret, setClientSecret] = useState('');
  const [requireVerifiedEmail, setRequireVerifiedEmail] = useState(true);
  const create = useMutation({
    mutationFn: () => ok(api.POST('/api/v1/identity/upstream-providers', { body: { name, issuer, clientId, clientSecret, requireVerifiedEmail } })),
    onSuccess: () => {
      void queries.invalidateQueries({ queryKey: ['upstream-providers'] });
      onClose();
    },
  });
  return (
    <Modal opened onClose={onClose} title="Add an upstream identity provider" centered closeButtonProps={{ 'aria-label': 'Close' }}>
      <form onSubmit={(e) => { e.preventDefault(); create.mutate(); }}>
        <Stack gap="sm">
          <CopyField label="Redirect URI to register at the provider" value={`${location.origin}/interaction/federated/callback`} />
          <TextInput label="Name" description='Shown on the sign-in page as "Sign in with …".' required maxLength={100} value={name} onChange={(e) => { setName(e.currentTarget.value); }} />
          <TextInput label="Issuer" description="The provider's issuer URL (https)." required placeholder="https://login.example.com" value={issuer} onChange={(e) => { setIssuer(e.currentTarget.value); }} />
          <TextInput label="Client id" required value={clientId} onChange={(e) => { setClientId(e.currentTarget.value); }} />
          <PasswordInput label="Client secret" required autoComplete="off" value={clientSecret} onChange={(e) => { setClientSecret(e.currentTarget.value); }} />
          <Switch label="Only accept verified e-mail addresses" checked={requireVerifiedEmail} onChange={(e) => { setRequireVerifiedEmail(e.currentTarget.checked); }} />
          <ErrorAlert error={create.error} />
          <Group justify="flex-end"><Button variant="default" onClick={onClose}>Cancel</Button><Button type="submit" loading={create.isPending}>Add</Button></Group>
        </Stack>
      </form>
    </Modal>
  );
}

/**
 * Tenant-wide settings: the tenant itself, and the upstream OpenID providers people may sign in
 * with (federation; the person is matched to the directory user with the same verified e-mail).
 */
export function SettingsPage() {
  const { can } = useCaller();
  const queries = useQueryClient();
  const [adding, setAdding] = useState(false);
  const tenant = useQuery({ queryKey: ['tenant'], queryFn: () => ok(api.GET('/api/v1/tenant')) });
  const providers = useQuery({ queryKey: ['upstream-providers'], queryFn: () => ok(api.GET('/api/v1/identity/upstream-providers', { params: { query: { limit: 100 } } })), enabled: can('listUpstreamProviders') });
  const toggle = useMutation({
    mutationFn: (p: UpstreamProvider) => ok(api.PATCH('/api/v1/identity/upstream-providers/{id}', { params: { path: { id: p.id } }, body: { enabled: !p.enabled, expectedVersion: p.version } })),
    onSuccess: () => { void queries.invalidateQueries({ queryKey: ['upstream-providers'] }); },
  });
  const remove = useMutation({
    mutationFn: (id: string) => ok(api.DELETE('/api/v1/identity/upstream-providers/{id}', { params: { path: { id } } })),
    onSuccess: () => { void queries.invalidateQueries({ queryKey: ['upstream-providers'] }); },
  });
  const items = providers.data?.items ?? [];
  return (
    <>
      <PageHeader title="Settings" description="The tenant and how people sign in." />
      <Stack gap="lg" maw={960}>
        <Card withBorder>
          <Title order={2} size="h4" mb="sm">Tenant</Title>
          <ErrorAlert error={tenant.error} />
          {tenant.data === undefined ? null : (
            <Table fz="sm" withTableBorder>
              <Table.Tbody>
                <Table.Tr><Table.Th scope="row" w="30%">Name</Table.Th><Table.Td>{tenant.data.name}</Table.Td></Table.Tr>
                <Table.Tr><Table.Th scope="row">Slug</Table.Th><Table.Td>{tenant.data.slug}</Table.Td></Table.Tr>
                <Table.Tr><Table.Th scope="row">Id</Table.Th><Table.Td>{tenant.data.id}</Table.Td></Table.Tr>
              </Table.Tbody>
            </Table>
          )}
        </Card>
        {can('listUpstreamProviders') ? (
          <Card withBorder>
            <Group justify="space-between" mb="sm">
              <Title order={2} size="h4">Sign in with another identity provider</Title>
              {can('createUpstreamProvider') ? <Button onClick={() => { setAdding(true); }}>Add provider</Button> : null}
            </Group>
            <Text size="sm" c="dimmed" mb="sm">People choose the provider on Ward's sign-in page, are matched by verified e-mail, and still meet their own second factor and conditional access.</Text>
            <ErrorAlert error={providers.error ?? toggle.error ?? remove.error} />
            {providers.isSuccess && items.length === 0 ? <Text size="sm">No upstream providers: people sign in with Ward's own password and second factors.</Text> : null}
            {items.length === 0 ? null : (
              <Table aria-label="Upstream identity providers" withTableBorder fz="sm">
                <Table.Thead><Table.Tr><Table.Th>Name</Table.Th><Table.Th>Issuer</Table.Th><Table.Th>Client id</Table.Th><Table.Th>Changed</Table.Th><Table.Th><VisuallyHidden>Actions</VisuallyHidden></Table.Th></Table.Tr></Table.Thead>
                <Table.Tbody>
                  {items.map((p) => (
                    <Table.Tr key={p.id} data-upstream-provider={p.name}>
                      <Table.Td>{p.name} {p.enabled ? null : <Badge size="xs" color="gray">off</Badge>}</Table.Td>
                      <Table.Td style={{ overflowWrap: 'anywhere' }}>{p.issuer}</Table.Td>
                      <Table.Td style={{ overflowWrap: 'anywhere' }}>{p.clientId}</Table.Td>
                      <Table.Td>{formatDateTime(p.updatedAt)}</Table.Td>
                      <Table.Td>
                        <Group gap="xs" wrap="nowrap">
                          {can('updateUpstreamProvider') ? <Button variant="subtle" size="compact-sm" aria-label={`${p.enabled ? 'Turn off' : 'Turn on'} ${p.name}`} onClick={() => { toggle.mutate(p); }}>{p.enabled ? 'Turn off' : 'Turn on'}</Button> : null}
                          {can('deleteUpstreamProvider') ? <Button variant="subtle" color="red" size="compact-sm" aria-label={`Delete ${p.name}`} onClick={() => { remove.mutate(p.id); }}>Delete</Button> : null}
                        </Group>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            )}
          </Card>
        ) : null}
      </Stack>
      {adding ? <AddUpstreamProvider onClose={() => { setAdding(false); }} /> : null}
    </>
  );
}
