import { Button, Card, Checkbox, FileButton, Group, MultiSelect, Stack, Switch, Text, Textarea, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { api, ok } from '../../api/client';
import type { Platform } from '../../api/types';
import { asProblem, ErrorAlert } from '../../shared/error-alert';
import { platformLabels } from '../../shared/labels';
import { AppIcon, dataUrlOf } from './app-icon';
import { appKindInfo, packageManagerLabels } from './app-labels';
import type { App, AppKind, LinuxPackageManager } from './app-types';

/**
 * The platforms each kind can reach, as the server's `appKindPlatforms` has them: the form offers
 * only these (the server refuses others with APP_INVALID anyway).
 */
const kindPlatforms: Readonly<Record<AppKind, readonly Platform[]>> = {
  appStore: ['ios', 'ipados', 'macos'],
  microsoftStore: ['windows'],
  flathub: ['linux'],
  snap: ['linux'],
  repository: ['linux'],
  web: ['linux', 'macos', 'windows', 'ios', 'ipados', 'android'],
  lineOfBusiness: ['linux', 'macos', 'windows', 'ios', 'ipados', 'android'],
};

/** The kind-specific fields as the form holds them (all kinds at once; the body takes the kind's). */
interface DetailsDraft {
  readonly appStoreId: string;
  readonly remote: string;
  readonly channel: string;
  readonly classic: boolean;
  readonly packageManagers: readonly LinuxPackageManager[];
  readonly url: string;
}

function detailsDraftOf(app: App | undefined): DetailsDraft {
  const draft: DetailsDraft = { appStoreId: '', remote: 'flathub', channel: 'stable', classic: false, packageManagers: ['apt', 'dnf'], url: 'https://' };
  if (app === undefined) return draft;
  switch (app.kind) {
    case 'appStore': return { ...draft, appStoreId: app.details.appStoreId };
    case 'flathub': return { ...draft, remote: app.details.remote };
    case 'snap': return { ...draft, channel: app.details.channel, classic: app.details.classic };
    case 'repository': return { ...draft, packageManagers: app.details.packageManagers };
    case 'web': return { ...draft, url: app.details.url };
    default: return draft;
  }
}

function detailsBody(kind: AppKind, d: DetailsDraft): Record<string, unknown> {
  switch (kind) {
    case 'appStore': return { appStoreId: d.appStoreId.trim() };
    case 'flathub': return { remote: d.remote.trim() };
    case 'snap': return { channel: d.channel.trim(), classic: d.classic };
    case 'repository': return { packageManagers: [...d.packageManagers] };
    case 'web': return { url: d.url.trim() };
    case 'microsoftStore':
    case 'lineOfBusiness':
      return {};
  }
}

/** The fields of the app's kind. */
function KindFields({ kind, draft, onChange, fieldError }: { readonly kind: AppKind; readonly draft: DetailsDraft; readonly onChange: (d: DetailsDraft) => void; readonly fieldError: (field: string) => string | undefined }) {
  const set = (change: Partial<DetailsDraft>) => { onChange({ ...draft, ...change }); };
  switch (kind) {
    case 'appStore':
      return <TextInput label="App Store id" description="The number in the app's App Store link (…/id310633997)." required value={draft.appStoreId} onChange={(e) => { set({ appStoreId: e.currentTarget.value }); }} error={fieldError('details.appStoreId')} />;
    case 'flathub':
      return <TextInput label="Flatpak remote" description="The remote to install from; flathub unless you run your own." value={draft.remote} onChange={(e) => { set({ remote: e.currentTarget.value }); }} error={fieldError('details.remote')} />;
    case 'snap':
      return (
        <Group align="flex-end" gap="md">
          <TextInput label="Channel" value={draft.channel} onChange={(e) => { set({ channel: e.currentTarget.value }); }} error={fieldError('details.channel')} w={200} />
          <Switch label="Classic confinement" checked={draft.classic} onChange={(e) => { set({ classic: e.currentTarget.checked }); }} mb={8} />
        </Group>
      );
    case 'repository':
      return (
        <Checkbox.Group label="Install with" description="The package has this name in each repository chosen." value={[...draft.packageManagers]} onChange={(v) => { set({ packageManagers: v.filter((x): x is LinuxPackageManager => x in packageManagerLabels) }); }} error={fieldError('details.packageManagers')}>
          <Group gap="md" mt={4}>
            {(Object.keys(packageManagerLabels) as LinuxPackageManager[]).map((m) => <Checkbox key={m} value={m} label={packageManagerLabels[m]} />)}
          </Group>
        </Checkbox.Group>
      );
    case 'web':
      return <TextInput label="Address" type="url" required value={draft.url} onChange={(e) => { set({ url: e.currentTarget.value }); }} error={fieldError('details.url')} />;
    case 'microsoftStore':
    case 'lineOfBusiness':
      return null;
  }
}

/** A PNG picked for the icon: its base64 for the API and a data: URL to show. */
interface PickedIcon {
  readonly base64: string;
  readonly preview: string;
}

async function pickIcon(file: File): Promise<PickedIcon> {
  const preview = await dataUrlOf(file);
  return { base64: preview.slice(preview.indexOf(',') + 1), preview };
}

/**
 * An app's definition: name, description, publisher, identifier (fixed once created), platforms,
 * the fields of its kind, and its icon. Creates a new app, or changes a stored one at the version
 * it was read at (APP_VERSION_CONFLICT rather than a silent overwrite).
 */
export function AppForm({ kind, app, readOnly }: { readonly kind: AppKind; readonly app: App | undefined; readonly readOnly: boolean }) {
  const queries = useQueryClient();
  const navigate = useNavigate();
  const info = appKindInfo[kind];
  const offered = kindPlatforms[kind];
  const [name, setName] = useState(app?.name ?? '');
  const [description, setDescription] = useState(app?.description ?? '');
  const [publisher, setPublisher] = useState(app?.publisher ?? '');
  const [identifier, setIdentifier] = useState(app?.identifier ?? '');
  // Empty: the server picks every platform the kind can reach.
  const [platforms, setPlatforms] = useState<Platform[]>(app === undefined ? [] : [...app.platforms]);
  const [details, setDetails] = useState<DetailsDraft>(detailsDraftOf(app));
  // undefined: unchanged; null: removed; else a new PNG.
  const [icon, setIcon] = useState<PickedIcon | null | undefined>(undefined);
  const [iconError, setIconError] = useState<string | undefined>();
  const save = useMutation({
    mutationFn: () => {
      const common = {
        name,
        description,
        publisher,
        ...(platforms.length === 0 ? {} : { platforms }),
        details: detailsBody(kind, details),
        ...(icon === undefined ? {} : { icon: icon === null ? null : icon.base64 }),
      };
      return app === undefined
        ? ok(api.POST('/api/v1/apps', { body: { ...common, kind, identifier: identifier.trim() } }))
        : ok(api.PATCH('/api/v1/apps/{id}', { params: { path: { id: app.id } }, body: { ...common, expectedVersion: app.version } }));
    },
    onSuccess: (saved) => {
      void queries.invalidateQueries({ queryKey: ['apps'] });
      queries.setQueryData(['app', saved.id], saved);
      setIcon(undefined);
      if (app === undefined) void navigate(`/apps/${saved.id}`, { replace: true });
    },
  });
  const problem = save.error === null ? undefined : asProblem(save.error);
  const fieldError = (field: string) => (problem?.details?.field === field ? problem.message : undefined);
  const shownIcon = icon === undefined ? 'stored' : icon;
  return (
    <form onSubmit={(e) => { e.preventDefault(); save.mutate(); }} aria-label="App definition">
      <fieldset disabled={readOnly} style={{ border: 0, padding: 0, margin: 0, minWidth: 0 }}>
        <Stack gap="md">
          <Card withBorder>
            <Stack gap="sm">
              <TextInput label="Name" required value={name} onChange={(e) => { setName(e.currentTarget.value); }} maxLength={200} error={fieldError('name')} data-autofocus />
              <TextInput label="Publisher" value={publisher} onChange={(e) => { setPublisher(e.currentTarget.value); }} maxLength={200} error={fieldError('publisher')} />
              <Textarea label="Description" description="Shown to people in the portal." value={description} onChange={(e) => { setDescription(e.currentTarget.value); }} autosize minRows={2} maxLength={4000} error={fieldError('description')} />
              <TextInput
                label={info.identifier}
                description={app === undefined ? info.identifierHint : 'Fixed once the app exists.'}
                required
                readOnly={app !== undefined}
                value={identifier}
                onChange={(e) => { setIdentifier(e.currentTarget.value); }}
                maxLength={255}
                error={fieldError('identifier')}
                styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
              />
              <MultiSelect
                label="Platforms"
                description="Leave empty for every platform this kind of app reaches; on others it is not applicable."
                data={offered.map((p) => ({ value: p, label: platformLabels[p] }))}
                value={platforms}
                onChange={(v) => { setPlatforms(v); }}
                clearable
                placeholder={platforms.length === 0 ? offered.map((p) => platformLabels[p]).join(', ') : undefined}
                error={fieldError('platforms')}
              />
              <KindFields kind={kind} draft={details} onChange={setDetails} fieldError={fieldError} />
            </Stack>
          </Card>
          <Card withBorder>
            <Group gap="md" align="center">
              {shownIcon === 'stored'
                ? (app === undefined || app.iconSha256 === null ? <Text size="sm" c="dimmed">No icon.</Text> : <AppIcon app={app} size={64} />)
                : shownIcon === null ? <Text size="sm" c="dimmed">The icon will be removed.</Text> : <img src={shownIcon.preview} alt="The new icon" width={64} height={64} style={{ borderRadius: 4 }} />}
              <Stack gap={4}>
                <Text size="sm" fw={500}>Icon</Text>
                <Text size="xs" c="dimmed">A PNG of at most 256 KiB. {kind === 'lineOfBusiness' ? 'Uploaded packages that carry an icon set it too.' : ''}</Text>
                <Group gap="xs">
                  <FileButton accept="image/png" onChange={(file) => {
                    setIconError(undefined);
                    if (file === null) return;
                    if (file.size > 256 * 1024) { setIconError(`The file is ${Math.ceil(file.size / 1024)} KiB; at most 256 KiB.`); return; }
                    void pickIcon(file).then(setIcon, (e: unknown) => { setIconError(e instanceof Error ? e.message : String(e)); });
                  }}>
                    {(props) => <Button size="xs" variant="default" {...props}>Choose a PNG…</Button>}
                  </FileButton>
                  {app?.iconSha256 != null && icon !== null ? <Button size="xs" variant="subtle" color="red" onClick={() => { setIcon(null); }}>Remove icon</Button> : null}
                  {icon === undefined ? null : <Button size="xs" variant="subtle" onClick={() => { setIcon(undefined); }}>Undo</Button>}
                </Group>
                {iconError === undefined && fieldError('icon') === undefined ? null : <Text size="xs" c="red.8" role="alert">{iconError ?? fieldError('icon')}</Text>}
              </Stack>
            </Group>
          </Card>
          <ErrorAlert error={save.error} />
          {readOnly ? null : (
            <Group justify="flex-end">
              {save.isSuccess && app !== undefined ? <Text size="sm" c="green.9" role="status">Saved as version {save.data.version}.</Text> : null}
              <Button type="submit" loading={save.isPending}>{app === undefined ? 'Create app' : 'Save changes'}</Button>
            </Group>
          )}
        </Stack>
      </fieldset>
    </form>
  );
}
