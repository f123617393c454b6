import { filterMatches, type CompiledFilter } from './compile-assignment-filter.js';
import type { AssignableKind, Assignment, AssignmentSubject } from './model.js';

/** Whether an assignment's target reaches the subject, before its filter. */
export function targetReaches(assignment: Assignment, subject: AssignmentSubject): boolean {
  switch (assignment.target.type) {
    case 'allDevices':
      return true;
    case 'allUsers':
      return subject.user !== null;
    case 'group':
      return subject.groupIds.has(assignment.target.groupId);
  }
}

/**
 * Whether an assignment applies to the subject: its target reaches the device and its filter (if
 * any) lets it through. A filter that is missing from `filters` (deleted, or no longer parses)
 * fails safe: an include assignment then reaches no one, an exclude assignment still excludes.
 */
export function assignmentApplies(assignment: Assignment, subject: AssignmentSubject, filters: ReadonlyMap<string, CompiledFilter>, now: Date): boolean {
  if (!targetReaches(assignment, subject)) return false;
  if (assignment.filter === null) return true;
  const filter = filters.get(assignment.filter.filterId);
  if (filter === undefined) return assignment.mode === 'exclude';
  const matches = filterMatches(filter, subject.device, now);
  return assignment.filter.mode === 'include' ? matches : !matches;
}

/**
 * Pure: the ids of the items of `kind` that apply to this subject: those reached by an include
 * assignment and by no exclude assignment (exclude wins, as in Intune). A retired device gets
 * nothing. `assignments` may hold other kinds; they are skipped.
 */
export function resolveAssignedItems(subject: AssignmentSubject, kind: AssignableKind, assignments: readonly Assignment[], filters: ReadonlyMap<string, CompiledFilter>, now: Date): Set<string> {
  const included = new Set<string>();
  if (subject.device.managementState === 'retired') return included;
  const excluded = new Set<string>();
  for (const assignment of assignments) {
    if (assignment.itemKind !== kind) continue;
    if (assignment.intent === 'uninstall' && assignment.mode === 'include') continue;
    if (!assignmentApplies(assignment, subject, filters, now)) continue;
    (assignment.mode === 'include' ? included : excluded).add(assignment.itemId);
  }
  for (const id of excluded) included.delete(id);
  return included;
}
