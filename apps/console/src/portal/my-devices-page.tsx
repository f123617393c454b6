import { Anchor, Badge, Card, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { api, ok } from '../api/client';
import { ComplianceBadge } from '../shared/badges';
import { CursorPager } from '../shared/cursor-pager';
import { ErrorAlert } from '../shared/error-alert';
import { formatAgo } from '../shared/format';
import { platformLabels } from '../shared/labels';
import { useCursorPages } from '../shared/use-cursor-pages';
import type { MyDevice } from './portal-types';
import { useMyAccount } from './use-my-account';

const managementWords: Readonly<Record<MyDevice['managementState'], string | null>> = {
  enrolled: null,
  retirePending: 'Being removed: the company’s settings leave at its next check-in.',
  retired: 'Removed from the company’s management.',
};

function DeviceCard({ device }: { readonly device: MyDevice }) {
  const management = managementWords[device.managementState];
  const failing = device.complianceState === 'noncompliant' || device.complianceState === 'inGracePeriod';
  return (
    <Card withBorder component="article" aria-label={device.name}>
      <Group justify="space-between" wrap="nowrap" align="flex-start">
        <div style={{ minWidth: 0 }}>
          <Title order={2} size="h4" style={{ overflowWrap: 'anywhere' }}>
            <Anchor component={Link} to={`/devices/${device.id}`} inherit>{device.name}</Anchor>
          </Title>
          <Text size="sm" c="dimmed">{platformLabels[device.platform]} {device.osVersion ?? ''} · {device.model ?? 'unknown model'}</Text>
        </div>
        <ComplianceBadge state={device.complianceState} />
      </Group>
      <Text size="sm" mt="sm">Last checked in {formatAgo(device.lastSeenAt)}.</Text>
      {management === null ? null : <Text size="sm" mt={4} fw={500}>{management}</Text>}
      {failing ? (
        <Text size="sm" mt={4} c="red.9">
          This device does not meet your company's rules; company apps may stop working on it.{' '}
          <Anchor component={Link} to={`/devices/${device.id}`} size="sm" underline="always">See what to fix</Anchor>
        </Text>
      ) : null}
      {device.complianceState === 'unknown' ? <Text size="sm" mt={4}>Its compliance has not been evaluated yet.</Text> : null}
      {device.ownership === 'personal' ? (
        <Group gap="xs" mt="sm" wrap="wrap">
          <Badge variant="outline" color="gray.8">Personal device</Badge>
          <Text size="sm">IT cannot see your apps, files, photos or messages.{' '}
            <Anchor component={Link} to={`/devices/${device.id}`} size="sm" underline="always">What IT can see</Anchor>
          </Text>
        </Group>
      ) : null}
    </Card>
  );
}

/** The signed-in person's devices and whether each meets the company's rules. */
export function MyDevicesPage() {
  const pages = useCursorPages();
  const account = useMyAccount();
  const devices = useQuery({
    queryKey: ['me', 'devices', pages.cursor],
    queryFn: () => ok(api.GET('/api/v1/me/devices', { params: { query: { limit: 20, ...(pages.cursor === undefined ? {} : { cursor: pages.cursor }) } } })),
  });
  const items = devices.data?.items ?? [];
  return (
    <Stack gap="md">
      <Title order={1} size="h2">My devices</Title>
      {account.data === undefined ? null : (
        <Text size="sm" c="dimmed">Signed in as {account.data.displayName} ({account.data.email}). You have {account.data.enrollment.devices} of the {account.data.enrollment.maxDevices} devices your company allows.</Text>
      )}
      <ErrorAlert error={devices.error ?? account.error} />
      {devices.data !== undefined && items.length === 0 && pages.pageNumber === 1 ? (
        <Card withBorder>
          <Text>You have no enrolled devices yet.</Text>
          <Anchor component={Link} to="/enroll" underline="always">Enroll this device</Anchor>
        </Card>
      ) : null}
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        {items.map((d) => <DeviceCard key={d.id} device={d} />)}
      </SimpleGrid>
      {pages.pageNumber > 1 || devices.data?.nextCursor != null ? <CursorPager pages={pages} nextCursor={devices.data?.nextCursor} loading={devices.isFetching} label="My devices" /> : null}
    </Stack>
  );
}
