import { api, ok } from '../../api/client';
import { SearchedMultiSelect, SearchedSelect, type SearchedMultiSelectProps, type SearchedSource } from '../../shared/searched-pickers';

/**
 * Catalog apps found by name, publisher or identifier on the server, as options whose value is the
 * identifier (what MAM policies and the SDK name an app by). Picked identifiers no search listed
 * show as themselves.
 */
const catalogApps: SearchedSource = {
  key: 'apps',
  search: async (q) => (await ok(api.GET('/api/v1/apps', { params: { query: { limit: 20, ...(q === '' ? {} : { q }) } } }))).items.map((a) => ({ id: a.identifier, label: `${a.name} (${a.identifier})` })),
};

/** Groups of users only: MAM policies target people, never device groups. */
const userGroups: SearchedSource = {
  key: 'groups',
  narrowedTo: 'user',
  search: async (q) => (await ok(api.GET('/api/v1/groups', { params: { query: { limit: 20, memberType: 'user', ...(q === '' ? {} : { q }) } } }))).items.map((g) => ({ id: g.id, label: g.name })),
  byId: async (id) => {
    const g = await ok(api.GET('/api/v1/groups/{id}', { params: { path: { id } } }));
    return { id: g.id, label: g.name };
  },
};

type MultiProps = Omit<SearchedMultiSelectProps, 'disabled'>;

/** Catalog apps by identifier, searched on the server. */
export function AppIdentifiersPicker(props: MultiProps) {
  return <SearchedMultiSelect source={catalogApps} nothingFound="No app in the catalog matches" placeholder="Search the catalog" {...props} />;
}

/** One catalog app by identifier, searched on the server; empty for any. */
export function AppIdentifierPicker(props: { readonly value: string | null; readonly onChange: (value: string | null) => void; readonly label: string; readonly w?: number }) {
  return <SearchedSelect source={catalogApps} nothingFound="No app in the catalog matches" placeholder="Any app" {...props} />;
}

/** Groups of users (MAM policies target people, never device groups), searched on the server. */
export function UserGroupsPicker(props: SearchedMultiSelectProps) {
  return <SearchedMultiSelect source={userGroups} nothingFound="No user group by that name" placeholder="Search user groups" {...props} />;
}
