import { holdsTenantWide } from '../directory/authorize.js';
import type { Principal } from '../kernel/context.js';
import type { Deps } from '../kernel/deps.js';
import type { ErrorCode } from '../kernel/errors.js';
import { fail, ok, type Result } from '../kernel/result.js';
import { pushCertificateStatusOf, type PushCertificateStatus } from './model.js';
import type { PushCertificateStore } from './ports.js';

/**
 * The tenant's push set-up: the active certificate's topic and expiry (`expiresSoon` within 30
 * days), and the pending CSR if a request waits for Apple. No key is ever returned. Needs
 * tenant-wide `devices.read`: the help desk and auditors see an expiring certificate too.
 */
export async function getPushCertificateStatus(
  deps: Pick<Deps<Pick<PushCertificateStore, 'getPushCertificates'>>, 'stores' | 'clock'>,
  principal: Principal,
): Promise<Result<PushCertificateStatus, ErrorCode>> {
  if (!holdsTenantWide(principal, 'devices.read')) return fail('FORBIDDEN', 'The push certificate status needs tenant-wide devices.read.');
  const certificates = await deps.stores.getPushCertificates(principal.tenantId);
  return ok(pushCertificateStatusOf(certificates, deps.clock.now()));
}
