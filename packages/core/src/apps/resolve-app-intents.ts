import type { CompiledFilter } from '../policy/compile-assignment-filter.js';
import type { Assignment, AssignmentSubject } from '../policy/model.js';
import { assignmentApplies } from '../policy/resolve-assigned-items.js';
import type { AppStateIntent } from './model.js';

/**
 * Pure: what each app assigned to this device must be, by app id: `required` or `uninstall`.
 * Exclude wins over every include, and required wins over uninstall (Intune's conflict rule:
 * a device in a "required" group and an "uninstall" group keeps the app). Available intents are
 * offered in the portal or to SDK apps, never pushed, so they are left out. A retired device
 * gets nothing. `assignments` may hold other kinds; they are skipped.
 */
export function resolveAppIntents(subject: AssignmentSubject, assignments: readonly Assignment[], filters: ReadonlyMap<string, CompiledFilter>, now: Date): Map<string, AppStateIntent> {
  const intents = new Map<string, AppStateIntent>();
  if (subject.device.managementState === 'retired') return intents;
  const excluded = new Set<string>();
  for (const a of assignments) {
    if (a.itemKind !== 'app') continue;
    if (a.mode === 'include' && a.intent !== 'required' && a.intent !== 'uninstall') continue;
    if (!assignmentApplies(a, subject, filters, now)) continue;
    if (a.mode === 'exclude') excluded.add(a.itemId);
    else if (a.intent === 'required') intents.set(a.itemId, 'required');
    else if (!intents.has(a.itemId)) intents.set(a.itemId, 'uninstall');
  }
  for (const id of excluded) intents.delete(id);
  return intents;
}
