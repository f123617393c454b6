import { Anchor, Button, Checkbox, Group, Menu, Modal, MultiSelect, Paper, Select, Stack, Table, Text, TextInput, UnstyledButton } from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { Link, useSearchParams } from 'react-router';
import { api, ok } from '../../api/client';
import type { ActionType, ComplianceState, DeviceSummary, Platform } from '../../api/types';
import { useCaller } from '../../api/use-me';
import { ComplianceBadge } from '../../shared/badges';
import { CursorPager } from '../../shared/cursor-pager';
import { DownloadButton } from '../../shared/download-button';
import { ErrorAlert } from '../../shared/error-alert';
import { formatAgo, formatDateTime } from '../../shared/format';
import { complianceLabels, platformLabels } from '../../shared/labels';
import { PageHeader } from '../../shared/page-header';
import { useCursorPages } from '../../shared/use-cursor-pages';
import { ActionModal, actionInfo, actionTypes } from '../device-actions';
import { columnInfo, deviceColumns, exportQuery, loadSavedViews, pageSizes, parseView, storeSavedViews, viewParams, viewQuery, type DeviceColumn, type DeviceView, type SavedView } from '../device-view';

function cell(device: DeviceSummary, column: DeviceColumn): ReactNode {
  switch (column) {
    case 'name': return <Anchor component={Link} to={`/devices/${device.id}`} fw={500}>{device.name}</Anchor>;
    case 'platform': return platformLabels[device.platform];
    case 'osVersion': return device.osVersion ?? '—';
    case 'compliance': return <ComplianceBadge state={device.complianceState} />;
    case 'ownership': return device.ownership;
    case 'management': return device.managementState;
    case 'serialNumber': return device.serialNumber ?? '—';
    case 'model': return device.model ?? '—';
    case 'manufacturer': return device.manufacturer ?? '—';
    case 'primaryUser': return device.primaryUserId === null ? '—' : <Anchor component={Link} to={`/users/${device.primaryUserId}`}>View user</Anchor>;
    case 'lastSeenAt': return <span title={formatDateTime(device.lastSeenAt)}>{formatAgo(device.lastSeenAt)}</span>;
    case 'enrolledAt': return formatDateTime(device.enrolledAt);
  }
}

const platformOptions = Object.entries(platformLabels).map(([value, label]) => ({ value, label }));
const complianceOptions = Object.entries(complianceLabels).map(([value, { label }]) => ({ value, label }));

/**
 * The device list: one server page at a time (keyset cursors, never the whole fleet), search and
 * filters the API evaluates, sortable columns, a choice of columns, views saved in this browser,
 * and remote actions for the selected devices.
 */
