import { Anchor, Badge, Chip, Group, Stack, Table, Text } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { api, okJson } from '../../api/client';
import type { ProfileStatus } from '../../api/types';
import { CursorPager } from '../../shared/cursor-pager';
import { DownloadButton } from '../../shared/download-button';
import { ErrorAlert } from '../../shared/error-alert';
import { formatDateTime } from '../../shared/format';
import { useCursorPages } from '../../shared/use-cursor-pages';
import { profileStatuses, profileStatusInfo } from './profile-labels';

/** A profile's status as a badge in words. */
export function ProfileStatusBadge({ status }: { readonly status: ProfileStatus }) {
  const info = profileStatusInfo[status];
  return <Badge color={info.color} variant="light" miw="max-content" data-status={status}>{info.label}</Badge>;
}

/** A profile's name, linked, fetched once and cached; a deleted one says so. */
export function ProfileName({ id }: { readonly id: string }) {
  const profile = useQuery({ queryKey: ['profile', id], queryFn: () => okJson(api.GET('/api/v1/profiles/{id}', { params: { path: { id } } })), staleTime: 60_000, retry: false });
  return <Anchor component={Link} to={`/profiles/${id}`} size="sm">{profile.data?.name ?? (profile.isError ? `deleted profile ${id}` : '…')}</Anchor>;
}

/** A profile's devices counted by status, as small badges (zero counts left out). */
export function ProfileCounts({ counts }: { readonly counts: Readonly<Record<ProfileStatus, number>> | undefined }) {
  if (counts === undefined) return <Text size="xs" c="dimmed">—</Text>;
  const shown = profileStatuses.filter((s) => counts[s] > 0);
  if (shown.length === 0) return <Text size="xs" c="dimmed">No devices</Text>;
  return (
    <Group gap={4}>
      {shown.map((s) => <Badge key={s} size="sm" variant="light" color={profileStatusInfo[s].color}>{counts[s].toLocaleString()} {profileStatusInfo[s].label.toLowerCase()}</Badge>)}
    </Group>
  );
}

/** Every profile's devices counted by status, one request for the whole tenant, by profile id. */
export function useProfileStatusOverview(enabled: boolean) {
  return useQuery({ queryKey: ['reports', 'profile-status'], queryFn: () => okJson(api.GET('/api/v1/reports/profile-status')), enabled, staleTime: 30_000 });
}

/**
 * Where a profile stands on each device: counts by status (each a filter), then the devices a
 * page at a time with the device's error, the reason it does not apply, or the profiles its
 * settings collide with. CSV of every device.
 */
