import { Anchor, Badge, Button, Group, Modal, Radio, SegmentedControl, Select, Stack, Table, Text, VisuallyHidden } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo, useRef, useState } from 'react';
import { Link } from 'react-router';
import { api, ok } from '../api/client';
import type { AssignableKind, Assignment, AssignmentFilter } from '../api/types';
import { useCaller } from '../api/use-me';
import { ErrorAlert } from '../shared/error-alert';
import { formatDateTime } from '../shared/format';
import { appIntents, intentInfo } from './apps/app-labels';
import type { AppIntent } from './apps/app-types';

type TargetType = Assignment['target']['type'];
type Mode = Assignment['mode'];
type FilterMode = NonNullable<Assignment['filter']>['mode'];

/** One group, found by name on the server (never the whole list). */
export function GroupPicker({ value, onChange, label = 'Group', required }: { readonly value: string | null; readonly onChange: (id: string | null) => void; readonly label?: string; readonly required?: boolean }) {
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 300);
  const known = useRef(new Map<string, string>());
  const groups = useQuery({
    queryKey: ['groups', 'picker', q],
    queryFn: () => ok(api.GET('/api/v1/groups', { params: { query: { limit: 20, ...(q === '' ? {} : { q }) } } })),
    placeholderData: keepPreviousData,
  });
  const data = useMemo(() => {
    for (const g of groups.data?.items ?? []) known.current.set(g.id, `${g.name} (${g.memberType === 'user' ? 'users' : 'devices'})`);
    const ids = new Set([...(value === null ? [] : [value]), ...(groups.data?.items ?? []).map((g) => g.id)]);
    return [...ids].map((id) => ({ value: id, label: known.current.get(id) ?? id }));
  }, [groups.data, value]);
  return (
    <Select
      label={label}
      required={required}
      searchable
      searchValue={search}
      onSearchChange={setSearch}
      filter={({ options }) => options}
      data={data}
      value={value}
      onChange={onChange}
      nothingFoundMessage="No group by that name"
      placeholder="Search groups by name"
    />
  );
}

/** A group's name, linked, fetched once and cached. */
function GroupName({ id }: { readonly id: string }) {
  const group = useQuery({ queryKey: ['group', id], queryFn: () => ok(api.GET('/api/v1/groups/{id}', { params: { path: { id } } })), staleTime: 60_000, retry: false });
  return <Anchor component={Link} to={`/groups/${id}`}>{group.data?.name ?? (group.isError ? `deleted group ${id}` : '…')}</Anchor>;
}

/** What an app assignment does (apps only: profiles and compliance policies are always required). */
function IntentChoice({ value, onChange }: { readonly value: AppIntent; readonly onChange: (intent: AppIntent) => void }) {
  return (
    <Radio.Group label="Intent" value={value} onChange={(v) => { const found = appIntents.find((i) => i === v); if (found !== undefined) onChange(found); }} description={intentInfo[value].hint}>
      <Group gap="sm" mt={4}>{appIntents.map((i) => <Radio key={i} value={i} label={intentInfo[i].label} />)}</Group>
    </Radio.Group>
  );
}

function targetText(assignment: Assignment) {
  switch (assignment.target.type) {
    case 'group': return <>Group <GroupName id={assignment.target.groupId} /></>;
    case 'allUsers': return 'All users (devices with a primary user)';
    case 'allDevices': return 'All devices';
  }
}

/** The filter choice of an include assignment: none, or a filter that narrows it (include) or carves out of it (exclude). */
function FilterChoice({ filters, filterId, filterMode, onChange }: { readonly filters: readonly AssignmentFilter[]; readonly filterId: string | null; readonly filterMode: FilterMode; readonly onChange: (id: string | null, mode: FilterMode) => void }) {
  return (
    <Group align="flex-end" gap="sm" wrap="wrap">
      <Select
        label="Assignment filter"
        description={filters.length === 0 ? <>No filters yet: <Anchor component={Link} to="/assignment-filters" size="xs" underline="always">create one</Anchor>.</> : 'Optional: narrows the devices by their properties.'}
        data={filters.map((f) => ({ value: f.id, label: f.name }))}
        value={filterId}
        onChange={(id) => { onChange(id, filterMode); }}
        clearable
        placeholder="No filter"
        w={260}
      />
      {filterId === null ? null : (
        <Radio.Group label="Devices the filter matches" value={filterMode} onChange={(v) => { onChange(filterId, v === 'exclude' ? 'exclude' : 'include'); }}>
          <Group gap="sm" mt={4}><Radio value="include" label="Only these" /><Radio value="exclude" label="All but these" /></Group>
        </Radio.Group>
      )}
    </Group>
  );
}

