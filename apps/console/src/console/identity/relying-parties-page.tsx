import { Alert, Button, Checkbox, Code, Group, Modal, Select, Stack, Table, Text, Textarea, TextInput, VisuallyHidden } from '@mantine/core';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, ok } from '../../api/client';
import { useCaller } from '../../api/use-me';
import { CopyField } from '../../shared/copy-field';
import { CursorPager } from '../../shared/cursor-pager';
import { asProblem, ErrorAlert } from '../../shared/error-alert';
import { formatDateTime } from '../../shared/format';
import { PageHeader } from '../../shared/page-header';
import { ScrollTable } from '../../shared/scroll-table';
import { useCursorPages } from '../../shared/use-cursor-pages';
import { authMethodLabels, grantTypeLabels, identityProblemTitle, optionsOf } from './access-labels';
import type { CreateRelyingParty, RelyingParty, RelyingPartyGrantType, TokenEndpointAuthMethod } from './identity-types';

/** URIs typed one per line (commas may be part of a URI), blanks dropped. */
function uriLines(text: string): string[] {
  return text.split(/\r?\n/u).map((line) => line.trim()).filter((line) => line !== '');
}

/** The JWKS text as JSON, or a reason it is not. */
function parseJwks(text: string): { readonly ok: true; readonly value: CreateRelyingParty['jwks'] } | { readonly ok: false; readonly reason: string } {
  if (text.trim() === '') return { ok: true, value: null };
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value !== 'object' || value === null || Array.isArray(value) || !('keys' in value) || !Array.isArray(value.keys)) return { ok: false, reason: 'A JWKS is an object with a "keys" array.' };
    return { ok: true, value: value as CreateRelyingParty['jwks'] };
  } catch (cause) {
    return { ok: false, reason: `Not JSON: ${cause instanceof Error ? cause.message : String(cause)}` };
  }
}

function SecretShownOnce({ party, secret, onClose }: { readonly party: RelyingParty; readonly secret: string | null; readonly onClose: () => void }) {
  return (
    <Stack gap="sm">
      {secret === null ? (
        <Alert color="blue" title="No client secret">{party.name} authenticates without a secret Ward generates.</Alert>
      ) : (
        <Alert color="yellow" title="Shown once">Ward keeps the secret sealed and cannot show it again. Put it where {party.name} reads its configuration.</Alert>
      )}
      <CopyField label="Client ID" value={party.clientId} />
      {secret === null ? null : <CopyField label="Client secret" value={secret} />}
      <Group justify="flex-end"><Button onClick={onClose}>Done</Button></Group>
    </Stack>
  );
}

