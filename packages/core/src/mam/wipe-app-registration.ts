import { recordAudit } from '../audit/record-audit.js';
import type { AuditTrail } from '../audit/ports.js';
import type { Principal } from '../kernel/context.js';
import type { Deps } from '../kernel/deps.js';
import type { ErrorCode } from '../kernel/errors.js';
import { fail, ok, type Result } from '../kernel/result.js';
import { viewOf } from './app-registration-view.js';
import { findAppRegistration, type FindAppRegistrationStores } from './find-app-registration.js';
import type { AppRegistrationView, AppWipeId } from './model.js';
import type { AppRegistrationStore } from './ports.js';
import { requestAppWipe } from './request-app-wipe.js';

export type WipeAppRegistrationStores = FindAppRegistrationStores & Pick<AppRegistrationStore, 'updateAppRegistration'> & AuditTrail;

/**
 * Selectively wipes one app registration: the app deletes the corporate identity's data at its
 * next check-in and confirms; its key share is withheld from now on. Needs `devices.action` over
 * the registration's user. Asking again while the wipe is pending answers the pending one;
 * a wiped registration is APP_REGISTRATION_WIPED; another tenant's is APP_REGISTRATION_NOT_FOUND,
 * with nothing changed.
 */
export async function wipeAppRegistration(deps: Deps<WipeAppRegistrationStores>, principal: Principal, id: string): Promise<Result<AppRegistrationView, ErrorCode>> {
  return deps.tx.transaction(async (s) => {
    const found = await findAppRegistration(s, principal, 'devices.action', id);
    if (!found.ok) return found;
    const before = found.value;
    if (before.state === 'wiped') return fail('APP_REGISTRATION_WIPED', 'This registration is wiped already.');
    if (before.state === 'wipePending') return ok(viewOf(before));
    const now = deps.clock.now();
    const after = requestAppWipe(before, principal, deps.ids.newId() as AppWipeId, 'registration', now);
    await s.updateAppRegistration(after);
    await recordAudit(s, principal, now, 'appRegistration.wipeRequested', { type: 'appRegistration', id: after.id }, viewOf(before), viewOf(after));
    return ok(viewOf(after));
  });
}
