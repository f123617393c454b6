import { Alert, Anchor, Button, Card, Group, List, SegmentedControl, Stack, Tabs, Text, Title } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { api, ok } from '../api/client';
import { CopyField } from '../shared/copy-field';
import { CreatedTokenCard } from '../shared/enrollment-token-card';
import { ErrorAlert } from '../shared/error-alert';
import { formatDateTime } from '../shared/format';
import { QrImage } from '../shared/qr-image';
import type { MyAccount, MyEnrollment } from './portal-types';
import { PrivacyNote } from './privacy-note';
import { useMyAccount } from './use-my-account';

type DesktopPlatform = 'windows' | 'macos' | 'linux';
type Tab = DesktopPlatform | 'apple-mobile';
type Ownership = 'corporate' | 'personal';

/** The platform this browser runs on, as a first guess for the tabs. */
function guessPlatform(): Tab {
  const agent = navigator.userAgent;
  if (/iPhone|iPad/i.test(agent)) return 'apple-mobile';
  if (/Windows/i.test(agent)) return 'windows';
  if (/Mac OS X|Macintosh/i.test(agent)) return 'macos';
  return 'linux';
}

const steps: Readonly<Record<DesktopPlatform, { readonly install: string; readonly run: string }>> = {
  windows: { install: 'Install the Ward agent (ward-agent) package your IT team provides.', run: 'Open PowerShell as administrator (right-click Start → Terminal (Admin)), paste the command and press Enter.' },
  macos: { install: 'Install the Ward agent (ward-agent) package your IT team provides.', run: 'Open Terminal, type sudo and a space, paste the command and press Return; enter your Mac password when asked.' },
  linux: { install: 'Install the Ward agent (ward-agent) package your IT team provides (deb or rpm).', run: 'Open a terminal, type sudo and a space, paste the command and press Enter.' },
};

/** Whose device it is; a personal device first shows what IT will and will not see. */
function OwnershipChoice({ account, value, onChange }: { readonly account: MyAccount | undefined; readonly value: Ownership; readonly onChange: (value: Ownership) => void }) {
  const allowPersonal = account?.enrollment.allowPersonal ?? true;
  return (
    <Stack gap="xs">
      <SegmentedControl
        aria-label="Whose device is it"
        data={[{ value: 'corporate', label: 'My company’s' }, { value: 'personal', label: 'Mine (personal)', disabled: !allowPersonal }]}
        value={value}
        onChange={(v) => { onChange(v === 'personal' ? 'personal' : 'corporate'); }}
        w="fit-content"
      />
      {allowPersonal ? null : <Text size="sm" c="dimmed">Your company enrolls only company-owned devices.</Text>}
      {value === 'personal' ? <Card withBorder bg="gray.0"><PrivacyNote /></Card> : null}
    </Stack>
  );
}

/** Makes the one-time enrollment for this person (`POST /me/enrollment`), forgetting it when the choice changes. */
function useEnrollment() {
  const [ownership, setOwnership] = useState<Ownership>('corporate');
  const create = useMutation({ mutationFn: (o: Ownership) => ok(api.POST('/api/v1/me/enrollment', { body: { ownership: o } })) });
  return {
    ownership,
    setOwnership: (o: Ownership) => { setOwnership(o); create.reset(); },
    create: () => { create.mutate(ownership); },
    pending: create.isPending,
    error: create.error,
    created: create.data,
  };
}

function AtLimit({ account }: { readonly account: MyAccount | undefined }) {
  if (account === undefined || account.enrollment.devices < account.enrollment.maxDevices) return null;
  return <Alert color="yellow" variant="light" title="Device limit reached">You have {account.enrollment.devices} devices, the most your company allows. Remove one under My devices before enrolling another.</Alert>;
}

