import { Anchor, Button, Group, Paper, Table, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { api, ok } from '../../api/client';
import { CursorPager } from '../../shared/cursor-pager';
import { ErrorAlert } from '../../shared/error-alert';
import { platformLabels } from '../../shared/labels';
import { PageHeader } from '../../shared/page-header';
import { ScrollTable } from '../../shared/scroll-table';
import { useCursorPages } from '../../shared/use-cursor-pages';

/** The devices that report one name (and version) of software. */
function InventoryDevices({ name, version }: { readonly name: string; readonly version: string | undefined }) {
  const pages = useCursorPages();
  const query = { limit: 50, name, ...(version === undefined ? {} : { version }), ...(pages.cursor === undefined ? {} : { cursor: pages.cursor }) };
  const devices = useQuery({ queryKey: ['app-inventory', 'devices', query], queryFn: () => ok(api.GET('/api/v1/app-inventory/devices', { params: { query } })), placeholderData: keepPreviousData });
  const items = devices.data?.items ?? [];
  return (
    <>
      <ErrorAlert error={devices.error} />
      <ScrollTable label="Devices table" minWidth={640}>
        <Table striped highlightOnHover fz="sm" data-testid="app-inventory-devices" aria-busy={devices.isFetching}>
          <Table.Caption>{devices.isPending ? 'Loading devices…' : `${items.length} devices on this page`}</Table.Caption>
          <Table.Thead><Table.Tr><Table.Th>Device</Table.Th><Table.Th>Platform</Table.Th><Table.Th>Version</Table.Th><Table.Th>Source</Table.Th></Table.Tr></Table.Thead>
          <Table.Tbody>
            {items.map((d) => (
              <Table.Tr key={`${d.deviceId} ${d.version}`}>
                <Table.Td><Anchor component={Link} to={`/devices/${d.deviceId}?tab=software`} size="sm">{d.deviceName}</Anchor></Table.Td>
                <Table.Td>{platformLabels[d.platform]}</Table.Td>
                <Table.Td>{d.version}</Table.Td>
                <Table.Td>{d.source}</Table.Td>
              </Table.Tr>
            ))}
            {!devices.isPending && items.length === 0 ? <Table.Tr><Table.Td colSpan={4}><Text size="sm" c="dimmed" ta="center" py="md">No corporate device reports it now.</Text></Table.Td></Table.Tr> : null}
          </Table.Tbody>
        </Table>
      </ScrollTable>
      <CursorPager pages={pages} nextCursor={devices.data?.nextCursor} loading={devices.isFetching} label="Devices" />
    </>
  );
}

/**
 * `/app-inventory`: the software corporate devices report, across the fleet, searched by name and
 * version with how many devices have each; one name and version drills to its devices.
 */
export function AppInventoryPage() {
  const [params, setParams] = useSearchParams();
  const pages = useCursorPages();
  const [q, setQ] = useState(params.get('q') ?? '');
  const [version, setVersion] = useState('');
  const [search] = useDebouncedValue(q.trim(), 300);
  const [versionSearch] = useDebouncedValue(version.trim(), 300);
  const drillName = params.get('name');
  const drillVersion = params.get('version') ?? undefined;
  const query = { limit: 50, ...(search === '' ? {} : { q: search }), ...(versionSearch === '' ? {} : { version: versionSearch }), ...(pages.cursor === undefined ? {} : { cursor: pages.cursor }) };
  const inventory = useQuery({ queryKey: ['app-inventory', query], queryFn: () => ok(api.GET('/api/v1/app-inventory', { params: { query } })), placeholderData: keepPreviousData, enabled: drillName === null });
  const items = inventory.data?.items ?? [];
  if (drillName !== null) {
    return (
      <>
        <Anchor component={Link} to={search === '' ? '/app-inventory' : `/app-inventory?q=${encodeURIComponent(search)}`} size="sm">← Installed software</Anchor>
        <PageHeader title={drillVersion === undefined ? drillName : `${drillName} ${drillVersion}`} description="Corporate devices that report this software. Personal devices report only the apps Ward manages, and are not listed here." />
        <InventoryDevices name={drillName} version={drillVersion} />
      </>
    );
  }
  return (
    <>
      <PageHeader
        title="Installed software"
        description="What corporate devices report installed, across the fleet, with how many devices have each version. Personal devices report only the apps Ward manages."
        actions={<Button variant="default" component={Link} to="/apps">App catalog</Button>}
      />
      <Paper withBorder p="sm" mb="md">
        <Group gap="sm" align="flex-end">
          <TextInput label="Name" placeholder="Part of the name" value={q} onChange={(e) => { setQ(e.currentTarget.value); pages.reset(); }} w={260} />
          <TextInput label="Version" placeholder="Exactly this version" value={version} onChange={(e) => { setVersion(e.currentTarget.value); pages.reset(); }} w={200} />
        </Group>
      </Paper>
      <ErrorAlert error={inventory.error} />
      <ScrollTable label="Installed software table" minWidth={560}>
        <Table striped highlightOnHover fz="sm" data-testid="app-inventory" aria-busy={inventory.isFetching}>
          <Table.Caption>{inventory.isPending ? 'Loading software…' : `${items.length} names and versions on this page, by name`}</Table.Caption>
          <Table.Thead><Table.Tr><Table.Th>Name</Table.Th><Table.Th>Version</Table.Th><Table.Th ta="right">Devices</Table.Th></Table.Tr></Table.Thead>
          <Table.Tbody>
            {items.map((s) => (
              <Table.Tr key={`${s.name}\u0000${s.version}`}>
                <Table.Td><Anchor component="button" type="button" size="sm" onClick={() => { setParams({ name: s.name }); }}>{s.name}</Anchor></Table.Td>
                <Table.Td>{s.version}</Table.Td>
                <Table.Td ta="right"><Anchor component="button" type="button" size="sm" onClick={() => { setParams({ name: s.name, version: s.version }); }} aria-label={`${s.deviceCount} devices with ${s.name} ${s.version}`}>{s.deviceCount.toLocaleString()}</Anchor></Table.Td>
              </Table.Tr>
            ))}
            {!inventory.isPending && items.length === 0 ? <Table.Tr><Table.Td colSpan={3}><Text size="sm" c="dimmed" ta="center" py="md">{search === '' && versionSearch === '' ? 'No device has reported software yet.' : 'Nothing matches.'}</Text></Table.Td></Table.Tr> : null}
          </Table.Tbody>
        </Table>
      </ScrollTable>
      <CursorPager pages={pages} nextCursor={inventory.data?.nextCursor} loading={inventory.isFetching} label="Installed software" />
    </>
  );
}
