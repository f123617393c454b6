import { Anchor, Badge, Button, Card, Group, List, Radio, Select, SimpleGrid, Stack, Switch, Table, Text, TextInput, Title } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { api, ok } from '../../api/client';
import type { Platform } from '../../api/types';
import { asProblem, ErrorAlert } from '../../shared/error-alert';
import { platformLabels } from '../../shared/labels';
import { PageHeader } from '../../shared/page-header';
import { ScrollTable } from '../../shared/scroll-table';
import { challengeLabels, clientTypeLabels, conditionLabels, controlLabels, decisionLabels, identityProblemTitle, optionsOf, resultLabels, riskLabels } from './access-labels';
import { DevicePicker, useRelyingPartyOptions, UserPicker } from './directory-pickers';
import type { ClientType, PolicyOutcome, SignInRisk, WhatIfRequest, WhatIfResult } from './identity-types';

const riskOptions = optionsOf(riskLabels);

function Applied({ outcome }: { readonly outcome: PolicyOutcome }) {
  if (outcome.applied) return <Text size="sm">Yes</Text>;
  return <Text size="sm">No: {outcome.notAppliedBecause === null ? 'a condition did not match' : conditionLabels[outcome.notAppliedBecause]}</Text>;
}

function Controls({ outcome }: { readonly outcome: PolicyOutcome }) {
  if (outcome.blocks) return <Text size="sm">Blocks access</Text>;
  if (outcome.satisfiedControls.length === 0 && outcome.missingControls.length === 0) return <Text size="sm" c="dimmed">—</Text>;
  return (
    <Stack gap={2}>
      {outcome.satisfiedControls.length === 0 ? null : <Text size="sm">Has: {outcome.satisfiedControls.map((c) => controlLabels[c]).join(', ')}</Text>}
      {outcome.missingControls.length === 0 ? null : <Text size="sm">Lacks: {outcome.missingControls.map((c) => controlLabels[c]).join(', ')}</Text>}
      {outcome.challenges.length === 0 ? null : <Text size="sm">Met by: {outcome.challenges.map((c) => challengeLabels[c]).join(', ')}</Text>}
    </Stack>
  );
}

