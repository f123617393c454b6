import { ActionIcon, Anchor, Button, Card, Code, Group, Modal, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { api, ok } from '../../api/client';
import { useCaller } from '../../api/use-me';
import { asProblem, ErrorAlert } from '../../shared/error-alert';
import { formatDateTime } from '../../shared/format';
import { PageHeader } from '../../shared/page-header';
import type { AppConfigurationPolicy } from './app-types';
import { MamNav } from './mam-nav';
import { targetsBody, targetsDraftOf, type TargetsDraft } from './mam-targets';
import { MamTargetsFields } from './mam-targets-fields';

const back = <Anchor component={Link} to="/app-protection/configuration" size="sm">← App configuration</Anchor>;

// The user variables a value may use (core's appConfigurationVariables), offered as a hint.
const variables = ['user.email', 'user.displayName', 'user.userPrincipalName', 'user.givenName', 'user.surname', 'user.department', 'user.jobTitle', 'user.employeeId', 'user.id'] as const;

interface Row {
  readonly key: number;
  readonly name: string;
  readonly value: string;
}

let nextKey = 1;

function rowsOf(settings: Readonly<Record<string, string>> | undefined): Row[] {
  const entries = Object.entries(settings ?? {});
  return entries.length === 0 ? [{ key: nextKey++, name: '', value: '' }] : entries.map(([name, value]) => ({ key: nextKey++, name, value }));
}

/**
 * An app configuration policy: its targets and its key → value settings, each value possibly
 * templated with the person's details. Created, or changed at the version it was read at.
 */
function AppConfigurationPolicyForm({ policy, readOnly }: { readonly policy: AppConfigurationPolicy | undefined; readonly readOnly: boolean }) {
  const queries = useQueryClient();
  const navigate = useNavigate();
  const [name, setName] = useState(policy?.name ?? '');
  const [description, setDescription] = useState(policy?.description ?? '');
  const [targets, setTargets] = useState<TargetsDraft>(() => targetsDraftOf(policy?.targets));
  const [rows, setRows] = useState<Row[]>(() => rowsOf(policy?.settings));
  const save = useMutation({
    mutationFn: () => {
      // Rows left wholly empty are ignored; a value without a key is sent, so the server names it.
      const settings: Record<string, string> = {};
      for (const r of rows) if (r.name !== '' || r.value !== '') settings[r.name] = r.value;
      const body = { name, description, settings, targets: targetsBody(targets) };
      return policy === undefined
        ? ok(api.POST('/api/v1/app-configuration-policies', { body }))
        : ok(api.PATCH('/api/v1/app-configuration-policies/{id}', { params: { path: { id: policy.id } }, body: { ...body, expectedVersion: policy.version } }));
    },
    onSuccess: (saved) => {
      void queries.invalidateQueries({ queryKey: ['app-configuration-policies'] });
      queries.setQueryData(['app-configuration-policy', saved.id], saved);
      if (policy === undefined) void navigate(`/app-protection/configuration/${saved.id}`, { replace: true });
    },
  });
  const problem = save.error === null ? undefined : asProblem(save.error);
  const named = typeof problem?.details?.field === 'string' ? problem.details.field : undefined;
  const fieldError = (field: string) => (problem !== undefined && named !== undefined && (named === field || named.startsWith(`${field}.`) || named.startsWith(`${field}[`)) ? problem.message : undefined);
  const setRow = (key: number, change: Partial<Row>) => { setRows((all) => all.map((r) => (r.key === key ? { ...r, ...change } : r))); };
  return (
    <form onSubmit={(e) => { e.preventDefault(); save.mutate(); }} aria-label="App configuration policy">
      <fieldset disabled={readOnly} style={{ border: 0, padding: 0, margin: 0, minWidth: 0 }}>
        <Stack gap="md">
          <Card withBorder>
            <Stack gap="sm">
              <TextInput label="Name" required value={name} onChange={(e) => { setName(e.currentTarget.value); }} maxLength={128} error={fieldError('name')} data-autofocus />
              <Textarea label="Description" value={description} onChange={(e) => { setDescription(e.currentTarget.value); }} autosize minRows={1} maxLength={2000} error={fieldError('description')} />
            </Stack>
          </Card>
          <MamTargetsFields draft={targets} onChange={setTargets} fieldError={fieldError} />
          <Card withBorder component="section" aria-labelledby="configuration-settings-title">
            <Stack gap="sm">
              <div>
                <Title order={2} size="h4" id="configuration-settings-title">Settings</Title>
                <Text size="sm" c="dimmed">
                  Keys and text values the app reads. A value may use the person's details: {variables.map((v, i) => <span key={v}>{i === 0 ? '' : ', '}<Code>{`{{${v}}}`}</Code></span>)}.
                </Text>
              </div>
              {fieldError('settings') === undefined ? null : <Text size="sm" c="red.8" role="alert">{fieldError('settings')}</Text>}
              {rows.map((r, i) => (
                <Group key={r.key} align="flex-start" gap="sm" wrap="nowrap" data-setting-row={i}>
                  <TextInput label={`Key ${i + 1}`} value={r.name} onChange={(e) => { setRow(r.key, { name: e.currentTarget.value }); }} maxLength={256} w={260} styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }} />
                  <TextInput label={`Value ${i + 1}`} value={r.value} onChange={(e) => { setRow(r.key, { value: e.currentTarget.value }); }} maxLength={4096} style={{ flex: 1 }} placeholder="e.g. {{user.email}}" />
                  <ActionIcon variant="subtle" color="red" mt={26} aria-label={`Remove setting ${i + 1}`} onClick={() => { setRows((all) => (all.length === 1 ? [{ key: nextKey++, name: '', value: '' }] : all.filter((x) => x.key !== r.key))); }}>✕</ActionIcon>
                </Group>
              ))}
              <Group><Button variant="default" size="xs" onClick={() => { setRows((all) => [...all, { key: nextKey++, name: '', value: '' }]); }}>Add a setting</Button></Group>
            </Stack>
          </Card>
          <ErrorAlert error={save.error} />
          {readOnly ? null : (
            <Group justify="flex-end">
              {save.isSuccess && policy !== undefined ? <Text size="sm" c="green.9" role="status">Saved as version {save.data.version}. Apps pick it up at their next check-in.</Text> : null}
              <Button type="submit" loading={save.isPending}>{policy === undefined ? 'Create policy' : 'Save changes'}</Button>
            </Group>
          )}
        </Stack>
      </fieldset>
    </form>
  );
}

