import { Alert, Anchor, Badge, Button, Card, FileInput, Group, List, Stack, Table, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, ok } from '../api/client';
import type { Answer } from '../api/types';
import { useCaller } from '../api/use-me';
import { DownloadButton } from '../shared/download-button';
import { asProblem, ErrorAlert } from '../shared/error-alert';
import { formatDateTime } from '../shared/format';

type Status = Answer<'getPushCertificateStatus'>;

const stateLabels: Readonly<Record<Status['state'], { readonly label: string; readonly color: string }>> = {
  notConfigured: { label: 'Not set up', color: 'gray' },
  pending: { label: 'Waiting for Apple', color: 'blue' },
  active: { label: 'Active', color: 'green' },
  expired: { label: 'Expired', color: 'red' },
};

// The upload refusals in words; the server's message (which says what exactly) follows in the alert.
const uploadTitles: Readonly<Record<string, string>> = {
  PUSH_CERTIFICATE_INVALID: 'That file is not an Apple MDM push certificate',
  PUSH_CERTIFICATE_KEY_MISMATCH: 'The certificate was issued for another request',
  PUSH_CERTIFICATE_EXPIRED: 'The certificate has already expired',
  PUSH_CERTIFICATE_TOPIC_MISMATCH: 'The renewal has a different topic',
  PUSH_CERTIFICATE_REQUEST_NOT_FOUND: 'There is no request waiting for a certificate',
  PAYLOAD_TOO_LARGE: 'The file is too large for a certificate',
};

/** The certificate as the upload body: PEM text as it is, anything else (DER) in base64. */
async function uploadBody(file: File): Promise<{ certificate: string }> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  const text = new TextDecoder('latin1').decode(bytes);
  if (text.includes('-----BEGIN')) return { certificate: text };
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return { certificate: btoa(binary) };
}

function Expiry({ active }: { readonly active: NonNullable<Status['active']> }) {
  if (active.expired) {
    return (
      <Alert color="red" title="The push certificate has expired" role="alert">
        Apple refuses it, so Apple devices can no longer be woken. Renew it now with the same Apple ID: create a CSR below.
      </Alert>
    );
  }
  if (!active.expiresSoon) return null;
  return (
    <Alert color="yellow" title={`The push certificate expires in ${active.daysLeft} ${active.daysLeft === 1 ? 'day' : 'days'}`} data-testid="push-certificate-warning">
      Renew it before {formatDateTime(active.notAfter)} with the same Apple ID, so enrolled devices keep their topic: create a CSR below.
    </Alert>
  );
}

function Upload() {
  const queries = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const upload = useMutation({
    mutationFn: async () => {
      if (file === null) throw new Error('Choose the certificate file first.');
      return ok(api.PUT('/api/v1/apple/push-certificate', { body: await uploadBody(file) }));
    },
    onSuccess: (status) => {
      setFile(null);
      queries.setQueryData(['push-certificate'], status);
    },
  });
  const problem = upload.error === null ? undefined : asProblem(upload.error);
  return (
    <form onSubmit={(e) => { e.preventDefault(); upload.mutate(); }}>
      <Stack gap="xs">
        <FileInput
          label="Certificate from Apple"
          description="The .pem file the Apple Push Certificates Portal gives you (DER .cer works too)."
          accept=".pem,.cer,.crt,application/x-pem-file,application/pkix-cert"
          value={file}
          onChange={(chosen) => { upload.reset(); setFile(chosen); }}
          clearable
          clearButtonProps={{ 'aria-label': 'Remove the chosen file' }}
        />
        <ErrorAlert error={upload.error} {...(problem === undefined || uploadTitles[problem.code] === undefined ? {} : { title: uploadTitles[problem.code] })} />
        <Group justify="flex-end"><Button type="submit" disabled={file === null} loading={upload.isPending}>Upload certificate</Button></Group>
      </Stack>
    </form>
  );
}

/**
 * The Apple push certificate of the tenant (issue 5 §1): its state, topic and expiry with the
 * 30-day warning, the CSR to download, and the upload of Apple's certificate. The steps between
 * (vendor signature, Apple's portal) are outside Ward; docs/apple-push-certificate.md has them.
 */