function Verdict({ result }: { readonly result: WhatIfResult }) {
  const decision = decisionLabels[result.decision];
  const blocking = result.policies.filter((p) => result.blockingPolicyIds.includes(p.policyId)).map((p) => p.name);
  const reportOnlyWould = result.policies.filter((p) => p.reportOnly && (p.result === 'failure' || p.result === 'interrupt'));
  return (
    <Card withBorder component="section" aria-labelledby="verdict-title" data-testid="what-if-result" data-decision={result.decision}>
      <Group gap="sm" mb="xs">
        <Title order={2} size="h4" id="verdict-title">Decision</Title>
        <Badge size="lg" color={decision.color} variant="light">{decision.label}</Badge>
      </Group>
      <List size="sm" spacing={4}>
        {result.decision === 'block' ? <List.Item>Blocked by {blocking.length === 0 ? 'an enforced policy' : blocking.join(', ')}.</List.Item> : null}
        {result.challenges.length === 0 ? null : <List.Item>The user is asked for: {result.challenges.map((c) => challengeLabels[c]).join(', then ')}.</List.Item>}
        {result.missingControls.length === 0 ? null : <List.Item>Missing: {result.missingControls.map((c) => controlLabels[c]).join(', ')}.</List.Item>}
        {result.satisfiedControls.length === 0 ? null : <List.Item>Met: {result.satisfiedControls.map((c) => controlLabels[c]).join(', ')}.</List.Item>}
        <List.Item>Session: {result.signInFrequencyHours === null ? 'no sign-in frequency applies' : `must sign in again after ${result.signInFrequencyHours} hours`}.</List.Item>
        <List.Item>Sign-in risk assumed: {riskLabels[result.signInRisk].label.toLowerCase()}.</List.Item>
        <List.Item>Device: {result.deviceId === null ? 'unknown (not proven), which fails "a compliant device"' : <Anchor component={Link} to={`/devices/${result.deviceId}`} size="sm">{result.deviceId}</Anchor>}.</List.Item>
        {reportOnlyWould.length === 0 ? null : <List.Item>Report-only policies that would have stepped in: {reportOnlyWould.map((p) => p.name).join(', ')}.</List.Item>}
      </List>
      <ScrollTable label="Policies evaluated table" minWidth={760}>
        <Table striped fz="sm" mt="md" data-testid="what-if-policies">
          <Table.Caption>{result.policies.length === 0 ? 'No policy is on or report-only: every sign-in is allowed.' : `${result.policies.length} ${result.policies.length === 1 ? 'policy' : 'policies'} evaluated (on and report-only), by name`}</Table.Caption>
          <Table.Thead><Table.Tr><Table.Th>Policy</Table.Th><Table.Th>Mode</Table.Th><Table.Th>Applies</Table.Th><Table.Th>Result</Table.Th><Table.Th>Controls</Table.Th></Table.Tr></Table.Thead>
          <Table.Tbody>
            {result.policies.map((p) => (
              <Table.Tr key={p.policyId} data-policy={p.name} data-result={p.result} data-applied={p.applied}>
                <Table.Td><Anchor component={Link} to={`/conditional-access/${p.policyId}`} size="sm">{p.name}</Anchor></Table.Td>
                <Table.Td>{p.reportOnly ? <Badge component="span" color="blue" variant="light">Report-only</Badge> : <Badge component="span" color="green" variant="light">On</Badge>}</Table.Td>
                <Table.Td><Applied outcome={p} /></Table.Td>
                <Table.Td><Badge component="span" color={resultLabels[p.result].color} variant="light" miw="max-content">{resultLabels[p.result].label}</Badge></Table.Td>
                <Table.Td><Controls outcome={p} /></Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </ScrollTable>
    </Card>
  );
}

/**
 * `/what-if`: which policies would apply to a sign-in of this user to this relying party from this
 * device and network, and what the decision would be. Evaluated by the server exactly as a real
 * sign-in; nothing is recorded.
 */
export function WhatIfPage() {
  const [userId, setUserId] = useState<string | null>(null);
  const [relyingPartyId, setRelyingPartyId] = useState<string | null>(null);
  const [deviceId, setDeviceId] = useState<string | null>(null);
  const [ip, setIp] = useState('');
  const [clientType, setClientType] = useState<ClientType>('browser');
  const [platform, setPlatform] = useState<Platform | null>(null);
  const [mfaDone, setMfaDone] = useState(false);
  const [risk, setRisk] = useState<SignInRisk | null>(null);
  const parties = useRelyingPartyOptions();
  const evaluate = useMutation({
    mutationFn: (body: WhatIfRequest) => ok(api.POST('/api/v1/identity/what-if', { body })),
  });
  const submit = () => {
    if (userId === null || relyingPartyId === null) return;
    evaluate.mutate({
      userId,
      relyingPartyId,
      clientType,
      mfaDone,
      ...(deviceId === null ? {} : { device: deviceId }),
      ...(ip.trim() === '' ? {} : { ip: ip.trim() }),
      ...(deviceId === null && platform !== null ? { platform } : {}),
      ...(risk === null ? {} : { signInRisk: risk }),
    });
  };
  const problem = evaluate.error === null ? undefined : asProblem(evaluate.error);
  const field = typeof problem?.details?.field === 'string' ? problem.details.field : undefined;
  return (
    <>
      <PageHeader title="What if" description="Try a sign-in without anyone signing in: the policies that would apply, and what each would ask. Nothing is recorded." actions={<Button variant="default" component={Link} to="/conditional-access">Policies</Button>} />
      <Card withBorder mb="md">
        <form onSubmit={(e) => { e.preventDefault(); submit(); }} aria-label="Sign-in to evaluate">
          <Stack gap="sm">
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <UserPicker label="User" required placeholder="Search by name or e-mail" value={userId} onChange={setUserId} error={problem?.code === 'USER_NOT_FOUND' ? problem.message : undefined} />
              <Select
                label="Relying party"
                required
                placeholder={parties.isPending ? 'Loading…' : 'The application signed in to'}
                data={parties.data}
                value={relyingPartyId}
                onChange={setRelyingPartyId}
                searchable
                nothingFoundMessage="No relying party by that name"
                description={parties.data.length === 0 && !parties.isPending ? <>None registered yet: <Anchor component={Link} to="/relying-parties" size="xs">add one</Anchor>.</> : undefined}
                error={problem?.code === 'RELYING_PARTY_NOT_FOUND' ? problem.message : undefined}
              />
              <DevicePicker label="Device" placeholder="Unknown device (not proven)" description="As if this device proved itself at sign-in. Empty: an unknown device." value={deviceId} onChange={setDeviceId} error={problem?.code === 'DEVICE_NOT_FOUND' ? problem.message : undefined} />
              <TextInput label="IP address" placeholder="Unknown" description="IPv4 or IPv6, for network conditions." value={ip} onChange={(e) => { setIp(e.currentTarget.value); }} maxLength={64} error={field === 'ip' ? problem?.message : undefined} />
              <Select label="Platform the browser claims" description="Used only for an unknown device; a proven device's own platform wins." data={optionsOf(platformLabels)} value={platform} onChange={(v) => { setPlatform(v); }} clearable placeholder="Not known" disabled={deviceId !== null} />
              <Select label="Sign-in risk" description="Empty: from the user's failed attempts in the last hour." data={riskOptions} value={risk} onChange={(v) => { setRisk(v); }} clearable placeholder="From recent attempts" />
            </SimpleGrid>
            <Group gap="xl" align="flex-start">
              <Radio.Group label="Client type" value={clientType} onChange={(v) => { setClientType(v); }}>
                <Group gap="lg" mt={6}>{optionsOf(clientTypeLabels).map((o) => <Radio key={o.value} value={o.value} label={o.label} />)}</Group>
              </Radio.Group>
              <Switch mt="lg" label="The user already passed MFA in this session" checked={mfaDone} onChange={(e) => { setMfaDone(e.currentTarget.checked); }} />
            </Group>
            {problem === undefined ? null : <ErrorAlert error={problem} title={identityProblemTitle(problem)} />}
            <Group justify="flex-end">
              <Button type="submit" loading={evaluate.isPending} disabled={userId === null || relyingPartyId === null}>Evaluate</Button>
            </Group>
          </Stack>
        </form>
      </Card>
      {evaluate.data === undefined ? null : <Verdict result={evaluate.data} />}
    </>
  );
}
