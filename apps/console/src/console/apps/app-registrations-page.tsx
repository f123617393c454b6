import { Alert, Anchor, Badge, Button, Group, List, Modal, Paper, Select, Stack, Table, Text, TextInput } from '@mantine/core';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { api, ok } from '../../api/client';
import { useCaller } from '../../api/use-me';
import { CursorPager } from '../../shared/cursor-pager';
import { ErrorAlert } from '../../shared/error-alert';
import { formatAgo } from '../../shared/format';
import { PageHeader } from '../../shared/page-header';
import { ScrollTable } from '../../shared/scroll-table';
import { useCursorPages } from '../../shared/use-cursor-pages';
import { UserPicker } from '../identity/directory-pickers';
import { registrationStateInfo, registrationStates, sdkFlagLabels } from './app-labels';
import type { AppRegistration, AppRegistrationQuery, AppRegistrationState } from './app-types';
import { AppIdentifierPicker } from './mam-pickers';
import { MamNav } from './mam-nav';

/** A registration's state as a badge in words. */
export function RegistrationStateBadge({ state }: { readonly state: AppRegistrationState }) {
  const info = registrationStateInfo[state];
  return <Badge color={info.color} variant="light" miw="max-content" data-registration-state={state}>{info.label}</Badge>;
}

/** A user's name, linked, fetched once and cached. */
export function UserName({ id }: { readonly id: string }) {
  const user = useQuery({ queryKey: ['user', id], queryFn: () => ok(api.GET('/api/v1/users/{id}', { params: { path: { id } } })), staleTime: 60_000, retry: false });
  // Underlined: it often stands inside a sentence, where color alone would not mark it (WCAG 1.4.1).
  return <Anchor component={Link} to={`/users/${id}`} size="sm" underline="always">{user.data === undefined ? (user.isError ? `user ${id}` : '…') : user.data.displayName}</Anchor>;
}

/**
 * Confirms the selective wipe of every app registration of a user (optionally on one device tag),
 * then lists what the wipe reached. The word WIPE is typed out: the corporate data in those apps
 * is deleted at their next check-in.
 */
