import { authorize } from '../directory/authorize.js';
import type { Principal } from '../kernel/context.js';
import type { Deps } from '../kernel/deps.js';
import type { ErrorCode } from '../kernel/errors.js';
import { fail, ok, type Result } from '../kernel/result.js';
import { mamPolicyLimits, type AppUsageDay, type AppUsageSummary } from './model.js';
import type { AppUsageStore } from './ports.js';
import { calendarDay } from './validate-sdk-check-in.js';
import { MamInvalid } from './mam-fields.js';

/** Which usage to report: one app or all, over a range of UTC days (both ends included). */
export interface AppUsageReportInput {
  readonly appIdentifier?: string;
  /** `YYYY-MM-DD`; 29 days before `to` when absent. */
  readonly from?: string;
  /** `YYYY-MM-DD`; today (UTC) when absent. */
  readonly to?: string;
}

/** Usage of SDK apps per app: launches and active users per day, and the last use. */
export interface AppUsageReport {
  readonly from: string;
  readonly to: string;
  readonly apps: readonly AppUsageSummary[];
}

const dayMs = 86_400_000;
const maxRangeDays = 366;
/** Bounds the rows one report reads: a year of 100 apps. */
const maxRows = 36_600;

/**
 * The usage report of SDK apps (issue 7 §3: launches, active users per day, last used). Needs
 * `devices.read`; the figures are aggregates over the tenant, so a scoped admin sees them too.
 * Days with no use are left out of `days`.
 */
export async function getAppUsageReport(deps: Deps<Pick<AppUsageStore, 'listAppUsage'>>, principal: Principal, input: AppUsageReportInput): Promise<Result<AppUsageReport, ErrorCode>> {
  const scope = authorize(principal, 'devices.read');
  if (!scope.ok) return scope;
  let from: string;
  let to: string;
  try {
    to = input.to === undefined ? deps.clock.now().toISOString().slice(0, 10) : calendarDay(input.to, 'to');
    from = input.from === undefined ? new Date(Date.parse(`${to}T00:00:00Z`) - 29 * dayMs).toISOString().slice(0, 10) : calendarDay(input.from, 'from');
  } catch (error) {
    if (error instanceof MamInvalid) return fail('INVALID_FILTER', error.message, { field: error.field });
    throw error;
  }
  if (from > to) return fail('INVALID_FILTER', 'from must not be after to.', { field: 'from' });
  if ((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / dayMs >= maxRangeDays) return fail('INVALID_FILTER', `A report covers at most ${maxRangeDays} days.`, { field: 'from' });
  if (input.appIdentifier !== undefined && (input.appIdentifier.length === 0 || input.appIdentifier.length > mamPolicyLimits.appIdentifierLength)) return fail('INVALID_FILTER', 'appIdentifier is too long.', { field: 'appIdentifier' });
  const rows = await deps.stores.listAppUsage(principal.tenantId, { ...(input.appIdentifier === undefined ? {} : { appIdentifier: input.appIdentifier }), fromDay: from, toDay: to }, maxRows);
  const apps = new Map<string, AppUsageDay[]>();
  for (const row of rows) {
    const days = apps.get(row.appIdentifier) ?? [];
    days.push(row);
    apps.set(row.appIdentifier, days);
  }
  const summaries: AppUsageSummary[] = [...apps].map(([appIdentifier, days]) => ({
    appIdentifier,
    days,
    launches: days.reduce((n, d) => n + d.launches, 0),
    lastUsedAt: days.reduce<Date | null>((last, d) => (d.lastUsedAt !== null && (last === null || d.lastUsedAt > last) ? d.lastUsedAt : last), null),
  }));
  return ok({ from, to, apps: summaries });
}
