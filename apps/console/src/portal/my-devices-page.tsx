import { Anchor, Badge, Card, Group, List, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { api, ok } from '../api/client';
import type { DeviceSummary } from '../api/types';
import { useCaller } from '../api/use-me';
import { ComplianceBadge } from '../shared/badges';
import { ErrorAlert } from '../shared/error-alert';
import { formatAgo } from '../shared/format';
import { complianceLabels, platformLabels } from '../shared/labels';

// What the server keeps of a personal device, as the architecture promises: shown to the owner in
// plain words before and after they enroll.
export function PrivacyNote() {
  return (
    <Stack gap={4}>
      <Text size="sm" fw={600}>On a personal device, IT can see</Text>
      <List size="sm" spacing={2}>
        <List.Item>its name, model, serial number and operating system version;</List.Item>
        <List.Item>security settings: disk encryption, screen lock, firewall, password;</List.Item>
        <List.Item>whether it meets the company's rules.</List.Item>
      </List>
      <Text size="sm" fw={600} mt={4}>IT cannot see</Text>
      <List size="sm" spacing={2}>
        <List.Item>your apps, files, photos, messages, browsing or location.</List.Item>
      </List>
      <Text size="sm" mt={4}>IT can remove the company's access and data from it (retire); it cannot erase the device.</Text>
    </Stack>
  );
}

function DeviceCard({ device }: { readonly device: DeviceSummary }) {
  const state = complianceLabels[device.complianceState];
  return (
    <Card withBorder component="article" aria-label={device.name}>
      <Group justify="space-between" wrap="nowrap" align="flex-start">
        <div>
          <Title order={2} size="h4">{device.name}</Title>
          <Text size="sm" c="dimmed">{platformLabels[device.platform]} {device.osVersion ?? ''} · {device.model ?? 'unknown model'}</Text>
        </div>
        <ComplianceBadge state={device.complianceState} />
      </Group>
      <Text size="sm" mt="sm">Last checked in {formatAgo(device.lastSeenAt)}.</Text>
      {device.complianceState === 'noncompliant' ? <Text size="sm" mt={4} c="red.8">This device does not meet your company's rules ({state.label.toLowerCase()}); company apps may stop working on it until it does.</Text> : null}
      {device.complianceState === 'unknown' ? <Text size="sm" mt={4}>Its compliance has not been evaluated yet.</Text> : null}
      {device.ownership === 'personal' ? (
        <Card withBorder mt="sm" bg="gray.0"><Badge variant="outline" mb="xs">Personal device</Badge><PrivacyNote /></Card>
      ) : null}
    </Card>
  );
}

/** The signed-in person's devices and whether each meets the company's rules. */
export function MyDevicesPage() {
  const { me } = useCaller();
  const userId = me?.userId ?? null;
  const devices = useQuery({
    queryKey: ['devices', 'mine', userId],
    queryFn: () => ok(api.GET('/api/v1/devices', { params: { query: { primaryUserId: userId ?? '', limit: 100 } } })),
    enabled: userId !== null,
  });
  return (
    <Stack gap="md">
      <Title order={1} size="h2">My devices</Title>
      <ErrorAlert error={devices.error} />
      {devices.data?.items.length === 0 ? (
        <Card withBorder>
          <Text>You have no enrolled devices yet.</Text>
          <Anchor component={Link} to="/enroll">Enroll this device</Anchor>
        </Card>
      ) : null}
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        {(devices.data?.items ?? []).map((d) => <DeviceCard key={d.id} device={d} />)}
      </SimpleGrid>
    </Stack>
  );
}