export function WipeUserApps({ userId, deviceTag, onClose }: { readonly userId: string; readonly deviceTag: string | undefined; readonly onClose: () => void }) {
  const queries = useQueryClient();
  const [typed, setTyped] = useState('');
  const wipe = useMutation({
    mutationFn: () => ok(api.POST('/api/v1/users/{id}/app-wipe', { params: { path: { id: userId } }, body: deviceTag === undefined ? {} : { deviceTag } })),
    onSuccess: () => { void queries.invalidateQueries({ queryKey: ['app-registrations'] }); },
  });
  return (
    <Modal opened onClose={onClose} title={deviceTag === undefined ? 'Wipe all of this user\'s apps?' : 'Wipe this user\'s apps on one device?'} centered size="lg" closeButtonProps={{ 'aria-label': 'Close' }}>
      {wipe.data === undefined ? (
        <Stack gap="sm">
          <Text size="sm">Every protected app of <UserName id={userId} />{deviceTag === undefined ? '' : <> on the installation <code>{deviceTag}</code></>} deletes its corporate data at its next check-in and confirms. Personal accounts in the same apps are never touched. From now on the apps cannot open their corporate data.</Text>
          <TextInput label="Type WIPE to confirm" value={typed} onChange={(e) => { setTyped(e.currentTarget.value); }} autoComplete="off" />
          <ErrorAlert error={wipe.error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>Cancel</Button>
            <Button color="red" disabled={typed !== 'WIPE'} loading={wipe.isPending} onClick={() => { wipe.mutate(); }}>Wipe apps</Button>
          </Group>
        </Stack>
      ) : (
        <Stack gap="sm">
          <Alert variant="light" color="blue" title="Wipe requested">{wipe.data.registrations.length === 0 ? 'The user has no live app registration: nothing to wipe.' : 'Each app wipes at its next check-in; its row shows when it confirmed.'}</Alert>
          <List spacing={4} aria-label="Registrations the wipe reached">
            {wipe.data.registrations.map((r) => <List.Item key={r.id}><Anchor component={Link} to={`/app-protection/registrations/${r.id}`} size="sm">{r.appIdentifier}</Anchor> <Text span size="sm" c="dimmed">on {r.deviceName ?? r.deviceTag}</Text></List.Item>)}
          </List>
          <Group justify="flex-end"><Button onClick={onClose}>Done</Button></Group>
        </Stack>
      )}
    </Modal>
  );
}

function Flags({ registration }: { readonly registration: AppRegistration }) {
  const flagged = registration.reported.flagged;
  if (flagged.length === 0) return <Text size="sm" c="dimmed">—</Text>;
  return <Group gap={4}>{flagged.map((f) => <Badge key={f} size="sm" color="red" variant="light" miw="max-content">{sdkFlagLabels[f]}</Badge>)}</Group>;
}

/**
 * `/app-protection/registrations`: the apps with the Ward SDK that people registered, newest
 * first, filtered by user, app and state; a user's can all be wiped at once.
 */
export function AppRegistrationsPage() {
  const { can } = useCaller();
  const pages = useCursorPages();
  const [params, setParams] = useSearchParams();
  const userId = params.get('user');
  const [app, setApp] = useState<string | null>(null);
  const [state, setState] = useState<AppRegistrationState | null>(null);
  const [wiping, setWiping] = useState(false);
  const query: AppRegistrationQuery = { limit: 25, ...(userId === null ? {} : { userId }), ...(app === null ? {} : { appIdentifier: app }), ...(state === null ? {} : { state }), ...(pages.cursor === undefined ? {} : { cursor: pages.cursor }) };
  const registrations = useQuery({ queryKey: ['app-registrations', query], queryFn: () => ok(api.GET('/api/v1/app-registrations', { params: { query } })), placeholderData: keepPreviousData });
  const items = registrations.data?.items ?? [];
  return (
    <>
      <PageHeader
        title="App registrations"
        description="Each app with the Ward SDK that a person signed in to, on each installation: what it reported, when it last checked in, and its selective wipe."
        actions={userId !== null && can('wipeUserApps') ? <Button color="red" variant="light" onClick={() => { setWiping(true); }}>Wipe all of this user's apps</Button> : undefined}
      />
      <MamNav />
      <Paper withBorder p="sm" mb="md">
        <Group gap="sm" align="flex-end">
          <UserPicker label="User" placeholder="Any user" value={userId} onChange={(id) => { setParams(id === null ? {} : { user: id }, { replace: true }); pages.reset(); }} w={300} />
          <AppIdentifierPicker label="App" value={app} onChange={(v) => { setApp(v); pages.reset(); }} w={280} />
          <Select label="State" data={registrationStates.map((s) => ({ value: s, label: registrationStateInfo[s].label }))} value={state} onChange={(v) => { setState(v); pages.reset(); }} clearable placeholder="Any" w={160} />
        </Group>
      </Paper>
      <ErrorAlert error={registrations.error} />
      <ScrollTable label="App registrations table" minWidth={980}>
        <Table striped highlightOnHover fz="sm" data-testid="app-registrations" aria-busy={registrations.isFetching}>
          <Table.Caption>{registrations.isPending ? 'Loading registrations…' : `${items.length} registrations on this page, newest first`}</Table.Caption>
          <Table.Thead><Table.Tr><Table.Th>App</Table.Th><Table.Th>User</Table.Th><Table.Th>Installation</Table.Th><Table.Th>State</Table.Th><Table.Th>Flagged</Table.Th><Table.Th>Last check-in</Table.Th></Table.Tr></Table.Thead>
          <Table.Tbody>
            {items.map((r) => (
              <Table.Tr key={r.id} data-registration={r.id}>
                <Table.Td><Anchor component={Link} to={`/app-protection/registrations/${r.id}`} fw={500} size="sm">{r.appIdentifier}</Anchor><Text size="xs" c="dimmed">{r.appVersion} · SDK {r.sdkVersion} · {r.platform}</Text></Table.Td>
                <Table.Td><UserName id={r.userId} /></Table.Td>
                <Table.Td><Text size="sm">{r.deviceName ?? 'Unnamed installation'}</Text><Text size="xs" c="dimmed">{[r.osName, r.osVersion].filter((x) => x !== null).join(' ')}{r.deviceId === null ? ' · not enrolled' : ''}</Text></Table.Td>
                <Table.Td><RegistrationStateBadge state={r.state} /></Table.Td>
                <Table.Td><Flags registration={r} /></Table.Td>
                <Table.Td>{formatAgo(r.lastCheckInAt)}</Table.Td>
              </Table.Tr>
            ))}
            {!registrations.isPending && items.length === 0 ? <Table.Tr><Table.Td colSpan={6}><Text size="sm" c="dimmed" ta="center" py="md">{userId === null && app === null && state === null ? 'No app has registered yet.' : 'No registration matches.'}</Text></Table.Td></Table.Tr> : null}
          </Table.Tbody>
        </Table>
      </ScrollTable>
      <CursorPager pages={pages} nextCursor={registrations.data?.nextCursor} loading={registrations.isFetching} label="App registrations" />
      {wiping && userId !== null ? <WipeUserApps userId={userId} deviceTag={undefined} onClose={() => { setWiping(false); }} /> : null}
    </>
  );
}

