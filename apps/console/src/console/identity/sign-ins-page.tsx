import { Anchor, Badge, Code, Group, Paper, Select, SimpleGrid, Stack, Table, Text, TextInput, UnstyledButton } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Fragment, useState } from 'react';
import { Link } from 'react-router';
import { api, ok } from '../../api/client';
import type { Query } from '../../api/types';
import { CursorPager } from '../../shared/cursor-pager';
import { asProblem, ErrorAlert } from '../../shared/error-alert';
import { formatDateTime } from '../../shared/format';
import { PageHeader } from '../../shared/page-header';
import { ScrollTable } from '../../shared/scroll-table';
import { useCursorPages } from '../../shared/use-cursor-pages';
import { clientTypeLabels, controlLabels, identityProblemTitle, optionsOf, outcomeLabels, resultLabels, riskLabels } from './access-labels';
import { useRelyingPartyOptions, UserPicker } from './directory-pickers';
import type { SignIn, SignInOutcome } from './identity-types';

/** A local datetime-local value as an RFC 3339 instant, or undefined when empty or invalid. */
function instant(local: string): string | undefined {
  if (local === '') return undefined;
  const at = new Date(local);
  return Number.isNaN(at.getTime()) ? undefined : at.toISOString();
}

function SignInDetails({ signIn, relyingPartyName }: { readonly signIn: SignIn; readonly relyingPartyName: string }) {
  return (
    <Stack gap="sm" p="sm" data-testid="sign-in-details">
      <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="xs">
        <Text size="sm"><Text span fw={500}>Relying party:</Text> {relyingPartyName}</Text>
        <Text size="sm"><Text span fw={500}>Device:</Text> {signIn.deviceId === null ? 'unknown (not proven)' : <Anchor component={Link} to={`/devices/${signIn.deviceId}`} size="sm">{signIn.deviceId}</Anchor>}</Text>
        <Text size="sm"><Text span fw={500}>Sign-in risk:</Text> {riskLabels[signIn.signInRisk].label}</Text>
        <Text size="sm"><Text span fw={500}>Client:</Text> {clientTypeLabels[signIn.clientType]}</Text>
        <Text size="sm"><Text span fw={500}>Address:</Text> {signIn.ip ?? 'unknown'}</Text>
        <Text size="sm"><Text span fw={500}>Reason:</Text> {signIn.failureReason === null ? '—' : <Code>{signIn.failureReason}</Code>}</Text>
      </SimpleGrid>
      {signIn.detail === null ? null : <Text size="sm">{signIn.detail}</Text>}
      {signIn.userAgent === null ? null : <Text size="xs" c="dimmed" style={{ wordBreak: 'break-all' }}>User agent: {signIn.userAgent}</Text>}
      <Table fz="sm" withTableBorder data-testid="sign-in-policies">
        <Table.Caption>{signIn.policies.length === 0 ? 'No policy was on or report-only at the time.' : 'Policies evaluated, with their names at the time'}</Table.Caption>
        <Table.Thead><Table.Tr><Table.Th>Policy</Table.Th><Table.Th>Mode</Table.Th><Table.Th>Result</Table.Th><Table.Th>Missing controls</Table.Th></Table.Tr></Table.Thead>
        <Table.Tbody>
          {signIn.policies.map((p) => (
            <Table.Tr key={p.policyId} data-policy={p.name} data-result={p.result}>
              <Table.Td><Anchor component={Link} to={`/conditional-access/${p.policyId}`} size="sm">{p.name}</Anchor></Table.Td>
              <Table.Td>{p.reportOnly ? 'Report-only' : 'On'}</Table.Td>
              <Table.Td><Badge component="span" color={resultLabels[p.result].color} variant="light" miw="max-content">{resultLabels[p.result].label}</Badge></Table.Td>
              <Table.Td>{p.missingControls.length === 0 ? '—' : p.missingControls.map((c) => controlLabels[c]).join(', ')}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}

/** `/sign-ins`: every sign-in attempt through Ward, newest first, a server page at a time. */
export function SignInsPage() {
  const pages = useCursorPages();
  const [userId, setUserId] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<SignInOutcome | null>(null);
  const [relyingPartyId, setRelyingPartyId] = useState<string | null>(null);
  const [range, setRange] = useState({ from: '', to: '' });
  const [open, setOpen] = useState<string | undefined>();
  const [debounced] = useDebouncedValue(range, 300);
  const parties = useRelyingPartyOptions(relyingPartyId === null ? [] : [relyingPartyId]);
  const partyName = (id: string | null) => (id === null ? '—' : parties.data.find((p) => p.value === id)?.label ?? id);
  const from = instant(debounced.from);
  const to = instant(debounced.to);
  const query: Query<'listSignIns'> = {
    limit: 50,
    ...(userId === null ? {} : { userId }),
    ...(outcome === null ? {} : { outcome }),
    ...(relyingPartyId === null ? {} : { relyingPartyId }),
    ...(from === undefined ? {} : { from }),
    ...(to === undefined ? {} : { to }),
    ...(pages.cursor === undefined ? {} : { cursor: pages.cursor }),
  };
  const signIns = useQuery({ queryKey: ['sign-ins', query], queryFn: () => ok(api.GET('/api/v1/identity/sign-ins', { params: { query } })), placeholderData: keepPreviousData });
  const items = signIns.data?.items ?? [];
  const filtered = userId !== null || outcome !== null || relyingPartyId !== null || from !== undefined || to !== undefined;
  return (
    <>
      <PageHeader title="Sign-in log" description="Every sign-in through Ward, how it ended and what each conditional access policy said. Kept 30 days." />
      <Paper withBorder p="sm" mb="md">
        <Group gap="sm" align="flex-end" wrap="wrap">
          <UserPicker label="User" placeholder="Anyone" value={userId} onChange={(v) => { setUserId(v); pages.reset(); }} w={260} />
          <Select label="Outcome" data={optionsOf(outcomeLabels)} value={outcome} onChange={(v) => { setOutcome(v); pages.reset(); }} clearable placeholder="Any" w={150} />
          <Select label="Relying party" data={parties.data} value={relyingPartyId} onChange={(v) => { setRelyingPartyId(v); pages.reset(); }} clearable searchable placeholder="Any" w={220} />
          <TextInput label="From" type="datetime-local" value={range.from} onChange={(e) => { setRange({ ...range, from: e.currentTarget.value }); pages.reset(); }} w={200} />
          <TextInput label="To" type="datetime-local" value={range.to} onChange={(e) => { setRange({ ...range, to: e.currentTarget.value }); pages.reset(); }} w={200} />
        </Group>
      </Paper>
      {signIns.error === null ? null : <ErrorAlert error={signIns.error} title={identityProblemTitle(asProblem(signIns.error))} />}
      <ScrollTable label="Sign-ins table" minWidth={860}>
        <Table striped fz="sm" data-testid="sign-ins" aria-busy={signIns.isFetching}>
          <Table.Caption>{signIns.isPending ? 'Loading sign-ins…' : 'Sign-ins, newest first; open one to see the policies evaluated'}</Table.Caption>
          <Table.Thead><Table.Tr><Table.Th>When</Table.Th><Table.Th>User</Table.Th><Table.Th>Relying party</Table.Th><Table.Th>Outcome</Table.Th><Table.Th>Reason</Table.Th><Table.Th>Address</Table.Th><Table.Th>Policies</Table.Th></Table.Tr></Table.Thead>
          <Table.Tbody>
            {items.map((s) => {
              const worded = outcomeLabels[s.outcome];
              const applied = s.policies.filter((p) => p.result !== 'notApplied').length;
              return (
                <Fragment key={s.id}>
                  <Table.Tr data-sign-in={s.id} data-outcome={s.outcome}>
                    <Table.Td><UnstyledButton onClick={() => { setOpen(open === s.id ? undefined : s.id); }} aria-expanded={open === s.id} fz="sm" c="blue.8" fw={500}>{formatDateTime(s.at)}</UnstyledButton></Table.Td>
                    <Table.Td>{s.userId === null ? s.userName : <Anchor component={Link} to={`/users/${s.userId}`} size="sm">{s.userName}</Anchor>}</Table.Td>
                    <Table.Td>{partyName(s.relyingPartyId)}</Table.Td>
                    <Table.Td><Badge component="span" color={worded.color} variant="light" miw="max-content">{worded.label}</Badge></Table.Td>
                    <Table.Td>{s.failureReason === null ? '—' : <Code>{s.failureReason}</Code>}</Table.Td>
                    <Table.Td>{s.ip ?? '—'}</Table.Td>
                    <Table.Td>{applied} of {s.policies.length} applied</Table.Td>
                  </Table.Tr>
                  {open === s.id ? <Table.Tr><Table.Td colSpan={7}><SignInDetails signIn={s} relyingPartyName={partyName(s.relyingPartyId)} /></Table.Td></Table.Tr> : null}
                </Fragment>
              );
            })}
            {!signIns.isPending && items.length === 0 ? <Table.Tr><Table.Td colSpan={7}><Text size="sm" c="dimmed" ta="center" py="md">{filtered ? 'No sign-in matches.' : 'No sign-ins yet.'}</Text></Table.Td></Table.Tr> : null}
          </Table.Tbody>
        </Table>
      </ScrollTable>
      <CursorPager pages={pages} nextCursor={signIns.data?.nextCursor} loading={signIns.isFetching} label="Sign-ins" />
    </>
  );
}
