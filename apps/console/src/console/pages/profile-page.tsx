import { Anchor, Badge, Button, Card, Group, Modal, MultiSelect, Stack, Tabs, Text, Textarea, TextInput } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { api, ok, okJson } from '../../api/client';
import type { Platform, ProfileKind } from '../../api/types';
import { useCaller } from '../../api/use-me';
import { asProblem, ErrorAlert } from '../../shared/error-alert';
import { formatDateTime } from '../../shared/format';
import { platformLabels } from '../../shared/labels';
import { PageHeader } from '../../shared/page-header';
import { AssignmentsPanel } from '../assignments-panel';
import { CertificateForm, CustomForm, EmailForm, VpnForm, WifiForm } from '../profiles/kind-forms';
import { bodyOf, draftOf, emptyDraft, type ProfileDraft, type StoredProfile } from '../profiles/profile-draft';
import { profileKindInfo, profileKinds } from '../profiles/profile-labels';
import { ProfileDeviceStatus, ProfileSettingStatus } from '../profiles/profile-status';
import { SettingsForm } from '../profiles/settings-form';

const platformOptions = Object.entries(platformLabels).map(([value, label]) => ({ value, label }));

function isKind(value: string | undefined): value is ProfileKind {
  return value !== undefined && (profileKinds as readonly string[]).includes(value);
}

/** The body form of the draft's kind. */
function BodyForm({ draft, onChange, platforms, error }: { readonly draft: ProfileDraft; readonly onChange: (d: ProfileDraft) => void; readonly platforms: readonly Platform[]; readonly error: unknown }) {
  const catalog = useQuery({ queryKey: ['settings-catalog'], queryFn: () => ok(api.GET('/api/v1/settings')), staleTime: Infinity, enabled: draft.kind === 'settings' });
  switch (draft.kind) {
    case 'settings': {
      const problem = error === null || error === undefined ? undefined : asProblem(error);
      const setting = typeof problem?.details?.setting === 'string' ? problem.details.setting : undefined;
      return (
        <>
          <ErrorAlert error={catalog.error} />
          {catalog.data === undefined ? <Text c="dimmed" size="sm">Loading the settings catalog…</Text> : <SettingsForm catalog={catalog.data.items} draft={draft} onChange={onChange} platforms={platforms} problem={setting === undefined || problem === undefined ? undefined : { setting, message: problem.message }} />}
        </>
      );
    }
    case 'wifi': return <WifiForm draft={draft} onChange={onChange} />;
    case 'vpn': return <VpnForm draft={draft} onChange={onChange} />;
    case 'email': return <EmailForm draft={draft} onChange={onChange} />;
    case 'certificate': return <CertificateForm draft={draft} onChange={onChange} />;
    case 'custom': return <CustomForm draft={draft} onChange={onChange} />;
  }
}

/**
 * A profile's definition: name, description, platforms and the body of its kind. Creates a new
 * profile, or replaces a stored one at the version it was read at (a concurrent change is
 * PROFILE_VERSION_CONFLICT, not a silent overwrite). The server validates; its error, code
 * included, shows above the Save button and at the setting it names.
 */
function ProfileForm({ kind, profile, readOnly }: { readonly kind: ProfileKind; readonly profile: StoredProfile | undefined; readonly readOnly: boolean }) {
  const queries = useQueryClient();
  const navigate = useNavigate();
  const [name, setName] = useState(profile?.name ?? '');
  const [description, setDescription] = useState(profile?.description ?? '');
  // Empty: the server picks every platform the content can reach.
  const [platforms, setPlatforms] = useState<Platform[]>(profile === undefined ? [] : [...profile.platforms]);
  const [draft, setDraft] = useState<ProfileDraft>(profile === undefined ? emptyDraft(kind) : draftOf(profile));
  const save = useMutation({
    mutationFn: () => {
      const body = { name, description, kind, body: bodyOf(draft), ...(platforms.length === 0 ? {} : { platforms }) };
      return profile === undefined
        ? ok(api.POST('/api/v1/profiles', { body }))
        : ok(api.PUT('/api/v1/profiles/{id}', { params: { path: { id: profile.id } }, body: { ...body, expectedVersion: profile.version } }));
    },
    onSuccess: (saved) => {
      void queries.invalidateQueries({ queryKey: ['profiles'] });
      void queries.invalidateQueries({ queryKey: ['profile', saved.id] });
      if (profile === undefined) void navigate(`/profiles/${saved.id}`, { replace: true });
      else setDraft(draftOf(saved));
    },
  });
  return (
    <form onSubmit={(e) => { e.preventDefault(); save.mutate(); }} aria-label="Profile definition">
      <fieldset disabled={readOnly} style={{ border: 0, padding: 0, margin: 0, minWidth: 0 }}>
        <Stack gap="md">
          <Card withBorder>
            <Stack gap="sm">
              <TextInput label="Name" required value={name} onChange={(e) => { setName(e.currentTarget.value); }} maxLength={128} data-autofocus />
              <Textarea label="Description" value={description} onChange={(e) => { setDescription(e.currentTarget.value); }} autosize minRows={1} maxLength={2000} />
              <MultiSelect label="Platforms" description="Leave empty for every platform the content can reach; on others the profile is not applicable." data={platformOptions} value={platforms} onChange={(v) => { setPlatforms(v as Platform[]); }} clearable placeholder={platforms.length === 0 ? 'Every platform it can reach' : undefined} />
            </Stack>
          </Card>
          <BodyForm draft={draft} onChange={setDraft} platforms={platforms} error={save.error} />
          <ErrorAlert error={save.error} />
          {readOnly ? null : (
            <Group justify="flex-end">
              {save.isSuccess ? <Text size="sm" c="green.9" role="status">Saved as version {save.data.version}.</Text> : null}
              <Button type="submit" loading={save.isPending}>{profile === undefined ? 'Create profile' : 'Save changes'}</Button>
            </Group>
          )}
        </Stack>
      </fieldset>
    </form>
  );
}