export function PushCertificateCard() {
  const { can } = useCaller();
  const queries = useQueryClient();
  const status = useQuery({ queryKey: ['push-certificate'], queryFn: () => ok(api.GET('/api/v1/apple/push-certificate')) });
  const request = useMutation({
    mutationFn: () => ok(api.POST('/api/v1/apple/push-certificate/request')),
    onSuccess: () => { void queries.invalidateQueries({ queryKey: ['push-certificate'] }); },
  });
  const data = status.data;
  const state = data === undefined ? undefined : stateLabels[data.state];
  return (
    <Card withBorder data-testid="push-certificate">
      <Group justify="space-between" mb="sm">
        <Title order={2} size="h4">Apple push certificate</Title>
        {state === undefined ? null : <Badge variant="light" color={state.color} data-state={data?.state}>{state.label}</Badge>}
      </Group>
      <ErrorAlert error={status.error} />
      {data === undefined ? null : (
        <Stack gap="sm">
          {data.active === null ? null : <Expiry active={data.active} />}
          {data.active === null ? (
            <Text size="sm">Apple devices are woken through Apple&apos;s push service, which needs a certificate issued to your organisation. It is valid for a year.</Text>
          ) : (
            <Table fz="sm" variant="vertical" withTableBorder>
              <Table.Caption>The active push certificate</Table.Caption>
              <Table.Tbody>
                <Table.Tr><Table.Th w={120}>Topic</Table.Th><Table.Td style={{ wordBreak: 'break-all' }}>{data.active.topic}</Table.Td></Table.Tr>
                <Table.Tr><Table.Th>Expires</Table.Th><Table.Td>{formatDateTime(data.active.notAfter)} ({data.active.expired ? 'expired' : `${data.active.daysLeft} days left`})</Table.Td></Table.Tr>
                <Table.Tr><Table.Th>Subject</Table.Th><Table.Td style={{ wordBreak: 'break-all' }}>{data.active.subject}</Table.Td></Table.Tr>
                <Table.Tr><Table.Th>Uploaded</Table.Th><Table.Td>{formatDateTime(data.active.uploadedAt)}</Table.Td></Table.Tr>
              </Table.Tbody>
            </Table>
          )}
          {data.pending === null ? null : (
            <Stack gap="xs">
              <Text size="sm">
                A request made {formatDateTime(data.pending.requestedAt)} waits for Apple&apos;s certificate{data.active === null ? '' : '; the active certificate keeps working meanwhile'}.
              </Text>
              <List size="sm" type="ordered">
                <List.Item>Download the CSR and have it signed by an MDM vendor certificate, for example through <Anchor href="https://mdmcert.download" target="_blank" rel="noreferrer">mdmcert.download</Anchor>: Apple accepts only a vendor-signed request.</List.Item>
                <List.Item>Upload the signed request at <Anchor href="https://identity.apple.com" target="_blank" rel="noreferrer">identity.apple.com</Anchor> with your organisation&apos;s Apple ID{data.active === null ? '' : ' (the same one, choosing Renew)'}.</List.Item>
                <List.Item>Upload the certificate Apple issues here.</List.Item>
              </List>
              <Group>
                <DownloadButton fetchFile={() => api.GET('/api/v1/apple/push-certificate/request.csr', { parseAs: 'blob' })} fallbackName="ward-push-certificate.csr">Download CSR</DownloadButton>
              </Group>
              {can('uploadPushCertificate') ? <Upload /> : null}
            </Stack>
          )}
          <ErrorAlert error={request.error} />
          {can('createPushCertificateRequest') ? (
            <Group justify="space-between" align="flex-end">
              <Text size="xs" c="dimmed">{data.pending === null ? 'Ward makes the key and the request; the key never leaves Ward.' : 'A new CSR replaces the waiting one: a certificate Apple issues for the old one is then refused.'}</Text>
              <Button variant={data.pending === null ? 'filled' : 'default'} loading={request.isPending} onClick={() => { request.mutate(); }}>
                {data.pending !== null ? 'Replace CSR' : data.active === null ? 'Create CSR' : 'Renew: create CSR'}
              </Button>
            </Group>
          ) : null}
        </Stack>
      )}
    </Card>
  );
}
