import { Button, Code, Group, Modal, Select, Stack, Table, Text, Textarea, TextInput } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, ok } from '../../api/client';
import type { AssignmentFilter, Platform } from '../../api/types';
import { useCaller } from '../../api/use-me';
import { ErrorAlert } from '../../shared/error-alert';
import { formatDateTime } from '../../shared/format';
import { platformLabels } from '../../shared/labels';
import { PageHeader } from '../../shared/page-header';

const attributes = ['device.platform', 'device.ownership', 'device.osVersion', 'device.model', 'device.manufacturer', 'device.name', 'device.enrollmentAgeDays'] as const;
const platformOptions = Object.entries(platformLabels).map(([value, label]) => ({ value, label }));

function FilterForm({ filter, onClose }: { readonly filter: AssignmentFilter | undefined; readonly onClose: () => void }) {
  const queries = useQueryClient();
  const [name, setName] = useState(filter?.name ?? '');
  const [description, setDescription] = useState(filter?.description ?? '');
  const [platform, setPlatform] = useState<Platform | null>(filter?.platform ?? null);
  const [rule, setRule] = useState(filter?.rule ?? '');
  const save = useMutation({
    mutationFn: () => {
      const body = { name, description, platform, rule };
      return filter === undefined ? ok(api.POST('/api/v1/assignment-filters', { body })) : ok(api.PUT('/api/v1/assignment-filters/{id}', { params: { path: { id: filter.id } }, body }));
    },
    onSuccess: () => {
      void queries.invalidateQueries({ queryKey: ['assignment-filters'] });
      onClose();
    },
  });
  return (
    <Modal opened onClose={onClose} title={filter === undefined ? 'New assignment filter' : `Edit ${filter.name}`} centered size="lg">
      <form onSubmit={(e) => { e.preventDefault(); save.mutate(); }}>
        <Stack gap="sm">
          <TextInput label="Name" required value={name} onChange={(e) => { setName(e.currentTarget.value); }} data-autofocus maxLength={128} />
          <Textarea label="Description" value={description} onChange={(e) => { setDescription(e.currentTarget.value); }} autosize minRows={1} maxLength={2000} />
          <Select label="Platform" description="A device of another platform never matches." data={platformOptions} value={platform} onChange={(v) => { setPlatform(v as Platform | null); }} clearable placeholder="Any platform" />
          <Textarea
            label="Rule"
            required
            value={rule}
            onChange={(e) => { setRule(e.currentTarget.value); }}
            autosize
            minRows={2}
            styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
            description={<>An expression over {attributes.map((a, i) => <span key={a}>{i === 0 ? '' : ', '}<Code>{a}</Code></span>)}. Example: <Code>device.ownership == "corporate" and device.osVersion {'>='} "14.0"</Code></>}
          />
          <ErrorAlert error={save.error} />
          <Group justify="flex-end"><Button variant="default" onClick={onClose}>Cancel</Button><Button type="submit" loading={save.isPending}>{filter === undefined ? 'Create' : 'Save'}</Button></Group>
        </Stack>
      </form>
    </Modal>
  );
}

/** Assignment filters: rules over device properties that narrow an assignment without a group. */
export function AssignmentFiltersPage() {
  const { can } = useCaller();
  const queries = useQueryClient();
  const [editing, setEditing] = useState<AssignmentFilter | 'new' | undefined>();
  const filters = useQuery({ queryKey: ['assignment-filters'], queryFn: () => ok(api.GET('/api/v1/assignment-filters')) });
  const remove = useMutation({
    mutationFn: (id: string) => ok(api.DELETE('/api/v1/assignment-filters/{id}', { params: { path: { id } } })),
    onSuccess: () => { void queries.invalidateQueries({ queryKey: ['assignment-filters'] }); },
  });
  const canWrite = can('createAssignmentFilter');
  const items = filters.data?.items ?? [];
  return (
    <>
      <PageHeader
        title="Assignment filters"
        description="Narrow an assignment by device properties (platform, ownership, OS version, model, enrollment age) without making a group. A tenant has dozens, so the list is whole."
        actions={canWrite ? <Button onClick={() => { setEditing('new'); }}>New filter</Button> : undefined}
      />
      <ErrorAlert error={filters.error ?? remove.error} />
      <Table striped withTableBorder fz="sm" data-testid="assignment-filters">
        <Table.Caption>{filters.isPending ? 'Loading filters…' : `${items.length} filters, by name`}</Table.Caption>
        <Table.Thead><Table.Tr><Table.Th>Name</Table.Th><Table.Th>Platform</Table.Th><Table.Th>Rule</Table.Th><Table.Th>Changed</Table.Th>{canWrite ? <Table.Th>Actions</Table.Th> : null}</Table.Tr></Table.Thead>
        <Table.Tbody>
          {items.map((f) => (
            <Table.Tr key={f.id}>
              <Table.Td><Text size="sm" fw={500}>{f.name}</Text>{f.description === '' ? null : <Text size="xs" c="dimmed">{f.description}</Text>}</Table.Td>
              <Table.Td>{f.platform === null ? 'Any' : platformLabels[f.platform]}</Table.Td>
              <Table.Td><Code style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>{f.rule}</Code></Table.Td>
              <Table.Td>{formatDateTime(f.updatedAt)}</Table.Td>
              {canWrite ? (
                <Table.Td>
                  <Group gap={4} wrap="nowrap">
                    <Button size="compact-xs" variant="subtle" onClick={() => { setEditing(f); }} aria-label={`Edit ${f.name}`}>Edit</Button>
                    <Button size="compact-xs" variant="subtle" color="red" onClick={() => { remove.mutate(f.id); }} loading={remove.isPending && remove.variables === f.id} aria-label={`Delete ${f.name}`}>Delete</Button>
                  </Group>
                </Table.Td>
              ) : null}
            </Table.Tr>
          ))}
          {filters.data !== undefined && items.length === 0 ? <Table.Tr><Table.Td colSpan={canWrite ? 5 : 4}><Text size="sm" c="dimmed" ta="center" py="md">No assignment filters yet.</Text></Table.Td></Table.Tr> : null}
        </Table.Tbody>
      </Table>
      {editing === undefined ? null : <FilterForm filter={editing === 'new' ? undefined : editing} onClose={() => { setEditing(undefined); }} />}
    </>
  );
}
