import { Anchor, Badge, Code, NumberInput, Select, SimpleGrid, Switch, TextInput } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { api, ok } from '../../api/client';
import { useCaller } from '../../api/use-me';
import { formatDateTime } from '../../shared/format';
import { PageHeader } from '../../shared/page-header';
import { clipboardLabels, jailbreakLabels, optionsOf, pinRetryLabels, pinTypeLabels } from './app-labels';
import type { AppProtectionPolicy, ClipboardLevel, JailbreakAction, PinRetryAction, PinType, ProtectionSettings } from './app-types';
import { fieldErrorsOf, MamPolicyDetail, MamPolicyForm, MamPolicySection } from './mam-policy-form';
import { targetsBody, targetsDraftOf, type TargetsDraft } from './mam-targets';

const back = <Anchor component={Link} to="/app-protection" size="sm">← App protection</Anchor>;

// What a new policy starts with: the server's defaults for settings left out (core's
// defaultProtectionSettings, Intune's "level 2" framework), shown so the admin sees what they get.
const defaults: ProtectionSettings = {
  pin: { required: true, type: 'numeric', minLength: 6, biometricAllowed: true, recheckAfterMinutes: 30, maxRetries: 5 },
  encryptData: true,
  clipboard: 'managedAppsWithPasteIn',
  saveAsBlocked: true,
  shareToUnmanagedBlocked: true,
  printBlocked: false,
  screenCaptureBlocked: false,
  offline: { accessCheckAfterMinutes: 720, wipeAfterDays: 90 },
  conditionalLaunch: { minAppVersion: null, minSdkVersion: null, jailbroken: 'block', maxPinRetries: 'block' },
};

// The contract's ranges (core's mamPolicyLimits), shown beside each field. The form does not clamp:
// the server judges, and its refusal names the field.
const limits = {
  pinLength: { min: 4, max: 16 },
  recheckAfterMinutes: { min: 0, max: 1440 },
  maxRetries: { min: 1, max: 20 },
  accessCheckAfterMinutes: { min: 1, max: 10080 },
  wipeAfterDays: { min: 1, max: 90 },
} as const;

/** Numbers as typed: a number, or the text when it is not one (sent as is, so the server names the field). */
type Typed = number | string;

interface Draft {
  readonly name: string;
  readonly description: string;
  readonly pinRequired: boolean;
  readonly pinType: PinType;
  readonly pinMinLength: Typed;
  readonly biometricAllowed: boolean;
  readonly recheckAfterMinutes: Typed;
  readonly maxRetries: Typed;
  readonly encryptData: boolean;
  readonly clipboard: ClipboardLevel;
  readonly saveAsBlocked: boolean;
  readonly shareToUnmanagedBlocked: boolean;
  readonly printBlocked: boolean;
  readonly screenCaptureBlocked: boolean;
  readonly accessCheckAfterMinutes: Typed;
  readonly wipeAfterDays: Typed;
  readonly minAppVersion: string;
  readonly minSdkVersion: string;
  readonly jailbroken: JailbreakAction;
  readonly maxPinRetries: PinRetryAction;
  readonly targets: TargetsDraft;
}

function draftOf(p: AppProtectionPolicy | undefined): Draft {
  const s = p?.settings ?? defaults;
  return {
    name: p?.name ?? '',
    description: p?.description ?? '',
    pinRequired: s.pin.required,
    pinType: s.pin.type,
    pinMinLength: s.pin.minLength,
    biometricAllowed: s.pin.biometricAllowed,
    recheckAfterMinutes: s.pin.recheckAfterMinutes,
    maxRetries: s.pin.maxRetries,
    encryptData: s.encryptData,
    clipboard: s.clipboard,
    saveAsBlocked: s.saveAsBlocked,
    shareToUnmanagedBlocked: s.shareToUnmanagedBlocked,
    printBlocked: s.printBlocked,
    screenCaptureBlocked: s.screenCaptureBlocked,
    accessCheckAfterMinutes: s.offline.accessCheckAfterMinutes,
    wipeAfterDays: s.offline.wipeAfterDays,
    minAppVersion: s.conditionalLaunch.minAppVersion ?? '',
    minSdkVersion: s.conditionalLaunch.minSdkVersion ?? '',
    jailbroken: s.conditionalLaunch.jailbroken,
    maxPinRetries: s.conditionalLaunch.maxPinRetries,
    targets: targetsDraftOf(p?.targets),
  };
}

/** A number as typed: the API's schema takes integers only, so anything else is refused there, in words. */
const numberOf = (v: Typed): number => (typeof v === 'number' ? v : Number(v.trim() === '' ? Number.NaN : v));

