import { Alert, Badge, Button, Card, Code, FileButton, Group, Progress, Stack, Table, Text } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { api, ok } from '../../api/client';
import { useCaller } from '../../api/use-me';
import { ErrorAlert } from '../../shared/error-alert';
import { formatBytes, formatDateTime } from '../../shared/format';
import { ScrollTable } from '../../shared/scroll-table';
import { packageFormatLabels } from './app-labels';
import type { App, UploadedAppVersion } from './app-types';
import { uploadPackage, type PackageUpload, type UploadProgress } from './upload-package';

type UploadState =
  | { readonly phase: 'idle' }
  | { readonly phase: 'sending'; readonly file: File; readonly progress: UploadProgress; readonly upload: PackageUpload }
  | { readonly phase: 'done'; readonly result: UploadedAppVersion }
  | { readonly phase: 'failed'; readonly file: File; readonly error: unknown };

/** What the server read from the package it just took. */
function Parsed({ result }: { readonly result: UploadedAppVersion }) {
  const v = result.version;
  return (
    <Alert color="green" variant="light" title={`Version ${v.version} published`} data-testid="uploaded-version">
      <Stack gap={2}>
        <Text size="sm">Read from the package: <strong>{v.name}</strong>, identifier <Code>{v.identifier}</Code>, version <strong data-testid="uploaded-version-number">{v.version}</strong>.</Text>
        <Text size="sm">{packageFormatLabels[v.format]}{v.architecture === null ? '' : ` for ${v.architecture}`}{v.minimumOsVersion === null ? '' : `, needs OS ${v.minimumOsVersion} or later`} · {formatBytes(v.sizeBytes)}</Text>
        <Text size="xs" c="dimmed">SHA-256 <Code>{v.sha256}</Code>. Devices that have the app update to it at their next check-in.</Text>
      </Stack>
    </Alert>
  );
}

/**
 * A line-of-business app's versions: upload a package file (streamed, with progress; the server
 * reads its name, identifier and version and publishes it) and every version uploaded so far.
 */
