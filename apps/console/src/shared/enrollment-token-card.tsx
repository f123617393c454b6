import { Alert, Group, Stack, Text } from '@mantine/core';
import type { CreatedEnrollmentToken } from '../api/types';
import { CopyField } from './copy-field';
import { formatDateTime } from './format';
import { QrImage } from './qr-image';

/**
 * A token just created: its secret text, the agent command line and its QR code, shown this once
 * (the server keeps only a hash).
 */
export function CreatedTokenCard({ created }: { readonly created: CreatedEnrollmentToken }) {
  return (
    <Stack gap="sm" data-testid="created-enrollment-token">
      <Alert color="yellow" variant="light" title="Shown once">Copy the command now: Ward keeps only a hash of the token and cannot show it again. It expires {formatDateTime(created.token.expiresAt)}.</Alert>
      {created.enrollCommand === null ? (
        <>
          <CopyField label="Token" value={created.text} />
          <Text size="sm" c="dimmed">The server has no public URL and CA fingerprint configured, so it cannot write the command line; run <code>ward-agent enroll --server URL --token TOKEN --ca-fingerprint FINGERPRINT</code>.</Text>
        </>
      ) : (
        <Group align="flex-start" gap="lg" wrap="wrap">
          <Stack gap="sm" style={{ flex: 1, minWidth: 260 }}>
            <CopyField label="Enroll command" value={created.enrollCommand} />
            <CopyField label="Token" value={created.text} />
          </Stack>
          {created.qrSvg === null ? null : <QrImage svg={created.qrSvg} label="QR code of the enroll command" />}
        </Group>
      )}
    </Stack>
  );
}
