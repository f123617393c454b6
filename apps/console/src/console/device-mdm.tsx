import { Alert, Badge, Button, Card, Code, Group, Modal, Select, SimpleGrid, Stack, Table, Text, Textarea, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, ok } from '../api/client';
import type { ActionType, Answer, Body, Device } from '../api/types';
import { CursorPager } from '../shared/cursor-pager';
import { ErrorAlert } from '../shared/error-alert';
import { formatAgo, formatDateTime } from '../shared/format';
import { useCursorPages } from '../shared/use-cursor-pages';

type MdmEnrollment = NonNullable<Answer<'getMdmEnrollment'>['enrollment']>;
type MdmCommand = Answer<'listMdmCommands'>['items'][number];
type MdmRequestType = Body<'enqueueMdmCommand'>['requestType'];

const applePlatforms = new Set(['ios', 'ipados', 'macos']);

/** Whether a device may be managed over Apple MDM (its enrollment says whether it is). */
export function isApplePlatform(platform: string): boolean {
  return applePlatforms.has(platform);
}

/** The device's Apple MDM enrollment; null for a device not enrolled over MDM. Asked only for Apple platforms. */
export function useMdmEnrollment(deviceId: string, platform: string | undefined) {
  return useQuery({
    queryKey: ['device', deviceId, 'mdm-enrollment'],
    queryFn: async () => (await ok(api.GET('/api/v1/devices/{id}/mdm-enrollment', { params: { path: { id: deviceId } } }))).enrollment,
    enabled: platform !== undefined && isApplePlatform(platform),
  });
}

/**
 * The actions an Apple MDM device takes, in menu order: erase only for corporate devices, the
 * passcode and Lost Mode for iPhone and iPad (Lost Mode supervised and corporate only), no
 * scripts. The API refuses the rest anyway; the menu does not offer what would be refused.
 */
export function appleMenuActions(device: Pick<Device, 'platform' | 'ownership' | 'facts'>, enrollment: MdmEnrollment): readonly ActionType[] {
  const mobile = device.platform === 'ios' || device.platform === 'ipados';
  const corporate = device.ownership === 'corporate';
  const full = !enrollment.userEnrollment;
  return [
    'sync',
    'refreshInventory',
    ...(full ? (['lock', 'restart', 'shutdown'] as const) : []),
    ...(mobile && full && enrollment.unlockTokenEscrowed ? (['clearPasscode'] as const) : []),
    ...(mobile && corporate && device.facts.supervised === true ? (['enableLostMode', 'disableLostMode'] as const) : []),
    ...(corporate && full ? (['wipe'] as const) : []),
    'retire',
  ];
}

const statusColors: Readonly<Record<string, string>> = { queued: 'gray', sent: 'blue', notNow: 'yellow', acknowledged: 'green', error: 'red', commandFormatError: 'red', expired: 'orange', canceled: 'gray' };
const pendingStatuses = new Set(['queued', 'sent', 'notNow']);

function errorText(command: MdmCommand): string {
  if (command.errorChain === null) return '';
  return command.errorChain.map((e) => `${e.localizedDescription} (${e.errorDomain} ${e.errorCode})`).join('; ');
}

/** Examples that fill the payload box when a RequestType is picked: Apple's key names, so an admin starts from a valid command. */
const payloadExamples: Readonly<Record<MdmRequestType, string>> = {
  DeviceInformation: '{ "Queries": ["DeviceName", "OSVersion", "SerialNumber"] }',
  SecurityInfo: '{}',
  ProfileList: '{}',
  CertificateList: '{}',
  InstalledApplicationList: '{ "ManagedAppsOnly": true }',
  InstallProfile: '{ "Payload": { "$data": "<base64 of the .mobileconfig>" } }',
  RemoveProfile: '{ "Identifier": "com.example.profile" }',
  InstallApplication: '{ "iTunesStoreID": 361309726 }',
  RemoveApplication: '{ "Identifier": "com.example.app" }',
  Settings: '{ "Settings": [{ "Item": "DeviceName", "DeviceName": "New name" }] }',
};
const requestTypes = Object.keys(payloadExamples) as MdmRequestType[];

