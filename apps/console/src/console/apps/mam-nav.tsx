import { Button, Group } from '@mantine/core';
import { Link, useLocation } from 'react-router';
import type { OperationId } from '../../api/access.gen';
import { useCaller } from '../../api/use-me';

const sections: readonly { readonly to: string; readonly label: string; readonly operation: OperationId }[] = [
  { to: '/app-protection', label: 'Protection policies', operation: 'listAppProtectionPolicies' },
  { to: '/app-protection/configuration', label: 'Configuration policies', operation: 'listAppConfigurationPolicies' },
  { to: '/app-protection/registrations', label: 'Registrations', operation: 'listAppRegistrations' },
  { to: '/app-protection/usage', label: 'Usage', operation: 'getAppUsageReport' },
];

function current(pathname: string): string {
  const deeper = sections.slice(1).find((s) => pathname === s.to || pathname.startsWith(`${s.to}/`));
  return deeper?.to ?? '/app-protection';
}

/** The parts of app protection (SDK apps), as links across the top of each of its pages. */
export function MamNav() {
  const { can } = useCaller();
  const { pathname } = useLocation();
  const active = current(pathname);
  return (
    <Group component="nav" aria-label="App protection" gap={4} mb="md">
      {sections.filter((s) => can(s.operation)).map((s) => (
        <Button key={s.to} component={Link} to={s.to} size="xs" variant={s.to === active ? 'light' : 'subtle'} aria-current={s.to === active ? 'page' : undefined}>
          {s.label}
        </Button>
      ))}
    </Group>
  );
}
