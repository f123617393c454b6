import { ActionIcon, Anchor, Badge, Button, Card, Code, Group, Modal, MultiSelect, NumberInput, Select, SimpleGrid, Stack, Switch, Tabs, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { api, ok } from '../../api/client';
import type { ComplianceActionKind, CompliancePolicy, ComplianceRuleKind, Platform } from '../../api/types';
import { useCaller } from '../../api/use-me';
import { asProblem, ErrorAlert } from '../../shared/error-alert';
import { formatDateTime } from '../../shared/format';
import { platformLabels } from '../../shared/labels';
import { PageHeader } from '../../shared/page-header';
import { AssignmentsPanel } from '../assignments-panel';
import { SecretInput } from '../profiles/kind-forms';
import { actionKindInfo, actionKinds, customRuleFacts, ruleKindInfo, ruleKinds } from '../compliance/compliance-labels';

const platformOptions = Object.entries(platformLabels).map(([value, label]) => ({ value, label }));

/** A rule as the editor holds it; `id` is kept for stored rules so reports keep counting the same rule. */
interface RuleDraft {
  readonly key: number;
  readonly id: string | undefined;
  readonly kind: ComplianceRuleKind;
  readonly remediation: string;
  readonly version: string;
  readonly seconds: number | string;
  readonly days: number | string;
  readonly name: string;
  readonly expression: string;
}

interface ActionDraft {
  readonly key: number;
  readonly id: string | undefined;
  readonly kind: ComplianceActionKind;
  readonly afterHours: number | string;
  readonly toPrimaryUser: boolean;
  readonly extraRecipients: string;
  readonly subject: string;
  readonly body: string;
  readonly url: string;
  readonly secret: { readonly stored: boolean; readonly value: string };
}

let nextKey = 1;

function newRule(kind: ComplianceRuleKind): RuleDraft {
  return { key: nextKey++, id: undefined, kind, remediation: '', version: '', seconds: 300, days: 7, name: '', expression: '' };
}

function newAction(kind: ComplianceActionKind): ActionDraft {
  return { key: nextKey++, id: undefined, kind, afterHours: kind === 'markNoncompliant' ? 24 : 0, toPrimaryUser: true, extraRecipients: '', subject: 'Your device needs attention', body: 'Hello {{user.displayName}},\n\nYour device {{device.name}} does not meet the company\'s rules.', url: '', secret: { stored: false, value: '' } };
}

function ruleDraft(r: CompliancePolicy['rules'][number]): RuleDraft {
  return { ...newRule(r.kind), id: r.id, remediation: r.remediation ?? '', version: r.version ?? '', seconds: r.seconds ?? 300, days: r.days ?? 7, name: r.name ?? '', expression: r.expression ?? '' };
}

function actionDraft(a: CompliancePolicy['actions'][number]): ActionDraft {
  return {
    ...newAction(a.kind),
    id: a.id,
    afterHours: a.afterHours,
    toPrimaryUser: a.toPrimaryUser ?? true,
    extraRecipients: (a.extraRecipients ?? []).join(', '),
    subject: a.subject ?? '',
    body: a.body ?? '',
    url: a.url ?? '',
    // A stored webhook always has its secret; it is never read back.
    secret: { stored: a.kind === 'notifyWebhook', value: '' },
  };
}

const numberOf = (v: number | string): number | string => (typeof v === 'number' ? v : v.trim() !== '' && Number.isFinite(Number(v)) ? Number(v) : v);

function ruleBody(r: RuleDraft): Record<string, unknown> {
  const parameter = ruleKindInfo[r.kind].parameter;
  return {
    ...(r.id === undefined ? {} : { id: r.id }),
    kind: r.kind,
    remediation: r.remediation.trim() === '' ? null : r.remediation,
    ...(parameter === 'version' ? { version: r.version.trim() } : {}),
    ...(parameter === 'seconds' ? { seconds: numberOf(r.seconds) } : {}),
    ...(parameter === 'days' ? { days: numberOf(r.days) } : {}),
    ...(parameter === 'expression' ? { name: r.name, expression: r.expression } : {}),
  };
}

function actionBody(a: ActionDraft): Record<string, unknown> {
  const base = { ...(a.id === undefined ? {} : { id: a.id }), kind: a.kind, afterHours: numberOf(a.afterHours) };
  switch (a.kind) {
    case 'notifyEmail':
      return { ...base, toPrimaryUser: a.toPrimaryUser, extraRecipients: a.extraRecipients.split(/[\s,;]+/).filter((x) => x !== ''), subject: a.subject, body: a.body };
    case 'notifyWebhook':
      return { ...base, url: a.url, ...(a.secret.value === '' ? {} : { secret: a.secret.value }) };
    default:
      return base;
  }
}

/** Which rule or action a server error names (`rules[2].expression` → rules, 2). */
function problemIndex(error: unknown, list: 'rules' | 'actions'): number | undefined {
  if (error === null || error === undefined) return undefined;
  const field = asProblem(error).details?.field;
  const match = typeof field === 'string' ? new RegExp(`^${list}\\[(\\d+)\\]`).exec(field) : null;
  return match?.[1] === undefined ? undefined : Number(match[1]);
}

function RuleEditor({ rule, index, onChange, onRemove, flagged }: { readonly rule: RuleDraft; readonly index: number; readonly onChange: (r: RuleDraft) => void; readonly onRemove: () => void; readonly flagged: boolean }) {
  const info = ruleKindInfo[rule.kind];
  const set = (change: Partial<RuleDraft>) => { onChange({ ...rule, ...change }); };
  const label = rule.kind === 'custom' ? rule.name || 'Custom rule' : info.label;
  return (
    <Card withBorder component="fieldset" aria-label={`Rule ${index + 1}: ${label}`} style={{ borderColor: flagged ? 'var(--mantine-color-red-7)' : undefined }} data-rule-index={index}>
      <Group justify="space-between" align="flex-start" mb="xs">
        <div>
          <Text size="sm" fw={600}>{index + 1}. {info.label}{rule.id === undefined ? null : <Text span size="xs" c="dimmed" ml={6}>id <Code>{rule.id}</Code></Text>}</Text>
          <Text size="xs" c="dimmed">{info.hint}</Text>
        </div>
        <ActionIcon variant="subtle" color="red" aria-label={`Remove rule ${index + 1}`} onClick={onRemove}>✕</ActionIcon>
      </Group>
      <Stack gap="xs">
        {info.parameter === 'version' ? <TextInput label="Version" required value={rule.version} onChange={(e) => { set({ version: e.currentTarget.value }); }} placeholder="14.2" description="Dot-separated numbers, such as 14.2 or 10.0.22631." w={260} /> : null}
        {info.parameter === 'seconds' ? <NumberInput label="Seconds" required value={rule.seconds} onChange={(seconds) => { set({ seconds }); }} allowDecimal={false} clampBehavior="none" description="1 to 86,400." w={200} /> : null}
        {info.parameter === 'days' ? <NumberInput label="Days" required value={rule.days} onChange={(days) => { set({ days }); }} allowDecimal={false} clampBehavior="none" description="1 to 365." w={200} /> : null}
        {info.parameter === 'expression' ? (
          <>
            <TextInput label="Rule name" required value={rule.name} onChange={(e) => { set({ name: e.currentTarget.value }); }} description="What reports and the user see." />
            <Textarea
              label="Expression"
              required
              value={rule.expression}
              onChange={(e) => { set({ expression: e.currentTarget.value }); }}
              autosize
              minRows={2}
              styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
              description={<>Over device facts such as {customRuleFacts.slice(0, 6).map((f, i) => <span key={f}>{i === 0 ? '' : ', '}<Code>{f}</Code></span>)}, … Example: <Code>device.freeStorageBytes {'>'} 10000000000 and device.secureBoot == true</Code></>}
            />
          </>
        ) : null}
        <Textarea label="Remediation for the user" value={rule.remediation} onChange={(e) => { set({ remediation: e.currentTarget.value }); }} autosize minRows={1} placeholder="Empty: Ward's built-in advice for this kind of rule" />
      </Stack>
    </Card>
  );
}

function ActionEditor({ action, index, onChange, onRemove, flagged }: { readonly action: ActionDraft; readonly index: number; readonly onChange: (a: ActionDraft) => void; readonly onRemove: () => void; readonly flagged: boolean }) {
  const info = actionKindInfo[action.kind];
  const set = (change: Partial<ActionDraft>) => { onChange({ ...action, ...change }); };
  return (
    <Card withBorder component="fieldset" aria-label={`Action ${index + 1}: ${info.label}`} style={{ borderColor: flagged ? 'var(--mantine-color-red-7)' : undefined }}>
      <Group justify="space-between" align="flex-start" mb="xs">
        <div><Text size="sm" fw={600}>{info.label}</Text><Text size="xs" c="dimmed">{info.hint}</Text></div>
        <ActionIcon variant="subtle" color="red" aria-label={`Remove action ${index + 1}`} onClick={onRemove}>✕</ActionIcon>
      </Group>
      <Stack gap="xs">
        <NumberInput label="Hours after the device starts failing" value={action.afterHours} onChange={(afterHours) => { set({ afterHours }); }} allowDecimal={false} clampBehavior="none" w={280} description="0 for at once; up to 8,760 (a year)." />
        {action.kind === 'notifyEmail' ? (
          <>
            <Switch label="To the device's primary user" checked={action.toPrimaryUser} onChange={(e) => { set({ toPrimaryUser: e.currentTarget.checked }); }} />
            <TextInput label="Also to" value={action.extraRecipients} onChange={(e) => { set({ extraRecipients: e.currentTarget.value }); }} description="E-mail addresses, comma-separated." />
            <TextInput label="Subject" required value={action.subject} onChange={(e) => { set({ subject: e.currentTarget.value }); }} />
            <Textarea label="Message" required value={action.body} onChange={(e) => { set({ body: e.currentTarget.value }); }} autosize minRows={3} description="Variables: {{user.displayName}}, {{device.name}}, … The failing rules and their remediation are appended." />
          </>
        ) : null}
        {action.kind === 'notifyWebhook' ? (
          <>
            <TextInput label="URL" required value={action.url} onChange={(e) => { set({ url: e.currentTarget.value }); }} description="https only." />
            <SecretInput label="Signing secret" required secret={action.secret} onChange={(secret) => { set({ secret }); }} description="16 to 256 characters; the webhook's signature is made with it." />
          </>
        ) : null}
      </Stack>
    </Card>
  );
}

/**
 * A compliance policy's definition: platforms, validity, rules (built-in kinds and custom
 * expressions) and scheduled actions for noncompliance. Creates, or changes the stored version it
 * was read at.
 */
function PolicyForm({ policy, readOnly }: { readonly policy: CompliancePolicy | undefined; readonly readOnly: boolean }) {
  const queries = useQueryClient();
  const navigate = useNavigate();
  const [name, setName] = useState(policy?.name ?? '');
  const [description, setDescription] = useState(policy?.description ?? '');
  const [platforms, setPlatforms] = useState<Platform[]>(policy === undefined ? ['windows', 'macos', 'linux'] : [...policy.platforms]);
  const [validityDays, setValidityDays] = useState<number | string>(policy?.validityDays ?? 30);
  const [rules, setRules] = useState<RuleDraft[]>(policy === undefined ? [] : policy.rules.map(ruleDraft));
  const [actions, setActions] = useState<ActionDraft[]>(policy === undefined ? [newAction('markNoncompliant')] : policy.actions.map(actionDraft));
  const [addRule, setAddRule] = useState<string | null>(null);
  const save = useMutation({
    mutationFn: () => {
      const body = { name, description, platforms, validityDays: Number(validityDays), rules: rules.map(ruleBody), actions: actions.map(actionBody) };
      return policy === undefined
        ? ok(api.POST('/api/v1/compliance-policies', { body }))
        : ok(api.PATCH('/api/v1/compliance-policies/{id}', { params: { path: { id: policy.id } }, body: { ...body, expectedVersion: policy.version } }));
    },
    onSuccess: (saved) => {
      queries.setQueryData(['compliance-policy', saved.id], saved);
      void queries.invalidateQueries({ queryKey: ['compliance-policies'] });
      void queries.invalidateQueries({ queryKey: ['reports'] });
      if (policy === undefined) void navigate(`/compliance-policies/${saved.id}`, { replace: true });
    },
  });
  const badRule = problemIndex(save.error, 'rules');
  const badAction = problemIndex(save.error, 'actions');
  const usedKinds = new Set(rules.filter((r) => r.kind !== 'custom').map((r) => r.kind));
  return (
    <form onSubmit={(e) => { e.preventDefault(); save.mutate(); }} aria-label="Compliance policy definition">
      <fieldset disabled={readOnly} style={{ border: 0, padding: 0, margin: 0, minWidth: 0 }}>
        <Stack gap="md">
          <Card withBorder>
            <Stack gap="sm">
              <TextInput label="Name" required value={name} onChange={(e) => { setName(e.currentTarget.value); }} maxLength={128} />
              <Textarea label="Description" value={description} onChange={(e) => { setDescription(e.currentTarget.value); }} autosize minRows={1} />
              <SimpleGrid cols={{ base: 1, sm: 2 }}>
                <MultiSelect label="Platforms" required description="On other platforms the policy is not applicable." data={platformOptions} value={platforms} onChange={(v) => { setPlatforms(v as Platform[]); }} />
                <NumberInput label="Compliance validity (days)" value={validityDays} onChange={setValidityDays} allowDecimal={false} clampBehavior="none" description="A device silent for longer is noncompliant, whatever it last reported. 1 to 365." />
              </SimpleGrid>
            </Stack>
          </Card>
          <Card withBorder component="section" aria-labelledby="rules-title">
            <Group justify="space-between" mb="sm">
              <Title order={3} size="h4" id="rules-title">Rules</Title>
              <Group gap="xs" align="flex-end">
                <Select
                  aria-label="Rule to add"
                  placeholder="Add a rule…"
                  data={ruleKinds.map((k) => ({ value: k, label: ruleKindInfo[k].label, disabled: usedKinds.has(k) }))}
                  value={addRule}
                  onChange={(v) => {
                    setAddRule(null);
                    if (v !== null) setRules([...rules, newRule(v as ComplianceRuleKind)]);
                  }}
                  w={260}
                />
              </Group>
            </Group>
            <Stack gap="sm" data-testid="rules">
              {rules.length === 0 ? <Text size="sm" c="dimmed">No rules: every device the policy reaches is compliant. Add a rule.</Text> : null}
              {rules.map((r, i) => (
                <RuleEditor key={r.key} rule={r} index={i} flagged={badRule === i} onChange={(next) => { setRules(rules.map((x) => (x.key === r.key ? next : x))); }} onRemove={() => { setRules(rules.filter((x) => x.key !== r.key)); }} />
              ))}
            </Stack>
          </Card>
          <Card withBorder component="section" aria-labelledby="actions-title">
            <Group justify="space-between" mb="sm">
              <div>
                <Title order={3} size="h4" id="actions-title">Actions for noncompliance</Title>
                <Text size="xs" c="dimmed">Each is due its number of hours after a device starts failing. Without "Mark noncompliant" a failing device is noncompliant at once.</Text>
              </div>
              <Select aria-label="Action to add" placeholder="Add an action…" data={actionKinds.map((k) => ({ value: k, label: actionKindInfo[k].label, disabled: k === 'markNoncompliant' && actions.some((a) => a.kind === k) }))} value={null} onChange={(v) => { if (v !== null) setActions([...actions, newAction(v)]); }} w={220} />
            </Group>
            <Stack gap="sm">
              {actions.map((a, i) => (
                <ActionEditor key={a.key} action={a} index={i} flagged={badAction === i} onChange={(next) => { setActions(actions.map((x) => (x.key === a.key ? next : x))); }} onRemove={() => { setActions(actions.filter((x) => x.key !== a.key)); }} />
              ))}
            </Stack>
          </Card>
          <ErrorAlert error={save.error} />
          {readOnly ? null : (
            <Group justify="flex-end">
              {save.isSuccess && policy !== undefined ? <Text size="sm" c="green.9" role="status">Saved as version {save.data.version}; its devices are re-evaluated in the background.</Text> : null}
              <Button type="submit" loading={save.isPending}>{policy === undefined ? 'Create policy' : 'Save changes'}</Button>
            </Group>
          )}
        </Stack>
      </fieldset>
    </form>
  );
}

/** `/compliance-policies/new`. */
export function NewCompliancePolicyPage() {
  return (
    <>
      <Anchor component={Link} to="/compliance-policies" size="sm">← Compliance policies</Anchor>
      <PageHeader title="New compliance policy" description="Assign it after creating it: it is evaluated on the devices its assignments reach." />
      <PolicyForm policy={undefined} readOnly={false} />
    </>
  );
}

/** `/compliance-policies/:id`: the definition and the assignments of a policy. */
export function CompliancePolicyPage() {
  const { id = '' } = useParams();
  const { can } = useCaller();
  const navigate = useNavigate();
  const queries = useQueryClient();
  const [deleting, setDeleting] = useState(false);
  const policy = useQuery({ queryKey: ['compliance-policy', id], queryFn: () => ok(api.GET('/api/v1/compliance-policies/{id}', { params: { path: { id } } })) });
  const remove = useMutation({
    mutationFn: () => ok(api.DELETE('/api/v1/compliance-policies/{id}', { params: { path: { id } } })),
    onSuccess: () => {
      void queries.invalidateQueries({ queryKey: ['compliance-policies'] });
      void navigate('/compliance-policies');
    },
  });
  const p = policy.data;
  if (p === undefined) return <><PageHeader title="Compliance policy" />{policy.isPending ? <Text c="dimmed">Loading…</Text> : <ErrorAlert error={policy.error} />}</>;
  return (
    <>
      <Anchor component={Link} to="/compliance-policies" size="sm">← Compliance policies</Anchor>
      <PageHeader
        title={p.name}
        description={<>{p.platforms.map((x) => platformLabels[x]).join(', ')} · {p.rules.length} rules · valid {p.validityDays} days · version {p.version}, changed {formatDateTime(p.updatedAt)} <Badge ml={4} size="sm" variant="light" color="gray">{p.id}</Badge></>}
        actions={can('deleteCompliancePolicy') ? <Button variant="default" color="red" onClick={() => { setDeleting(true); }}>Delete</Button> : undefined}
      />
      <Tabs defaultValue="definition" keepMounted={false}>
        <Tabs.List mb="md">
          <Tabs.Tab value="definition">Definition</Tabs.Tab>
          <Tabs.Tab value="assignments">Assignments</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="definition"><PolicyForm key={p.version} policy={p} readOnly={!can('updateCompliancePolicy')} /></Tabs.Panel>
        <Tabs.Panel value="assignments"><AssignmentsPanel itemKind="compliancePolicy" itemId={p.id} /></Tabs.Panel>
      </Tabs>
      <Modal opened={deleting} onClose={() => { setDeleting(false); }} title={`Delete ${p.name}?`} centered>
        <Stack gap="sm">
          <Text size="sm">The policy and its assignments are deleted; its devices are re-evaluated against the policies that remain.</Text>
          <ErrorAlert error={remove.error} />
          <Group justify="flex-end"><Button variant="default" onClick={() => { setDeleting(false); }}>Cancel</Button><Button color="red" loading={remove.isPending} onClick={() => { remove.mutate(); }}>Delete policy</Button></Group>
        </Stack>
      </Modal>
    </>
  );
}
