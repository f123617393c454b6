import { Button, Card, List, SegmentedControl, Stack, Tabs, Text, Title } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { api, ok } from '../api/client';
import { useCaller } from '../api/use-me';
import { useSessionState } from '../api/session';
import { CreatedTokenCard } from '../shared/enrollment-token-card';
import { ErrorAlert } from '../shared/error-alert';
import { PrivacyNote } from './my-devices-page';

type DesktopPlatform = 'windows' | 'macos' | 'linux';
type Tab = DesktopPlatform | 'mobile';

/** The platform this browser runs on, as a first guess for the tabs. */
function guessPlatform(): Tab {
  const agent = navigator.userAgent;
  if (/iPhone|iPad|Android/i.test(agent)) return 'mobile';
  if (/Windows/i.test(agent)) return 'windows';
  if (/Mac OS X|Macintosh/i.test(agent)) return 'macos';
  return 'linux';
}

const steps: Readonly<Record<DesktopPlatform, { readonly install: string; readonly run: string }>> = {
  windows: { install: 'Install the Ward agent (ward-agent) package your IT team provides.', run: 'Open PowerShell as administrator (right-click Start → Terminal (Admin)) and run the command.' },
  macos: { install: 'Install the Ward agent (ward-agent) package your IT team provides.', run: 'Open Terminal and run the command with sudo in front of it; enter your Mac password when asked.' },
  linux: { install: 'Install the Ward agent (ward-agent) package your IT team provides (deb or rpm).', run: 'Open a terminal and run the command with sudo in front of it.' },
};

function DesktopSteps({ platform }: { readonly platform: DesktopPlatform }) {
  const { me } = useCaller();
  const { current } = useSessionState();
  const [ownership, setOwnership] = useState<'corporate' | 'personal'>('corporate');
  const create = useMutation({
    mutationFn: () =>
      ok(api.POST('/api/v1/enrollment-tokens', {
        body: { name: `Portal: ${current?.email ?? 'me'} (${platform})`, ownership, maxUses: 1, expiresInHours: 24, ...(me?.userId == null ? {} : { userId: me.userId }) },
      })),
  });
  return (
    <Stack gap="md">
      <List type="ordered" spacing="sm">
        <List.Item>{steps[platform].install}</List.Item>
        <List.Item>
          <Stack gap="xs">
            <Text>Say whose device it is, then get your one-time command (valid for a day, for one device).</Text>
            <SegmentedControl aria-label="Whose device is it" data={[{ value: 'corporate', label: 'My company’s' }, { value: 'personal', label: 'Mine (personal)' }]} value={ownership} onChange={(v) => { setOwnership(v); create.reset(); }} />
            {ownership === 'personal' ? <Card withBorder bg="gray.0"><PrivacyNote /></Card> : null}
            <Button onClick={() => { create.mutate(); }} loading={create.isPending} w="fit-content">Get my enrollment command</Button>
            <ErrorAlert error={create.error} />
            {create.data === undefined ? null : <CreatedTokenCard created={create.data} />}
          </Stack>
        </List.Item>
        <List.Item>{steps[platform].run}</List.Item>
        <List.Item>The device shows up under My devices within a minute.</List.Item>
      </List>
    </Stack>
  );
}

/** Enroll this device: per platform, the agent, the one-time command and its QR code. */
export function EnrollPage() {
  const [tab, setTab] = useState<Tab>(guessPlatform);
  return (
    <Stack gap="md">
      <Title order={1} size="h2">Enroll a device</Title>
      <Text>Enrolling lets your company keep the device secure and gives it access to work apps.</Text>
      <Tabs value={tab} onChange={(v) => { if (v !== null) setTab(v as Tab); }} keepMounted={false}>
        <Tabs.List mb="md">
          <Tabs.Tab value="windows">Windows</Tabs.Tab>
          <Tabs.Tab value="macos">macOS</Tabs.Tab>
          <Tabs.Tab value="linux">Linux</Tabs.Tab>
          <Tabs.Tab value="mobile">Phone or tablet</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="windows"><DesktopSteps platform="windows" /></Tabs.Panel>
        <Tabs.Panel value="macos"><DesktopSteps platform="macos" /></Tabs.Panel>
        <Tabs.Panel value="linux"><DesktopSteps platform="linux" /></Tabs.Panel>
        <Tabs.Panel value="mobile">
          <Text>Phones and tablets enroll through Apple and Android device management, which this Ward server does not offer yet. Ask your IT team.</Text>
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
