import { Anchor, AppShell, Burger, Group, Menu, NavLink, ScrollArea, Text, UnstyledButton } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useQueryClient } from '@tanstack/react-query';
import { NavLink as RouterLink, Outlet, useLocation } from 'react-router';
import type { OperationId } from '../api/access.gen';
import { api } from '../api/client';
import { endIdentityProviderSession } from '../api/identity-provider-sign-in';
import { session, useSessionState } from '../api/session';
import { useCaller } from '../api/use-me';

interface Section {
  readonly to: string;
  readonly label: string;
  /** The list the page opens with; the link shows only to callers who may call it. */
  readonly operation: OperationId;
}

const sections: readonly Section[] = [
  { to: '/', label: 'Dashboard', operation: 'listDevices' },
  { to: '/devices', label: 'Devices', operation: 'listDevices' },
  { to: '/users', label: 'Users', operation: 'listUsers' },
  { to: '/groups', label: 'Groups', operation: 'listGroups' },
  { to: '/profiles', label: 'Configuration profiles', operation: 'listProfiles' },
  { to: '/compliance-policies', label: 'Compliance policies', operation: 'listCompliancePolicies' },
  { to: '/assignment-filters', label: 'Assignment filters', operation: 'listAssignmentFilters' },
  { to: '/apps', label: 'Apps', operation: 'listApps' },
  { to: '/app-inventory', label: 'Installed software', operation: 'searchAppInventory' },
  { to: '/app-protection', label: 'App protection', operation: 'listAppProtectionPolicies' },
  { to: '/reports', label: 'Reports', operation: 'getComplianceOverview' },
  { to: '/enrollment', label: 'Enrollment', operation: 'listEnrollmentTokens' },
  { to: '/conditional-access', label: 'Conditional access', operation: 'listAccessPolicies' },
  { to: '/what-if', label: 'What if', operation: 'whatIfSignIn' },
  { to: '/relying-parties', label: 'Relying parties', operation: 'listRelyingParties' },
  { to: '/sign-ins', label: 'Sign-in log', operation: 'listSignIns' },
  { to: '/audit', label: 'Audit log', operation: 'listAuditEvents' },
  { to: '/admins', label: 'Admins and roles', operation: 'listAdmins' },
  { to: '/tokens', label: 'API tokens', operation: 'listApiTokens' },
  { to: '/settings', label: 'Settings', operation: 'getTenant' },
];

/** The console frame: header with the account menu, navigation, and the page. */
export function ConsoleShell() {
  const [opened, navigation] = useDisclosure();
  const { can } = useCaller();
  const { current } = useSessionState();
  const location = useLocation();
  const queries = useQueryClient();
  const signOut = async () => {
    // The session ends on the server too; the tab forgets it whatever the answer.
    await api.POST('/api/v1/auth/sign-out').catch(() => undefined);
    const viaIdentityProvider = session.get()?.via === 'identityProvider';
    session.end();
    queries.clear();
    if (viaIdentityProvider) await endIdentityProviderSession('console').catch(() => undefined);
  };
  const active = (to: string) => (to === '/' ? location.pathname === '/' : location.pathname === to || location.pathname.startsWith(`${to}/`));
  return (
    <AppShell header={{ height: 56 }} navbar={{ width: 220, breakpoint: 'sm', collapsed: { mobile: !opened } }} padding="lg">
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between">
          <Group gap="sm">
            <Burger opened={opened} onClick={() => { navigation.toggle(); }} hiddenFrom="sm" size="sm" aria-label="Toggle navigation" />
            <Anchor component={RouterLink} to="/" underline="never" fw={700} size="lg" c="var(--mantine-color-text)">Ward</Anchor>
            <Text size="sm" c="dimmed" visibleFrom="sm">Admin console</Text>
          </Group>
          <Menu position="bottom-end" withinPortal>
            <Menu.Target>
              <UnstyledButton px="xs" py={4}>
                <Text size="sm">{current?.displayName ?? ''}</Text>
              </UnstyledButton>
            </Menu.Target>
            <Menu.Dropdown>
              <Menu.Label>{current?.email}</Menu.Label>
              <Menu.Item component={RouterLink} to="/account">My account</Menu.Item>
              <Menu.Item component="a" href="/portal/">Self-service portal</Menu.Item>
              <Menu.Divider />
              <Menu.Item onClick={() => { void signOut(); }}>Sign out</Menu.Item>
            </Menu.Dropdown>
          </Menu>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" component="nav" aria-label="Sections">
        <ScrollArea>
          {sections.filter((s) => can(s.operation)).map((s) => (
            <NavLink key={s.to} component={RouterLink} to={s.to} label={s.label} active={active(s.to)} onClick={() => { navigation.close(); }} aria-current={active(s.to) ? 'page' : undefined} />
          ))}
        </ScrollArea>
      </AppShell.Navbar>
      <AppShell.Main component="main">
        <Outlet />
      </AppShell.Main>
    </AppShell>
  );
}