function SendMdmCommand({ deviceId, onClose }: { readonly deviceId: string; readonly onClose: () => void }) {
  const queries = useQueryClient();
  const [requestType, setRequestType] = useState<MdmRequestType>('Settings');
  const [payload, setPayload] = useState(payloadExamples.Settings);
  const [parseError, setParseError] = useState<string | undefined>();
  const send = useMutation({
    mutationFn: (body: Body<'enqueueMdmCommand'>) => ok(api.POST('/api/v1/devices/{id}/mdm-commands', { params: { path: { id: deviceId } }, body })),
    onSuccess: () => {
      void queries.invalidateQueries({ queryKey: ['device', deviceId, 'mdm-commands'] });
    },
  });
  const submit = () => {
    let parsed: unknown;
    try {
      parsed = payload.trim() === '' ? {} : JSON.parse(payload);
    } catch (error) {
      setParseError(`Not JSON: ${error instanceof Error ? error.message : String(error)}`);
      return;
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
      setParseError('The payload is a JSON object.');
      return;
    }
    setParseError(undefined);
    send.mutate({ requestType, payload: parsed as Record<string, unknown> });
  };
  return (
    <Modal opened onClose={onClose} title="Send an MDM command" centered size="lg">
      {send.data === undefined ? (
        <Stack gap="sm">
          <Text size="sm">The command is queued and the device woken through Apple's push service. Its payload is checked against Apple's schema for the command. Locking, erasing and the like are in the Actions menu.</Text>
          <Select label="Command" data={requestTypes} value={requestType} allowDeselect={false} searchable onChange={(v) => { if (v !== null) { const t = v; setRequestType(t); setPayload(payloadExamples[t]); } }} />
          <Textarea label="Payload (JSON)" autosize minRows={3} maxRows={14} value={payload} onChange={(e) => { setPayload(e.currentTarget.value); }} styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }} error={parseError} />
          <ErrorAlert error={send.error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>Cancel</Button>
            <Button loading={send.isPending} onClick={submit}>Send</Button>
          </Group>
        </Stack>
      ) : (
        <Stack gap="sm">
          <Alert variant="light" color="blue" title="Command queued">{send.data.requestType} is command <Code>{send.data.commandUuid}</Code>; the list below follows it to the device's answer.</Alert>
          <Group justify="flex-end"><Button onClick={onClose}>Done</Button></Group>
        </Stack>
      )}
    </Modal>
  );
}

function MdmCommands({ deviceId }: { readonly deviceId: string }) {
  const pages = useCursorPages();
  const query = useQuery({
    queryKey: ['device', deviceId, 'mdm-commands', pages.cursor],
    queryFn: () => ok(api.GET('/api/v1/devices/{id}/mdm-commands', { params: { path: { id: deviceId }, query: { limit: 25, ...(pages.cursor === undefined ? {} : { cursor: pages.cursor }) } } })),
    // While a command waits for the device, follow it until it is answered.
    refetchInterval: (q) => ((q.state.data?.items ?? []).some((c) => pendingStatuses.has(c.status)) ? 2_000 : false),
  });
  return (
    <Stack gap="sm">
      <ErrorAlert error={query.error} />
      <Table striped withTableBorder fz="sm" data-testid="mdm-commands">
        <Table.Caption>MDM commands: pending ones first, then answered ones, newest first</Table.Caption>
        <Table.Thead><Table.Tr><Table.Th>Command</Table.Th><Table.Th>Status</Table.Th><Table.Th>From</Table.Th><Table.Th>Queued</Table.Th><Table.Th>Answered</Table.Th><Table.Th>Error</Table.Th></Table.Tr></Table.Thead>
        <Table.Tbody>
          {(query.data?.items ?? []).map((c) => (
            <Table.Tr key={c.commandUuid} data-request-type={c.requestType}>
              <Table.Td>{c.requestType}{c.channel === 'device' ? null : <Text span size="xs" c="dimmed"> ({c.channel})</Text>}</Table.Td>
              <Table.Td><Badge color={statusColors[c.status] ?? 'gray'} variant="light" data-status={c.status}>{c.status}</Badge></Table.Td>
              <Table.Td>{c.requestedBy ?? c.source}</Table.Td>
              <Table.Td>{formatDateTime(c.createdAt)}</Table.Td>
              <Table.Td>{c.completedAt === null ? (c.expiresAt === null ? '—' : `expires ${formatAgo(c.expiresAt)}`) : formatDateTime(c.completedAt)}</Table.Td>
              <Table.Td style={{ maxWidth: 320, wordBreak: 'break-word' }}>{errorText(c)}</Table.Td>
            </Table.Tr>
          ))}
          {query.data?.items.length === 0 ? <Table.Tr><Table.Td colSpan={6}><Text size="sm" c="dimmed">No MDM commands yet.</Text></Table.Td></Table.Tr> : null}
        </Table.Tbody>
      </Table>
      <CursorPager pages={pages} nextCursor={query.data?.nextCursor} loading={query.isFetching} label="MDM commands" />
    </Stack>
  );
}

