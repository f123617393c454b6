import { Button } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { api, ok } from '../../api/client';
import { useCaller } from '../../api/use-me';
import { CursorPager } from '../../shared/cursor-pager';
import { ErrorAlert } from '../../shared/error-alert';
import { PageHeader } from '../../shared/page-header';
import { clipboardLabels } from './app-labels';
import type { AppProtectionPolicy } from './app-types';
import { MamNav } from './mam-nav';
import { MamPolicyFilterBar, MamPolicyTable, useMamPolicyFilters } from './mam-policy-list';

function protectionSummary(p: AppProtectionPolicy): string {
  const s = p.settings;
  const parts = [s.pin.required ? `PIN of ${s.pin.minLength}+` : 'no PIN', s.encryptData ? 'encrypted' : 'not encrypted', `clipboard: ${clipboardLabels[s.clipboard].toLowerCase()}`];
  return parts.join(' · ');
}

/** `/app-protection`: the app protection policies SDK apps enforce, one server page at a time. */
export function AppProtectionPoliciesPage() {
  const { can } = useCaller();
  const filters = useMamPolicyFilters();
  const { query } = filters;
  const policies = useQuery({ queryKey: ['app-protection-policies', query], queryFn: () => ok(api.GET('/api/v1/app-protection-policies', { params: { query } })), placeholderData: keepPreviousData });
  return (
    <>
      <PageHeader
        title="App protection"
        description="What apps with the Ward SDK enforce for the people and apps a policy targets: PIN, encryption, clipboard, sharing, offline limits and launch conditions. Where several reach the same person and app, the oldest applies."
        actions={can('createAppProtectionPolicy') ? <Button component={Link} to="/app-protection/policies/new">New policy</Button> : undefined}
      />
      <MamNav />
      <MamPolicyFilterBar filters={filters} />
      <ErrorAlert error={policies.error} />
      <MamPolicyTable
        label="App protection policies table"
        testId="app-protection-policies"
        minWidth={860}
        items={policies.data?.items ?? []}
        pending={policies.isPending}
        fetching={policies.isFetching}
        noneYet="No app protection policies yet."
        narrowed={filters.narrowed}
        hrefOf={(p) => `/app-protection/policies/${p.id}`}
        extra={{ title: 'Protection', cell: protectionSummary }}
      />
      <CursorPager pages={filters.pages} nextCursor={policies.data?.nextCursor} loading={policies.isFetching} label="App protection policies" />
    </>
  );
}
