import { Alert, Anchor, Badge, Button, Card, Group, List, Modal, Stack, Table, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { api, ok } from '../api/client';
import { ComplianceBadge } from '../shared/badges';
import { ErrorAlert } from '../shared/error-alert';
import { formatAgo, formatDateTime } from '../shared/format';
import { platformLabels } from '../shared/labels';
import { ItAccessCard } from './it-access-card';
import type { MyDeviceCompliance, MyDeviceDetail, MyRule } from './portal-types';

function FailingRule({ rule }: { readonly rule: MyRule }) {
  return (
    <Card withBorder component="li" aria-label={rule.title} padding="sm">
      <Group justify="space-between" wrap="nowrap" align="flex-start" gap="xs">
        <Text fw={600} size="sm" style={{ overflowWrap: 'anywhere' }}>{rule.title}</Text>
        <Badge color={rule.outcome === 'failed' ? 'red' : 'gray'} variant="light" miw="max-content">{rule.outcome === 'failed' ? 'Fix this' : 'Not reported'}</Badge>
      </Group>
      <Text size="sm" c="dimmed" mt={4}>Needed: {rule.expected} · This device: {rule.actual ?? 'not reported yet'}</Text>
      <Text size="sm" mt="xs"><Text span fw={600}>What to do: </Text>{rule.remediation === '' ? (rule.outcome === 'unknown' ? 'Keep the device on and connected so it can report; if this stays, ask your IT team.' : 'Ask your IT team what to change.') : rule.remediation}</Text>
    </Card>
  );
}

function ComplianceSection({ compliance }: { readonly compliance: MyDeviceCompliance }) {
  const failing = compliance.policies.flatMap((p) => p.rules.filter((r) => r.outcome !== 'passed').map((rule) => ({ policy: p, rule })));
  const passed = compliance.policies.flatMap((p) => p.rules.filter((r) => r.outcome === 'passed'));
  const grace = compliance.policies.map((p) => p.graceEndsAt).filter((d): d is string => d !== null).sort()[0];
  return (
    <Card withBorder component="section" aria-labelledby="compliance-heading">
      <Group justify="space-between" wrap="wrap" mb="xs">
        <Title order={2} size="h4" id="compliance-heading">Company rules</Title>
        <ComplianceBadge state={compliance.state} />
      </Group>
      {compliance.policies.length === 0 ? <Text size="sm">No company rules apply to this device yet.</Text> : null}
      {grace === undefined ? null : <Alert color="yellow" variant="light" mb="sm" title="Fix it soon">Unless fixed by {formatDateTime(grace)}, this device will count as not compliant and may lose access to company apps.</Alert>}
      {failing.length === 0 && compliance.policies.length > 0 ? <Text size="sm">This device meets every rule. Nothing to do.</Text> : null}
      {failing.length === 0 ? null : (
        <Stack gap="xs" component="ul" p={0} m={0} style={{ listStyle: 'none' }} aria-label="Rules to fix">
          {failing.map(({ policy, rule }) => <FailingRule key={`${policy.policyName ?? ''}:${rule.ruleId}`} rule={rule} />)}
        </Stack>
      )}
      {passed.length === 0 ? null : (
        <>
          <Text size="sm" fw={600} mt="sm">Rules this device meets</Text>
          <List size="sm" spacing={2}>{passed.map((r, i) => <List.Item key={`${r.ruleId}:${String(i)}`}>{r.title}</List.Item>)}</List>
        </>
      )}
    </Card>
  );
}

function RetireCard({ device }: { readonly device: MyDeviceDetail }) {
  const [open, setOpen] = useState(false);
  const queries = useQueryClient();
  const retire = useMutation({
    mutationFn: () => ok(api.POST('/api/v1/me/devices/{id}/retire', { params: { path: { id: device.id } } })),
    onSuccess: async () => {
      setOpen(false);
      await queries.invalidateQueries({ queryKey: ['me'] });
    },
  });
  const done = device.managementState !== 'enrolled';
  return (
    <Card withBorder component="section" aria-labelledby="retire-heading">
      <Title order={2} size="h4" id="retire-heading" mb="xs">Remove this device</Title>
      {device.managementState === 'retirePending' ? <Text size="sm">Removal requested. The company’s settings, apps and access leave the device at its next check-in.</Text> : null}
      {device.managementState === 'retired' ? <Text size="sm">This device is no longer managed by your company.</Text> : null}
      {done ? null : (
        <>
          <Text size="sm" mb="sm">Selling it, giving it away or no longer using it for work? Removing it takes away the company’s settings, apps and access. {device.ownership === 'personal' ? 'Your own files and apps stay.' : 'Give a company device back to IT afterwards.'}</Text>
          <Button color="red" variant="light" onClick={() => { retire.reset(); setOpen(true); }}>Remove this device…</Button>
        </>
      )}
      {retire.data === undefined ? null : <Alert color="green" variant="light" mt="sm" role="status">Removal requested. It completes the next time the device checks in.</Alert>}
      <Modal opened={open} onClose={() => { setOpen(false); }} title={`Remove ${device.name}?`} centered closeButtonProps={{ 'aria-label': 'Close' }}>
        <Stack gap="sm">
          <Text size="sm">The company’s settings, apps and access leave this device, and it disappears from company management. You can enroll it again later.</Text>
          <ErrorAlert error={retire.error} />
          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={() => { setOpen(false); }}>Keep it</Button>
            <Button color="red" loading={retire.isPending} onClick={() => { retire.mutate(); }}>Remove device</Button>
          </Group>
        </Stack>
      </Modal>
    </Card>
  );
}

/** One of my devices: what it is, which company rules it fails and what to do, what IT sees, and removing it. */
export function MyDevicePage() {
  const { id = '' } = useParams();
  const device = useQuery({ queryKey: ['me', 'device', id], queryFn: () => ok(api.GET('/api/v1/me/devices/{id}', { params: { path: { id } } })) });
  const compliance = useQuery({ queryKey: ['me', 'device', id, 'compliance'], queryFn: () => ok(api.GET('/api/v1/me/devices/{id}/compliance', { params: { path: { id } } })) });
  const d = device.data;
  return (
    <Stack gap="md">
      <Anchor component={Link} to="/" size="sm">← My devices</Anchor>
      <ErrorAlert error={device.error} />
      {d === undefined ? null : (
        <>
          <Title order={1} size="h2" style={{ overflowWrap: 'anywhere' }}>{d.name}</Title>
          <Table variant="vertical" withTableBorder layout="fixed">
            <Table.Tbody>
              <Table.Tr><Table.Th w={140}>Kind</Table.Th><Table.Td>{platformLabels[d.platform]} {d.osVersion ?? ''}</Table.Td></Table.Tr>
              <Table.Tr><Table.Th>Model</Table.Th><Table.Td>{[d.manufacturer, d.model].filter(Boolean).join(' ') || 'Unknown'}</Table.Td></Table.Tr>
              <Table.Tr><Table.Th>Owned by</Table.Th><Table.Td>{d.ownership === 'personal' ? 'You (personal device)' : d.ownership === 'corporate' ? 'Your company' : 'Not stated'}</Table.Td></Table.Tr>
              <Table.Tr><Table.Th>Enrolled</Table.Th><Table.Td>{formatDateTime(d.enrolledAt)}</Table.Td></Table.Tr>
              <Table.Tr><Table.Th>Last check-in</Table.Th><Table.Td>{formatAgo(d.lastSeenAt)}</Table.Td></Table.Tr>
            </Table.Tbody>
          </Table>
        </>
      )}
      {/* One refusal is enough: a device that is not found has no compliance to explain either. */}
      {device.error === null ? <ErrorAlert error={compliance.error} /> : null}
      {compliance.data === undefined ? null : <ComplianceSection compliance={compliance.data} />}
      {d === undefined ? null : <ItAccessCard device={d} />}
      {d === undefined ? null : <RetireCard device={d} />}
    </Stack>
  );
}
