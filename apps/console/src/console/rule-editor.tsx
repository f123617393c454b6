import { Alert, Badge, Code, Group, List, Loader, Stack, Text, Textarea } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, ok } from '../api/client';
import { ErrorAlert } from '../shared/error-alert';

const examples: Readonly<Record<'user' | 'device', readonly string[]>> = {
  user: ['user.department == "Sales"', 'user.jobTitle contains "Engineer" and user.disabled == false', 'user.attributes.costCenter in ["4100", "4200"]'],
  device: ['device.platform == "windows" and device.osVersion >= "10.0.22000"', 'device.ownership == "corporate" and user.department == "Finance"', 'device.encrypted == false'],
};

/**
 * A dynamic group's membership rule with a live preview: the draft goes to
 * `POST /groups/preview-rule` a moment after typing stops, which answers how many members it
 * selects and a sample of them, or the parse error with its position.
 */
export function RuleEditor({ memberType, value, onChange }: { readonly memberType: 'user' | 'device'; readonly value: string; readonly onChange: (rule: string) => void }) {
  const [rule] = useDebouncedValue(value.trim(), 400);
  const preview = useQuery({
    queryKey: ['rule-preview', memberType, rule],
    queryFn: () => ok(api.POST('/api/v1/groups/preview-rule', { body: { memberType, rule, sampleSize: 10 } })),
    enabled: rule !== '',
    placeholderData: keepPreviousData,
    staleTime: 5_000,
  });
  return (
    <Stack gap="xs">
      <Textarea
        label="Membership rule"
        description={<>Attributes of the {memberType}{memberType === 'device' ? ' and its primary user' : ''}, compared with ==, !=, &lt;, &lt;=, &gt;, &gt;=, in […], contains, startsWith, endsWith; joined by and, or, not and parentheses.</>}
        autosize
        minRows={3}
        value={value}
        onChange={(e) => { onChange(e.currentTarget.value); }}
        styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
        spellCheck={false}
      />
      <Text size="xs" c="dimmed">Examples: {examples[memberType].map((e, i) => <span key={e}>{i > 0 ? ' · ' : ''}<Code>{e}</Code></span>)}</Text>
      <section aria-live="polite" aria-label="Rule preview">
        {rule === '' ? null : preview.isPending ? <Loader size="xs" aria-label="Evaluating rule" /> : preview.error !== null ? <ErrorAlert error={preview.error} /> : (
          <Alert variant="light" color="blue" role="status" title={<Group gap="xs"><span>Preview</span><Badge variant="light" data-testid="rule-matched">{preview.data.matched} {preview.data.complete ? '' : '+'} match{preview.data.matched === 1 ? '' : 'es'}</Badge>{preview.isFetching ? <Loader size="xs" /> : null}</Group>}>
            <Text size="sm">{preview.data.complete ? `All ${preview.data.scanned} ${memberType}s were checked.` : `The first ${preview.data.scanned} ${memberType}s were checked; more may match.`}</Text>
            {preview.data.sample.length > 0 ? (
              <List size="sm" mt={4}>{preview.data.sample.map((m) => <List.Item key={m.memberId}>{m.label}</List.Item>)}</List>
            ) : null}
          </Alert>
        )}
      </section>
    </Stack>
  );
}
