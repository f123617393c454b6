import { Card, Radio, Group, Stack, Text, Title } from '@mantine/core';
import { AppIdentifiersPicker, UserGroupsPicker } from './mam-pickers';
import type { TargetsDraft } from './mam-targets';

/** Whom and which apps a MAM policy reaches; `fieldError` gives the server's message for a field it named. */
export function MamTargetsFields({ draft, onChange, fieldError }: { readonly draft: TargetsDraft; readonly onChange: (d: TargetsDraft) => void; readonly fieldError: (prefix: string) => string | undefined }) {
  const set = (change: Partial<TargetsDraft>) => { onChange({ ...draft, ...change }); };
  return (
    <Card withBorder component="section" aria-labelledby="mam-targets-title">
      <Stack gap="sm">
        <div>
          <Title order={2} size="h4" id="mam-targets-title">Targets</Title>
          <Text size="sm" c="dimmed">The people and the apps the policy reaches. The apps listed count as managed apps for clipboard and sharing.</Text>
        </div>
        <AppIdentifiersPicker label="Apps" description="Apps of the catalog that embed the Ward SDK, by identifier." required value={draft.apps} onChange={(apps) => { set({ apps }); }} error={fieldError('targets.apps')} />
        <Radio.Group label="Users" value={draft.allUsers ? 'all' : 'groups'} onChange={(v) => { set({ allUsers: v === 'all' }); }}>
          <Group gap="md" mt={4}><Radio value="all" label="All users" /><Radio value="groups" label="Members of user groups" /></Group>
        </Radio.Group>
        {draft.allUsers ? null : <UserGroupsPicker label="Include groups" required value={draft.includeGroups} onChange={(includeGroups) => { set({ includeGroups }); }} error={fieldError('targets.users.include')} />}
        <UserGroupsPicker label="Exclude groups" description="Members are never reached, whatever includes them." value={draft.excludeGroups} onChange={(excludeGroups) => { set({ excludeGroups }); }} error={fieldError('targets.users.exclude')} />
      </Stack>
    </Card>
  );
}