function DesktopSteps({ platform, account }: { readonly platform: DesktopPlatform; readonly account: MyAccount | undefined }) {
  const enrollment = useEnrollment();
  const created = enrollment.created;
  return (
    <List type="ordered" spacing="sm">
      <List.Item>{steps[platform].install}</List.Item>
      <List.Item>
        <Stack gap="xs">
          <Text>Say whose device it is, then get your one-time command (valid for an hour, for one device).</Text>
          <OwnershipChoice account={account} value={enrollment.ownership} onChange={enrollment.setOwnership} />
          <Button onClick={enrollment.create} loading={enrollment.pending} w="fit-content">Get my enrollment command</Button>
          <ErrorAlert error={enrollment.error} />
          {created === undefined ? null : <CreatedTokenCard created={created} />}
          {created === undefined || platform !== 'macos' || created.appleProfileUrl === null ? null : (
            <Text size="sm">Prefer Apple’s device management to the agent? <Anchor href={created.appleProfileUrl} underline="always">Download the enrollment profile</Anchor> instead, then open System Settings → Privacy &amp; Security → Profiles to install it.</Text>
          )}
        </Stack>
      </List.Item>
      <List.Item>{steps[platform].run}</List.Item>
      <List.Item>The device shows up under My devices within a minute.</List.Item>
    </List>
  );
}

function AppleProfile({ created }: { readonly created: MyEnrollment }) {
  if (created.appleProfileUrl === null) return <Alert color="yellow" variant="light">Apple devices cannot enroll here yet: your IT team has not finished setting up Apple device management. Ask them, or enroll with the agent on a Mac.</Alert>;
  return (
    <Stack gap="sm" data-testid="apple-enrollment">
      <Alert color="yellow" variant="light" title="Shown once">The link works once, until {formatDateTime(created.token.expiresAt)}.</Alert>
      <Group align="flex-start" gap="lg" wrap="wrap">
        <Stack gap="sm" style={{ flex: 1, minWidth: 240 }}>
          <Anchor href={created.appleProfileUrl} fw={600} underline="always">Download the enrollment profile</Anchor>
          <CopyField label="Profile link" value={created.appleProfileUrl} />
        </Stack>
        {created.appleProfileQrSvg === null ? null : <QrImage svg={created.appleProfileQrSvg} label="QR code of the enrollment profile link" />}
      </Group>
    </Stack>
  );
}

function AppleMobileSteps({ account }: { readonly account: MyAccount | undefined }) {
  const enrollment = useEnrollment();
  const created = enrollment.created;
  const personal = enrollment.ownership === 'personal';
  return (
    <List type="ordered" spacing="sm">
      <List.Item>
        <Stack gap="xs">
          <Text>Say whose iPhone or iPad it is, then get your one-time link (valid for an hour, for one device).</Text>
          <OwnershipChoice account={account} value={enrollment.ownership} onChange={enrollment.setOwnership} />
          <Button onClick={enrollment.create} loading={enrollment.pending} w="fit-content">Get my enrollment link</Button>
          <ErrorAlert error={enrollment.error} />
          {created === undefined ? null : <AppleProfile created={created} />}
        </Stack>
      </List.Item>
      <List.Item>On the iPhone or iPad, open the link in Safari, or scan the QR code with its Camera from this screen, and allow the download.</List.Item>
      <List.Item>{personal ? 'Open Settings → General → VPN & Device Management, tap the downloaded profile and sign in with your work account.' : 'Open Settings → Profile Downloaded and tap Install; enter the device passcode when asked.'}</List.Item>
      <List.Item>The device shows up under My devices once it has checked in.</List.Item>
    </List>
  );
}

/** Enroll this device: per platform, the agent command or Apple's profile, each with a QR code. */
export function EnrollPage() {
  const [tab, setTab] = useState<Tab>(guessPlatform);
  const account = useMyAccount();
  return (
    <Stack gap="md">
      <Title order={1} size="h2">Enroll a device</Title>
      <Text>Enrolling lets your company keep the device secure and gives it access to work apps.</Text>
      <ErrorAlert error={account.error} />
      <AtLimit account={account.data} />
      <Tabs value={tab} onChange={(v) => { if (v !== null) setTab(v as Tab); }} keepMounted={false}>
        <Tabs.List mb="md">
          <Tabs.Tab value="windows">Windows</Tabs.Tab>
          <Tabs.Tab value="macos">macOS</Tabs.Tab>
          <Tabs.Tab value="linux">Linux</Tabs.Tab>
          <Tabs.Tab value="apple-mobile">iPhone or iPad</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="windows"><DesktopSteps platform="windows" account={account.data} /></Tabs.Panel>
        <Tabs.Panel value="macos"><DesktopSteps platform="macos" account={account.data} /></Tabs.Panel>
        <Tabs.Panel value="linux"><DesktopSteps platform="linux" account={account.data} /></Tabs.Panel>
        <Tabs.Panel value="apple-mobile"><AppleMobileSteps account={account.data} /></Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
