import { Anchor, Badge, Button, Group, Modal, Stack, Tabs, Text } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { api, ok } from '../../api/client';
import { useCaller } from '../../api/use-me';
import { ErrorAlert } from '../../shared/error-alert';
import { formatDateTime } from '../../shared/format';
import { platformLabels } from '../../shared/labels';
import { PageHeader } from '../../shared/page-header';
import { AssignmentsPanel } from '../assignments-panel';
import { AppForm } from './app-form';
import { AppIcon } from './app-icon';
import { AppInstallStatusPanel } from './app-install-status';
import { appKindInfo, appKinds } from './app-labels';
import type { AppKind } from './app-types';
import { AppVersions } from './app-versions';

const back = <Anchor component={Link} to="/apps" size="sm">← Apps</Anchor>;

function isKind(value: string | undefined): value is AppKind {
  return value !== undefined && (appKinds as readonly string[]).includes(value);
}

/** `/apps/new/:kind`: a new catalog app of one kind. */
export function NewAppPage() {
  const { kind } = useParams();
  if (!isKind(kind)) return <>{back}<PageHeader title="New app" /><Text>No such kind of app.</Text></>;
  return (
    <>
      {back}
      <PageHeader title={`New ${appKindInfo[kind].label.toLowerCase()} app`} description={appKindInfo[kind].description} />
      <AppForm key={kind} kind={kind} app={undefined} readOnly={false} />
    </>
  );
}

const tabs = ['overview', 'versions', 'assignments', 'status'] as const;
type Tab = (typeof tabs)[number];

/** `/apps/:id`: an app's definition and icon, its versions, its assignments and its install status. */
export function AppPage() {
  const { id = '' } = useParams();
  const { can } = useCaller();
  const navigate = useNavigate();
  const queries = useQueryClient();
  const [params, setParams] = useSearchParams();
  const [deleting, setDeleting] = useState(false);
  const app = useQuery({ queryKey: ['app', id], queryFn: () => ok(api.GET('/api/v1/apps/{id}', { params: { path: { id } } })) });
  const remove = useMutation({
    mutationFn: () => ok(api.DELETE('/api/v1/apps/{id}', { params: { path: { id } } })),
    onSuccess: () => {
      void queries.invalidateQueries({ queryKey: ['apps'] });
      void navigate('/apps');
    },
  });
  const a = app.data;
  if (a === undefined) return <>{back}<PageHeader title="App" />{app.isPending ? <Text c="dimmed">Loading…</Text> : <ErrorAlert error={app.error} />}</>;
  const asked = params.get('tab');
  const tab: Tab = tabs.find((t) => t === asked) ?? 'overview';
  const lineOfBusiness = a.kind === 'lineOfBusiness';
  return (
    <>
      {back}
      <Group gap="md" align="flex-start" wrap="nowrap">
        <AppIcon app={a} size={56} />
        <div style={{ flex: 1, minWidth: 0 }}>
          <PageHeader
            title={a.name}
            description={<>{appKindInfo[a.kind].label} · {a.platforms.map((x) => platformLabels[x]).join(', ')} · version {a.version}, changed {formatDateTime(a.updatedAt)}{lineOfBusiness && a.currentVersionId === null ? <Badge ml="xs" size="sm" color="orange" variant="light">No package yet</Badge> : null}</>}
            actions={can('deleteApp') ? <Button variant="default" color="red" onClick={() => { setDeleting(true); }}>Delete</Button> : undefined}
          />
        </div>
      </Group>
      <Tabs value={tab} onChange={(v) => { setParams(v === null || v === 'overview' ? {} : { tab: v }, { replace: true }); }} keepMounted={false}>
        <Tabs.List mb="md">
          <Tabs.Tab value="overview">Overview</Tabs.Tab>
          {lineOfBusiness ? <Tabs.Tab value="versions">Versions</Tabs.Tab> : null}
          <Tabs.Tab value="assignments">Assignments</Tabs.Tab>
          {can('getAppInstallStatus') ? <Tabs.Tab value="status">Install status</Tabs.Tab> : null}
        </Tabs.List>
        <Tabs.Panel value="overview"><AppForm key={a.id} kind={a.kind} app={a} readOnly={!can('updateApp')} /></Tabs.Panel>
        {lineOfBusiness ? <Tabs.Panel value="versions"><AppVersions app={a} /></Tabs.Panel> : null}
        <Tabs.Panel value="assignments"><AssignmentsPanel itemKind="app" itemId={a.id} /></Tabs.Panel>
        <Tabs.Panel value="status"><AppInstallStatusPanel appId={a.id} /></Tabs.Panel>
      </Tabs>
      <Modal opened={deleting} onClose={() => { setDeleting(false); }} title={`Delete ${a.name}?`} centered closeButtonProps={{ 'aria-label': 'Close' }}>
        <Stack gap="sm">
          <Text size="sm">The app, its versions and its assignments are deleted. Devices where Ward installed it remove it at their next check-in.</Text>
          <ErrorAlert error={remove.error} />
          <Group justify="flex-end"><Button variant="default" onClick={() => { setDeleting(false); }}>Cancel</Button><Button color="red" loading={remove.isPending} onClick={() => { remove.mutate(); }}>Delete app</Button></Group>
        </Stack>
      </Modal>
    </>
  );
}