function CreateRelyingPartyModal({ onClose }: { readonly onClose: () => void }) {
  const queries = useQueryClient();
  const [name, setName] = useState('');
  const [grantTypes, setGrantTypes] = useState<RelyingPartyGrantType[]>(['authorization_code', 'refresh_token']);
  const [method, setMethod] = useState<TokenEndpointAuthMethod>('client_secret_basic');
  const [redirectUris, setRedirectUris] = useState('');
  const [logoutUris, setLogoutUris] = useState('');
  const [jwks, setJwks] = useState('');
  const parsedJwks = parseJwks(jwks);
  const create = useMutation({
    mutationFn: (body: CreateRelyingParty) => ok(api.POST('/api/v1/identity/relying-parties', { body })),
    onSuccess: () => { void queries.invalidateQueries({ queryKey: ['relying-parties'] }); },
  });
  const problem = create.error === null ? undefined : asProblem(create.error);
  const field = typeof problem?.details?.field === 'string' ? problem.details.field : typeof problem?.details?.path === 'string' ? problem.details.path.split('/')[1] : undefined;
  const at = (name: string) => (field !== undefined && field.startsWith(name) ? problem?.message : undefined);
  const submit = () => {
    if (!parsedJwks.ok) return;
    create.mutate({
      name,
      grantTypes,
      tokenEndpointAuthMethod: method,
      redirectUris: uriLines(redirectUris),
      postLogoutRedirectUris: uriLines(logoutUris),
      ...(method === 'private_key_jwt' ? { jwks: parsedJwks.value } : {}),
    });
  };
  return (
    <Modal opened onClose={onClose} title={create.data === undefined ? 'New relying party' : `${create.data.relyingParty.name} is registered`} centered size="lg" closeButtonProps={{ 'aria-label': 'Close' }}>
      {create.data === undefined ? (
        <form onSubmit={(e) => { e.preventDefault(); submit(); }}>
          <Stack gap="sm">
            <TextInput label="Name" required description="What people see when they sign in, e.g. Payroll." value={name} onChange={(e) => { setName(e.currentTarget.value); }} error={at('name')} data-autofocus />
            <Checkbox.Group label="Grant types" required value={grantTypes} onChange={(v) => { setGrantTypes(v); }} error={at('grantTypes')}>
              <Stack gap={4} mt={6}>{optionsOf(grantTypeLabels).map((o) => <Checkbox key={o.value} value={o.value} label={o.label} />)}</Stack>
            </Checkbox.Group>
            <Select label="Client authentication" data={optionsOf(authMethodLabels)} value={method} onChange={(v) => { if (v !== null) setMethod(v); }} allowDeselect={false} error={at('tokenEndpointAuthMethod')} />
            <Textarea label="Redirect URIs" description="One per line; exact match. https, or http only to the loopback interface." value={redirectUris} onChange={(e) => { setRedirectUris(e.currentTarget.value); }} autosize minRows={2} error={at('redirectUris')} styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }} />
            <Textarea label="Post-logout redirect URIs" description="One per line." value={logoutUris} onChange={(e) => { setLogoutUris(e.currentTarget.value); }} autosize minRows={1} error={at('postLogoutRedirectUris')} styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }} />
            {method === 'private_key_jwt' ? (
              <Textarea label="Public keys (JWKS)" required description='The client&apos;s public keys as JSON: {"keys": [...]}. Private key members are refused.' value={jwks} onChange={(e) => { setJwks(e.currentTarget.value); }} autosize minRows={3} error={parsedJwks.ok ? at('jwks') : parsedJwks.reason} styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }} />
            ) : null}
            {problem === undefined ? null : <ErrorAlert error={problem} title={identityProblemTitle(problem)} />}
            <Group justify="flex-end"><Button variant="default" onClick={onClose}>Cancel</Button><Button type="submit" loading={create.isPending}>Register</Button></Group>
          </Stack>
        </form>
      ) : (
        <SecretShownOnce party={create.data.relyingParty} secret={create.data.clientSecret} onClose={onClose} />
      )}
    </Modal>
  );
}

