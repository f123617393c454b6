import { Anchor, Card, Code, Group, Select, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api, ok } from '../api/client';
import type { operations } from '../api/schema.gen';
import { ErrorAlert } from '../shared/error-alert';
import { platformLabels } from '../shared/labels';

type OfferedApp = operations['listMyApps']['responses'][200]['content']['application/json']['items'][number];

/** How a person gets an app of each kind: a link where the store has one, the command otherwise. */
function HowToGet({ app }: { readonly app: OfferedApp }) {
  switch (app.kind) {
    case 'web':
      return <Anchor href={app.details.url} target="_blank" rel="noopener noreferrer" size="sm" underline="always">Open {app.name}</Anchor>;
    case 'appStore':
      return <Anchor href={`https://apps.apple.com/app/id${encodeURIComponent(app.details.appStoreId)}`} target="_blank" rel="noopener noreferrer" size="sm" underline="always">Get it from the App Store</Anchor>;
    case 'microsoftStore':
      return <Anchor href={`https://apps.microsoft.com/detail/${encodeURIComponent(app.identifier)}`} target="_blank" rel="noopener noreferrer" size="sm" underline="always">Get it from the Microsoft Store</Anchor>;
    case 'flathub':
      return <Text size="sm">Install with <Code>flatpak install {app.details.remote} {app.identifier}</Code></Text>;
    case 'snap':
      return <Text size="sm">Install with <Code>snap install {app.identifier}{app.details.classic ? ' --classic' : ''}</Code></Text>;
    case 'repository':
      return <Text size="sm">Install with your package manager: <Code>{app.identifier}</Code></Text>;
    case 'lineOfBusiness':
      return <Text size="sm">Made by your company: ask IT to install it on one of your devices.</Text>;
  }
}

/**
 * The apps the company offers the signed-in person (assigned to them as available), optionally for
 * one of their devices, with how to get each. Required apps are not listed: Ward installs them.
 */
export function AppsPage() {
  const [deviceId, setDeviceId] = useState<string | null>(null);
  const devices = useQuery({ queryKey: ['me', 'devices', 'for-apps'], queryFn: () => ok(api.GET('/api/v1/me/devices', { params: { query: { limit: 100 } } })) });
  const apps = useQuery({
    queryKey: ['me', 'apps', deviceId],
    queryFn: () => ok(api.GET('/api/v1/me/apps', { params: { query: deviceId === null ? {} : { deviceId } } })),
  });
  const items = apps.data?.items ?? [];
  return (
    <Stack gap="md" p="md">
      <div>
        <Title order={1} size="h2">Apps</Title>
        <Text c="dimmed" size="sm">Apps your company offers you. The ones you must have are installed on your devices for you.</Text>
      </div>
      <Select
        label="For device"
        placeholder="Any of my devices"
        clearable
        data={(devices.data?.items ?? []).map((d) => ({ value: d.id, label: `${d.name} (${platformLabels[d.platform]})` }))}
        value={deviceId}
        onChange={setDeviceId}
        maw={360}
      />
      <ErrorAlert error={apps.error ?? devices.error} />
      {apps.isSuccess && items.length === 0 ? <Text size="sm">No apps are offered to you{deviceId === null ? '' : ' for this device'}.</Text> : null}
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
        {items.map((app) => (
          <Card key={app.id} withBorder component="article" aria-label={app.name}>
            <Group justify="space-between" wrap="nowrap" align="flex-start">
              <div style={{ minWidth: 0 }}>
                <Title order={2} size="h4" style={{ overflowWrap: 'anywhere' }}>{app.name}</Title>
                <Text size="sm" c="dimmed">{app.publisher === '' ? null : `${app.publisher} · `}{app.platforms.map((p) => platformLabels[p]).join(', ')}</Text>
              </div>
            </Group>
            {app.description === '' ? null : <Text size="sm" mt="xs">{app.description}</Text>}
            <Stack gap={4} mt="sm"><HowToGet app={app} /></Stack>
          </Card>
        ))}
      </SimpleGrid>
    </Stack>
  );
}
