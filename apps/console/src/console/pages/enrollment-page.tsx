import { Badge, Button, Card, Checkbox, Group, Modal, NumberInput, SegmentedControl, SimpleGrid, Stack, Switch, Table, Text, TextInput, Title, VisuallyHidden } from '@mantine/core';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { api, ok } from '../../api/client';
import type { CreatedEnrollmentToken, EnrollmentRestrictions, EnrollmentToken, Platform } from '../../api/types';
import { useCaller } from '../../api/use-me';
import { CreatedTokenCard } from '../../shared/enrollment-token-card';
import { CursorPager } from '../../shared/cursor-pager';
import { ErrorAlert } from '../../shared/error-alert';
import { formatAgo, formatDateTime } from '../../shared/format';
import { platformLabels } from '../../shared/labels';
import { PageHeader } from '../../shared/page-header';
import { useCursorPages } from '../../shared/use-cursor-pages';
import { PushCertificateCard } from '../push-certificate-card';

function tokenState(token: EnrollmentToken, now: number): { label: string; color: string } {
  if (token.revokedAt !== null) return { label: 'Revoked', color: 'gray' };
  if (Date.parse(token.expiresAt) <= now) return { label: 'Expired', color: 'gray' };
  if (token.maxUses !== null && token.uses >= token.maxUses) return { label: 'Used up', color: 'gray' };
  return { label: 'Active', color: 'green' };
}

function CreateToken({ onClose }: { readonly onClose: () => void }) {
  const queries = useQueryClient();
  const [name, setName] = useState('');
  const [ownership, setOwnership] = useState<'corporate' | 'personal'>('corporate');
  const [uses, setUses] = useState<'one' | 'many'>('one');
  const [maxUses, setMaxUses] = useState<number>(10);
  const [hours, setHours] = useState<number>(168);
  const [created, setCreated] = useState<CreatedEnrollmentToken | undefined>();
  const create = useMutation({
    mutationFn: () => ok(api.POST('/api/v1/enrollment-tokens', { body: { name, ownership, maxUses: uses === 'one' ? 1 : maxUses, expiresInHours: hours } })),
    onSuccess: (answer) => {
      setCreated(answer);
      void queries.invalidateQueries({ queryKey: ['enrollment-tokens'] });
    },
  });
  return (
    <Modal opened onClose={onClose} title={created === undefined ? 'New enrollment token' : `Enrollment token ${created.token.name}`} centered size="xl">
      {created === undefined ? (
        <form onSubmit={(e) => { e.preventDefault(); create.mutate(); }}>
          <Stack gap="sm">
            <TextInput label="Name" description="What it is for, e.g. Finance laptops." required value={name} onChange={(e) => { setName(e.currentTarget.value); }} data-autofocus />
            <div>
              <Text size="sm" fw={500} id="ownership-label">Devices enrolled with it are</Text>
              <SegmentedControl aria-labelledby="ownership-label" data={[{ value: 'corporate', label: 'Corporate' }, { value: 'personal', label: 'Personal' }]} value={ownership} onChange={(v) => { setOwnership(v); }} />
            </div>
            <div>
              <Text size="sm" fw={500} id="uses-label">Uses</Text>
              <SegmentedControl aria-labelledby="uses-label" data={[{ value: 'one', label: 'One device' }, { value: 'many', label: 'Several devices' }]} value={uses} onChange={(v) => { setUses(v); }} />
            </div>
            {uses === 'many' ? <NumberInput label="Devices it may enroll" min={1} max={1_000_000} value={maxUses} onChange={(v) => { setMaxUses(typeof v === 'number' ? v : 1); }} /> : null}
            <NumberInput label="Valid for (hours)" min={1} max={2160} value={hours} onChange={(v) => { setHours(typeof v === 'number' ? v : 168); }} />
            <ErrorAlert error={create.error} />
            <Group justify="flex-end"><Button variant="default" onClick={onClose}>Cancel</Button><Button type="submit" loading={create.isPending}>Create token</Button></Group>
          </Stack>
        </form>
      ) : (
        <Stack gap="sm">
          <CreatedTokenCard created={created} />
          <Group justify="flex-end"><Button onClick={onClose}>Done</Button></Group>
        </Stack>
      )}
    </Modal>
  );
}

