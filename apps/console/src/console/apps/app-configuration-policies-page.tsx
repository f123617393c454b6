import { Button } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { api, ok } from '../../api/client';
import { useCaller } from '../../api/use-me';
import { CursorPager } from '../../shared/cursor-pager';
import { ErrorAlert } from '../../shared/error-alert';
import { PageHeader } from '../../shared/page-header';
import { MamNav } from './mam-nav';
import { MamPolicyFilterBar, MamPolicyTable, useMamPolicyFilters } from './mam-policy-list';

/** `/app-protection/configuration`: key/value settings for SDK apps, one server page at a time. */
export function AppConfigurationPoliciesPage() {
  const { can } = useCaller();
  const filters = useMamPolicyFilters();
  const { query } = filters;
  const policies = useQuery({ queryKey: ['app-configuration-policies', query], queryFn: () => ok(api.GET('/api/v1/app-configuration-policies', { params: { query } })), placeholderData: keepPreviousData });
  return (
    <>
      <PageHeader
        title="App configuration"
        description="Settings apps read as their managed configuration, with the person's details filled in ({{user.email}}). Where several reach the same person and app, their settings merge and the oldest policy wins a key they share."
        actions={can('createAppConfigurationPolicy') ? <Button component={Link} to="/app-protection/configuration/new">New policy</Button> : undefined}
      />
      <MamNav />
      <MamPolicyFilterBar filters={filters} />
      <ErrorAlert error={policies.error} />
      <MamPolicyTable
        label="App configuration policies table"
        testId="app-configuration-policies"
        minWidth={760}
        items={policies.data?.items ?? []}
        pending={policies.isPending}
        fetching={policies.isFetching}
        noneYet="No app configuration policies yet."
        narrowed={filters.narrowed}
        hrefOf={(p) => `/app-protection/configuration/${p.id}`}
        extra={{ title: 'Settings', align: 'right', cell: (p) => Object.keys(p.settings).length }}
      />
      <CursorPager pages={filters.pages} nextCursor={policies.data?.nextCursor} loading={policies.isFetching} label="App configuration policies" />
    </>
  );
}