export function AppVersions({ app }: { readonly app: App }) {
  const { can } = useCaller();
  const queries = useQueryClient();
  const [state, setState] = useState<UploadState>({ phase: 'idle' });
  const resetFile = useRef<() => void>(null);
  const versions = useQuery({ queryKey: ['app', app.id, 'versions'], queryFn: () => ok(api.GET('/api/v1/apps/{id}/versions', { params: { path: { id: app.id } } })) });
  // Leaving the page stops an upload under way rather than leaving it running unseen.
  const sending = state.phase === 'sending' ? state.upload : undefined;
  useEffect(() => () => { sending?.abort(); }, [sending]);

  const start = (file: File | null) => {
    resetFile.current?.();
    if (file === null) return;
    const upload = uploadPackage(app.id, file, (progress) => {
      setState((s) => (s.phase === 'sending' && s.upload === upload ? { ...s, progress } : s));
    });
    setState({ phase: 'sending', file, progress: { sentBytes: 0, totalBytes: file.size }, upload });
    upload.done.then(
      (result) => {
        setState({ phase: 'done', result });
        queries.setQueryData(['app', app.id], result.app);
        void queries.invalidateQueries({ queryKey: ['app', app.id, 'versions'] });
        void queries.invalidateQueries({ queryKey: ['apps'] });
      },
      (error: unknown) => { setState({ phase: 'failed', file, error }); },
    );
  };

  const items = versions.data?.items ?? [];
  const percent = state.phase === 'sending' && state.progress.totalBytes > 0 ? Math.round((state.progress.sentBytes / state.progress.totalBytes) * 100) : 0;
  return (
    <Stack gap="md">
      {can('uploadAppVersion') ? (
        <Card withBorder>
          <Stack gap="sm">
            <Group justify="space-between" align="flex-start">
              <div>
                <Text fw={600} size="sm">Upload a new version</Text>
                <Text size="sm" c="dimmed" maw={620}>
                  A .deb, .rpm, .AppImage, .pkg, .msi, .msix, .ipa or .apk whose identifier is <Code>{app.identifier}</Code>. It becomes the published version and supersedes the one before.
                </Text>
              </div>
              <FileButton resetRef={resetFile} onChange={start} accept=".deb,.rpm,.appimage,.AppImage,.pkg,.msi,.msix,.ipa,.apk,application/octet-stream" disabled={state.phase === 'sending'}>
                {(props) => <Button {...props} loading={state.phase === 'sending'}>Choose a package…</Button>}
              </FileButton>
            </Group>
            {state.phase === 'sending' ? (
              <Stack gap={4}>
                <Group justify="space-between">
                  <Text size="sm">Uploading {state.file.name}</Text>
                  <Group gap="xs">
                    <Text size="sm" c="dimmed" aria-live="polite">{formatBytes(state.progress.sentBytes)} of {formatBytes(state.progress.totalBytes)}{percent === 100 ? ' — the server is reading the package…' : ''}</Text>
                    <Button size="compact-xs" variant="subtle" color="red" onClick={() => { state.upload.abort(); }}>Cancel</Button>
                  </Group>
                </Group>
                <Progress value={percent} animated={percent === 100} aria-label={`Upload of ${state.file.name}`} />
              </Stack>
            ) : null}
            {state.phase === 'done' ? <Parsed result={state.result} /> : null}
            {state.phase === 'failed' ? <ErrorAlert error={state.error} /> : null}
          </Stack>
        </Card>
      ) : null}
      <ErrorAlert error={versions.error} />
      <ScrollTable label="Versions table" minWidth={760}>
        <Table striped withTableBorder fz="sm" data-testid="app-versions">
          <Table.Caption>{versions.isPending ? 'Loading versions…' : `${items.length} versions, newest first`}</Table.Caption>
          <Table.Thead><Table.Tr><Table.Th>Version</Table.Th><Table.Th>Package</Table.Th><Table.Th>Read from it</Table.Th><Table.Th>Size</Table.Th><Table.Th>Uploaded</Table.Th></Table.Tr></Table.Thead>
          <Table.Tbody>
            {items.map((v) => (
              <Table.Tr key={v.id} data-version={v.version}>
                <Table.Td>
                  <Text size="sm" fw={500}>{v.version}</Text>
                  {v.id === app.currentVersionId ? <Badge size="sm" color="green" variant="light">Published</Badge> : v.supersededAt === null ? null : <Text size="xs" c="dimmed">superseded {formatDateTime(v.supersededAt)}</Text>}
                </Table.Td>
                <Table.Td><Text size="sm" style={{ overflowWrap: 'anywhere' }}>{v.fileName}</Text><Text size="xs" c="dimmed">{packageFormatLabels[v.format]}</Text></Table.Td>
                <Table.Td>
                  <Text size="sm">{v.name}</Text>
                  <Text size="xs" c="dimmed">{v.architecture ?? 'any architecture'}{v.minimumOsVersion === null ? '' : ` · OS ${v.minimumOsVersion}+`}</Text>
                  <Text size="xs" c="dimmed" ff="monospace" title={v.sha256}>sha256 {v.sha256.slice(0, 16)}…</Text>
                </Table.Td>
                <Table.Td>{formatBytes(v.sizeBytes)}</Table.Td>
                <Table.Td>{formatDateTime(v.createdAt)}</Table.Td>
              </Table.Tr>
            ))}
            {versions.data !== undefined && items.length === 0 ? <Table.Tr><Table.Td colSpan={5}><Text size="sm" c="dimmed" ta="center" py="sm">No version yet: upload a package. Until then the app reaches no device.</Text></Table.Td></Table.Tr> : null}
          </Table.Tbody>
        </Table>
      </ScrollTable>
    </Stack>
  );
}
