import { Anchor, Badge, Card, Code, Group, List, Stack, Table, Text, Title } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { api, ok } from '../api/client';
import type { DeviceComplianceExplanation } from '../api/types';
import { ComplianceBadge } from '../shared/badges';
import { CursorPager } from '../shared/cursor-pager';
import { ErrorAlert } from '../shared/error-alert';
import { formatAgo, formatDateTime } from '../shared/format';
import { complianceLabels } from '../shared/labels';
import { useCursorPages } from '../shared/use-cursor-pages';
import { actionKindInfo, ruleTitle } from './compliance/compliance-labels';
import { profileKindInfo } from './profiles/profile-labels';
import { ProfileStatusBadge } from './profiles/profile-status';
import { ScrollTable } from '../shared/scroll-table';

/**
 * Every profile on the device and where it stands: pending, succeeded, failed with the device's
 * own error, in conflict with the profiles that set the same setting differently, not applicable
 * with the reason, or being removed.
 */
export function DeviceConfigurationTab({ deviceId }: { readonly deviceId: string }) {
  const configuration = useQuery({ queryKey: ['device', deviceId, 'configuration'], queryFn: () => ok(api.GET('/api/v1/devices/{id}/configuration', { params: { path: { id: deviceId } } })) });
  const items = configuration.data?.items ?? [];
  return (
    <Stack gap="sm">
      <ErrorAlert error={configuration.error} />
      <Table striped withTableBorder fz="sm" data-testid="device-configuration">
        <Table.Caption>Profiles on this device</Table.Caption>
        <Table.Thead><Table.Tr><Table.Th>Profile</Table.Th><Table.Th>Status</Table.Th><Table.Th>Details</Table.Th><Table.Th>Reported</Table.Th></Table.Tr></Table.Thead>
        <Table.Tbody>
          {items.map((item) => (
            <Table.Tr key={item.profileId} data-profile-status={item.status}>
              <Table.Td>
                {item.profileName === null ? <Text size="sm" c="dimmed">Deleted profile</Text> : <Anchor component={Link} to={`/profiles/${item.profileId}`} size="sm">{item.profileName}</Anchor>}
                {item.kind === null ? null : <Text size="xs" c="dimmed">{profileKindInfo[item.kind].label}</Text>}
              </Table.Td>
              <Table.Td><ProfileStatusBadge status={item.status} /></Table.Td>
              <Table.Td style={{ maxWidth: 480 }}>
                <Stack gap={4}>
                  {item.error === null ? null : <Text size="sm" c="red.9">Device error: {item.error}</Text>}
                  {item.reason === null ? null : <Text size="sm">{item.reason}</Text>}
                  {item.conflicts.map((c) => (
                    <Text key={c.settingId} size="sm">
                      <Code>{c.settingId}</Code> withheld: set differently by{' '}
                      {c.profiles.filter((p) => p.id !== item.profileId).map((p, i) => <span key={p.id}>{i === 0 ? '' : ', '}<Anchor component={Link} to={`/profiles/${p.id}`} size="sm">{p.name ?? p.id}</Anchor></span>)}
                    </Text>
                  ))}
                  {item.settings.filter((s) => s.status !== 'succeeded').map((s) => (
                    <Text key={s.id} size="xs"><Code>{s.id}</Code> {s.status}{s.error === undefined ? '' : `: ${s.error}`}</Text>
                  ))}
                  {item.error === null && item.reason === null && item.conflicts.length === 0 && item.settings.every((s) => s.status === 'succeeded') ? <Text size="sm" c="dimmed">—</Text> : null}
                </Stack>
              </Table.Td>
              <Table.Td>{item.reportedAt === null ? 'not yet' : formatDateTime(item.reportedAt)}</Table.Td>
            </Table.Tr>
          ))}
          {configuration.data !== undefined && items.length === 0 ? <Table.Tr><Table.Td colSpan={4}><Text size="sm" c="dimmed">No profile is assigned to this device.</Text></Table.Td></Table.Tr> : null}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}

type Cause = DeviceComplianceExplanation['history']['items'][number]['causes'][number];

/** Why a state changed, in words. */
function causeText(cause: Cause, policyName: (id: string) => string, ruleName: (policyId: string | undefined, ruleId: string) => string): string {
  const policy = cause.policyId === undefined ? '' : ` (${policyName(cause.policyId)})`;
  const rules = (cause.ruleIds ?? []).map((id) => ruleName(cause.policyId, id)).join(', ');
  switch (cause.kind) {
    case 'rulesFailed': return `Failed: ${rules}${policy}`;
    case 'factsMissing': return `Facts not reported for: ${rules}${policy}`;
    case 'rulesPassed': return `Every rule passed${policy}`;
    case 'graceEnded': return `Grace period ended ${cause.graceEndedAt === undefined ? '' : formatDateTime(cause.graceEndedAt)}${policy}`;
    case 'validityExpired': return `Silent too long: last seen ${formatDateTime(cause.lastSeenAt ?? null)}${policy}`;
    case 'evaluationError': return `Evaluation error: ${cause.message ?? ''}${policy}`;
    case 'policyChanged': return `Policy changed to version ${cause.version ?? '?'}${policy}`;
    case 'platformNotApplicable': return `Platform not covered${policy}`;
    case 'policyUnassigned': return `Policy no longer assigned${policy}`;
    case 'noPolicies': return 'No compliance policy is assigned';
  }
}

const outcomeColors = { passed: 'green', failed: 'red', unknown: 'gray' } as const;
const outcomeWords = { passed: 'Pass', failed: 'Fail', unknown: 'Unknown' } as const;

/**
 * Why the device is in its compliance state: per policy every rule with what it expects, what the
 * device reported, pass or fail, and what the user should do; the grace deadline and the scheduled
 * actions; then the history of state changes with their causes.
 */
export function DeviceComplianceTab({ deviceId }: { readonly deviceId: string }) {
  const pages = useCursorPages();
  const explanation = useQuery({
    queryKey: ['device', deviceId, 'compliance', pages.cursor],
    queryFn: () => ok(api.GET('/api/v1/devices/{id}/compliance', { params: { path: { id: deviceId }, query: { historyLimit: 20, ...(pages.cursor === undefined ? {} : { historyCursor: pages.cursor }) } } })),
    placeholderData: keepPreviousData,
  });
  const data = explanation.data;
  const policyName = (id: string) => data?.policies.find((p) => p.policyId === id)?.policyName ?? id;
  const ruleName = (policyId: string | undefined, ruleId: string) => data?.policies.find((p) => p.policyId === policyId)?.rules.find((r) => r.ruleId === ruleId)?.title ?? ruleTitle(ruleId);
  return (
    <Stack gap="md" data-testid="device-compliance">
      <ErrorAlert error={explanation.error} />
      {data === undefined ? (explanation.isPending ? <Text c="dimmed">Loading…</Text> : null) : (
        <>
          <Group gap="sm">
            <Text size="sm">Overall:</Text>
            <ComplianceBadge state={data.state} />
            <Text size="sm" c="dimmed">The most restrictive state across its policies · last seen {formatAgo(data.lastSeenAt)}</Text>
          </Group>
          {data.policies.length === 0 ? <Text size="sm" c="dimmed">No compliance policy is assigned to this device.</Text> : null}
          {data.policies.map((policy) => (
            <Card key={policy.policyId} withBorder component="section" aria-label={`Policy ${policy.policyName ?? policy.policyId}`} data-policy-state={policy.state}>
              <Group justify="space-between" align="flex-start" mb="xs">
                <div>
                  <Title order={3} size="h5">
                    {policy.policyName === null ? 'Deleted policy' : <Anchor component={Link} to={`/compliance-policies/${policy.policyId}`}>{policy.policyName}</Anchor>}
                  </Title>
                  <Text size="xs" c="dimmed">
                    Evaluated {formatDateTime(policy.evaluatedAt)} against version {policy.evaluatedVersion}
                    {policy.policyVersion !== null && policy.policyVersion !== policy.evaluatedVersion ? ` (version ${policy.policyVersion} is waiting to be evaluated)` : ''}
                  </Text>
                </div>
                <ComplianceBadge state={policy.state} />
              </Group>
              {policy.failingSince === null ? null : <Text size="sm">Failing since {formatDateTime(policy.failingSince)}.</Text>}
              {policy.graceEndsAt === null ? null : <Text size="sm" fw={600} c="yellow.9">Noncompliant {formatAgo(policy.graceEndsAt)} ({formatDateTime(policy.graceEndsAt)}) unless fixed.</Text>}
              <ScrollTable label={`Rules of ${policy.policyName ?? 'the policy'}`} minWidth={640}>
                <Table withTableBorder fz="sm" data-testid="compliance-rules">
                  <Table.Caption>Rules of {policy.policyName ?? 'the policy'}: expected, reported, outcome and what to do</Table.Caption>
                  <Table.Thead><Table.Tr><Table.Th>Rule</Table.Th><Table.Th>Expected</Table.Th><Table.Th>Reported</Table.Th><Table.Th>Outcome</Table.Th><Table.Th>What to do</Table.Th></Table.Tr></Table.Thead>
                  <Table.Tbody>
                    {policy.rules.map((rule) => (
                      <Table.Tr key={rule.ruleId} data-rule-outcome={rule.outcome}>
                        <Table.Td>{rule.title}</Table.Td>
                        <Table.Td><Code>{rule.expected}</Code></Table.Td>
                        <Table.Td>{rule.actual === null ? <Text size="sm" c="dimmed">not reported</Text> : <Code>{rule.actual}</Code>}</Table.Td>
                        <Table.Td><Badge variant="light" color={outcomeColors[rule.outcome]}>{outcomeWords[rule.outcome]}</Badge></Table.Td>
                        <Table.Td>{rule.remediation === '' ? '—' : rule.remediation}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </ScrollTable>
              {policy.actions.length === 0 ? null : (
                <>
                  <Text size="sm" fw={600} mt="sm">Scheduled actions</Text>
                  <List size="sm" spacing={2}>
                    {policy.actions.map((a) => (
                      <List.Item key={a.actionId}>
                        {actionKindInfo[a.kind].label}: {a.doneAt === null ? `due ${formatDateTime(a.dueAt)}` : `done ${formatDateTime(a.doneAt)}`}
                        {a.outcome === null ? '' : ` — ${a.outcome.status}${a.outcome.error === undefined ? '' : `: ${a.outcome.error}`}${a.outcome.reason === undefined ? '' : ` (${a.outcome.reason})`}`}
                      </List.Item>
                    ))}
                  </List>
                </>
              )}
            </Card>
          ))}
          <Card withBorder component="section" aria-labelledby="compliance-history-title">
            <Title order={3} size="h5" mb="xs" id="compliance-history-title">History</Title>
            <Table striped fz="sm" data-testid="compliance-history">
              <Table.Caption>State changes, newest first</Table.Caption>
              <Table.Thead><Table.Tr><Table.Th>When</Table.Th><Table.Th>Against</Table.Th><Table.Th>Change</Table.Th><Table.Th>Why</Table.Th></Table.Tr></Table.Thead>
              <Table.Tbody>
                {data.history.items.map((h) => (
                  <Table.Tr key={h.id}>
                    <Table.Td>{formatDateTime(h.at)}</Table.Td>
                    <Table.Td>{h.policyId === null ? 'Overall' : policyName(h.policyId)}</Table.Td>
                    <Table.Td>{complianceLabels[h.from].label} → {complianceLabels[h.to].label}</Table.Td>
                    <Table.Td>{h.causes.map((c) => causeText(c, policyName, ruleName)).join('; ')}</Table.Td>
                  </Table.Tr>
                ))}
                {data.history.items.length === 0 ? <Table.Tr><Table.Td colSpan={4}><Text size="sm" c="dimmed">No state changes yet.</Text></Table.Td></Table.Tr> : null}
              </Table.Tbody>
            </Table>
            <CursorPager pages={pages} nextCursor={data.history.nextCursor} loading={explanation.isFetching} label="Compliance history" />
          </Card>
        </>
      )}
    </Stack>
  );
}
