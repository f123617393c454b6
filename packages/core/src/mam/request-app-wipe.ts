import type { Principal } from '../kernel/context.js';
import type { AppRegistration, AppWipeId, AppWipeScope } from './model.js';

/** A registration with a wipe requested now by `principal` (delivered at its next check-in). */
export function requestAppWipe(registration: AppRegistration, principal: Principal, wipeId: AppWipeId, scope: AppWipeScope, now: Date): AppRegistration {
  return {
    ...registration,
    state: 'wipePending',
    wipe: { id: wipeId, scope, requestedAt: now, requestedBy: principal.actor.name, confirmedAt: null, outcome: null, error: null },
    updatedAt: now,
  };
}
