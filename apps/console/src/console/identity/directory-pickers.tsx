import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { api, ok } from '../../api/client';
import { SearchedMultiSelect, SearchedSelect, type SearchedMultiSelectProps, type SearchedSelectProps, type SearchedSource } from '../../shared/searched-pickers';

const users: SearchedSource = {
  key: 'users',
  search: async (q) => (await ok(api.GET('/api/v1/users', { params: { query: { limit: 20, ...(q === '' ? {} : { q }) } } }))).items.map((u) => ({ id: u.id, label: `${u.displayName} <${u.email}>` })),
  byId: async (id) => {
    const u = await ok(api.GET('/api/v1/users/{id}', { params: { path: { id } } }));
    return { id: u.id, label: `${u.displayName} <${u.email}>` };
  },
};

const groups: SearchedSource = {
  key: 'groups',
  search: async (q) => (await ok(api.GET('/api/v1/groups', { params: { query: { limit: 20, ...(q === '' ? {} : { q }) } } }))).items.map((g) => ({ id: g.id, label: g.name })),
  byId: async (id) => {
    const g = await ok(api.GET('/api/v1/groups/{id}', { params: { path: { id } } }));
    return { id: g.id, label: g.name };
  },
};

const devices: SearchedSource = {
  key: 'devices',
  search: async (q) => (await ok(api.GET('/api/v1/devices', { params: { query: { limit: 20, ...(q === '' ? {} : { q }) } } }))).items.map((d) => ({ id: d.id, label: `${d.name} (${d.platform})` })),
  byId: async (id) => {
    const d = await ok(api.GET('/api/v1/devices/{id}', { params: { path: { id } } }));
    return { id: d.id, label: `${d.name} (${d.platform})` };
  },
};

type MultiPickerProps = Omit<SearchedMultiSelectProps, 'required'>;

/** Users picked by searching the directory on the server (never the whole list). */
export function UserMultiPicker(props: MultiPickerProps) {
  return <SearchedMultiSelect source={users} nothingFound="No user by that name or e-mail" {...props} />;
}

/** Groups picked by searching on the server. */
export function GroupMultiPicker(props: MultiPickerProps) {
  return <SearchedMultiSelect source={groups} nothingFound="No group by that name" {...props} />;
}

type PickerProps = SearchedSelectProps;

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