/** `/profiles/new/:kind`: a new profile of one kind. */
export function NewProfilePage() {
  const { kind } = useParams();
  if (!isKind(kind)) {
    return <><PageHeader title="New profile" /><Text>No such kind of profile. <Anchor component={Link} to="/profiles">Back to profiles</Anchor></Text></>;
  }
  return (
    <>
      <Anchor component={Link} to="/profiles" size="sm">← Configuration profiles</Anchor>
      <PageHeader title={`New ${profileKindInfo[kind].label.toLowerCase()} profile`} description={profileKindInfo[kind].description} />
      <ProfileForm key={kind} kind={kind} profile={undefined} readOnly={false} />
    </>
  );
}

/** `/profiles/:id`: a profile's definition, assignments, and where it stands per device and per setting. */
export function ProfilePage() {
  const { id = '' } = useParams();
  const { can } = useCaller();
  const navigate = useNavigate();
  const queries = useQueryClient();
  const [deleting, setDeleting] = useState(false);
  const profile = useQuery({ queryKey: ['profile', id], queryFn: () => okJson(api.GET('/api/v1/profiles/{id}', { params: { path: { id } } })) });
  const remove = useMutation({
    mutationFn: () => ok(api.DELETE('/api/v1/profiles/{id}', { params: { path: { id } } })),
    onSuccess: () => {
      void queries.invalidateQueries({ queryKey: ['profiles'] });
      void navigate('/profiles');
    },
  });
  const p = profile.data;
  if (p === undefined) return <><PageHeader title="Profile" />{profile.isPending ? <Text c="dimmed">Loading…</Text> : <ErrorAlert error={profile.error} />}</>;
  const canWrite = can('replaceProfile');
  return (
    <>
      <Anchor component={Link} to="/profiles" size="sm">← Configuration profiles</Anchor>
      <PageHeader
        title={p.name}
        description={<>{profileKindInfo[p.kind].label} profile · {p.platforms.map((x) => platformLabels[x]).join(', ')} · version {p.version}, changed {formatDateTime(p.updatedAt)}{p.secretsSet.length > 0 ? <Badge ml="xs" size="sm" color="green" variant="light">{p.secretsSet.length} secret{p.secretsSet.length === 1 ? '' : 's'} set</Badge> : null}</>}
        actions={can('deleteProfile') ? <Button variant="default" color="red" onClick={() => { setDeleting(true); }}>Delete</Button> : undefined}
      />
      <Tabs defaultValue="definition" keepMounted={false}>
        <Tabs.List mb="md">
          <Tabs.Tab value="definition">Definition</Tabs.Tab>
          <Tabs.Tab value="assignments">Assignments</Tabs.Tab>
          {can('getProfileStatus') ? <Tabs.Tab value="status">Device status</Tabs.Tab> : null}
          {p.kind === 'settings' && can('getProfileSettingStatus') ? <Tabs.Tab value="settings">Setting status</Tabs.Tab> : null}
        </Tabs.List>
        <Tabs.Panel value="definition"><ProfileForm key={p.version} kind={p.kind} profile={p} readOnly={!canWrite} /></Tabs.Panel>
        <Tabs.Panel value="assignments"><AssignmentsPanel itemKind="profile" itemId={p.id} /></Tabs.Panel>
        <Tabs.Panel value="status"><ProfileDeviceStatus profileId={p.id} /></Tabs.Panel>
        <Tabs.Panel value="settings"><ProfileSettingStatus profileId={p.id} /></Tabs.Panel>
      </Tabs>
      <Modal opened={deleting} onClose={() => { setDeleting(false); }} title={`Delete ${p.name}?`} centered>
        <Stack gap="sm">
          <Text size="sm">The profile and its assignments are deleted; devices remove what it configured at their next check-in.</Text>
          <ErrorAlert error={remove.error} />
          <Group justify="flex-end"><Button variant="default" onClick={() => { setDeleting(false); }}>Cancel</Button><Button color="red" loading={remove.isPending} onClick={() => { remove.mutate(); }}>Delete profile</Button></Group>
        </Stack>
      </Modal>
    </>
  );
}