function AddAssignment({ itemKind, itemId, filters, onClose }: { readonly itemKind: AssignableKind; readonly itemId: string; readonly filters: readonly AssignmentFilter[]; readonly onClose: () => void }) {
  const queries = useQueryClient();
  const [type, setType] = useState<TargetType>('group');
  const [groupId, setGroupId] = useState<string | null>(null);
  const [mode, setMode] = useState<Mode>('include');
  const [filterId, setFilterId] = useState<string | null>(null);
  const [filterMode, setFilterMode] = useState<FilterMode>('include');
  const [intent, setIntent] = useState<AppIntent>('required');
  const create = useMutation({
    mutationFn: () => {
      const body = {
        target: type === 'group' ? { type, groupId: groupId ?? '' } : { type },
        mode,
        ...(mode === 'include' && filterId !== null ? { filter: { filterId, mode: filterMode } } : {}),
      };
      switch (itemKind) {
        case 'profile': return ok(api.POST('/api/v1/profiles/{id}/assignments', { params: { path: { id: itemId } }, body }));
        case 'compliancePolicy': return ok(api.POST('/api/v1/compliance-policies/{id}/assignments', { params: { path: { id: itemId } }, body }));
        case 'app': return ok(api.POST('/api/v1/apps/{id}/assignments', { params: { path: { id: itemId } }, body: { ...body, ...(mode === 'include' ? { intent } : {}) } }));
      }
    },
    onSuccess: () => {
      void queries.invalidateQueries({ queryKey: ['assignments'] });
      onClose();
    },
  });
  return (
    <Modal opened onClose={onClose} title="Add an assignment" centered size="lg" closeButtonProps={{ 'aria-label': 'Close' }}>
      <form onSubmit={(e) => { e.preventDefault(); create.mutate(); }}>
        <Stack gap="sm">
          <div>
            <Text size="sm" fw={500} id="assignment-target-label">Assign to</Text>
            <SegmentedControl aria-labelledby="assignment-target-label" data={[{ value: 'group', label: 'A group' }, { value: 'allUsers', label: 'All users' }, { value: 'allDevices', label: 'All devices' }]} value={type} onChange={(v) => { setType(v); }} />
          </div>
          {type === 'group' ? <GroupPicker value={groupId} onChange={setGroupId} required /> : null}
          <Radio.Group label="Mode" value={mode} onChange={(v) => { setMode(v === 'exclude' ? 'exclude' : 'include'); }} description="An exclude wins over every include: a device it reaches does not get the item.">
            <Group gap="sm" mt={4}><Radio value="include" label="Include" /><Radio value="exclude" label="Exclude" /></Group>
          </Radio.Group>
          {itemKind === 'app' && mode === 'include' ? <IntentChoice value={intent} onChange={setIntent} /> : null}
          {mode === 'include' ? <FilterChoice filters={filters} filterId={filterId} filterMode={filterMode} onChange={(id, m) => { setFilterId(id); setFilterMode(m); }} /> : null}
          <ErrorAlert error={create.error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>Cancel</Button>
            <Button type="submit" loading={create.isPending} disabled={type === 'group' && groupId === null}>Assign</Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

function EditAssignment({ assignment, filters, onClose }: { readonly assignment: Assignment; readonly filters: readonly AssignmentFilter[]; readonly onClose: () => void }) {
  const queries = useQueryClient();
  const [mode, setMode] = useState<Mode>(assignment.mode);
  const [filterId, setFilterId] = useState<string | null>(assignment.filter?.filterId ?? null);
  const [filterMode, setFilterMode] = useState<FilterMode>(assignment.filter?.mode ?? 'include');
  const [intent, setIntent] = useState<AppIntent>(assignment.intent);
  const save = useMutation({
    mutationFn: () => ok(api.PATCH('/api/v1/assignments/{id}', { params: { path: { id: assignment.id } }, body: { mode, filter: mode === 'include' && filterId !== null ? { filterId, mode: filterMode } : null, ...(assignment.itemKind === 'app' && mode === 'include' ? { intent } : {}) } })),
    onSuccess: () => {
      void queries.invalidateQueries({ queryKey: ['assignments'] });
      onClose();
    },
  });
  return (
    <Modal opened onClose={onClose} title="Change the assignment" centered size="lg" closeButtonProps={{ 'aria-label': 'Close' }}>
      <form onSubmit={(e) => { e.preventDefault(); save.mutate(); }}>
        <Stack gap="sm">
          <Text size="sm">{targetText(assignment)}</Text>
          <Radio.Group label="Mode" value={mode} onChange={(v) => { setMode(v === 'exclude' ? 'exclude' : 'include'); }}>
            <Group gap="sm" mt={4}><Radio value="include" label="Include" /><Radio value="exclude" label="Exclude" /></Group>
          </Radio.Group>
          {assignment.itemKind === 'app' && mode === 'include' ? <IntentChoice value={intent} onChange={setIntent} /> : null}
          {mode === 'include' ? <FilterChoice filters={filters} filterId={filterId} filterMode={filterMode} onChange={(id, m) => { setFilterId(id); setFilterMode(m); }} /> : null}
          <ErrorAlert error={save.error} />
          <Group justify="flex-end"><Button variant="default" onClick={onClose}>Cancel</Button><Button type="submit" loading={save.isPending}>Save</Button></Group>
        </Stack>
      </form>
    </Modal>
  );
}

/**
 * Who gets a profile, a compliance policy or an app: includes and excludes of groups, all users
 * or all devices, each include optionally narrowed by an assignment filter. Exclude wins. An app's
 * include also says its intent (required, available, uninstall, available without enrollment).
 */
export function AssignmentsPanel({ itemKind, itemId }: { readonly itemKind: AssignableKind; readonly itemId: string }) {
  const { can } = useCaller();
  const queries = useQueryClient();
  const [adding, setAdding] = useState(false);
  const [editing, setEditing] = useState<Assignment | undefined>();
  const assignments = useQuery({ queryKey: ['assignments', itemKind, itemId], queryFn: () => ok(api.GET('/api/v1/assignments', { params: { query: { itemKind, itemId } } })) });
  const filters = useQuery({ queryKey: ['assignment-filters'], queryFn: () => ok(api.GET('/api/v1/assignment-filters')), staleTime: 60_000 });
  const remove = useMutation({
    mutationFn: (id: string) => ok(api.DELETE('/api/v1/assignments/{id}', { params: { path: { id } } })),
    onSuccess: () => { void queries.invalidateQueries({ queryKey: ['assignments'] }); },
  });
  const filterList = filters.data?.items ?? [];
  const filterName = (id: string) => filterList.find((f) => f.id === id)?.name ?? id;
  const canWrite = can(itemKind === 'profile' ? 'createProfileAssignment' : itemKind === 'app' ? 'createAppAssignment' : 'createCompliancePolicyAssignment');
  // Apps say what an assignment does (install, offer, remove); the other kinds are always required.
  const withIntent = itemKind === 'app';
  const columns = 4 + (withIntent ? 1 : 0) + (canWrite ? 1 : 0);
  const items = assignments.data?.items ?? [];
  return (
    <Stack gap="sm">
      <Group justify="space-between">
        <Text size="sm" c="dimmed">Changes reach the affected devices in the background, at their next check-in.</Text>
        {canWrite ? <Button size="xs" onClick={() => { setAdding(true); }}>Add assignment</Button> : null}
      </Group>
      <ErrorAlert error={assignments.error ?? remove.error} />
      <Table withTableBorder striped fz="sm" data-testid="assignments">
        <Table.Caption>Assignments: excludes win over includes</Table.Caption>
        <Table.Thead><Table.Tr><Table.Th>Target</Table.Th><Table.Th>Mode</Table.Th>{withIntent ? <Table.Th>Intent</Table.Th> : null}<Table.Th>Filter</Table.Th><Table.Th>Added</Table.Th>{canWrite ? <Table.Th><VisuallyHidden>Actions</VisuallyHidden></Table.Th> : null}</Table.Tr></Table.Thead>
        <Table.Tbody>
          {items.map((a) => (
            <Table.Tr key={a.id}>
              <Table.Td>{targetText(a)}</Table.Td>
              <Table.Td><Badge variant="light" color={a.mode === 'exclude' ? 'red' : 'blue'}>{a.mode}</Badge></Table.Td>
              {withIntent ? <Table.Td>{a.mode === 'exclude' ? '—' : <Badge variant="outline" color={intentInfo[a.intent].color} miw="max-content" data-intent={a.intent}>{intentInfo[a.intent].label}</Badge>}</Table.Td> : null}
              <Table.Td>{a.filter === null ? '—' : <>{a.filter.mode === 'include' ? 'only' : 'all but'} <Anchor component={Link} to="/assignment-filters">{filterName(a.filter.filterId)}</Anchor></>}</Table.Td>
              <Table.Td>{formatDateTime(a.createdAt)}</Table.Td>
              {canWrite ? (
                <Table.Td>
                  <Group gap={4} justify="flex-end" wrap="nowrap">
                    <Button size="compact-xs" variant="subtle" onClick={() => { setEditing(a); }}>Edit</Button>
                    <Button size="compact-xs" variant="subtle" color="red" loading={remove.isPending && remove.variables === a.id} onClick={() => { remove.mutate(a.id); }}>Remove</Button>
                  </Group>
                </Table.Td>
              ) : null}
            </Table.Tr>
          ))}
          {assignments.data !== undefined && items.length === 0 ? <Table.Tr><Table.Td colSpan={columns}><Text size="sm" c="dimmed">Not assigned: it reaches no device yet.</Text></Table.Td></Table.Tr> : null}
        </Table.Tbody>
      </Table>
      {adding ? <AddAssignment itemKind={itemKind} itemId={itemId} filters={filterList} onClose={() => { setAdding(false); }} /> : null}
      {editing === undefined ? null : <EditAssignment assignment={editing} filters={filterList} onClose={() => { setEditing(undefined); }} />}
    </Stack>
  );
}
