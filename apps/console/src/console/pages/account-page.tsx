import { Alert, Button, Card, Group, PinInput, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api, ok } from '../../api/client';
import { useSessionState } from '../../api/session';
import { useCaller } from '../../api/use-me';
import { CopyField } from '../../shared/copy-field';
import { ErrorAlert } from '../../shared/error-alert';
import { formatDateTime } from '../../shared/format';
import { roleLabels } from '../../shared/labels';
import { PageHeader } from '../../shared/page-header';
import { PasskeysCard } from '../../shared/passkeys-card';
import { QrImage } from '../../shared/qr-image';

// The QR encoder is only needed here, so it loads with this page rather than with the console.
async function qrSvg(text: string): Promise<string> {
  const { toString } = await import('qrcode');
  return toString(text, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
}

function Authenticator() {
  const [code, setCode] = useState('');
  const begin = useMutation({ mutationFn: () => ok(api.POST('/api/v1/auth/totp/enroll')) });
  const qr = useQuery({ queryKey: ['totp-qr', begin.data?.otpauthUri], queryFn: () => qrSvg(begin.data?.otpauthUri ?? ''), enabled: begin.data !== undefined });
  const confirm = useMutation({ mutationFn: () => ok(api.POST('/api/v1/auth/totp/confirm', { body: { code } })) });
  if (confirm.data !== undefined) return <Alert color="green" title="Authenticator enabled">From now on, sign-in asks for its code after your password.</Alert>;
  if (begin.data === undefined) {
    return (
      <Stack gap="sm">
        <Text size="sm">Add an authenticator app (any TOTP app) so signing in needs a code from your phone as well as your password.</Text>
        <ErrorAlert error={begin.error} />
        <Group><Button loading={begin.isPending} onClick={() => { begin.mutate(); }}>Set up authenticator</Button></Group>
      </Stack>
    );
  }
  return (
    <form onSubmit={(e) => { e.preventDefault(); confirm.mutate(); }}>
      <Stack gap="sm">
        <Text size="sm">Scan the code with the app, or type the secret in, then enter the code it shows.</Text>
        <Group align="flex-start" gap="lg">
          {qr.data === undefined ? null : <QrImage svg={qr.data} label="QR code for the authenticator app" size={180} />}
          <Stack gap="sm" style={{ flex: 1, minWidth: 240 }}>
            <CopyField label="Secret" value={begin.data.secret} />
            <Text component="label" htmlFor="confirm-code" size="sm" fw={500}>Code from the app</Text>
            <PinInput id="confirm-code" length={6} type="number" oneTimeCode value={code} onChange={setCode} aria-label="Code from the app" />
          </Stack>
        </Group>
        <ErrorAlert error={confirm.error ?? qr.error} />
        <Group><Button type="submit" disabled={code.length !== 6} loading={confirm.isPending}>Enable</Button></Group>
      </Stack>
    </form>
  );
}

/** The signed-in admin: roles, session, and two-factor sign-in. */
export function AccountPage() {
  const { me } = useCaller();
  const { current } = useSessionState();
  return (
    <>
      <PageHeader title="My account" description={current?.email} />
      <Stack gap="lg" maw={720}>
        <Card withBorder>
          <Title order={2} size="h4" mb="sm">Roles</Title>
          {(me?.grants ?? []).length === 0 ? <Text size="sm" c="dimmed">No admin roles.</Text> : null}
          {(me?.grants ?? []).map((g, i) => <Text key={i} size="sm">{roleLabels[g.role]}{g.scopeGroupIds === null ? ', whole tenant' : `, limited to ${g.scopeGroupIds.length} group(s)`}</Text>)}
          <Text size="xs" c="dimmed" mt="sm">This session ends {formatDateTime(current?.expiresAt)}.</Text>
        </Card>
        <Card withBorder>
          <Title order={2} size="h4" mb="sm">Authenticator app</Title>
          <Authenticator />
        </Card>
        <Card withBorder>
          <Title order={2} size="h4" mb="sm">Passkeys and recovery codes</Title>
          <PasskeysCard />
        </Card>
      </Stack>
    </>
  );
}
