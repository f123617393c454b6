import { MultiSelect } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useMemo, useRef, useState } from 'react';
import { api, ok } from '../api/client';

/**
 * Groups a role is limited to, found by name on the server (never the whole list). Empty means
 * the whole tenant.
 */
export function GroupScopePicker({ value, onChange }: { readonly value: readonly string[]; readonly onChange: (ids: string[]) => void }) {
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 300);
  // Names of groups once seen, so picked ones keep their label when a new search no longer lists them.
  const known = useRef(new Map<string, string>());
  const groups = useQuery({
    queryKey: ['groups', 'scope-picker', q],
    queryFn: () => ok(api.GET('/api/v1/groups', { params: { query: { limit: 20, ...(q === '' ? {} : { q }) } } })),
    placeholderData: keepPreviousData,
  });
  const data = useMemo(() => {
    for (const g of groups.data?.items ?? []) known.current.set(g.id, g.name);
    const ids = new Set([...value, ...(groups.data?.items ?? []).map((g) => g.id)]);
    return [...ids].map((id) => ({ value: id, label: known.current.get(id) ?? id }));
  }, [groups.data, value]);
  return (
    <MultiSelect
      label="Limited to groups"
      description="Leave empty for the whole tenant."
      searchable
      searchValue={search}
      onSearchChange={setSearch}
      filter={({ options }) => options}
      data={data}
      value={[...value]}
      onChange={onChange}
      clearable
      nothingFoundMessage="No group by that name"
    />
  );
}