function Restrictions({ restrictions, editable }: { readonly restrictions: EnrollmentRestrictions; readonly editable: boolean }) {
  const queries = useQueryClient();
  const [allowed, setAllowed] = useState<readonly Platform[]>(restrictions.allowedPlatforms);
  const [minimums, setMinimums] = useState<Readonly<Partial<Record<Platform, string>>>>(restrictions.minOsVersion);
  const [allowPersonal, setAllowPersonal] = useState(restrictions.allowPersonal);
  const [maxDevices, setMaxDevices] = useState<number>(restrictions.maxDevicesPerUser);
  useEffect(() => {
    setAllowed(restrictions.allowedPlatforms);
    setMinimums(restrictions.minOsVersion);
    setAllowPersonal(restrictions.allowPersonal);
    setMaxDevices(restrictions.maxDevicesPerUser);
  }, [restrictions]);
  const save = useMutation({
    mutationFn: () => {
      const minOsVersion: Partial<Record<Platform, string | null>> = {};
      for (const platform of Object.keys(platformLabels) as Platform[]) {
        const value = (minimums[platform] ?? '').trim();
        const before = restrictions.minOsVersion[platform];
        if (value !== (before ?? '')) minOsVersion[platform] = value === '' ? null : value;
      }
      return ok(api.PATCH('/api/v1/enrollment-restrictions', { body: { allowedPlatforms: [...allowed], minOsVersion, allowPersonal, maxDevicesPerUser: maxDevices } }));
    },
    onSuccess: (updated) => { queries.setQueryData(['enrollment-restrictions'], updated); },
  });
  return (
    <form onSubmit={(e) => { e.preventDefault(); save.mutate(); }}>
      <Stack gap="sm">
        <Table fz="sm">
          <Table.Caption>Platforms that may enroll, and the oldest OS version each accepts</Table.Caption>
          <Table.Thead><Table.Tr><Table.Th>Platform</Table.Th><Table.Th>Minimum OS version</Table.Th></Table.Tr></Table.Thead>
          <Table.Tbody>
            {(Object.keys(platformLabels) as Platform[]).map((platform) => (
              <Table.Tr key={platform}>
                <Table.Td><Checkbox label={platformLabels[platform]} disabled={!editable} checked={allowed.includes(platform)} onChange={(e) => { setAllowed(e.currentTarget.checked ? [...allowed, platform] : allowed.filter((p) => p !== platform)); }} /></Table.Td>
                <Table.Td><TextInput aria-label={`Minimum ${platformLabels[platform]} version`} size="xs" w={120} disabled={!editable} placeholder="Any" value={minimums[platform] ?? ''} onChange={(e) => { setMinimums({ ...minimums, [platform]: e.currentTarget.value }); }} /></Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        <Switch label="Personal devices may enroll" disabled={!editable} checked={allowPersonal} onChange={(e) => { setAllowPersonal(e.currentTarget.checked); }} />
        <NumberInput label="Devices per user" min={1} max={1000} disabled={!editable} value={maxDevices} onChange={(v) => { setMaxDevices(typeof v === 'number' ? v : 1); }} w={160} />
        <ErrorAlert error={save.error} />
        <Group justify="space-between">
          <Text size="xs" c="dimmed">{Date.parse(restrictions.updatedAt) <= 0 ? 'The defaults, never changed.' : `Changed ${formatDateTime(restrictions.updatedAt)}.`} Devices already enrolled are not affected.</Text>
          {editable ? <Button type="submit" loading={save.isPending}>Save rules</Button> : null}
        </Group>
      </Stack>
    </form>
  );
}

/** How devices get in: enrollment tokens (with their command line and QR code), the rules, and Apple's push certificate. */
export function EnrollmentPage() {
  const { can } = useCaller();
  const queries = useQueryClient();
  const pages = useCursorPages();
  const [creating, setCreating] = useState(false);
  const tokens = useQuery({
    queryKey: ['enrollment-tokens', pages.cursor],
    queryFn: () => ok(api.GET('/api/v1/enrollment-tokens', { params: { query: { limit: 25, ...(pages.cursor === undefined ? {} : { cursor: pages.cursor }) } } })),
    placeholderData: keepPreviousData,
  });
  const restrictions = useQuery({ queryKey: ['enrollment-restrictions'], queryFn: () => ok(api.GET('/api/v1/enrollment-restrictions')) });
  const revoke = useMutation({
    mutationFn: (id: string) => ok(api.DELETE('/api/v1/enrollment-tokens/{id}', { params: { path: { id } } })),
    onSuccess: () => { void queries.invalidateQueries({ queryKey: ['enrollment-tokens'] }); },
  });
  const now = Date.now();
  return (
    <>
      <PageHeader title="Enrollment" description="A device enrolls by running the Ward agent's enroll command with a token." actions={can('createEnrollmentToken') ? <Button onClick={() => { setCreating(true); }}>New token</Button> : undefined} />
      <SimpleGrid cols={{ base: 1, lg: 3 }} spacing="lg">
        <Card withBorder style={{ gridColumn: 'span 2' }}>
          <Title order={2} size="h4" mb="sm">Tokens</Title>
          <ErrorAlert error={tokens.error ?? revoke.error} />
          <Table striped fz="sm" data-testid="enrollment-tokens">
            <Table.Caption>Enrollment tokens, newest first</Table.Caption>
            <Table.Thead><Table.Tr><Table.Th>Name</Table.Th><Table.Th>State</Table.Th><Table.Th>Ownership</Table.Th><Table.Th>Used</Table.Th><Table.Th>Expires</Table.Th><Table.Th>Created by</Table.Th><Table.Th><VisuallyHidden>Revoke</VisuallyHidden></Table.Th></Table.Tr></Table.Thead>
            <Table.Tbody>
              {(tokens.data?.items ?? []).map((t) => {
                const state = tokenState(t, now);
                return (
                  <Table.Tr key={t.id}>
                    <Table.Td>{t.name}</Table.Td>
                    <Table.Td><Badge variant="light" color={state.color}>{state.label}</Badge></Table.Td>
                    <Table.Td>{t.ownership}</Table.Td>
                    <Table.Td>{t.uses}{t.maxUses === null ? '' : ` of ${t.maxUses}`}</Table.Td>
                    <Table.Td title={formatDateTime(t.expiresAt)}>{formatAgo(t.expiresAt)}</Table.Td>
                    <Table.Td>{t.createdBy}</Table.Td>
                    <Table.Td>{can('revokeEnrollmentToken') && state.label === 'Active' ? <Button size="xs" variant="subtle" color="red" loading={revoke.isPending && revoke.variables === t.id} onClick={() => { revoke.mutate(t.id); }} aria-label={`Revoke ${t.name}`}>Revoke</Button> : null}</Table.Td>
                  </Table.Tr>
                );
              })}
              {tokens.data?.items.length === 0 ? <Table.Tr><Table.Td colSpan={7}><Text size="sm" c="dimmed">No enrollment tokens yet.</Text></Table.Td></Table.Tr> : null}
            </Table.Tbody>
          </Table>
          <CursorPager pages={pages} nextCursor={tokens.data?.nextCursor} loading={tokens.isFetching} label="Enrollment tokens" />
        </Card>
        <Card withBorder>
          <Title order={2} size="h4" mb="sm">Rules</Title>
          <ErrorAlert error={restrictions.error} />
          {restrictions.data === undefined ? null : <Restrictions restrictions={restrictions.data} editable={can('updateEnrollmentRestrictions')} />}
        </Card>
        <div style={{ gridColumn: 'span 2' }}>
          <PushCertificateCard />
        </div>
      </SimpleGrid>
      {creating ? <CreateToken onClose={() => { setCreating(false); }} /> : null}
    </>
  );
}

