import { Anchor, Badge, Button, Card, Group, Menu, Modal, SimpleGrid, Stack, Table, Tabs, Text, TextInput, Select, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { api, ok } from '../../api/client';
import type { ActionType, Device, DeviceAction } from '../../api/types';
import { useCaller } from '../../api/use-me';
import { ComplianceBadge, StatusBadge } from '../../shared/badges';
import { CursorPager } from '../../shared/cursor-pager';
import { ErrorAlert } from '../../shared/error-alert';
import { formatAgo, formatBytes, formatDateTime } from '../../shared/format';
import { JsonTable } from '../../shared/json-view';
import { platformLabels } from '../../shared/labels';
import { PageHeader } from '../../shared/page-header';
import { useCursorPages } from '../../shared/use-cursor-pages';
import { ActionModal, actionInfo, actionTypes } from '../device-actions';
import { DeviceComplianceTab, DeviceConfigurationTab } from '../device-policy-tabs';
import { appleMenuActions, MdmSection, useMdmEnrollment } from '../device-mdm';

const factLabels: Readonly<Record<string, string>> = {
  osVersion: 'OS version', osBuild: 'OS build', encrypted: 'Disk encrypted', passcodeSet: 'Password set', passcodeCompliant: 'Password meets policy',
  jailbroken: 'Jailbroken or rooted', firewallOn: 'Firewall on', screenLockSeconds: 'Screen lock after', secureBoot: 'Secure Boot',
  totalStorageBytes: 'Storage', freeStorageBytes: 'Free storage', memoryBytes: 'Memory', agentVersion: 'Agent version',
};

function factText(name: string, value: unknown): string {
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  if (typeof value === 'number' && name.endsWith('Bytes')) return formatBytes(value);
  if (typeof value === 'number' && name === 'screenLockSeconds') return `${value} s`;
  return typeof value === 'string' || typeof value === 'number' ? String(value) : JSON.stringify(value);
}

function Facts({ device }: { readonly device: Device }) {
  const entries = Object.entries(device.facts as Readonly<Record<string, unknown>>).filter(([, v]) => v !== undefined && v !== null);
  if (entries.length === 0) return <Text size="sm" c="dimmed">The device has not reported facts yet; they arrive with its first check-in.</Text>;
  return (
    <Table withTableBorder striped fz="sm">
      <Table.Caption>Facts normalised from the device's inventory</Table.Caption>
      <Table.Tbody>
        {entries.map(([name, value]) => (
          <Table.Tr key={name}><Table.Th scope="row" w="45%">{factLabels[name] ?? name}</Table.Th><Table.Td>{factText(name, value)}</Table.Td></Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

function Properties({ device }: { readonly device: Device }) {
  const rows: [string, React.ReactNode][] = [
    ['Platform', platformLabels[device.platform]],
    ['OS version', device.osVersion ?? '—'],
    ['Ownership', device.ownership],
    ['Management', device.managementState],
    ['Compliance', <ComplianceBadge key="c" state={device.complianceState} />],
    ['Serial number', device.serialNumber ?? '—'],
    ['Model', [device.manufacturer, device.model].filter((v) => v !== null).join(' ') || '—'],
    ['Primary user', device.primaryUserId === null ? '—' : <Anchor key="u" component={Link} to={`/users/${device.primaryUserId}`}>View user</Anchor>],
    ['Enrolled', formatDateTime(device.enrolledAt)],
    ['Last seen', `${formatAgo(device.lastSeenAt)} (${formatDateTime(device.lastSeenAt)})`],
  ];
  return (
    <Table withTableBorder fz="sm">
      <Table.Caption>Device record</Table.Caption>
      <Table.Tbody>
        {rows.map(([label, value]) => <Table.Tr key={label}><Table.Th scope="row" w="40%">{label}</Table.Th><Table.Td>{value}</Table.Td></Table.Tr>)}
      </Table.Tbody>
    </Table>
  );
}

function Software({ deviceId, personal }: { readonly deviceId: string; readonly personal: boolean }) {
  const pages = useCursorPages();
  const [q, setQ] = useState('');
  const [debounced] = useDebouncedValue(q.trim(), 300);
  const query = useQuery({
    queryKey: ['device', deviceId, 'software', debounced, pages.cursor],
    queryFn: () => ok(api.GET('/api/v1/devices/{id}/software', { params: { path: { id: deviceId }, query: { limit: 100, ...(debounced === '' ? {} : { q: debounced }), ...(pages.cursor === undefined ? {} : { cursor: pages.cursor }) } } })),
    placeholderData: keepPreviousData,
  });
  if (personal) return <Text size="sm" c="dimmed">Personal devices report no software: what people install on their own devices stays private.</Text>;
  return (
    <Stack gap="sm">
      <TextInput label="Find software" value={q} onChange={(e) => { setQ(e.currentTarget.value); pages.reset(); }} w={300} />
      <ErrorAlert error={query.error} />
      <Table striped withTableBorder fz="sm">
        <Table.Caption>Installed software, by name</Table.Caption>
        <Table.Thead><Table.Tr><Table.Th>Name</Table.Th><Table.Th>Version</Table.Th><Table.Th>Source</Table.Th></Table.Tr></Table.Thead>
        <Table.Tbody>
          {(query.data?.items ?? []).map((s) => <Table.Tr key={`${s.source}:${s.name}`}><Table.Td>{s.name}</Table.Td><Table.Td>{s.version}</Table.Td><Table.Td>{s.source}</Table.Td></Table.Tr>)}
          {query.data?.items.length === 0 ? <Table.Tr><Table.Td colSpan={3}><Text size="sm" c="dimmed">No software reported{debounced === '' ? '' : ' by that name'}.</Text></Table.Td></Table.Tr> : null}
        </Table.Tbody>
      </Table>
      <CursorPager pages={pages} nextCursor={query.data?.nextCursor} loading={query.isFetching} label="Software" />
    </Stack>
  );
}

const unfinished = (action: DeviceAction) => action.status === 'pending' || action.status === 'sent';

function ActionHistory({ deviceId }: { readonly deviceId: string }) {
  const pages = useCursorPages();
  const query = useQuery({
    queryKey: ['device', deviceId, 'actions', pages.cursor],
    queryFn: () => ok(api.GET('/api/v1/devices/{id}/actions', { params: { path: { id: deviceId }, query: { limit: 25, ...(pages.cursor === undefined ? {} : { cursor: pages.cursor }) } } })),
    // While an action waits for the device, follow it until it has a result.
    refetchInterval: (q) => ((q.state.data?.items ?? []).some(unfinished) ? 2_000 : false),
  });
  return (
    <Stack gap="sm">
      <ErrorAlert error={query.error} />
      <Table striped withTableBorder fz="sm" data-testid="action-history">
        <Table.Caption>Remote actions: waiting ones first, then finished ones, newest first</Table.Caption>
        <Table.Thead><Table.Tr><Table.Th>Action</Table.Th><Table.Th>Status</Table.Th><Table.Th>Requested by</Table.Th><Table.Th>Requested</Table.Th><Table.Th>Finished</Table.Th><Table.Th>Result</Table.Th></Table.Tr></Table.Thead>
        <Table.Tbody>
          {(query.data?.items ?? []).map((a) => (
            <Table.Tr key={a.id} data-action-type={a.type}>
              <Table.Td>{actionInfo[a.type].label}</Table.Td>
              <Table.Td><StatusBadge status={a.status} /></Table.Td>
              <Table.Td>{a.requestedBy}</Table.Td>
              <Table.Td>{formatDateTime(a.createdAt)}</Table.Td>
              <Table.Td>{a.completedAt === null ? (a.expiresAt === null ? '—' : `expires ${formatAgo(a.expiresAt)}`) : formatDateTime(a.completedAt)}</Table.Td>
              <Table.Td style={{ maxWidth: 320, wordBreak: 'break-word' }}>{a.result === null ? '—' : <Text size="xs" ff="monospace">{JSON.stringify(a.result)}</Text>}</Table.Td>
            </Table.Tr>
          ))}
          {query.data?.items.length === 0 ? <Table.Tr><Table.Td colSpan={6}><Text size="sm" c="dimmed">No remote actions yet.</Text></Table.Td></Table.Tr> : null}
        </Table.Tbody>
      </Table>
      <CursorPager pages={pages} nextCursor={query.data?.nextCursor} loading={query.isFetching} label="Action history" />
    </Stack>
  );
}

function EditDevice({ device, onClose }: { readonly device: Device; readonly onClose: () => void }) {
  const queries = useQueryClient();
  const [name, setName] = useState(device.name);
  const [ownership, setOwnership] = useState(device.ownership);
  const [primaryUserId, setPrimaryUserId] = useState(device.primaryUserId ?? '');
  const save = useMutation({
    mutationFn: () => ok(api.PATCH('/api/v1/devices/{id}', { params: { path: { id: device.id } }, body: { name, ownership, primaryUserId: primaryUserId.trim() === '' ? null : primaryUserId.trim() } })),
    onSuccess: (updated) => {
      queries.setQueryData(['device', device.id], updated);
      void queries.invalidateQueries({ queryKey: ['devices'] });
      onClose();
    },
  });
  return (
    <Modal opened onClose={onClose} title="Edit device" centered>
      <form onSubmit={(e) => { e.preventDefault(); save.mutate(); }}>
        <Stack gap="sm">
          <TextInput label="Name" required value={name} onChange={(e) => { setName(e.currentTarget.value); }} />
          <Select label="Ownership" data={['corporate', 'personal', 'unknown']} value={ownership} onChange={(v) => { if (v !== null) setOwnership(v); }} allowDeselect={false} description="Making a device personal drops its raw inventory." />
          <TextInput label="Primary user id" value={primaryUserId} onChange={(e) => { setPrimaryUserId(e.currentTarget.value); }} description="Empty for none." />
          <ErrorAlert error={save.error} />
          <Group justify="flex-end"><Button variant="default" onClick={onClose}>Cancel</Button><Button type="submit" loading={save.isPending}>Save</Button></Group>
        </Stack>
      </form>
    </Modal>
  );
}

/** One device: record and facts, raw inventory, software, profiles, compliance explained, remote actions and their history. */
export function DevicePage() {
  const { id = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const { can } = useCaller();
  const navigate = useNavigate();
  const queries = useQueryClient();
  const [action, setAction] = useState<ActionType | undefined>();
  const [editing, setEditing] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const query = useQuery({ queryKey: ['device', id], queryFn: () => ok(api.GET('/api/v1/devices/{id}', { params: { path: { id } } })) });
  const mdm = useMdmEnrollment(id, query.data?.platform).data ?? null;
  const remove = useMutation({
    mutationFn: () => ok(api.DELETE('/api/v1/devices/{id}', { params: { path: { id } } })),
    onSuccess: () => {
      void queries.invalidateQueries({ queryKey: ['devices'] });
      void navigate('/devices');
    },
  });
  const device = query.data;
  if (device === undefined) {
    return (
      <>
        <PageHeader title="Device" />
        {query.isPending ? <Text c="dimmed">Loading…</Text> : <ErrorAlert error={query.error} />}
      </>
    );
  }
  const personal = device.ownership === 'personal';
  return (
    <>
      <Anchor component={Link} to="/devices" size="sm">← Devices</Anchor>
      <PageHeader
        title={device.name}
        description={<>{platformLabels[device.platform]} {device.osVersion ?? ''} · last seen {formatAgo(device.lastSeenAt)} {personal ? <Badge ml="xs" variant="outline">Personal</Badge> : null}</>}
        actions={
          <>
            {can('requestDeviceAction') ? (
              <Menu withinPortal position="bottom-end">
                <Menu.Target><Button>Actions</Button></Menu.Target>
                <Menu.Dropdown>
                  {(mdm === null ? actionTypes : appleMenuActions(device, mdm)).map((type) => <Menu.Item key={type} color={type === 'retire' || type === 'wipe' ? 'red' : undefined} onClick={() => { setAction(type); }}>{actionInfo[type].label}…</Menu.Item>)}
                </Menu.Dropdown>
              </Menu>
            ) : null}
            {can('updateDevice') ? <Button variant="default" onClick={() => { setEditing(true); }}>Edit</Button> : null}
            {can('deleteDevice') ? <Button variant="default" color="red" onClick={() => { setDeleting(true); }}>Forget record</Button> : null}
          </>
        }
      />
      <Tabs value={params.get('tab') ?? 'overview'} onChange={(tab) => { setParams(tab === null || tab === 'overview' ? {} : { tab }, { replace: true }); }} keepMounted={false}>
        <Tabs.List mb="md">
          <Tabs.Tab value="overview">Overview</Tabs.Tab>
          <Tabs.Tab value="inventory">Inventory</Tabs.Tab>
          <Tabs.Tab value="software">Software</Tabs.Tab>
          {can('getDeviceConfiguration') ? <Tabs.Tab value="configuration">Configuration</Tabs.Tab> : null}
          {can('explainDeviceCompliance') ? <Tabs.Tab value="compliance">Compliance</Tabs.Tab> : null}
          <Tabs.Tab value="actions">Actions</Tabs.Tab>
          {mdm === null ? null : <Tabs.Tab value="mdm">MDM</Tabs.Tab>}
        </Tabs.List>
        <Tabs.Panel value="overview">
          <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
            <Card withBorder><Title order={2} size="h4" mb="sm">Record</Title><Properties device={device} /></Card>
            <Card withBorder><Title order={2} size="h4" mb="sm">Facts</Title><Facts device={device} /></Card>
          </SimpleGrid>
          <Card withBorder mt="lg"><Title order={2} size="h4" mb="sm">Recent actions</Title><ActionHistory deviceId={device.id} /></Card>
        </Tabs.Panel>
        <Tabs.Panel value="inventory">
          {personal ? <Text size="sm" c="dimmed">Ward keeps no raw inventory of personal devices.</Text> : <JsonTable value={device.inventory} caption="Raw inventory as the device reported it" empty="No inventory reported yet." />}
        </Tabs.Panel>
        <Tabs.Panel value="software"><Software deviceId={device.id} personal={personal} /></Tabs.Panel>
        <Tabs.Panel value="configuration"><DeviceConfigurationTab deviceId={device.id} /></Tabs.Panel>
        <Tabs.Panel value="compliance"><DeviceComplianceTab deviceId={device.id} /></Tabs.Panel>
        <Tabs.Panel value="actions"><ActionHistory deviceId={device.id} /></Tabs.Panel>
        {mdm === null ? null : <Tabs.Panel value="mdm"><MdmSection device={device} enrollment={mdm} canSend={can('enqueueMdmCommand')} /></Tabs.Panel>}
      </Tabs>
      <ActionModal type={action} targets={[{ id: device.id, name: device.name }]} onClose={() => { setAction(undefined); }} />
      {editing ? <EditDevice device={device} onClose={() => { setEditing(false); }} /> : null}
      <Modal opened={deleting} onClose={() => { setDeleting(false); }} title={`Forget ${device.name}?`} centered>
        <Stack gap="sm">
          <Text size="sm">This deletes the device record from Ward. The device itself is not touched; to remove management from it, retire it instead.</Text>
          <ErrorAlert error={remove.error} />
          <Group justify="flex-end"><Button variant="default" onClick={() => { setDeleting(false); }}>Cancel</Button><Button color="red" loading={remove.isPending} onClick={() => { remove.mutate(); }}>Forget record</Button></Group>
        </Stack>
      </Modal>
    </>
  );
}
