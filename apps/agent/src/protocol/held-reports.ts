/**
 * A report the agent holds until the server acknowledges it: the agent's side of the protocol's
 * at-least-once reporting (docs/protocols/agent-v1.md), shared by configuration and app delivery.
 * Each holds the reports of what it manages, by id, and those of removals until acknowledged.
 */
export interface HeldReport<R> {
  readonly report: R;
  readonly acknowledged: boolean;
}

/** Reports the server has not acknowledged yet: what the next check-in sends. */
export function pendingReports<R>(held: ReadonlyMap<string, HeldReport<R>>, removed: ReadonlyMap<string, HeldReport<R>>): R[] {
  return [...[...held.values()].filter((r) => !r.acknowledged).map((r) => r.report), ...[...removed.values()].filter((r) => !r.acknowledged).map((r) => r.report)];
}

/** Every held report, plus removals not yet acknowledged: what a check-in after a restart sends. */
export function allReports<R>(held: ReadonlyMap<string, HeldReport<R>>, removed: ReadonlyMap<string, HeldReport<R>>): R[] {
  return [...[...held.values()].map((r) => r.report), ...[...removed.values()].filter((r) => !r.acknowledged).map((r) => r.report)];
}

/**
 * Marks the reports the server accepted, given the reports that were sent: a report that changed
 * since (`same` tells) stays pending; an acknowledged removal is forgotten. Returns whether
 * anything changed (and must be saved).
 */
export function acknowledgeReports<R extends { readonly id: string }, H extends HeldReport<R>>(
  held: Map<string, H>,
  removed: Map<string, HeldReport<R>>,
  sent: readonly R[],
  same: (a: R, b: R) => boolean,
): boolean {
  let changed = false;
  for (const report of sent) {
    const record = held.get(report.id);
    if (record !== undefined && !record.acknowledged && same(record.report, report)) {
      held.set(report.id, { ...record, acknowledged: true });
      changed = true;
    }
    const gone = removed.get(report.id);
    if (gone !== undefined && same(gone.report, report)) {
      removed.delete(report.id);
      changed = true;
    }
  }
  return changed;
}
