import { Anchor, Badge, Button, Card, Code, Group, Modal, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { Link, useParams } from 'react-router';
import { api, ok } from '../../api/client';
import { useCaller } from '../../api/use-me';
import { ErrorAlert } from '../../shared/error-alert';
import { formatAgo, formatDateTime } from '../../shared/format';
import { PageHeader } from '../../shared/page-header';
import { sdkFlagLabels, wipeOutcomeInfo } from './app-labels';
import { RegistrationStateBadge, UserName, WipeUserApps } from './app-registrations-page';
import type { AppRegistration } from './app-types';
import { MamNav } from './mam-nav';

const back = <Anchor component={Link} to="/app-protection/registrations" size="sm">← App registrations</Anchor>;

function Properties({ rows, label }: { readonly rows: readonly (readonly [string, ReactNode])[]; readonly label: string }) {
  return (
    <Table fz="sm" withRowBorders={false} aria-label={label}>
      <Table.Tbody>
        {rows.map(([k, v]) => <Table.Tr key={k}><Table.Th w={200} fw={500} c="dimmed">{k}</Table.Th><Table.Td>{v}</Table.Td></Table.Tr>)}
      </Table.Tbody>
    </Table>
  );
}

const yesNo = (value: boolean | null) => (value === null ? 'Not reported' : value ? 'Yes' : 'No');

/** Confirms the selective wipe of one registration; the word WIPE is typed out. */
function WipeRegistration({ registration, onClose }: { readonly registration: AppRegistration; readonly onClose: () => void }) {
  const queries = useQueryClient();
  const [typed, setTyped] = useState('');
  const wipe = useMutation({
    mutationFn: () => ok(api.POST('/api/v1/app-registrations/{id}/wipe', { params: { path: { id: registration.id } } })),
    onSuccess: (wiped) => {
      queries.setQueryData(['app-registration', wiped.id], wiped);
      void queries.invalidateQueries({ queryKey: ['app-registrations'] });
      onClose();
    },
  });
  return (
    <Modal opened onClose={onClose} title={`Wipe ${registration.appIdentifier}?`} centered closeButtonProps={{ 'aria-label': 'Close' }}>
      <Stack gap="sm">
        <Text size="sm">The app deletes this person's corporate data at its next check-in and confirms. A personal account in the same app is never touched. From now on the app cannot open its corporate data, even offline.</Text>
        <TextInput label="Type WIPE to confirm" value={typed} onChange={(e) => { setTyped(e.currentTarget.value); }} autoComplete="off" />
        <ErrorAlert error={wipe.error} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>Cancel</Button>
          <Button color="red" disabled={typed !== 'WIPE'} loading={wipe.isPending} onClick={() => { wipe.mutate(); }}>Wipe app data</Button>
        </Group>
      </Stack>
    </Modal>
  );
}

/** `/app-protection/registrations/:id`: one app registration, what it reported, and its wipe. */
export function AppRegistrationPage() {
  const { id = '' } = useParams();
  const { can } = useCaller();
  const [wiping, setWiping] = useState<'one' | 'device' | undefined>();
  const registration = useQuery({ queryKey: ['app-registration', id], queryFn: () => ok(api.GET('/api/v1/app-registrations/{id}', { params: { path: { id } } })) });
  const r = registration.data;
  if (r === undefined) return <>{back}<PageHeader title="App registration" />{registration.isPending ? <Text c="dimmed">Loading…</Text> : <ErrorAlert error={registration.error} />}</>;
  const wipe = r.wipe;
  return (
    <>
      {back}
      <PageHeader
        title={r.appIdentifier}
        description={<>Registered by <UserName id={r.userId} /> {formatAgo(r.createdAt)} · <RegistrationStateBadge state={r.state} /></>}
        actions={can('wipeAppRegistration') ? (
          <>
            {can('wipeUserApps') ? <Button variant="default" color="red" onClick={() => { setWiping('device'); }}>Wipe all apps on this installation</Button> : null}
            <Button color="red" disabled={r.state !== 'active'} onClick={() => { setWiping('one'); }}>Wipe</Button>
          </>
        ) : undefined}
      />
      <MamNav />
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
        <Card withBorder>
          <Title order={2} size="h4" mb="sm">App and installation</Title>
          <Properties label="App and installation" rows={[
            ['App version', r.appVersion],
            ['SDK version', r.sdkVersion],
            ['Platform', r.platform],
            ['Installation', r.deviceName ?? 'Unnamed'],
            ['Operating system', [r.osName, r.osVersion].filter((x) => x !== null).join(' ') || 'Not reported'],
            ['Device tag', <Code key="tag">{r.deviceTag}</Code>],
            ['Enrolled device', r.deviceId === null ? 'Not proven (personal or unenrolled)' : <Anchor key="device" component={Link} to={`/devices/${r.deviceId}`} size="sm">Open the device</Anchor>],
            ['Signed in through', r.clientId ?? '—'],
          ]} />
        </Card>
        <Card withBorder>
          <Title order={2} size="h4" mb="sm">Reported state</Title>
          <Properties label="Reported state" rows={[
            ['Last check-in', r.lastCheckInAt === null ? 'Never' : `${formatDateTime(r.lastCheckInAt)} (${formatAgo(r.lastCheckInAt)})`],
            ['Last used', formatDateTime(r.lastUsedAt)],
            ['Policy applied', r.reported.policyVersion === null ? 'None yet' : <Code key="policy">{r.reported.policyVersion.slice(0, 12)}</Code>],
            ['Configuration applied', r.reported.configurationVersion === null ? 'None yet' : <Code key="configuration">{r.reported.configurationVersion.slice(0, 12)}</Code>],
            ['PIN set', yesNo(r.reported.pinSet)],
            ['Data encrypted', yesNo(r.reported.encrypted)],
            ['Jailbroken or rooted', yesNo(r.reported.jailbroken)],
            ['Flagged', r.reported.flagged.length === 0 ? 'Nothing' : <Group key="flags" gap={4}>{r.reported.flagged.map((f) => <Badge key={f} size="sm" color="red" variant="light">{sdkFlagLabels[f]}</Badge>)}</Group>],
          ]} />
        </Card>
      </SimpleGrid>
      <Card withBorder mt="lg" data-testid="registration-wipe">
        <Title order={2} size="h4" mb="sm">Selective wipe</Title>
        {wipe === null ? <Text size="sm" c="dimmed">No wipe was asked for.</Text> : (
          <Properties label="Selective wipe" rows={[
            ['Asked', `${formatDateTime(wipe.requestedAt)} by ${wipe.requestedBy}`],
            ['Scope', wipe.scope === 'user' ? 'All of the user\'s apps' : 'This registration'],
            ['Outcome', wipe.outcome === null ? <Badge key="pending" color="orange" variant="light">Waiting for the app's next check-in</Badge> : <Badge key="outcome" color={wipeOutcomeInfo[wipe.outcome].color} variant="light">{wipeOutcomeInfo[wipe.outcome].label}</Badge>],
            ['Confirmed', formatDateTime(wipe.confirmedAt)],
            ...(wipe.error === null ? [] : [['Error the app reported', wipe.error] as const]),
          ]} />
        )}
      </Card>
      {wiping === 'one' ? <WipeRegistration registration={r} onClose={() => { setWiping(undefined); }} /> : null}
      {wiping === 'device' ? <WipeUserApps userId={r.userId} deviceTag={r.deviceTag} onClose={() => { setWiping(undefined); void registration.refetch(); }} /> : null}
    </>
  );
}
