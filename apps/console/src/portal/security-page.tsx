import { Card, Stack, Text, Title } from '@mantine/core';
import { PasskeysCard } from '../shared/passkeys-card';

/** How the employee signs in: passkeys and recovery codes for Ward's sign-in page. */
export function SecurityPage() {
  return (
    <Stack gap="md" p="md">
      <div>
        <Title order={1} size="h2">Sign-in security</Title>
        <Text c="dimmed" size="sm">After your password, Ward's sign-in asks for a second step: a passkey on this device or a security key, or a recovery code.</Text>
      </div>
      <Card withBorder>
        <Title order={2} size="h4" mb="sm">Passkeys and recovery codes</Title>
        <PasskeysCard />
      </Card>
    </Stack>
  );
}
