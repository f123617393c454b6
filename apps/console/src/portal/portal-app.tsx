import { Anchor, AppShell, Button, Container, Group, Text } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { NavLink, Route, Routes } from 'react-router';
import { api } from '../api/client';
import { endIdentityProviderSession } from '../api/identity-provider-sign-in';
import { session, useSessionState } from '../api/session';
import { AppsPage } from './apps-page';
import { EnrollPage } from './enroll-page';
import { MyDevicePage } from './my-device-page';
import { MyDevicesPage } from './my-devices-page';
import { SecurityPage } from './security-page';

/** The employee portal: my devices, one device's rules and removal, and enrolling a device. */
export function PortalApp() {
  const { current } = useSessionState();
  const queries = useQueryClient();
  const signOut = async () => {
    await api.POST('/api/v1/auth/sign-out').catch(() => undefined);
    const viaIdentityProvider = session.get()?.via === 'identityProvider';
    session.end();
    queries.clear();
    if (viaIdentityProvider) await endIdentityProviderSession('portal').catch(() => undefined);
  };
  const link = ({ isActive }: { isActive: boolean }) => ({ fontWeight: isActive ? 700 : 400, whiteSpace: 'nowrap' as const });
  return (
    <AppShell header={{ height: 56 }} padding="md">
      <AppShell.Header>
        <Container size="md" h="100%">
          <Group h="100%" justify="space-between" wrap="nowrap">
            <Group gap="sm" wrap="nowrap" component="nav" aria-label="Portal">
              <Text fw={700} size="lg">Ward</Text>
              <Anchor component={NavLink} to="/" end style={link} size="sm">My devices</Anchor>
              <Anchor component={NavLink} to="/enroll" style={link} size="sm">Enroll a device</Anchor>
              <Anchor component={NavLink} to="/apps" style={link} size="sm">Apps</Anchor>
              <Anchor component={NavLink} to="/security" style={link} size="sm">Sign-in security</Anchor>
            </Group>
            <Group gap="xs" wrap="nowrap">
              <Text size="sm" c="dimmed" visibleFrom="sm">{current?.email}</Text>
              <Button variant="subtle" size="compact-sm" onClick={() => { void signOut(); }}>Sign out</Button>
            </Group>
          </Group>
        </Container>
      </AppShell.Header>
      <AppShell.Main component="main">
        <Container size="md" px={0}>
          <Routes>
            <Route index element={<MyDevicesPage />} />
            <Route path="devices/:id" element={<MyDevicePage />} />
            <Route path="enroll" element={<EnrollPage />} />
            <Route path="apps" element={<AppsPage />} />
            <Route path="security" element={<SecurityPage />} />
            <Route path="*" element={<MyDevicesPage />} />
          </Routes>
        </Container>
      </AppShell.Main>
    </AppShell>
  );
}
