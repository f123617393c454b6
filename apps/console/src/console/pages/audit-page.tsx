import { Alert, Button, Code, Group, Stack, Table, Text, TextInput, UnstyledButton } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { Fragment, useState } from 'react';
import { api, ok } from '../../api/client';
import type { AuditEvent } from '../../api/types';
import { CursorPager } from '../../shared/cursor-pager';
import { ErrorAlert } from '../../shared/error-alert';
import { formatDateTime } from '../../shared/format';
import { JsonTable } from '../../shared/json-view';
import { PageHeader } from '../../shared/page-header';
import { useCursorPages } from '../../shared/use-cursor-pages';

/** A local datetime-local value as an RFC 3339 instant, or undefined when empty or invalid. */
function instant(local: string): string | undefined {
  if (local === '') return undefined;
  const at = new Date(local);
  return Number.isNaN(at.getTime()) ? undefined : at.toISOString();
}

function EventDetails({ event }: { readonly event: AuditEvent }) {
  return (
    <Stack gap="xs" p="sm">
      <Text size="xs" c="dimmed">via {event.origin.via}{event.origin.ip === undefined ? '' : ` from ${event.origin.ip}`}{event.origin.requestId === undefined ? '' : ` · request ${event.origin.requestId}`} · hash <Code>{event.hash.slice(0, 16)}…</Code></Text>
      <Group align="flex-start" grow wrap="wrap">
        <JsonTable value={event.before} caption="Before" empty="Did not exist before." />
        <JsonTable value={event.after} caption="After" empty="Does not exist after." />
      </Group>
    </Stack>
  );
}

/** The tenant's hash-chained audit trail, newest first, with filters and a chain check. */
export function AuditPage() {
  const pages = useCursorPages();
  const [filters, setFilters] = useState({ action: '', actorId: '', targetType: '', targetId: '', from: '', to: '' });
  const [open, setOpen] = useState<string | undefined>();
  const [debounced] = useDebouncedValue(filters, 300);
  const set = (name: keyof typeof filters) => (e: React.ChangeEvent<HTMLInputElement>) => { setFilters({ ...filters, [name]: e.currentTarget.value }); pages.reset(); };
  const from = instant(debounced.from);
  const to = instant(debounced.to);
  const query = {
    limit: 50,
    ...(debounced.action.trim() === '' ? {} : { action: debounced.action.trim() }),
    ...(debounced.actorId.trim() === '' ? {} : { actorId: debounced.actorId.trim() }),
    ...(debounced.targetType.trim() === '' ? {} : { targetType: debounced.targetType.trim() }),
    ...(debounced.targetId.trim() === '' ? {} : { targetId: debounced.targetId.trim() }),
    ...(from === undefined ? {} : { from }),
    ...(to === undefined ? {} : { to }),
    ...(pages.cursor === undefined ? {} : { cursor: pages.cursor }),
  };
  const events = useQuery({ queryKey: ['audit', query], queryFn: () => ok(api.GET('/api/v1/audit-events', { params: { query } })), placeholderData: keepPreviousData });
  const verify = useMutation({ mutationFn: () => ok(api.POST('/api/v1/audit-events/verify')) });
  return (
    <>
      <PageHeader title="Audit log" description="Every change, who made it and from where. Each event seals the one before it." actions={<Button variant="default" loading={verify.isPending} onClick={() => { verify.mutate(); }}>Verify chain</Button>} />
      {verify.data === undefined ? null : verify.data.intact ? (
        <Alert color="green" mb="md" title="The chain is intact">{verify.data.events} events checked; none was changed, removed or inserted.</Alert>
      ) : (
        <Alert color="red" mb="md" title="The chain is broken">At event {verify.data.brokenAtSeq}: {verify.data.reason}. {verify.data.events} events checked before the break.</Alert>
      )}
      <ErrorAlert error={verify.error} />
      <Group mb="md" align="flex-end" wrap="wrap">
        <TextInput label="Action" placeholder="e.g. device.actionRequested" value={filters.action} onChange={set('action')} w={220} />
        <TextInput label="Actor id" value={filters.actorId} onChange={set('actorId')} w={200} />
        <TextInput label="Target type" placeholder="e.g. device" value={filters.targetType} onChange={set('targetType')} w={140} />
        <TextInput label="Target id" value={filters.targetId} onChange={set('targetId')} w={200} />
        <TextInput label="From" type="datetime-local" value={filters.from} onChange={set('from')} w={200} />
        <TextInput label="To" type="datetime-local" value={filters.to} onChange={set('to')} w={200} />
      </Group>
      <ErrorAlert error={events.error} />
      <Table striped fz="sm">
        <Table.Caption>Audit events, newest first; open one to see what changed</Table.Caption>
        <Table.Thead><Table.Tr><Table.Th>#</Table.Th><Table.Th>When</Table.Th><Table.Th>Action</Table.Th><Table.Th>Actor</Table.Th><Table.Th>Target</Table.Th></Table.Tr></Table.Thead>
        <Table.Tbody>
          {(events.data?.items ?? []).map((e) => (
            <Fragment key={e.id}>
              <Table.Tr>
                <Table.Td>{e.seq}</Table.Td>
                <Table.Td>{formatDateTime(e.occurredAt)}</Table.Td>
                <Table.Td><UnstyledButton onClick={() => { setOpen(open === e.id ? undefined : e.id); }} aria-expanded={open === e.id} fz="sm" c="blue.8" fw={500}>{e.action}</UnstyledButton></Table.Td>
                <Table.Td>{e.actor.name} <Text span size="xs" c="dimmed">({e.actor.type})</Text></Table.Td>
                <Table.Td>{e.target.type} <Text span size="xs" c="dimmed" ff="monospace">{e.target.id}</Text></Table.Td>
              </Table.Tr>
              {open === e.id ? (
                <Table.Tr><Table.Td colSpan={5}><EventDetails event={e} /></Table.Td></Table.Tr>
              ) : null}
            </Fragment>
          ))}
          {events.data?.items.length === 0 ? <Table.Tr><Table.Td colSpan={5}><Text size="sm" c="dimmed">No events match.</Text></Table.Td></Table.Tr> : null}
        </Table.Tbody>
      </Table>
      <CursorPager pages={pages} nextCursor={events.data?.nextCursor} loading={events.isFetching} label="Audit events" />
    </>
  );
}
