import { Button, Card, Checkbox, Group, MultiSelect, NumberInput, Radio, SimpleGrid, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { useNavigate } from 'react-router';
import { api, ok } from '../../api/client';
import { asProblem, ErrorAlert } from '../../shared/error-alert';
import { platformLabels } from '../../shared/labels';
import { clientTypeLabels, conditionRiskLabels, controlLabels, identityProblemTitle, optionsOf, ownershipLabels, stateLabels } from './access-labels';
import { accessPolicyBody, accessPolicyDraftOf, newAccessPolicyDraft, policyProblemPlace, type AccessPolicyDraft, type PolicyProblemPlace, type PolicySection } from './access-policy-draft';
import { GroupMultiPicker, useRelyingPartyOptions, UserMultiPicker } from './directory-pickers';
import type { AccessPolicy, AccessPolicyState } from './identity-types';

const platformOptions = optionsOf(platformLabels);

function Section({ id, title, hint, children }: { readonly id: string; readonly title: string; readonly hint?: string; readonly children: ReactNode }) {
  return (
    <Card withBorder component="section" aria-labelledby={id}>
      <Title order={2} size="h4" id={id}>{title}</Title>
      {hint === undefined ? null : <Text size="xs" c="dimmed" mb="sm">{hint}</Text>}
      <Stack gap="sm" mt={hint === undefined ? 'sm' : 0}>{children}</Stack>
    </Card>
  );
}

/**
 * A conditional access policy's definition: who and what it reaches (users and groups, relying
 * parties, platforms, ownership, client types, networks, sign-in risk), what it grants (block, or
 * controls required all or one) and its session control. Creates, or changes the stored version
 * it was read at; the server's refusal is shown in words at the field it names.
 */
export function AccessPolicyForm({ policy, readOnly }: { readonly policy: AccessPolicy | undefined; readonly readOnly: boolean }) {
  const queries = useQueryClient();
  const navigate = useNavigate();
  const [draft, setDraft] = useState<AccessPolicyDraft>(() => (policy === undefined ? newAccessPolicyDraft() : accessPolicyDraftOf(policy)));
  const set = (change: Partial<AccessPolicyDraft>) => { setDraft((d) => ({ ...d, ...change })); };
  const relyingParties = useRelyingPartyOptions([...draft.includeRelyingParties, ...draft.excludeRelyingParties]);
  const save = useMutation({
    mutationFn: () => {
      const body = accessPolicyBody(draft);
      return policy === undefined
        ? ok(api.POST('/api/v1/identity/conditional-access-policies', { body }))
        : ok(api.PATCH('/api/v1/identity/conditional-access-policies/{id}', { params: { path: { id: policy.id } }, body: { ...body, expectedVersion: policy.version } }));
    },
    onSuccess: (saved) => {
      // The form stays mounted and takes what the server stored (trimmed, duplicates dropped); the
      // next save sends the new version through the `policy` prop.
      setDraft(accessPolicyDraftOf(saved));
      queries.setQueryData(['access-policy', saved.id], saved);
      void queries.invalidateQueries({ queryKey: ['access-policies'] });
      if (policy === undefined) void navigate(`/conditional-access/${saved.id}`, { replace: true });
    },
  });
  const problem = save.error === null ? undefined : asProblem(save.error);
  const place: PolicyProblemPlace | undefined = problem === undefined ? undefined : policyProblemPlace(problem.details);
  /** The server's message on the input it concerns (and only there). */
  const errorAt = (section: PolicySection, side?: 'include' | 'exclude'): string | undefined => {
    if (problem === undefined || place?.section !== section || (side !== undefined && place.side !== undefined && place.side !== side)) return undefined;
    return place.index === undefined || section !== 'networks' ? problem.message : `Line ${place.index + 1}: ${problem.message}`;
  };
  const requires = draft.grantKind === 'require';
  return (
    <form onSubmit={(e) => { e.preventDefault(); save.mutate(); }} aria-label="Conditional access policy definition">
      <fieldset disabled={readOnly} style={{ border: 0, padding: 0, margin: 0, minWidth: 0 }}>
        <Stack gap="md">
          <Card withBorder>
            <Stack gap="sm">
              <TextInput label="Name" required value={draft.name} onChange={(e) => { set({ name: e.currentTarget.value }); }} maxLength={128} error={errorAt('name')} />
              <Textarea label="Description" value={draft.description} onChange={(e) => { set({ description: e.currentTarget.value }); }} autosize minRows={1} maxLength={2000} error={errorAt('description')} />
              <Radio.Group label="State" description="Start in report-only: the sign-in log shows what the policy would have done before it decides anything." value={draft.state} onChange={(v) => { set({ state: v }); }} error={errorAt('state')}>
                <Group gap="lg" mt={6}>
                  {(Object.keys(stateLabels) as AccessPolicyState[]).map((s) => <Radio key={s} value={s} label={stateLabels[s].label} description={stateLabels[s].hint} />)}
                </Group>
              </Radio.Group>
            </Stack>
          </Card>

          <Section id="users-title" title="Users" hint="Exclusions always win over inclusions. Groups are user groups, dynamic ones included.">
            <Radio.Group label="Applies to" value={draft.allUsers ? 'all' : 'selected'} onChange={(v) => { set({ allUsers: v === 'all' }); }} error={errorAt('users', 'include')}>
              <Group gap="lg" mt={6}>
                <Radio value="all" label="All users" />
                <Radio value="selected" label="Selected users and groups" />
              </Group>
            </Radio.Group>
            {draft.allUsers ? null : (
              <SimpleGrid cols={{ base: 1, sm: 2 }}>
                <UserMultiPicker label="Included users" value={draft.includeUserIds} onChange={(includeUserIds) => { set({ includeUserIds }); }} disabled={readOnly} />
                <GroupMultiPicker label="Included groups" value={draft.includeGroupIds} onChange={(includeGroupIds) => { set({ includeGroupIds }); }} disabled={readOnly} />
              </SimpleGrid>
            )}
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <UserMultiPicker label="Excluded users" description="Keep a break-glass admin here." value={draft.excludeUserIds} onChange={(excludeUserIds) => { set({ excludeUserIds }); }} error={errorAt('users', 'exclude')} disabled={readOnly} />
              <GroupMultiPicker label="Excluded groups" value={draft.excludeGroupIds} onChange={(excludeGroupIds) => { set({ excludeGroupIds }); }} disabled={readOnly} />
            </SimpleGrid>
          </Section>

          <Section id="rp-title" title="Relying parties" hint="The applications that sign users in through Ward. None picked: all of them.">
            <ErrorAlert error={relyingParties.error} />
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <MultiSelect label="Included relying parties" placeholder={draft.includeRelyingParties.length === 0 ? 'All relying parties' : undefined} data={relyingParties.data} value={[...draft.includeRelyingParties]} onChange={(includeRelyingParties) => { set({ includeRelyingParties }); }} searchable clearable hidePickedOptions error={errorAt('relyingParties', 'include')} />
              <MultiSelect label="Excluded relying parties" data={relyingParties.data} value={[...draft.excludeRelyingParties]} onChange={(excludeRelyingParties) => { set({ excludeRelyingParties }); }} searchable clearable hidePickedOptions error={errorAt('relyingParties', 'exclude')} />
            </SimpleGrid>
          </Section>

          <Section id="conditions-title" title="Conditions" hint="Each condition set must match for the policy to apply; one left empty matches every sign-in.">
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <MultiSelect label="Platforms" description="None picked: any platform, unknown ones too." data={platformOptions} value={[...draft.includePlatforms]} onChange={(v) => { set({ includePlatforms: v }); }} clearable error={errorAt('platforms', 'include')} />
              <MultiSelect label="Excluded platforms" description="An unknown platform is never excluded." data={platformOptions} value={[...draft.excludePlatforms]} onChange={(v) => { set({ excludePlatforms: v }); }} clearable error={errorAt('platforms', 'exclude')} />
            </SimpleGrid>
            <SimpleGrid cols={{ base: 1, sm: 3 }}>
              <Checkbox.Group label="Device ownership" description="None checked: any." value={[...draft.ownership]} onChange={(v) => { set({ ownership: v }); }} error={errorAt('ownership')}>
                <Stack gap={4} mt={6}>{optionsOf(ownershipLabels).map((o) => <Checkbox key={o.value} value={o.value} label={o.label} />)}</Stack>
              </Checkbox.Group>
              <Checkbox.Group label="Client types" description="None checked: any." value={[...draft.clientTypes]} onChange={(v) => { set({ clientTypes: v }); }} error={errorAt('clientTypes')}>
                <Stack gap={4} mt={6}>{optionsOf(clientTypeLabels).map((o) => <Checkbox key={o.value} value={o.value} label={o.label} />)}</Stack>
              </Checkbox.Group>
              <Checkbox.Group label="Sign-in risk" description="From the user's failed attempts in the last hour. None checked: any." value={[...draft.signInRisk]} onChange={(v) => { set({ signInRisk: v }); }} error={errorAt('signInRisk')}>
                <Stack gap={4} mt={6}>{optionsOf(conditionRiskLabels).map((o) => <Checkbox key={o.value} value={o.value} label={o.label} />)}</Stack>
              </Checkbox.Group>
            </SimpleGrid>
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <Textarea label="Networks" description="One range per line in CIDR notation (10.0.0.0/8, 2001:db8::/32) or one address. Empty: any network." value={draft.includeNetworks} onChange={(e) => { set({ includeNetworks: e.currentTarget.value }); }} autosize minRows={2} maxRows={10} styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }} error={errorAt('networks', 'include')} />
              <Textarea label="Excluded networks" description="An unknown address is never excluded." value={draft.excludeNetworks} onChange={(e) => { set({ excludeNetworks: e.currentTarget.value }); }} autosize minRows={2} maxRows={10} styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }} error={errorAt('networks', 'exclude')} />
            </SimpleGrid>
          </Section>

          <Section id="grant-title" title="Grant" hint="What a sign-in the policy applies to must do.">
            <Radio.Group label="Access" value={draft.grantKind} onChange={(v) => { set({ grantKind: v === 'block' ? 'block' : 'require' }); }} error={errorAt('grant')}>
              <Group gap="lg" mt={6}>
                <Radio value="block" label="Block access" />
                <Radio value="require" label="Grant access, requiring controls" />
              </Group>
            </Radio.Group>
            {requires ? (
              <SimpleGrid cols={{ base: 1, sm: 2 }}>
                <Checkbox.Group label="Required controls" description="None checked: access is granted, with the session control below." value={[...draft.controls]} onChange={(v) => { set({ controls: v }); }}>
                  <Stack gap={4} mt={6}>{optionsOf(controlLabels).map((o) => <Checkbox key={o.value} value={o.value} label={o.label} />)}</Stack>
                </Checkbox.Group>
                <Radio.Group label="With several controls, require" value={draft.operator} onChange={(v) => { set({ operator: v }); }}>
                  <Stack gap={4} mt={6}>
                    <Radio value="and" label="All of them" />
                    <Radio value="or" label="One of them" />
                  </Stack>
                </Radio.Group>
              </SimpleGrid>
            ) : null}
          </Section>

          <Section id="session-title" title="Session">
            <NumberInput
              label="Sign-in frequency (hours)"
              description="A session older than this must sign in again. Empty: no limit. 1 to 8,760."
              value={draft.signInFrequencyHours}
              onChange={(signInFrequencyHours) => { set({ signInFrequencyHours }); }}
              allowDecimal={false}
              allowNegative={false}
              clampBehavior="none"
              w={280}
              error={errorAt('session')}
            />
          </Section>

          {save.error === null ? null : <ErrorAlert error={save.error} title={problem === undefined ? undefined : identityProblemTitle(problem)} />}
          {readOnly ? null : (
            <Group justify="flex-end">
              {save.isSuccess && policy !== undefined ? <Text size="sm" c="green.9" role="status">Saved as version {save.data.version}.</Text> : null}
              <Button type="submit" loading={save.isPending}>{policy === undefined ? 'Create policy' : 'Save changes'}</Button>
            </Group>
          )}
        </Stack>
      </fieldset>
    </form>
  );
}
