import { MultiSelect, Select } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData, useQueries, useQuery } from '@tanstack/react-query';
import { useMemo, useRef, useState, type ReactNode } from 'react';

/** One thing a picker offers: its id (the value stored) and the words shown for it. */
export interface SearchedOption {
  readonly id: string;
  readonly label: string;
}

/** How a picker finds things on the server: a search by text, and (where the API has one) one thing by id. */
export interface SearchedSource {
  /** The query-key prefix, so invalidating the entity's lists refreshes its pickers too. */
  readonly key: string;
  /** Set when the search is narrowed (e.g. groups of users only), so it is cached apart from the plain search. */
  readonly narrowedTo?: string;
  readonly search: (q: string) => Promise<readonly SearchedOption[]>;
  /** Without it, a picked id no search listed shows as itself. */
  readonly byId?: (id: string) => Promise<SearchedOption>;
}

/**
 * Options for a server-searched picker: the current search's results plus the picked ids, each
 * with its name (looked up by id once when no search listed it, so a stored policy's users show
 * by name; an id that no longer resolves shows as itself).
 */
function useSearchedOptions(source: SearchedSource, search: string, picked: readonly string[]) {
  const [q] = useDebouncedValue(search.trim(), 300);
  const known = useRef(new Map<string, string>());
  const found = useQuery({
    queryKey: [source.key, 'picker', ...(source.narrowedTo === undefined ? [] : [source.narrowedTo]), q],
    queryFn: () => source.search(q),
    placeholderData: keepPreviousData,
  });
  for (const o of found.data ?? []) known.current.set(o.id, o.label);
  const byId = source.byId;
  const missing = byId === undefined ? [] : picked.filter((id) => !known.current.has(id)).map((id) => ({ id, byId }));
  const resolved = useQueries({
    queries: missing.map((m) => ({ queryKey: [source.key, 'picker-name', m.id], queryFn: () => m.byId(m.id), retry: false, staleTime: 5 * 60_000 })),
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

export interface SearchedMultiSelectProps {
  readonly label: string;
  readonly description?: ReactNode;
  readonly value: readonly string[];
  readonly onChange: (ids: string[]) => void;
  readonly error?: ReactNode;
  readonly required?: boolean;
  readonly disabled?: boolean;
}

/** Several things picked by searching on the server (never the whole list). */
export function SearchedMultiSelect({ source, nothingFound, placeholder, ...props }: SearchedMultiSelectProps & { readonly source: SearchedSource; readonly nothingFound: string; readonly placeholder?: string }) {
  const [search, setSearch] = useState('');
  const { data } = useSearchedOptions(source, search, props.value);
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
      clearable
      hidePickedOptions
      nothingFoundMessage={nothingFound}
      placeholder={props.value.length === 0 ? placeholder : undefined}
    />
  );
}

export interface SearchedSelectProps {
  readonly label: string;
  readonly description?: ReactNode;
  readonly placeholder?: string;
  readonly value: string | null;
  readonly onChange: (id: string | null) => void;
  readonly required?: boolean;
  readonly error?: ReactNode;
  readonly w?: number;
}

/** One thing picked by searching on the server; clearable unless required. */
export function SearchedSelect({ source, nothingFound, ...props }: SearchedSelectProps & { readonly source: SearchedSource; readonly nothingFound: string }) {
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