function settingsBody(d: Draft) {
  return {
    pin: { required: d.pinRequired, type: d.pinType, minLength: numberOf(d.pinMinLength), biometricAllowed: d.biometricAllowed, recheckAfterMinutes: numberOf(d.recheckAfterMinutes), maxRetries: numberOf(d.maxRetries) },
    encryptData: d.encryptData,
    clipboard: d.clipboard,
    saveAsBlocked: d.saveAsBlocked,
    shareToUnmanagedBlocked: d.shareToUnmanagedBlocked,
    printBlocked: d.printBlocked,
    screenCaptureBlocked: d.screenCaptureBlocked,
    offline: { accessCheckAfterMinutes: numberOf(d.accessCheckAfterMinutes), wipeAfterDays: numberOf(d.wipeAfterDays) },
    conditionalLaunch: {
      minAppVersion: d.minAppVersion.trim() === '' ? null : d.minAppVersion.trim(),
      minSdkVersion: d.minSdkVersion.trim() === '' ? null : d.minSdkVersion.trim(),
      jailbroken: d.jailbroken,
      maxPinRetries: d.maxPinRetries,
    },
  };
}

/**
 * An app protection policy's definition: name, the settings SDK apps enforce, and its targets.
 * Creates a policy, or changes a stored one at the version it was read at. The server checks
 * every range; its refusal is shown in words and at the field it names.
 */
function AppProtectionPolicyForm({ policy, readOnly }: { readonly policy: AppProtectionPolicy | undefined; readonly readOnly: boolean }) {
  const queries = useQueryClient();
  const navigate = useNavigate();
  const [d, setDraft] = useState<Draft>(() => draftOf(policy));
  const set = (change: Partial<Draft>) => { setDraft((current) => ({ ...current, ...change })); };
  const save = useMutation({
    mutationFn: () => {
      const body = { name: d.name, description: d.description, settings: settingsBody(d), targets: targetsBody(d.targets) };
      return policy === undefined
        ? ok(api.POST('/api/v1/app-protection-policies', { body }))
        : ok(api.PATCH('/api/v1/app-protection-policies/{id}', { params: { path: { id: policy.id } }, body: { ...body, expectedVersion: policy.version } }));
    },
    onSuccess: (saved) => {
      void queries.invalidateQueries({ queryKey: ['app-protection-policies'] });
      queries.setQueryData(['app-protection-policy', saved.id], saved);
      if (policy === undefined) void navigate(`/app-protection/policies/${saved.id}`, { replace: true });
    },
  });
  const fieldError = fieldErrorsOf(save.error);
  const range = (r: { readonly min: number; readonly max: number }, unit: string) => `${r.min} to ${r.max} ${unit}.`;
  return (
    <MamPolicyForm
      label="App protection policy"
      readOnly={readOnly}
      creating={policy === undefined}
      onSubmit={() => { save.mutate(); }}
      name={d.name}
      onNameChange={(name) => { set({ name }); }}
      description={d.description}
      onDescriptionChange={(description) => { set({ description }); }}
      targets={d.targets}
      onTargetsChange={(targets) => { set({ targets }); }}
      save={{ error: save.error, isPending: save.isPending, savedVersion: save.isSuccess ? save.data.version : undefined }}
      fieldError={fieldError}
    >
      <MamPolicySection title="Access" description="The PIN that guards the app's corporate data.">
        <Switch label="Require a PIN" checked={d.pinRequired} onChange={(e) => { set({ pinRequired: e.currentTarget.checked }); }} />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <Select label="PIN type" data={optionsOf(pinTypeLabels)} value={d.pinType} onChange={(v) => { if (v !== null) set({ pinType: v }); }} allowDeselect={false} error={fieldError('settings.pin.type')} />
          <NumberInput label="Minimum PIN length" description={range(limits.pinLength, 'characters')} value={d.pinMinLength} onChange={(v) => { set({ pinMinLength: v }); }} allowDecimal={false} clampBehavior="none" error={fieldError('settings.pin.minLength')} />
          <NumberInput label="Ask for the PIN again after (minutes)" description={`${range(limits.recheckAfterMinutes, 'minutes')} 0 asks at every launch.`} value={d.recheckAfterMinutes} onChange={(v) => { set({ recheckAfterMinutes: v }); }} allowDecimal={false} clampBehavior="none" error={fieldError('settings.pin.recheckAfterMinutes')} />
          <NumberInput label="PIN attempts" description={range(limits.maxRetries, 'attempts')} value={d.maxRetries} onChange={(v) => { set({ maxRetries: v }); }} allowDecimal={false} clampBehavior="none" error={fieldError('settings.pin.maxRetries')} />
        </SimpleGrid>
        <Switch label="Allow fingerprint or face instead of the PIN" checked={d.biometricAllowed} onChange={(e) => { set({ biometricAllowed: e.currentTarget.checked }); }} />
      </MamPolicySection>
      <MamPolicySection title="Data protection" description="Where corporate data may go from the app.">
        <Switch label="Encrypt the app's corporate data" checked={d.encryptData} onChange={(e) => { set({ encryptData: e.currentTarget.checked }); }} />
        <Select label="Copy corporate text to" description="Cut, copy and paste out of the app." data={optionsOf(clipboardLabels)} value={d.clipboard} onChange={(v) => { if (v !== null) set({ clipboard: v }); }} allowDeselect={false} error={fieldError('settings.clipboard')} />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <Switch label="Block saving copies to personal locations" checked={d.saveAsBlocked} onChange={(e) => { set({ saveAsBlocked: e.currentTarget.checked }); }} />
          <Switch label="Block opening in and sharing to unmanaged apps" checked={d.shareToUnmanagedBlocked} onChange={(e) => { set({ shareToUnmanagedBlocked: e.currentTarget.checked }); }} />
          <Switch label="Block printing" checked={d.printBlocked} onChange={(e) => { set({ printBlocked: e.currentTarget.checked }); }} />
          <Switch label="Block screen capture (where the platform allows)" checked={d.screenCaptureBlocked} onChange={(e) => { set({ screenCaptureBlocked: e.currentTarget.checked }); }} />
        </SimpleGrid>
      </MamPolicySection>
      <MamPolicySection title="Offline" description="How long the app works without reaching Ward.">
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <NumberInput label="Check access after (minutes offline)" description={`${range(limits.accessCheckAfterMinutes, 'minutes')} Then it stays locked until it checks in.`} value={d.accessCheckAfterMinutes} onChange={(v) => { set({ accessCheckAfterMinutes: v }); }} allowDecimal={false} clampBehavior="none" error={fieldError('settings.offline.accessCheckAfterMinutes')} />
          <NumberInput label="Wipe corporate data after (days offline)" description={`${range(limits.wipeAfterDays, 'days')} At least as long as the access check.`} value={d.wipeAfterDays} onChange={(v) => { set({ wipeAfterDays: v }); }} allowDecimal={false} clampBehavior="none" error={fieldError('settings.offline.wipeAfterDays')} />
        </SimpleGrid>
      </MamPolicySection>
      <MamPolicySection title="Conditional launch" description="Checked every time the app starts.">
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput label="Minimum app version" description="Dotted numbers, e.g. 1.2.0; empty for none." value={d.minAppVersion} onChange={(e) => { set({ minAppVersion: e.currentTarget.value }); }} error={fieldError('settings.conditionalLaunch.minAppVersion')} />
          <TextInput label="Minimum SDK version" description="Dotted numbers, e.g. 1.0.0; empty for none." value={d.minSdkVersion} onChange={(e) => { set({ minSdkVersion: e.currentTarget.value }); }} error={fieldError('settings.conditionalLaunch.minSdkVersion')} />
          <Select label="On a jailbroken or rooted device" data={optionsOf(jailbreakLabels)} value={d.jailbroken} onChange={(v) => { if (v !== null) set({ jailbroken: v }); }} allowDeselect={false} />
          <Select label="When the PIN attempts run out" data={optionsOf(pinRetryLabels)} value={d.maxPinRetries} onChange={(v) => { if (v !== null) set({ maxPinRetries: v }); }} allowDeselect={false} />
        </SimpleGrid>
      </MamPolicySection>
    </MamPolicyForm>
  );
}

