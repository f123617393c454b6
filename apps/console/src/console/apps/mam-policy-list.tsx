import { Anchor, Badge, Group, Paper, Table, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState, type ReactNode } from 'react';
import { Link } from 'react-router';
import { formatDateTime } from '../../shared/format';
import { ScrollTable } from '../../shared/scroll-table';
import { useCursorPages, type CursorPages } from '../../shared/use-cursor-pages';
import type { MamTargets } from './app-types';
import { AppIdentifierPicker } from './mam-pickers';

/** Whom a MAM policy reaches, in a few words. */
export function targetsSummary(targets: MamTargets): string {
  const include = targets.users.include;
  const users = include === 'allUsers' ? 'All users' : `${include.length} user group${include.length === 1 ? '' : 's'}`;
  const excluded = targets.users.exclude?.length ?? 0;
  return `${users}${excluded === 0 ? '' : `, ${excluded} excluded`}`;
}

/** What a MAM policy list asks the server for, and the filters and page that decide it. */
export interface MamPolicyFilters {
  readonly pages: CursorPages;
  readonly q: string;
  readonly setQ: (q: string) => void;
  readonly app: string | null;
  readonly setApp: (app: string | null) => void;
  /** True while a search or an app narrows the list (its emptiness then means "no match"). */
  readonly narrowed: boolean;
  readonly query: { readonly limit: number; readonly q?: string; readonly appIdentifier?: string; readonly cursor?: string };
}

/** Search-by-name and targets-app filters for a MAM policy list; changing either goes back to the first page. */
export function useMamPolicyFilters(): MamPolicyFilters {
  const pages = useCursorPages();
  const [q, setQ] = useState('');
  const [search] = useDebouncedValue(q.trim(), 300);
  const [app, setApp] = useState<string | null>(null);
  const query = { limit: 25, ...(search === '' ? {} : { q: search }), ...(app === null ? {} : { appIdentifier: app }), ...(pages.cursor === undefined ? {} : { cursor: pages.cursor }) };
  return {
    pages,
    q,
    setQ: (value) => { setQ(value); pages.reset(); },
    app,
    setApp: (value) => { setApp(value); pages.reset(); },
    narrowed: search !== '' || app !== null,
    query,
  };
}

/** The filter bar above a MAM policy list. */
export function MamPolicyFilterBar({ filters }: { readonly filters: MamPolicyFilters }) {
  return (
    <Paper withBorder p="sm" mb="md">
      <Group gap="sm" align="flex-end">
        <TextInput label="Search" placeholder="Part of the name" value={filters.q} onChange={(e) => { filters.setQ(e.currentTarget.value); }} w={240} />
        <AppIdentifierPicker label="Targets app" value={filters.app} onChange={filters.setApp} w={300} />
      </Group>
    </Paper>
  );
}

/** What every MAM policy list row shows. */
interface ListedPolicy {
  readonly id: string;
  readonly name: string;
  readonly description: string;
  readonly targets: MamTargets;
  readonly updatedAt: string;
  readonly version: number;
}

interface MamPolicyTableProps<P extends ListedPolicy> {
  /** The scroll region's accessible name. */
  readonly label: string;
  readonly testId: string;
  readonly minWidth: number;
  readonly items: readonly P[];
  readonly pending: boolean;
  readonly fetching: boolean;
  /** Shown when the list is empty and no filter narrows it. */
  readonly noneYet: string;
  readonly narrowed: boolean;
  readonly hrefOf: (p: P) => string;
  /** The one column that differs by policy kind, between Users and Changed. */
  readonly extra: { readonly title: string; readonly align?: 'right'; readonly cell: (p: P) => ReactNode };
}

/** One server page of MAM policies, by name: name, apps, users, one kind-specific column, and when it changed. */
export function MamPolicyTable<P extends ListedPolicy>({ label, testId, minWidth, items, pending, fetching, noneYet, narrowed, hrefOf, extra }: MamPolicyTableProps<P>) {
  return (
    <ScrollTable label={label} minWidth={minWidth}>
      <Table striped highlightOnHover fz="sm" data-testid={testId} aria-busy={fetching}>
        <Table.Caption>{pending ? 'Loading policies…' : `${items.length} policies on this page, by name`}</Table.Caption>
        <Table.Thead><Table.Tr><Table.Th>Name</Table.Th><Table.Th>Apps</Table.Th><Table.Th>Users</Table.Th><Table.Th ta={extra.align}>{extra.title}</Table.Th><Table.Th>Changed</Table.Th></Table.Tr></Table.Thead>
        <Table.Tbody>
          {items.map((p) => (
            <Table.Tr key={p.id} data-policy={p.name}>
              <Table.Td><Anchor component={Link} to={hrefOf(p)} fw={500} size="sm">{p.name}</Anchor>{p.description === '' ? null : <Text size="xs" c="dimmed" lineClamp={1}>{p.description}</Text>}</Table.Td>
              <Table.Td><Group gap={4}>{p.targets.apps.map((a) => <Badge key={a} variant="light" color="gray" tt="none">{a}</Badge>)}</Group></Table.Td>
              <Table.Td>{targetsSummary(p.targets)}</Table.Td>
              <Table.Td ta={extra.align}>{extra.cell(p)}</Table.Td>
              <Table.Td>{formatDateTime(p.updatedAt)} · v{p.version}</Table.Td>
            </Table.Tr>
          ))}
          {!pending && items.length === 0 ? <Table.Tr><Table.Td colSpan={5}><Text size="sm" c="dimmed" ta="center" py="md">{narrowed ? 'No policy matches.' : noneYet}</Text></Table.Td></Table.Tr> : null}
        </Table.Tbody>
      </Table>
    </ScrollTable>
  );
}