function EnrollmentFacts({ device, enrollment }: { readonly device: Device; readonly enrollment: MdmEnrollment }) {
  const rows: [string, string][] = [
    ['Enrollment', enrollment.userEnrollment ? 'User Enrollment (personal, managed volume only)' : 'Device enrollment'],
    [enrollment.userEnrollment ? 'Enrollment ID' : 'UDID', (enrollment.userEnrollment ? enrollment.enrollmentId : enrollment.udid) ?? '—'],
    ['State', enrollment.state],
    ['Last check-in', `${formatDateTime(device.lastSeenAt)} (${formatAgo(device.lastSeenAt)})`],
    ['Push', enrollment.pushable ? 'Reachable through APNs' : 'No push token'],
    ['Passcode can be cleared', enrollment.unlockTokenEscrowed ? 'Yes' : 'No'],
    ['Enrolled', formatDateTime(enrollment.authenticatedAt)],
    ...(enrollment.userChannels.length === 0 ? [] : [['User channels', enrollment.userChannels.map((u) => u.userShortName ?? u.userId).join(', ')] as [string, string]]),
    ['Profiles reported', String(enrollment.installedProfiles.length)],
  ];
  return (
    <Table fz="sm" data-testid="mdm-enrollment">
      <Table.Tbody>
        {rows.map(([k, v]) => <Table.Tr key={k}><Table.Th w="40%">{k}</Table.Th><Table.Td style={{ wordBreak: 'break-all' }}>{v}</Table.Td></Table.Tr>)}
      </Table.Tbody>
    </Table>
  );
}

/** The MDM tab of an Apple device: its enrollment, its commands, and a way to send one. */
export function MdmSection({ device, enrollment, canSend }: { readonly device: Device; readonly enrollment: MdmEnrollment; readonly canSend: boolean }) {
  const [sending, setSending] = useState(false);
  return (
    <Stack gap="lg">
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
        <Card withBorder><Title order={2} size="h4" mb="sm">Apple MDM enrollment</Title><EnrollmentFacts device={device} enrollment={enrollment} /></Card>
        <Card withBorder>
          <Title order={2} size="h4" mb="sm">Profiles on the device</Title>
          {enrollment.installedProfiles.length === 0 ? <Text size="sm" c="dimmed">None reported yet.</Text> : (
            <Stack gap={4}>{enrollment.installedProfiles.map((p) => <Text key={p.identifier} size="sm">{p.displayName ?? p.identifier} <Text span size="xs" c="dimmed" ff="monospace">{p.identifier}</Text></Text>)}</Stack>
          )}
        </Card>
      </SimpleGrid>
      <Card withBorder>
        <Group justify="space-between" mb="sm">
          <Title order={2} size="h4">MDM commands</Title>
          {canSend && enrollment.state !== 'checkedOut' ? <Button variant="default" onClick={() => { setSending(true); }}>Send MDM command…</Button> : null}
        </Group>
        <MdmCommands deviceId={device.id} />
      </Card>
      {sending ? <SendMdmCommand deviceId={device.id} onClose={() => { setSending(false); }} /> : null}
    </Stack>
  );
}