/** `/relying-parties`: the applications that sign users in through Ward's OpenID provider. */
export function RelyingPartiesPage() {
  const { can } = useCaller();
  const queries = useQueryClient();
  const pages = useCursorPages();
  const [creating, setCreating] = useState(false);
  const [deleting, setDeleting] = useState<RelyingParty | undefined>();
  const [rotated, setRotated] = useState<{ party: RelyingParty; secret: string | null } | undefined>();
  const query = { limit: 25, ...(pages.cursor === undefined ? {} : { cursor: pages.cursor }) };
  const parties = useQuery({ queryKey: ['relying-parties', query], queryFn: () => ok(api.GET('/api/v1/identity/relying-parties', { params: { query } })), placeholderData: keepPreviousData });
  const remove = useMutation({
    mutationFn: (id: string) => ok(api.DELETE('/api/v1/identity/relying-parties/{id}', { params: { path: { id } } })),
    onSuccess: () => {
      setDeleting(undefined);
      void queries.invalidateQueries({ queryKey: ['relying-parties'] });
    },
  });
  const rotate = useMutation({
    mutationFn: (id: string) => ok(api.POST('/api/v1/identity/relying-parties/{id}/secret', { params: { path: { id } } })),
    onSuccess: (answer) => {
      setRotated({ party: answer.relyingParty, secret: answer.clientSecret });
      void queries.invalidateQueries({ queryKey: ['relying-parties'] });
    },
  });
  const canManage = can('createRelyingParty');
  const items = parties.data?.items ?? [];
  const listProblem = parties.error ?? rotate.error;
  return (
    <>
      <PageHeader
        title="Relying parties"
        description="The applications that sign users in through Ward (OpenID Connect clients). Conditional access policies name them."
        actions={canManage ? <Button onClick={() => { setCreating(true); }}>New relying party</Button> : undefined}
      />
      {listProblem === null ? null : <ErrorAlert error={listProblem} title={identityProblemTitle(asProblem(listProblem))} />}
      <ScrollTable label="Relying parties table" minWidth={820}>
        <Table striped fz="sm" data-testid="relying-parties" aria-busy={parties.isFetching}>
          <Table.Caption>{parties.isPending ? 'Loading relying parties…' : 'Relying parties, oldest first'}</Table.Caption>
          <Table.Thead><Table.Tr><Table.Th>Name</Table.Th><Table.Th>Client ID</Table.Th><Table.Th>Grant types</Table.Th><Table.Th>Authentication</Table.Th><Table.Th>Redirect URIs</Table.Th><Table.Th>Created</Table.Th>{canManage ? <Table.Th><VisuallyHidden>Actions</VisuallyHidden></Table.Th> : null}</Table.Tr></Table.Thead>
          <Table.Tbody>
            {items.map((p) => (
              <Table.Tr key={p.id} data-relying-party={p.name}>
                <Table.Td fw={500}>{p.name}</Table.Td>
                <Table.Td><Code>{p.clientId}</Code></Table.Td>
                <Table.Td>{p.grantTypes.map((g) => grantTypeLabels[g]).join(', ')}</Table.Td>
                <Table.Td>{authMethodLabels[p.tokenEndpointAuthMethod]}{p.hasSecret ? <Text size="xs" c="dimmed">Secret issued {formatDateTime(p.secretIssuedAt)}</Text> : null}</Table.Td>
                <Table.Td>{p.redirectUris.length === 0 ? '—' : p.redirectUris.map((u) => <Text key={u} size="xs" ff="monospace" style={{ wordBreak: 'break-all' }}>{u}</Text>)}</Table.Td>
                <Table.Td>{formatDateTime(p.createdAt)}</Table.Td>
                {canManage ? (
                  <Table.Td>
                    <Group gap={4} wrap="nowrap">
                      {p.hasSecret ? <Button size="compact-xs" variant="subtle" onClick={() => { rotate.mutate(p.id); }} loading={rotate.isPending && rotate.variables === p.id} aria-label={`New secret for ${p.name}`}>New secret</Button> : null}
                      <Button size="compact-xs" variant="subtle" color="red" onClick={() => { remove.reset(); setDeleting(p); }} aria-label={`Delete ${p.name}`}>Delete</Button>
                    </Group>
                  </Table.Td>
                ) : null}
              </Table.Tr>
            ))}
            {!parties.isPending && items.length === 0 ? <Table.Tr><Table.Td colSpan={canManage ? 7 : 6}><Text size="sm" c="dimmed" ta="center" py="md">No relying parties yet.</Text></Table.Td></Table.Tr> : null}
          </Table.Tbody>
        </Table>
      </ScrollTable>
      <CursorPager pages={pages} nextCursor={parties.data?.nextCursor} loading={parties.isFetching} label="Relying parties" />
      {creating ? <CreateRelyingPartyModal onClose={() => { setCreating(false); }} /> : null}
      <Modal opened={deleting !== undefined} onClose={() => { setDeleting(undefined); }} title={`Delete ${deleting?.name ?? ''}?`} centered closeButtonProps={{ 'aria-label': 'Close' }}>
        <Stack gap="sm">
          <Text size="sm">Its codes, tokens and grants are revoked at once; users can no longer sign in to it. Policies that name it keep its client ID.</Text>
          {remove.error === null ? null : <ErrorAlert error={remove.error} title={identityProblemTitle(asProblem(remove.error))} />}
          <Group justify="flex-end"><Button variant="default" onClick={() => { setDeleting(undefined); }}>Cancel</Button><Button color="red" loading={remove.isPending} onClick={() => { if (deleting !== undefined) remove.mutate(deleting.id); }}>Delete relying party</Button></Group>
        </Stack>
      </Modal>
      <Modal opened={rotated !== undefined} onClose={() => { setRotated(undefined); }} title={`New secret for ${rotated?.party.name ?? ''}`} centered size="lg" closeButtonProps={{ 'aria-label': 'Close' }}>
        {rotated === undefined ? null : <SecretShownOnce party={rotated.party} secret={rotated.secret} onClose={() => { setRotated(undefined); }} />}
      </Modal>
    </>
  );
}
