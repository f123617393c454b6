import { Button, Card, Group, Modal, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useState, type ReactNode } from 'react';
import { asProblem, ErrorAlert } from '../../shared/error-alert';
import { PageHeader } from '../../shared/page-header';
import { MamNav } from './mam-nav';
import type { TargetsDraft } from './mam-targets';
import { MamTargetsFields } from './mam-targets-fields';

/**
 * The server's message for a field its refusal named, or for one under it (`targets.apps[2]`
 * under `targets.apps`); undefined for every other field.
 */
export function fieldErrorsOf(error: unknown): (field: string) => string | undefined {
  const problem = error === null ? undefined : asProblem(error);
  const named = typeof problem?.details?.field === 'string' ? problem.details.field : undefined;
  return (field) => (problem !== undefined && named !== undefined && (named === field || named.startsWith(`${field}.`) || named.startsWith(`${field}[`)) ? problem.message : undefined);
}

/** One titled section of a MAM policy form, named by its heading. */
export function MamPolicySection({ title, description, id = `section-${title.toLowerCase().replace(/\W+/g, '-')}`, children }: { readonly title: string; readonly description: ReactNode; readonly id?: string; readonly children: ReactNode }) {
  return (
    <Card withBorder component="section" aria-labelledby={id}>
      <Stack gap="sm">
        <div>
          <Title order={2} size="h4" id={id}>{title}</Title>
          <Text size="sm" c="dimmed">{description}</Text>
        </div>
        {children}
      </Stack>
    </Card>
  );
}

interface MamPolicyFormProps {
  /** The form's accessible name. */
  readonly label: string;
  readonly readOnly: boolean;
  /** True when the form creates a policy rather than changes one. */
  readonly creating: boolean;
  readonly onSubmit: () => void;
  readonly name: string;
  readonly onNameChange: (name: string) => void;
  readonly description: string;
  readonly onDescriptionChange: (description: string) => void;
  readonly targets: TargetsDraft;
  readonly onTargetsChange: (targets: TargetsDraft) => void;
  readonly save: { readonly error: unknown; readonly isPending: boolean; readonly savedVersion: number | undefined };
  readonly fieldError: (field: string) => string | undefined;
  /** The policy kind's own sections, after the targets. */
  readonly children: ReactNode;
}

/** What every MAM policy form has: name and description, targets, its own sections, and the save button. */
export function MamPolicyForm(props: MamPolicyFormProps) {
  const { fieldError, save } = props;
  return (
    <form onSubmit={(e) => { e.preventDefault(); props.onSubmit(); }} aria-label={props.label}>
      <fieldset disabled={props.readOnly} style={{ border: 0, padding: 0, margin: 0, minWidth: 0 }}>
        <Stack gap="md">
          <Card withBorder>
            <Stack gap="sm">
              <TextInput label="Name" required value={props.name} onChange={(e) => { props.onNameChange(e.currentTarget.value); }} maxLength={128} error={fieldError('name')} data-autofocus />
              <Textarea label="Description" value={props.description} onChange={(e) => { props.onDescriptionChange(e.currentTarget.value); }} autosize minRows={1} maxLength={2000} error={fieldError('description')} />
            </Stack>
          </Card>
          <MamTargetsFields draft={props.targets} onChange={props.onTargetsChange} fieldError={fieldError} />
          {props.children}
          <ErrorAlert error={save.error} />
          {props.readOnly ? null : (
            <Group justify="flex-end">
              {save.savedVersion !== undefined && !props.creating ? <Text size="sm" c="green.9" role="status">Saved as version {save.savedVersion}. Apps pick it up at their next check-in.</Text> : null}
              <Button type="submit" loading={save.isPending}>{props.creating ? 'Create policy' : 'Save changes'}</Button>
            </Group>
          )}
        </Stack>
      </fieldset>
    </form>
  );
}

interface MamPolicyDetailProps<P extends { readonly id: string; readonly name: string }> {
  /** The link back to the list. */
  readonly back: ReactNode;
  /** The heading while the policy loads or fails to. */
  readonly fallbackTitle: string;
  readonly policy: { readonly data: P | undefined; readonly isPending: boolean; readonly error: unknown };
  readonly description: (p: P) => ReactNode;
  readonly canDelete: boolean;
  /** What deleting does, said in the confirmation. */
  readonly deleteConsequence: string;
  readonly remove: { readonly mutate: () => void; readonly isPending: boolean; readonly error: unknown };
  /** The policy's form. */
  readonly children: (p: P) => ReactNode;
}

/** A stored MAM policy's page: its header, its form, and deleting it after a confirmation. */
export function MamPolicyDetail<P extends { readonly id: string; readonly name: string }>(props: MamPolicyDetailProps<P>) {
  const [deleting, setDeleting] = useState(false);
  const { back, policy, remove } = props;
  const p = policy.data;
  if (p === undefined) return <>{back}<PageHeader title={props.fallbackTitle} />{policy.isPending ? <Text c="dimmed">Loading…</Text> : <ErrorAlert error={policy.error} />}</>;
  return (
    <>
      {back}
      <PageHeader
        title={p.name}
        description={props.description(p)}
        actions={props.canDelete ? <Button variant="default" color="red" onClick={() => { setDeleting(true); }}>Delete</Button> : undefined}
      />
      <MamNav />
      {props.children(p)}
      <Modal opened={deleting} onClose={() => { setDeleting(false); }} title={`Delete ${p.name}?`} centered closeButtonProps={{ 'aria-label': 'Close' }}>
        <Stack gap="sm">
          <Text size="sm">{props.deleteConsequence}</Text>
          <ErrorAlert error={remove.error} />
          <Group justify="flex-end"><Button variant="default" onClick={() => { setDeleting(false); }}>Cancel</Button><Button color="red" loading={remove.isPending} onClick={() => { remove.mutate(); }}>Delete policy</Button></Group>
        </Stack>
      </Modal>
    </>
  );
}
