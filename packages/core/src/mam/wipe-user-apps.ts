import { recordAudit } from '../audit/record-audit.js';
import type { AuditTrail } from '../audit/ports.js';
import { findUserInScope } from '../directory/find-user-in-scope.js';
import type { UserStore } from '../directory/ports.js';
import type { Principal } from '../kernel/context.js';
import type { Deps } from '../kernel/deps.js';
import type { ErrorCode } from '../kernel/errors.js';
import { ok, type Result } from '../kernel/result.js';
import { MamInvalid } from './mam-fields.js';
import { viewOf } from './app-registration-view.js';
import type { AppRegistrationView, AppWipeId } from './model.js';
import type { AppRegistrationStore } from './ports.js';
import { requestAppWipe } from './request-app-wipe.js';
import { deviceTag } from './validate-sdk-registration.js';

export type WipeUserAppsStores = Pick<UserStore, 'getUser' | 'isUserWithinGroups'> & Pick<AppRegistrationStore, 'listLiveAppRegistrationsOfUser' | 'updateAppRegistration'> & AuditTrail;

/** Whose apps to wipe: all of a user's, or those on one device tag. */
export interface WipeUserAppsInput {
  readonly userId: string;
  /** Only the registrations on this device tag; all of the user's when absent or null. */
  readonly deviceTag?: string | null;
}

/** The registrations a wipe reached (those already pending included). */
export interface WipeUserAppsOutcome {
  readonly registrations: readonly AppRegistrationView[];
}

/** A user has a handful of apps on a handful of devices; more is a bug or an attack, not a workload. */
const maxRegistrationsPerWipe = 1000;

/**
 * Selectively wipes all of a user's app registrations, or those on one device tag (sdk-v1.md,
 * "Selective wipe"): each live one gets a wipe of scope `user`, delivered at its next check-in.
 * Needs `devices.action` over the user (USER_NOT_FOUND otherwise, also for another tenant's user).
 * One audit event names the user and every registration reached.
 */
export async function wipeUserApps(deps: Deps<WipeUserAppsStores>, principal: Principal, input: WipeUserAppsInput): Promise<Result<WipeUserAppsOutcome, ErrorCode>> {
  let tag: string | null = null;
  if (input.deviceTag !== undefined && input.deviceTag !== null) {
    try {
      tag = deviceTag(input.deviceTag, 'deviceTag');
    } catch (error) {
      if (error instanceof MamInvalid) return error.failure('VALIDATION_FAILED');
      throw error;
    }
  }
  return deps.tx.transaction(async (s) => {
    const found = await findUserInScope(s, principal, 'devices.action', input.userId);
    if (!found.ok) return found;
    const user = found.value;
    const live = await s.listLiveAppRegistrationsOfUser(principal.tenantId, user.id, tag, maxRegistrationsPerWipe);
    const now = deps.clock.now();
    const reached: AppRegistrationView[] = [];
    const requested: string[] = [];
    for (const registration of live) {
      if (registration.state === 'wipePending') {
        reached.push(viewOf(registration));
        continue;
      }
      const after = requestAppWipe(registration, principal, deps.ids.newId() as AppWipeId, 'user', now);
      await s.updateAppRegistration(after);
      reached.push(viewOf(after));
      requested.push(after.id);
    }
    if (requested.length > 0) await recordAudit(s, principal, now, 'user.appsWipeRequested', { type: 'user', id: user.id }, null, { deviceTag: tag, registrationIds: requested });
    return ok({ registrations: reached });
  });
}
