import type { ComplianceState, DeviceQuery, DeviceSort, ExportDevicesQuery, Platform } from '../api/types';
import { complianceLabels, platformLabels } from '../shared/labels';

/** The columns the device table can show. */
export const deviceColumns = ['name', 'platform', 'osVersion', 'compliance', 'ownership', 'management', 'serialNumber', 'model', 'manufacturer', 'primaryUser', 'lastSeenAt', 'enrolledAt'] as const;
export type DeviceColumn = (typeof deviceColumns)[number];

/** Column headings, and the API sort each sortable column maps to. */
export const columnInfo: Readonly<Record<DeviceColumn, { readonly label: string; readonly sort?: DeviceSort }>> = {
  name: { label: 'Name', sort: 'name' },
  platform: { label: 'Platform', sort: 'platform' },
  osVersion: { label: 'OS version', sort: 'osVersion' },
  compliance: { label: 'Compliance' },
  ownership: { label: 'Ownership' },
  management: { label: 'Management' },
  serialNumber: { label: 'Serial number' },
  model: { label: 'Model' },
  manufacturer: { label: 'Manufacturer' },
  primaryUser: { label: 'Primary user' },
  lastSeenAt: { label: 'Last seen', sort: 'lastSeenAt' },
  enrolledAt: { label: 'Enrolled', sort: 'enrolledAt' },
};

export const defaultColumns: readonly DeviceColumn[] = ['name', 'platform', 'osVersion', 'compliance', 'ownership', 'lastSeenAt'];
const sorts: readonly DeviceSort[] = ['name', 'lastSeenAt', 'enrolledAt', 'osVersion', 'platform'];
const ownerships = ['corporate', 'personal', 'unknown'] as const;
const managementStates = ['enrolled', 'retirePending', 'retired'] as const;
export const pageSizes = [25, 50, 100, 200] as const;

/** What the device table shows: filters, sort, columns and page size. Lives in the URL. */
export interface DeviceView {
  readonly q: string;
  readonly platform: readonly Platform[];
  readonly complianceState: readonly ComplianceState[];
  readonly ownership: (typeof ownerships)[number] | undefined;
  readonly managementState: (typeof managementStates)[number] | undefined;
  readonly osVersionMin: string;
  readonly osVersionMax: string;
  readonly sort: DeviceSort;
  readonly order: 'asc' | 'desc';
  readonly columns: readonly DeviceColumn[];
  readonly limit: number;
}

function oneOf<T extends string>(values: readonly T[], value: string | null): T | undefined {
  return value !== null && (values as readonly string[]).includes(value) ? (value as T) : undefined;
}

function listOf<T extends string>(values: readonly T[], value: string | null): T[] {
  if (value === null || value === '') return [];
  return value.split(',').filter((v): v is T => (values as readonly string[]).includes(v));
}

/** The view a URL's search parameters describe; anything unknown falls back to the default. */
export function parseView(params: URLSearchParams): DeviceView {
  const columns = listOf(deviceColumns, params.get('cols'));
  const limit = Number(params.get('limit'));
  return {
    q: params.get('q') ?? '',
    platform: listOf(Object.keys(platformLabels) as Platform[], params.get('platform')),
    complianceState: listOf(Object.keys(complianceLabels) as ComplianceState[], params.get('compliance')),
    ownership: oneOf(ownerships, params.get('ownership')),
    managementState: oneOf(managementStates, params.get('management')),
    osVersionMin: params.get('osMin') ?? '',
    osVersionMax: params.get('osMax') ?? '',
    sort: oneOf(sorts, params.get('sort')) ?? 'name',
    order: params.get('order') === 'desc' ? 'desc' : 'asc',
    columns: columns.length > 0 ? columns : defaultColumns,
    limit: (pageSizes as readonly number[]).includes(limit) ? limit : 50,
  };
}

/** The search parameters of a view, leaving defaults out so links stay short. */
export function viewParams(view: DeviceView): URLSearchParams {
  const params = new URLSearchParams();
  if (view.q !== '') params.set('q', view.q);
  if (view.platform.length > 0) params.set('platform', view.platform.join(','));
  if (view.complianceState.length > 0) params.set('compliance', view.complianceState.join(','));
  if (view.ownership !== undefined) params.set('ownership', view.ownership);
  if (view.managementState !== undefined) params.set('management', view.managementState);
  if (view.osVersionMin !== '') params.set('osMin', view.osVersionMin);
  if (view.osVersionMax !== '') params.set('osMax', view.osVersionMax);
  if (view.sort !== 'name') params.set('sort', view.sort);
  if (view.order !== 'asc') params.set('order', view.order);
  if (view.columns.join(',') !== defaultColumns.join(',')) params.set('cols', view.columns.join(','));
  if (view.limit !== 50) params.set('limit', String(view.limit));
  return params;
}

/** The `GET /devices` query of a view, for one page. */
export function viewQuery(view: DeviceView, cursor: string | undefined): DeviceQuery {
  const q = view.q.trim();
  return {
    limit: view.limit,
    sort: view.sort,
    order: view.order,
    ...(cursor === undefined ? {} : { cursor }),
    ...(q === '' ? {} : { q }),
    ...(view.platform.length === 0 ? {} : { platform: view.platform.join(',') }),
    ...(view.complianceState.length === 0 ? {} : { complianceState: view.complianceState.join(',') }),
    ...(view.ownership === undefined ? {} : { ownership: view.ownership }),
    ...(view.managementState === undefined ? {} : { managementState: view.managementState }),
    ...(view.osVersionMin.trim() === '' ? {} : { osVersionMin: view.osVersionMin.trim() }),
    ...(view.osVersionMax.trim() === '' ? {} : { osVersionMax: view.osVersionMax.trim() }),
  };
}

/** The `GET /devices/export.csv` query of a view: the same filters, search and sort, every page. */
export function exportQuery(view: DeviceView): ExportDevicesQuery {
  const { limit: _limit, cursor: _cursor, ...query } = viewQuery(view, undefined);
  return query;
}

/** A named device view kept in this browser. */
export interface SavedView {
  readonly name: string;
  /** The view's search parameters. */
  readonly search: string;
}

const savedViewsKey = 'ward.console.deviceViews';

/** The views saved in this browser. */
export function loadSavedViews(): SavedView[] {
  try {
    const parsed: unknown = JSON.parse(window.localStorage.getItem(savedViewsKey) ?? '[]');
    if (!Array.isArray(parsed)) return [];
    return parsed.filter((v): v is SavedView => typeof v === 'object' && v !== null && typeof (v as SavedView).name === 'string' && typeof (v as SavedView).search === 'string');
  } catch {
    return [];
  }
}

/** Saves the views, replacing those kept before. */
export function storeSavedViews(views: readonly SavedView[]): void {
  window.localStorage.setItem(savedViewsKey, JSON.stringify(views));
}
