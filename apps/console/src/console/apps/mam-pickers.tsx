import { MultiSelect, Select } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData, useQueries, useQuery } from '@tanstack/react-query';
import { useMemo, useRef, useState, type ReactNode } from 'react';
import { api, ok } from '../../api/client';

interface Option {
  readonly value: string;
  readonly label: string;
}

/**
 * Catalog apps found by name, publisher or identifier on the server, as options whose value is the
 * identifier (what MAM policies and the SDK name an app by). Picked identifiers no search listed
 * show as themselves.
 */
function useAppOptions(search: string, picked: readonly string[]) {
  const [q] = useDebouncedValue(search.trim(), 300);
  const known = useRef(new Map<string, string>());
  const found = useQuery({
    queryKey: ['apps', 'picker', q],
    queryFn: () => ok(api.GET('/api/v1/apps', { params: { query: { limit: 20, ...(q === '' ? {} : { q }) } } })),
    placeholderData: keepPreviousData,
  });
  const data = useMemo(() => {
    for (const a of found.data?.items ?? []) known.current.set(a.identifier, `${a.name} (${a.identifier})`);
    const ids = new Set([...picked, ...(found.data?.items ?? []).map((a) => a.identifier)]);
    return [...ids].map((id): Option => ({ value: id, label: known.current.get(id) ?? id }));
  }, [found.data, picked]);
  return { data, error: found.error };
}

interface MultiProps {
  readonly label: string;
  readonly description?: ReactNode;
  readonly value: readonly string[];
  readonly onChange: (value: string[]) => void;
  readonly error?: ReactNode;
  readonly required?: boolean;
}

/** Catalog apps by identifier, searched on the server. */
export function AppIdentifiersPicker(props: MultiProps) {
  const [search, setSearch] = useState('');
  const { data } = useAppOptions(search, props.value);
  return (
    <MultiSelect
      label={props.label}
      description={props.description}
      error={props.error}
      required={props.required}
      searchable
      searchValue={search}
      onSearchChange={setSearch}
      filter={({ options }) => options}
      data={data}
      value={[...props.value]}
      onChange={props.onChange}
      hidePickedOptions
      clearable
      nothingFoundMessage="No app in the catalog matches"
      placeholder={props.value.length === 0 ? 'Search the catalog' : undefined}
    />
  );
}

/** One catalog app by identifier, searched on the server; empty for any. */
export function AppIdentifierPicker({ value, onChange, label, w }: { readonly value: string | null; readonly onChange: (value: string | null) => void; readonly label: string; readonly w?: number }) {
  const [search, setSearch] = useState('');
  const [pickedLabel, setPickedLabel] = useState<string | undefined>();
  const picked = useMemo(() => (value === null ? [] : [value]), [value]);
  // While the box shows the picked app's name, list every app rather than search for that name.
  const { data } = useAppOptions(pickedLabel !== undefined && search === pickedLabel ? '' : search, picked);
  return (
    <Select
      label={label}
      w={w}
      searchable
      searchValue={search}
      onSearchChange={setSearch}
      filter={({ options }) => options}
      data={data}
      value={value}
      onChange={(v, option) => { setPickedLabel(v === null ? undefined : option?.label); onChange(v); }}
      clearable
      placeholder="Any app"
      nothingFoundMessage="No app in the catalog matches"
    />
  );
}

/** Groups of users (MAM policies target people, never device groups), searched on the server. */
export function UserGroupsPicker(props: MultiProps & { readonly disabled?: boolean }) {
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 300);
  const known = useRef(new Map<string, string>());
  const found = useQuery({
    queryKey: ['groups', 'picker', 'user', q],
    queryFn: () => ok(api.GET('/api/v1/groups', { params: { query: { limit: 20, memberType: 'user', ...(q === '' ? {} : { q }) } } })),
    placeholderData: keepPreviousData,
  });
  for (const g of found.data?.items ?? []) known.current.set(g.id, g.name);
  const missing = props.value.filter((id) => !known.current.has(id));
  const resolved = useQueries({ queries: missing.map((id) => ({ queryKey: ['group', id], queryFn: () => ok(api.GET('/api/v1/groups/{id}', { params: { path: { id } } })), retry: false, staleTime: 60_000 })) });
  for (const r of resolved) if (r.data !== undefined) known.current.set(r.data.id, r.data.name);
  const data = [...new Set([...props.value, ...(found.data?.items ?? []).map((g) => g.id)])].map((id): Option => ({ value: id, label: known.current.get(id) ?? id }));
  return (
    <MultiSelect
      label={props.label}
      description={props.description}
      error={props.error}
      required={props.required}
      disabled={props.disabled}
      searchable
      searchValue={search}
      onSearchChange={setSearch}
      filter={({ options }) => options}
      data={data}
      value={[...props.value]}
      onChange={props.onChange}
      hidePickedOptions
      clearable
      nothingFoundMessage="No user group by that name"
      placeholder={props.value.length === 0 ? 'Search user groups' : undefined}
    />
  );
}
