import { Anchor, Badge, Chip, Group, Stack, Table, Text } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { api, ok } from '../../api/client';
import { CursorPager } from '../../shared/cursor-pager';
import { ErrorAlert } from '../../shared/error-alert';
import { formatDateTime } from '../../shared/format';
import { ScrollTable } from '../../shared/scroll-table';
import { useCursorPages } from '../../shared/use-cursor-pages';
import { installStatuses, installStatusInfo, intentInfo } from './app-labels';
import type { AppInstallStatus } from './app-types';

/** An install status as a badge in words. */
export function InstallStatusBadge({ status }: { readonly status: AppInstallStatus }) {
  const info = installStatusInfo[status];
  return <Badge color={info.color} variant="light" miw="max-content" data-status={status}>{info.label}</Badge>;
}

/** A device's name, linked, fetched once and cached; a deleted one says so. */
function DeviceName({ id }: { readonly id: string }) {
  const device = useQuery({ queryKey: ['device', id], queryFn: () => ok(api.GET('/api/v1/devices/{id}', { params: { path: { id } } })), staleTime: 60_000, retry: false });
  return <Anchor component={Link} to={`/devices/${id}`} size="sm">{device.data?.name ?? (device.isError ? `device ${id}` : '…')}</Anchor>;
}

/**
 * Where an app stands on each device it was sent to: counts by status (each a filter), then the
 * devices a page at a time with the version they report and their error.
 */
export function AppInstallStatusPanel({ appId }: { readonly appId: string }) {
  const pages = useCursorPages();
  const [status, setStatus] = useState<AppInstallStatus | undefined>();
  const report = useQuery({
    queryKey: ['app', appId, 'status', status, pages.cursor],
    queryFn: () => ok(api.GET('/api/v1/apps/{id}/status', { params: { path: { id: appId }, query: { limit: 50, ...(status === undefined ? {} : { status }), ...(pages.cursor === undefined ? {} : { cursor: pages.cursor }) } } })),
    placeholderData: keepPreviousData,
  });
  const counts = report.data?.counts;
  const items = report.data?.items ?? [];
  return (
    <Stack gap="sm">
      <Text size="sm" c="dimmed">Devices the app is required on or removed from. Available apps are installed by people from the portal and show here once a device reports them.</Text>
      <Chip.Group value={status ?? 'all'} onChange={(v) => { pages.reset(); setStatus(v === 'all' || Array.isArray(v) ? undefined : (v)); }}>
        <Group gap={6} role="group" aria-label="Show devices by install status" data-testid="app-status-counts">
          <Chip value="all" size="sm">All</Chip>
          {installStatuses.map((s) => <Chip key={s} value={s} size="sm" data-count={counts?.[s]}>{installStatusInfo[s].label} {counts === undefined ? '' : `(${counts[s].toLocaleString()})`}</Chip>)}
        </Group>
      </Chip.Group>
      <ErrorAlert error={report.error} />
      <ScrollTable label="Install status table" minWidth={820}>
        <Table striped withTableBorder fz="sm" data-testid="app-install-status">
          <Table.Caption>Devices with the app, by device id</Table.Caption>
          <Table.Thead><Table.Tr><Table.Th>Device</Table.Th><Table.Th>Status</Table.Th><Table.Th>Why</Table.Th><Table.Th>Installed version</Table.Th><Table.Th>Details</Table.Th><Table.Th>Reported</Table.Th></Table.Tr></Table.Thead>
          <Table.Tbody>
            {items.map((row) => (
              <Table.Tr key={row.deviceId}>
                <Table.Td><DeviceName id={row.deviceId} /></Table.Td>
                <Table.Td><InstallStatusBadge status={row.status} /></Table.Td>
                <Table.Td>{row.intent === null ? <Text size="sm" c="dimmed">No longer assigned</Text> : intentInfo[row.intent].label}</Table.Td>
                <Table.Td>{row.installedVersion ?? '—'}</Table.Td>
                <Table.Td style={{ maxWidth: 360 }}>
                  {row.error === null ? null : <Text size="sm" c="red.9">{row.error}</Text>}
                  {row.reason === null ? null : <Text size="sm">{row.reason}</Text>}
                  {row.error === null && row.reason === null ? '—' : null}
                </Table.Td>
                <Table.Td>{formatDateTime(row.reportedAt)}</Table.Td>
              </Table.Tr>
            ))}
            {report.data !== undefined && items.length === 0 ? <Table.Tr><Table.Td colSpan={6}><Text size="sm" c="dimmed" ta="center" py="sm">{status === undefined ? 'No device has been sent the app yet: assign it as required.' : 'No device in this status.'}</Text></Table.Td></Table.Tr> : null}
          </Table.Tbody>
        </Table>
      </ScrollTable>
      <CursorPager pages={pages} nextCursor={report.data?.nextCursor} loading={report.isFetching} label="Install status" />
    </Stack>
  );
}
