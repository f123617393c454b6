import { ActionIcon, Anchor, Button, Code, Group, Text, TextInput } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { api, ok } from '../../api/client';
import { useCaller } from '../../api/use-me';
import { formatDateTime } from '../../shared/format';
import { PageHeader } from '../../shared/page-header';
import type { AppConfigurationPolicy } from './app-types';
import { fieldErrorsOf, MamPolicyDetail, MamPolicyForm, MamPolicySection } from './mam-policy-form';
import { targetsBody, targetsDraftOf, type TargetsDraft } from './mam-targets';

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
  const fieldError = fieldErrorsOf(save.error);
  const setRow = (key: number, change: Partial<Row>) => { setRows((all) => all.map((r) => (r.key === key ? { ...r, ...change } : r))); };
  return (
    <MamPolicyForm
      label="App configuration policy"
      readOnly={readOnly}
      creating={policy === undefined}
      onSubmit={() => { save.mutate(); }}
      name={name}
      onNameChange={setName}
      description={description}
      onDescriptionChange={setDescription}
      targets={targets}
      onTargetsChange={setTargets}
      save={{ error: save.error, isPending: save.isPending, savedVersion: save.isSuccess ? save.data.version : undefined }}
      fieldError={fieldError}
    >
      <MamPolicySection
        title="Settings"
        id="configuration-settings-title"
        description={<>Keys and text values the app reads. A value may use the person's details: {variables.map((v, i) => <span key={v}>{i === 0 ? '' : ', '}<Code>{`{{${v}}}`}</Code></span>)}.</>}
      >
        {fieldError('settings') === undefined ? null : <Text size="sm" c="red.8" role="alert">{fieldError('settings')}</Text>}
        {rows.map((r, i) => (
          <Group key={r.key} align="flex-start" gap="sm" wrap="nowrap" data-setting-row={i}>
            <TextInput label={`Key ${i + 1}`} value={r.name} onChange={(e) => { setRow(r.key, { name: e.currentTarget.value }); }} maxLength={256} w={260} styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }} />
            <TextInput label={`Value ${i + 1}`} value={r.value} onChange={(e) => { setRow(r.key, { value: e.currentTarget.value }); }} maxLength={4096} style={{ flex: 1 }} placeholder="e.g. {{user.email}}" />
            <ActionIcon variant="subtle" color="red" mt={26} aria-label={`Remove setting ${i + 1}`} onClick={() => { setRows((all) => (all.length === 1 ? [{ key: nextKey++, name: '', value: '' }] : all.filter((x) => x.key !== r.key))); }}>✕</ActionIcon>
          </Group>
        ))}
        <Group><Button variant="default" size="xs" onClick={() => { setRows((all) => [...all, { key: nextKey++, name: '', value: '' }]); }}>Add a setting</Button></Group>
      </MamPolicySection>
    </MamPolicyForm>
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
  const policy = useQuery({ queryKey: ['app-configuration-policy', id], queryFn: () => ok(api.GET('/api/v1/app-configuration-policies/{id}', { params: { path: { id } } })) });
  const remove = useMutation({
    mutationFn: () => ok(api.DELETE('/api/v1/app-configuration-policies/{id}', { params: { path: { id } } })),
    onSuccess: () => {
      void queries.invalidateQueries({ queryKey: ['app-configuration-policies'] });
      void navigate('/app-protection/configuration');
    },
  });
  return (
    <MamPolicyDetail
      back={back}
      fallbackTitle="App configuration policy"
      policy={policy}
      description={(p) => `Version ${p.version}, changed ${formatDateTime(p.updatedAt)}`}
      canDelete={can('deleteAppConfigurationPolicy')}
      deleteConsequence="Apps drop its settings at their next check-in."
      remove={remove}
    >
      {(p) => <AppConfigurationPolicyForm key={p.id} policy={p} readOnly={!can('updateAppConfigurationPolicy')} />}
    </MamPolicyDetail>
  );
}