/** `/app-protection/configuration/new`. */
export function NewAppConfigurationPolicyPage() {
  return (
    <>
      {back}
      <PageHeader title="New app configuration policy" />
      <AppConfigurationPolicyForm policy={undefined} readOnly={false} />
    </>
  );
}

/** `/app-protection/configuration/:id`: a policy's definition, to change or delete. */
export function AppConfigurationPolicyPage() {
  const { id = '' } = useParams();
  const { can } = useCaller();
  const navigate = useNavigate();
  const queries = useQueryClient();
  const [deleting, setDeleting] = useState(false);
  const policy = useQuery({ queryKey: ['app-configuration-policy', id], queryFn: () => ok(api.GET('/api/v1/app-configuration-policies/{id}', { params: { path: { id } } })) });
  const remove = useMutation({
    mutationFn: () => ok(api.DELETE('/api/v1/app-configuration-policies/{id}', { params: { path: { id } } })),
    onSuccess: () => {
      void queries.invalidateQueries({ queryKey: ['app-configuration-policies'] });
      void navigate('/app-protection/configuration');
    },
  });
  const p = policy.data;
  if (p === undefined) return <>{back}<PageHeader title="App configuration policy" />{policy.isPending ? <Text c="dimmed">Loading…</Text> : <ErrorAlert error={policy.error} />}</>;
  return (
    <>
      {back}
      <PageHeader
        title={p.name}
        description={`Version ${p.version}, changed ${formatDateTime(p.updatedAt)}`}
        actions={can('deleteAppConfigurationPolicy') ? <Button variant="default" color="red" onClick={() => { setDeleting(true); }}>Delete</Button> : undefined}
      />
      <MamNav />
      <AppConfigurationPolicyForm key={p.id} policy={p} readOnly={!can('updateAppConfigurationPolicy')} />
      <Modal opened={deleting} onClose={() => { setDeleting(false); }} title={`Delete ${p.name}?`} centered closeButtonProps={{ 'aria-label': 'Close' }}>
        <Stack gap="sm">
          <Text size="sm">Apps drop its settings at their next check-in.</Text>
          <ErrorAlert error={remove.error} />
          <Group justify="flex-end"><Button variant="default" onClick={() => { setDeleting(false); }}>Cancel</Button><Button color="red" loading={remove.isPending} onClick={() => { remove.mutate(); }}>Delete policy</Button></Group>
        </Stack>
      </Modal>
    </>
  );
}
