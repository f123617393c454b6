import { Badge, Card, Checkbox, Group, NumberInput, Select, Stack, Switch, Text, TextInput, Title, VisuallyHidden } from '@mantine/core';
import type { Platform, SettingDefinition } from '../../api/types';
import { platformLabels } from '../../shared/labels';
import type { SettingDraftValue, SettingsDraft } from './profile-draft';

const categoryLabels: Readonly<Record<string, string>> = {
  passcode: 'Password',
  encryption: 'Disk encryption',
  firewall: 'Firewall',
  screenLock: 'Screen lock',
  osUpdate: 'OS updates',
  restrictions: 'Restrictions',
  softwareUpdate: 'Software updates',
  lockScreen: 'Lock screen',
};

const unitWords = { seconds: 'seconds', days: 'days', characters: 'characters', count: '' } as const;

/** What a setting allows, in words ("4 to 64 characters"). */
export function allowedText(definition: SettingDefinition): string {
  const value = definition.value;
  switch (value.type) {
    case 'boolean': return 'On or off';
    case 'integer': return `${value.min.toLocaleString()} to ${value.max.toLocaleString()}${unitWords[value.unit] === '' ? '' : ` ${unitWords[value.unit]}`}`;
    case 'enum': return `One of ${value.values.join(', ')}`;
    case 'string': return `Text, at most ${value.maxLength} characters; variables such as {{device.serial}} allowed`;
  }
}

function defaultText(definition: SettingDefinition): string {
  const d = definition.default;
  if (typeof d === 'boolean') return d ? 'on' : 'off';
  return d === '' ? 'empty' : String(d);
}

/** The control for one setting's value, labeled "Value of <setting>" for assistive technology. */
function ValueControl({ definition, value, onChange, error }: { readonly definition: SettingDefinition; readonly value: SettingDraftValue; readonly onChange: (v: SettingDraftValue) => void; readonly error: string | undefined }) {
  const label = <>Value<VisuallyHidden> of {definition.name}</VisuallyHidden></>;
  const type = definition.value;
  switch (type.type) {
    case 'boolean':
      return <Switch label={<>{value === true ? 'On' : 'Off'}<VisuallyHidden> — {definition.name}</VisuallyHidden></>} checked={value === true} onChange={(e) => { onChange(e.currentTarget.checked); }} />;
    case 'integer': {
      const n = typeof value === 'number' ? value : undefined;
      // Out of range is let through on purpose: the server checks every value against the
      // catalog and its answer names the setting; this only warns while typing.
      const outside = n !== undefined && (n < type.min || n > type.max);
      return (
        <NumberInput
          label={label}
          value={typeof value === 'boolean' ? '' : value}
          onChange={onChange}
          allowDecimal={false}
          clampBehavior="none"
          description={`Allowed: ${allowedText(definition)}`}
          error={error ?? (outside ? `Outside ${type.min}–${type.max}` : undefined)}
          w={260}
        />
      );
    }
    case 'enum':
      return <Select label={label} data={type.values.map((v) => ({ value: v, label: v }))} value={typeof value === 'string' ? value : null} onChange={(v) => { if (v !== null) onChange(v); }} allowDeselect={false} error={error} w={260} />;
    case 'string':
      return <TextInput label={label} value={typeof value === 'string' ? value : String(value)} onChange={(e) => { onChange(e.currentTarget.value); }} maxLength={type.maxLength * 4} description={`Allowed: ${allowedText(definition)}`} error={error} />;
  }
}

/**
 * The form of a settings profile, generated from the settings catalog: each setting with its
 * description, the platforms that take it, its value type and range, grouped by category. A
 * setting is in the profile only when ticked; the rest are left as the device has them.
 */
export function SettingsForm({ catalog, draft, onChange, platforms, problem }: {
  readonly catalog: readonly SettingDefinition[];
  readonly draft: SettingsDraft;
  readonly onChange: (draft: SettingsDraft) => void;
  /** The platforms the profile is for; settings none of them takes are marked. */
  readonly platforms: readonly Platform[];
  /** A setting the server refused, and its message, shown at the setting. */
  readonly problem: { readonly setting: string; readonly message: string } | undefined;
}) {
  const set = (id: string, value: SettingDraftValue | undefined) => {
    const values = Object.fromEntries(Object.entries(draft.values).filter(([key]) => key !== id));
    onChange({ kind: 'settings', values: value === undefined ? values : { ...values, [id]: value } });
  };
  const categories = [...new Set(catalog.map((d) => d.category))];
  const count = Object.keys(draft.values).length;
  return (
    <Stack gap="md" data-testid="settings-form">
      <Text size="sm" c="dimmed">{count === 0 ? 'Tick the settings this profile configures.' : `${count} setting${count === 1 ? '' : 's'} configured.`} Each value is checked against the catalog on save.</Text>
      {categories.map((category) => (
        <Card key={category} withBorder component="section" aria-labelledby={`category-${category}`}>
          <Title order={3} size="h5" mb="xs" id={`category-${category}`}>{categoryLabels[category] ?? category}</Title>
          <Stack gap="sm">
            {catalog.filter((d) => d.category === category).map((definition) => {
              const included = Object.hasOwn(draft.values, definition.id);
              const unsupported = platforms.length > 0 && !platforms.some((p) => definition.platforms.includes(p));
              return (
                <Stack key={definition.id} gap={6} data-setting={definition.id} pl="xs" style={{ borderLeft: `3px solid ${problem?.setting === definition.id ? 'var(--mantine-color-red-7)' : included ? 'var(--mantine-color-blue-7)' : 'transparent'}` }}>
                  <Checkbox
                    label={definition.name}
                    description={definition.description}
                    checked={included}
                    onChange={(e) => { set(definition.id, e.currentTarget.checked ? definition.default : undefined); }}
                  />
                  <Group gap={4} ml={32}>
                    {definition.platforms.map((p) => <Badge key={p} size="xs" variant="outline" color="gray" tt="none">{platformLabels[p]}</Badge>)}
                    <Text size="xs" c="dimmed">· default {defaultText(definition)} · <code>{definition.id}</code></Text>
                    {unsupported ? <Text size="xs" c="orange.9">· none of the chosen platforms takes it</Text> : null}
                  </Group>
                  {included ? (
                    <Stack ml={32} gap={4}>
                      <ValueControl definition={definition} value={draft.values[definition.id] ?? definition.default} onChange={(v) => { set(definition.id, v); }} error={problem?.setting === definition.id ? problem.message : undefined} />
                    </Stack>
                  ) : null}
                </Stack>
              );
            })}
          </Stack>
        </Card>
      ))}
    </Stack>
  );
}