/** `/app-protection/policies/new`. */
export function NewAppProtectionPolicyPage() {
  return (
    <>
      {back}
      <PageHeader title="New app protection policy" description="It starts with Ward's recommended protections; change what your organisation needs." />
      <AppProtectionPolicyForm policy={undefined} readOnly={false} />
    </>
  );
}

/** `/app-protection/policies/:id`: a policy's definition, to change or delete. */
export function AppProtectionPolicyPage() {
  const { id = '' } = useParams();
  const { can } = useCaller();
  const navigate = useNavigate();
  const queries = useQueryClient();
  const policy = useQuery({ queryKey: ['app-protection-policy', id], queryFn: () => ok(api.GET('/api/v1/app-protection-policies/{id}', { params: { path: { id } } })) });
  const remove = useMutation({
    mutationFn: () => ok(api.DELETE('/api/v1/app-protection-policies/{id}', { params: { path: { id } } })),
    onSuccess: () => {
      void queries.invalidateQueries({ queryKey: ['app-protection-policies'] });
      void navigate('/app-protection');
    },
  });
  return (
    <MamPolicyDetail
      back={back}
      fallbackTitle="App protection policy"
      policy={policy}
      description={(p) => <>Version {p.version}, changed {formatDateTime(p.updatedAt)} <Badge component="span" ml={4} size="sm" variant="light" color="gray" tt="none" title="The policyVersion apps report once they apply it">policy <Code>{p.hash.slice(0, 12)}</Code></Badge></>}
      canDelete={can('deleteAppProtectionPolicy')}
      deleteConsequence="Apps it protected stop counting as protected unless another policy reaches them, and conditional access that requires app protection stops letting them in."
      remove={remove}
    >
      {(p) => <AppProtectionPolicyForm key={p.id} policy={p} readOnly={!can('updateAppProtectionPolicy')} />}
    </MamPolicyDetail>
  );
}
