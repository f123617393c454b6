import { Card, List, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import type { MyDeviceDetail } from './portal-types';

function Lines({ heading, lines }: { readonly heading: string; readonly lines: readonly string[] }) {
  if (lines.length === 0) return null;
  return (
    <Stack gap={4}>
      <Text size="sm" fw={600}>{heading}</Text>
      <List size="sm" spacing={2}>
        {lines.map((line) => <List.Item key={line}>{line}</List.Item>)}
      </List>
    </Stack>
  );
}

/** What the company's IT can and cannot see and do on this device, as the server states it. */
export function ItAccessCard({ device }: { readonly device: MyDeviceDetail }) {
  const { itAccess } = device;
  return (
    <Card withBorder component="section" aria-labelledby="it-access-heading">
      <Title order={2} size="h4" id="it-access-heading" mb="xs">{device.ownership === 'personal' ? 'Your privacy on this personal device' : 'What IT can see and do on this device'}</Title>
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
        <Lines heading="IT can see" lines={itAccess.canSee} />
        <Lines heading="IT cannot see" lines={itAccess.cannotSee} />
        <Lines heading="IT can" lines={itAccess.canDo} />
        <Lines heading="IT cannot" lines={itAccess.cannotDo} />
      </SimpleGrid>
    </Card>
  );
}
