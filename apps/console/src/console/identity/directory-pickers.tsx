import { MultiSelect, Select } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData, useQueries, useQuery } from '@tanstack/react-query';
import { useMemo, useRef, useState, type ReactNode } from 'react';
import { api, ok } from '../../api/client';

interface Option {
  readonly id: string;
  readonly label: string;
}

/** How a picker finds things on the server: a search by text, and one thing by id. */
interface Source {
  readonly key: string;
  readonly search: (q: string) => Promise<readonly Option[]>;
  readonly byId: (id: string) => Promise<Option>;
}

const users: Source = {
  key: 'users',
  search: async (q) => (await ok(api.GET('/api/v1/users', { params: { query: { limit: 20, ...(q === '' ? {} : { q }) } } }))).items.map((u) => ({ id: u.id, label: `${u.displayName} <${u.email}>` })),
  byId: async (id) => {
    const u = await ok(api.GET('/api/v1/users/{id}', { params: { path: { id } } }));
    return { id: u.id, label: `${u.displayName} <${u.email}>` };
  },
};

const groups: Source = {
  key: 'groups',
  search: async (q) => (await ok(api.GET('/api/v1/groups', { params: { query: { limit: 20, ...(q === '' ? {} : { q }) } } }))).items.map((g) => ({ id: g.id, label: g.name })),
  byId: async (id) => {
    const g = await ok(api.GET('/api/v1/groups/{id}', { params: { path: { id } } }));
    return { id: g.id, label: g.name };
  },
};

const devices: Source = {
  key: 'devices',
  search: async (q) => (await ok(api.GET('/api/v1/devices', { params: { query: { limit: 20, ...(q === '' ? {} : { q }) } } }))).items.map((d) => ({ id: d.id, label: `${d.name} (${d.platform})` })),
  byId: async (id) => {
    const d = await ok(api.GET('/api/v1/devices/{id}', { params: { path: { id } } }));
    return { id: d.id, label: `${d.name} (${d.platform})` };
  },
};

/**
 * Options for a server-searched picker: the current search's results plus the picked ids, each
 * with its name (looked up by id once when no search listed it, so a stored policy's users show
 * by name; an id that no longer resolves shows as itself).
 */
function useSearchedOptions(source: Source, search: string, picked: readonly string[]) {
  const [q] = useDebouncedValue(search.trim(), 300);
  const known = useRef(new Map<string, string>());
  const found = useQuery({ queryKey: [source.key, 'picker', q], queryFn: () => source.search(q), placeholderData: keepPreviousData });
  for (const o of found.data ?? []) known.current.set(o.id, o.label);
  const missing = picked.filter((id) => !known.current.has(id));
  const resolved = useQueries({
    queries: missing.map((id) => ({ queryKey: [source.key, 'picker-name', id], queryFn: () => source.byId(id), retry: false, staleTime: 5 * 60_000 })),
  });
  for (const r of resolved) if (r.data !== undefined) known.current.set(r.data.id, r.data.label);
  const resolvedKey = resolved.map((r) => r.data?.id ?? '').join();
  const data = useMemo(() => {
    const ids = new Set([...picked, ...(found.data ?? []).map((o) => o.id)]);
    return [...ids].map((id) => ({ value: id, label: known.current.get(id) ?? id }));
    // `resolvedKey` stands for the names that arrived since.
  }, [found.data, picked, resolvedKey]);
  return { data, error: found.error };
}

interface MultiPickerProps {
  readonly label: string;
  readonly description?: ReactNode;
  readonly value: readonly string[];
  readonly onChange: (ids: string[]) => void;
  readonly error?: ReactNode;
  readonly disabled?: boolean;
}

function SearchedMultiSelect({ source, nothingFound, ...props }: MultiPickerProps & { readonly source: Source; readonly nothingFound: string }) {
  const [search, setSearch] = useState('');
  const { data } = useSearchedOptions(source, search, props.value);
  return (
    <MultiSelect
      label={props.label}
      description={props.description}
      error={props.error}
      disabled={props.disabled}
      searchable
      searchValue={search}
      onSearchChange={setSearch}
      filter={({ options }) => options}
      data={data}
      value={[...props.value]}
      onChange={props.onChange}
      clearable
      hidePickedOptions
      nothingFoundMessage={nothingFound}
    />
  );
}

/** Users picked by searching the directory on the server (never the whole list). */
export function UserMultiPicker(props: MultiPickerProps) {
  return <SearchedMultiSelect source={users} nothingFound="No user by that name or e-mail" {...props} />;
}

/** Groups picked by searching on the server. */
export function GroupMultiPicker(props: MultiPickerProps) {
  return <SearchedMultiSelect source={groups} nothingFound="No group by that name" {...props} />;
}

interface PickerProps {
  readonly label: string;
  readonly description?: ReactNode;
  readonly placeholder?: string;
  readonly value: string | null;
  readonly onChange: (id: string | null) => void;
  readonly required?: boolean;
  readonly error?: ReactNode;
  readonly w?: number;
}

function SearchedSelect({ source, nothingFound, ...props }: PickerProps & { readonly source: Source; readonly nothingFound: string }) {
  const [search, setSearch] = useState('');
  const [pickedLabel, setPickedLabel] = useState<string | undefined>();
  const picked = useMemo(() => (props.value === null ? [] : [props.value]), [props.value]);
  // While the search box shows the picked option's name, list everything rather than search for it.
  const { data } = useSearchedOptions(source, pickedLabel !== undefined && search === pickedLabel ? '' : search, picked);
  return (
    <Select
      label={props.label}
      description={props.description}
      placeholder={props.placeholder}
      required={props.required}
      error={props.error}
      w={props.w}
      searchable
      searchValue={search}
      onSearchChange={setSearch}
      filter={({ options }) => options}
      data={data}
      value={props.value}
      onChange={(id, option) => { setPickedLabel(id === null ? undefined : option?.label); props.onChange(id); }}
      clearable={props.required !== true}
      nothingFoundMessage={nothingFound}
    />
  );
}

/** One user, searched for on the server. */
export function UserPicker(props: PickerProps) {
  return <SearchedSelect source={users} nothingFound="No user by that name or e-mail" {...props} />;
}

/** One device, searched for by name, serial number or model on the server. */
export function DevicePicker(props: PickerProps) {
  return <SearchedSelect source={devices} nothingFound="No device matches" {...props} />;
}

/**
 * The tenant's relying parties for pickers, by name: one server page of up to 500, which a tenant
 * does not outgrow (they are the applications people sign in to). Ids a policy names that no
 * longer exist are kept, shown as themselves.
 */
export function useRelyingPartyOptions(picked: readonly string[] = []) {
  const parties = useQuery({ queryKey: ['relying-parties', 'options'], queryFn: () => ok(api.GET('/api/v1/identity/relying-parties', { params: { query: { limit: 500 } } })), staleTime: 60_000 });
  const data = useMemo(() => {
    const items = parties.data?.items ?? [];
    const known = new Set(items.map((p) => p.clientId));
    return [...items.map((p) => ({ value: p.clientId, label: p.name })), ...picked.filter((id) => !known.has(id)).map((id) => ({ value: id, label: `${id} (no longer registered)` }))];
  }, [parties.data, picked]);
  return { data, error: parties.error, isPending: parties.isPending };
}
