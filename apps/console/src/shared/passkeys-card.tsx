import { Alert, Badge, Button, Code, Group, List, Stack, Table, Text, TextInput, VisuallyHidden } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, ok } from '../api/client';
import type { operations } from '../api/schema.gen';
import { ErrorAlert } from './error-alert';
import { formatDateTime } from './format';

type CreationOptions = operations['beginPasskeyRegistration']['responses'][200]['content']['application/json'];

function fromBase64url(text: string): ArrayBuffer {
  const padded = text.replace(/-/gu, '+').replace(/_/gu, '/').padEnd(Math.ceil(text.length / 4) * 4, '=');
  const binary = atob(padded);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes.buffer;
}

function toBase64url(buffer: ArrayBuffer): string {
  let binary = '';
  for (const byte of new Uint8Array(buffer)) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/gu, '-').replace(/\//gu, '_').replace(/=+$/u, '');
}

/**
 * Asks the browser's authenticator for a new passkey and answers in WebAuthn's JSON form (§5.1.8),
 * encoded by hand: `PublicKeyCredential.parseCreationOptionsFromJSON` and `toJSON` are not in every
 * browser yet.
 */
async function createPasskey(options: CreationOptions): Promise<unknown> {
  const credential = await navigator.credentials.create({
    publicKey: {
      rp: options.rp,
      user: { id: fromBase64url(options.user.id), name: options.user.name, displayName: options.user.displayName },
      challenge: fromBase64url(options.challenge),
      pubKeyCredParams: options.pubKeyCredParams.map((p) => ({ type: p.type, alg: p.alg })),
      timeout: options.timeout,
      excludeCredentials: options.excludeCredentials.map((c) => ({ type: c.type, id: fromBase64url(c.id), transports: c.transports as AuthenticatorTransport[] })),
      authenticatorSelection: options.authenticatorSelection,
      attestation: options.attestation,
    },
  });
  if (!(credential instanceof PublicKeyCredential)) throw new Error('The browser returned no passkey.');
  const response = credential.response as AuthenticatorAttestationResponse;
  return {
    id: credential.id,
    rawId: toBase64url(credential.rawId),
    type: credential.type,
    clientExtensionResults: credential.getClientExtensionResults(),
    authenticatorAttachment: credential.authenticatorAttachment ?? undefined,
    response: {
      clientDataJSON: toBase64url(response.clientDataJSON),
      attestationObject: toBase64url(response.attestationObject),
      transports: typeof response.getTransports === 'function' ? response.getTransports() : [],
    },
  };
}

/**
 * The signed-in person's passkeys and recovery codes (issue 6 §2): add a passkey with this
 * browser's authenticator, remove one, and make ten new recovery codes shown once. Sign-in
 * through Ward's identity provider then offers the passkey as the second step.
 */
export function PasskeysCard() {
  const queries = useQueryClient();
  const [name, setName] = useState('');
  const mine = useQuery({ queryKey: ['me', 'passkeys'], queryFn: () => ok(api.GET('/api/v1/me/passkeys')) });
  const refresh = () => queries.invalidateQueries({ queryKey: ['me', 'passkeys'] });
  const add = useMutation({
    mutationFn: async () => {
      const options = await ok(api.POST('/api/v1/me/passkeys/registration'));
      const response = await createPasskey(options);
      return ok(api.POST('/api/v1/me/passkeys', { body: { challenge: options.challenge, response, ...(name.trim() === '' ? {} : { name: name.trim() }) } }));
    },
    onSuccess: () => {
      setName('');
      void refresh();
    },
  });
  const remove = useMutation({
    mutationFn: (id: string) => ok(api.DELETE('/api/v1/me/passkeys/{id}', { params: { path: { id } } })),
    onSuccess: () => { void refresh(); },
  });
  const codes = useMutation({ mutationFn: () => ok(api.POST('/api/v1/me/recovery-codes')), onSuccess: () => { void refresh(); } });
  const supported = typeof window.PublicKeyCredential === 'function' && 'credentials' in navigator;
  const passkeys = mine.data?.passkeys ?? [];
  return (
    <Stack gap="md">
      <ErrorAlert error={mine.error} />
      {passkeys.length === 0 ? (
        <Text size="sm" c="dimmed">No passkeys yet. A passkey signs you in with this device's screen lock or a security key instead of a code.</Text>
      ) : (
        <Table aria-label="Passkeys" withTableBorder>
          <Table.Thead><Table.Tr><Table.Th>Name</Table.Th><Table.Th>Added</Table.Th><Table.Th>Last used</Table.Th><Table.Th><VisuallyHidden>Remove</VisuallyHidden></Table.Th></Table.Tr></Table.Thead>
          <Table.Tbody>
            {passkeys.map((p) => (
              <Table.Tr key={p.id}>
                <Table.Td>{p.name} {p.synced ? <Badge size="xs" variant="light">synced</Badge> : null}</Table.Td>
                <Table.Td>{formatDateTime(p.createdAt)}</Table.Td>
                <Table.Td>{p.lastUsedAt === null ? 'never' : formatDateTime(p.lastUsedAt)}</Table.Td>
                <Table.Td><Button variant="subtle" color="red" size="compact-sm" aria-label={`Remove passkey ${p.name}`} loading={remove.isPending && remove.variables === p.id} onClick={() => { remove.mutate(p.id); }}>Remove</Button></Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <ErrorAlert error={remove.error} />
      {supported ? (
        <form onSubmit={(e) => { e.preventDefault(); add.mutate(); }}>
          <Group align="flex-end" gap="sm">
            <TextInput label="Passkey name" placeholder="Work laptop" maxLength={200} value={name} onChange={(e) => { setName(e.currentTarget.value); }} style={{ flex: 1, minWidth: 200 }} />
            <Button type="submit" loading={add.isPending}>Add a passkey</Button>
          </Group>
        </form>
      ) : (
        <Alert color="yellow">This browser cannot create passkeys.</Alert>
      )}
      <ErrorAlert error={add.error} title="The passkey was not added" />
      <Stack gap="xs">
        <Text size="sm">Recovery codes left: <strong>{mine.data?.recoveryCodesLeft ?? '…'}</strong>. Each code signs you in once when your passkey or authenticator is not at hand.</Text>
        <Group><Button variant="default" loading={codes.isPending} onClick={() => { codes.mutate(); }}>Make new recovery codes</Button></Group>
        <ErrorAlert error={codes.error} />
        {codes.data === undefined ? null : (
          <Alert color="blue" title="Your new recovery codes" role="status">
            <Text size="sm" mb="xs">Keep them somewhere safe: they are shown only now, and the earlier ones no longer work.</Text>
            <List size="sm" aria-label="Recovery codes">{codes.data.codes.map((c) => <List.Item key={c}><Code>{c}</Code></List.Item>)}</List>
          </Alert>
        )}
      </Stack>
    </Stack>
  );
}