export function DevicesPage() {
  const [params, setParams] = useSearchParams();
  const view = useMemo(() => parseView(params), [params]);
  const pages = useCursorPages();
  const { can } = useCaller();
  const [search, setSearch] = useState(view.q);
  const [selected, setSelected] = useState<ReadonlyMap<string, string>>(new Map());
  const [action, setAction] = useState<ActionType | undefined>();
  const [saving, setSaving] = useState(false);
  const [viewName, setViewName] = useState('');
  const [saved, setSaved] = useState<SavedView[]>(loadSavedViews);

  const update = (change: Partial<DeviceView>) => {
    pages.reset();
    setSelected(new Map());
    setParams(viewParams({ ...view, ...change }), { replace: true });
  };
  const updateSearch = useDebouncedCallback((q: string) => { update({ q }); }, 300);
  useEffect(() => { setSearch(view.q); }, [view.q]);

  const query = useQuery({
    queryKey: ['devices', viewQuery(view, pages.cursor)],
    queryFn: () => ok(api.GET('/api/v1/devices', { params: { query: viewQuery(view, pages.cursor) } })),
    placeholderData: keepPreviousData,
  });
  const items = query.data?.items ?? [];
  const canAct = can('requestDeviceActions');
  const allSelected = items.length > 0 && items.every((d) => selected.has(d.id));
  const toggleAll = () => {
    setSelected(allSelected ? new Map() : new Map(items.map((d) => [d.id, d.name])));
  };
  const toggle = (device: DeviceSummary) => {
    const next = new Map(selected);
    if (next.has(device.id)) next.delete(device.id);
    else next.set(device.id, device.name);
    setSelected(next);
  };
  const sortBy = (column: DeviceColumn) => {
    const sort = columnInfo[column].sort;
    if (sort === undefined) return;
    update({ sort, order: view.sort === sort && view.order === 'asc' ? 'desc' : 'asc' });
  };
  const saveView = () => {
    const name = viewName.trim();
    if (name === '') return;
    const next = [...saved.filter((v) => v.name !== name), { name, search: viewParams(view).toString() }];
    storeSavedViews(next);
    setSaved(next);
    setSaving(false);
    setViewName('');
  };
  const deleteView = (name: string) => {
    const next = saved.filter((v) => v.name !== name);
    storeSavedViews(next);
    setSaved(next);
  };
  const filtered = view.q !== '' || view.platform.length > 0 || view.complianceState.length > 0 || view.ownership !== undefined || view.managementState !== undefined || view.osVersionMin !== '' || view.osVersionMax !== '';

  return (
    <>
      <PageHeader
        title="Devices"
        description="Every managed device. Filters and sorting run on the server, one page at a time."
        actions={
          <>
            <DownloadButton fetchFile={() => api.GET('/api/v1/devices/export.csv', { params: { query: exportQuery(view) }, parseAs: 'blob' })} fallbackName="devices.csv">
              Export CSV
            </DownloadButton>
            <Menu withinPortal position="bottom-end">
              <Menu.Target><Button variant="default">Views</Button></Menu.Target>
              <Menu.Dropdown>
                <Menu.Label>Saved in this browser</Menu.Label>
                {saved.length === 0 ? <Menu.Item disabled>No saved views</Menu.Item> : null}
                {saved.map((v) => (
                  <Menu.Item key={v.name} onClick={() => { pages.reset(); setParams(new URLSearchParams(v.search), { replace: true }); }}>{v.name}</Menu.Item>
                ))}
                <Menu.Divider />
                <Menu.Item onClick={() => { setSaving(true); }}>Save current view…</Menu.Item>
                {saved.length > 0 ? (
                  <Menu.Sub>
                    <Menu.Sub.Target><Menu.Sub.Item>Delete a view</Menu.Sub.Item></Menu.Sub.Target>
                    <Menu.Sub.Dropdown>
                      {saved.map((v) => <Menu.Item key={v.name} color="red" onClick={() => { deleteView(v.name); }}>{v.name}</Menu.Item>)}
                    </Menu.Sub.Dropdown>
                  </Menu.Sub>
                ) : null}
              </Menu.Dropdown>
            </Menu>
            <Menu withinPortal position="bottom-end" closeOnItemClick={false}>
              <Menu.Target><Button variant="default">Columns</Button></Menu.Target>
              <Menu.Dropdown>
                {deviceColumns.map((column) => (
                  <Menu.Item key={column} disabled={column === 'name'} onClick={() => {
                    const columns = view.columns.includes(column) ? view.columns.filter((c) => c !== column) : deviceColumns.filter((c) => c === column || view.columns.includes(c));
                    update({ columns });
                  }}>
                    <Checkbox label={columnInfo[column].label} checked={view.columns.includes(column)} readOnly tabIndex={-1} />
                  </Menu.Item>
                ))}
              </Menu.Dropdown>
            </Menu>
          </>
        }
      />
      <Paper withBorder p="sm" mb="md">
        <Stack gap="xs">
          <Group gap="sm" align="flex-end" wrap="wrap">
            <TextInput label="Search" placeholder="Name, serial number or model" value={search} w={260} onChange={(e) => { setSearch(e.currentTarget.value); updateSearch(e.currentTarget.value); }} />
            <MultiSelect label="Platform" data={platformOptions} value={[...view.platform]} onChange={(v) => { update({ platform: v as Platform[] }); }} w={220} clearable placeholder={view.platform.length === 0 ? 'Any' : undefined} />
            <MultiSelect label="Compliance" data={complianceOptions} value={[...view.complianceState]} onChange={(v) => { update({ complianceState: v as ComplianceState[] }); }} w={240} clearable placeholder={view.complianceState.length === 0 ? 'Any' : undefined} />
            <Select label="Ownership" data={['corporate', 'personal', 'unknown']} value={view.ownership ?? null} onChange={(v) => { update({ ownership: (v ?? undefined) }); }} w={140} clearable placeholder="Any" />
            <Select label="Management" data={['enrolled', 'retirePending', 'retired']} value={view.managementState ?? null} onChange={(v) => { update({ managementState: (v ?? undefined) }); }} w={150} clearable placeholder="Any" />
            <TextInput label="OS version from" placeholder="e.g. 13" value={view.osVersionMin} w={120} onChange={(e) => { update({ osVersionMin: e.currentTarget.value }); }} />
            <TextInput label="OS version to" value={view.osVersionMax} w={120} onChange={(e) => { update({ osVersionMax: e.currentTarget.value }); }} />
            {filtered ? <Button variant="subtle" onClick={() => { setSearch(''); update({ q: '', platform: [], complianceState: [], ownership: undefined, managementState: undefined, osVersionMin: '', osVersionMax: '' }); }}>Clear filters</Button> : null}
          </Group>
        </Stack>
      </Paper>
      {canAct && selected.size > 0 ? (
        <Group mb="sm" gap="xs" role="toolbar" aria-label="Actions for the selected devices">
          <Text size="sm">{selected.size} selected</Text>
          {actionTypes.map((type) => (
            <Button key={type} size="xs" variant={actionInfo[type].disruptive ? 'light' : 'default'} color={type === 'retire' ? 'red' : undefined} onClick={() => { setAction(type); }}>{actionInfo[type].label}</Button>
          ))}
        </Group>
      ) : null}
      <ErrorAlert error={query.error} />
      <Table.ScrollContainer minWidth={800}>
        <Table striped highlightOnHover verticalSpacing="xs" aria-busy={query.isFetching} data-testid="device-table">
          <Table.Caption>{query.isPending ? 'Loading devices…' : `${items.length} devices on this page`}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              {canAct ? <Table.Th w={40}><Checkbox aria-label="Select all devices on this page" checked={allSelected} indeterminate={!allSelected && items.some((d) => selected.has(d.id))} onChange={toggleAll} /></Table.Th> : null}
              {view.columns.map((column) => {
                const sort = columnInfo[column].sort;
                const sorted = sort !== undefined && view.sort === sort;
                return (
                  <Table.Th key={column} aria-sort={sorted ? (view.order === 'asc' ? 'ascending' : 'descending') : undefined}>
                    {sort === undefined ? columnInfo[column].label : (
                      <UnstyledButton onClick={() => { sortBy(column); }} fw={700} fz="sm">
                        {columnInfo[column].label} {sorted ? (view.order === 'asc' ? '▲' : '▼') : ''}
                      </UnstyledButton>
                    )}
                  </Table.Th>
                );
              })}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((device) => (
              <Table.Tr key={device.id}>
                {canAct ? <Table.Td><Checkbox aria-label={`Select ${device.name}`} checked={selected.has(device.id)} onChange={() => { toggle(device); }} /></Table.Td> : null}
                {view.columns.map((column) => <Table.Td key={column}>{cell(device, column)}</Table.Td>)}
              </Table.Tr>
            ))}
            {!query.isPending && items.length === 0 ? (
              <Table.Tr><Table.Td colSpan={view.columns.length + (canAct ? 1 : 0)}><Text c="dimmed" size="sm" py="md" ta="center">{filtered ? 'No device matches these filters.' : 'No devices are enrolled yet. Create an enrollment token to add one.'}</Text></Table.Td></Table.Tr>
            ) : null}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <Group justify="space-between" mt="sm">
        <Select label="Per page" data={pageSizes.map(String)} value={String(view.limit)} onChange={(v) => { update({ limit: Number(v ?? 50) }); }} w={100} allowDeselect={false} />
        <CursorPager pages={pages} nextCursor={query.data?.nextCursor} loading={query.isFetching} label="Device list" />
      </Group>
      <ActionModal type={action} targets={[...selected].map(([id, name]) => ({ id, name }))} onClose={() => { setAction(undefined); }} />
      <Modal opened={saving} onClose={() => { setSaving(false); }} title="Save this view" centered>
        <form onSubmit={(e) => { e.preventDefault(); saveView(); }}>
          <Stack gap="sm">
            <Text size="sm">Keeps the filters, sort, columns and page size in this browser under a name.</Text>
            <TextInput label="Name" required value={viewName} onChange={(e) => { setViewName(e.currentTarget.value); }} data-autofocus />
            <Group justify="flex-end">
              <Button variant="default" onClick={() => { setSaving(false); }}>Cancel</Button>
              <Button type="submit" disabled={viewName.trim() === ''}>Save</Button>
            </Group>
          </Stack>
        </form>
      </Modal>
    </>
  );
}