export function ProfileDeviceStatus({ profileId }: { readonly profileId: string }) {
  const pages = useCursorPages();
  const [status, setStatus] = useState<ProfileStatus | undefined>();
  const report = useQuery({
    queryKey: ['profile', profileId, 'status', status, pages.cursor],
    queryFn: () => okJson(api.GET('/api/v1/profiles/{id}/status', { params: { path: { id: profileId }, query: { limit: 50, ...(status === undefined ? {} : { status }), ...(pages.cursor === undefined ? {} : { cursor: pages.cursor }) } } })),
    placeholderData: keepPreviousData,
  });
  const counts = report.data?.counts;
  return (
    <Stack gap="sm">
      <Group justify="space-between" align="flex-start">
        <Chip.Group value={status ?? 'all'} onChange={(v) => { pages.reset(); setStatus(v === 'all' || Array.isArray(v) ? undefined : (v)); }}>
          <Group gap={6} role="group" aria-label="Show devices by status">
            <Chip value="all" size="sm">All</Chip>
            {profileStatuses.map((s) => <Chip key={s} value={s} size="sm">{profileStatusInfo[s].label} {counts === undefined ? '' : `(${counts[s].toLocaleString()})`}</Chip>)}
          </Group>
        </Chip.Group>
        <DownloadButton size="xs" fetchFile={() => api.GET('/api/v1/profiles/{id}/status', { params: { path: { id: profileId }, query: { format: 'csv', ...(status === undefined ? {} : { status }) } }, parseAs: 'blob' })} fallbackName={`profile-${profileId}-status.csv`}>
          Download CSV
        </DownloadButton>
      </Group>
      <ErrorAlert error={report.error} />
      <Table striped withTableBorder fz="sm" data-testid="profile-device-status">
        <Table.Caption>Devices that have the profile, by device id</Table.Caption>
        <Table.Thead><Table.Tr><Table.Th>Device</Table.Th><Table.Th>Status</Table.Th><Table.Th>Details</Table.Th><Table.Th>Wanted since</Table.Th><Table.Th>Reported</Table.Th></Table.Tr></Table.Thead>
        <Table.Tbody>
          {(report.data?.items ?? []).map((row) => (
            <Table.Tr key={row.deviceId}>
              <Table.Td>{row.deviceName === null ? <Text size="sm" c="dimmed">deleted device</Text> : <Anchor component={Link} to={`/devices/${row.deviceId}`} size="sm">{row.deviceName}</Anchor>}</Table.Td>
              <Table.Td><ProfileStatusBadge status={row.status} /></Table.Td>
              <Table.Td style={{ maxWidth: 420 }}>
                {row.error === null ? null : <Text size="sm" c="red.9">{row.error}</Text>}
                {row.reason === null ? null : <Text size="sm">{row.reason}</Text>}
                {row.conflicts.map((c) => (
                  <Text key={c.settingId} size="sm"><code>{c.settingId}</code> collides with {c.profileIds.filter((p) => p !== profileId).map((p, i) => <span key={p}>{i === 0 ? '' : ', '}<ProfileName id={p} /></span>)}</Text>
                ))}
                {row.error === null && row.reason === null && row.conflicts.length === 0 ? '—' : null}
              </Table.Td>
              <Table.Td>{formatDateTime(row.desiredAt)}</Table.Td>
              <Table.Td>{formatDateTime(row.reportedAt)}</Table.Td>
            </Table.Tr>
          ))}
          {report.data?.items.length === 0 ? <Table.Tr><Table.Td colSpan={5}><Text size="sm" c="dimmed" ta="center" py="sm">{status === undefined ? 'No device has this profile yet: assign it.' : 'No device in this status.'}</Text></Table.Td></Table.Tr> : null}
        </Table.Tbody>
      </Table>
      <CursorPager pages={pages} nextCursor={report.data?.nextCursor} loading={report.isFetching} label="Profile status" />
    </Stack>
  );
}

/** A settings profile's settings, each with how many devices applied it, failed it, cannot take it or have it in conflict. */
export function ProfileSettingStatus({ profileId }: { readonly profileId: string }) {
  const rows = useQuery({ queryKey: ['profile', profileId, 'settings-status'], queryFn: () => okJson(api.GET('/api/v1/profiles/{id}/settings-status', { params: { path: { id: profileId } } })) });
  return (
    <Stack gap="sm">
      <Group justify="flex-end">
        <DownloadButton size="xs" fetchFile={() => api.GET('/api/v1/profiles/{id}/settings-status', { params: { path: { id: profileId }, query: { format: 'csv' } }, parseAs: 'blob' })} fallbackName={`profile-${profileId}-settings-status.csv`}>
          Download CSV
        </DownloadButton>
      </Group>
      <ErrorAlert error={rows.error} />
      <Table striped withTableBorder fz="sm" data-testid="profile-setting-status">
        <Table.Caption>Devices per setting and outcome</Table.Caption>
        <Table.Thead><Table.Tr><Table.Th>Setting</Table.Th><Table.Th ta="right">Succeeded</Table.Th><Table.Th ta="right">Failed</Table.Th><Table.Th ta="right">Not applicable</Table.Th><Table.Th ta="right">Conflict</Table.Th></Table.Tr></Table.Thead>
        <Table.Tbody>
          {(rows.data?.items ?? []).map((r) => (
            <Table.Tr key={r.settingId}>
              <Table.Td><Text size="sm">{r.name}</Text><Text size="xs" c="dimmed"><code>{r.settingId}</code></Text></Table.Td>
              <Table.Td ta="right">{r.succeeded.toLocaleString()}</Table.Td>
              <Table.Td ta="right">{r.failed.toLocaleString()}</Table.Td>
              <Table.Td ta="right">{r.notApplicable.toLocaleString()}</Table.Td>
              <Table.Td ta="right">{r.conflict.toLocaleString()}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}
