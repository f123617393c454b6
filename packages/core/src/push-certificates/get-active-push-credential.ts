import type { TenantId } from '../kernel/brand.js';
import type { Deps } from '../kernel/deps.js';
import type { ActivePushCertificate } from './model.js';
import type { PushCertificateStore } from './ports.js';

/**
 * The certificate and key the server's APNs client presents for `tenantId`, or null when the
 * tenant has none or it has expired (Apple would refuse the TLS handshake). For the push
 * dispatcher, a system component: no principal, never exposed over the API.
 */
export async function getActivePushCredential(
  deps: Pick<Deps<Pick<PushCertificateStore, 'getPushCertificates'>>, 'stores' | 'clock'>,
  tenantId: TenantId,
): Promise<ActivePushCertificate | null> {
  const { active } = await deps.stores.getPushCertificates(tenantId);
  if (active === null || active.notAfter.getTime() <= deps.clock.now().getTime()) return null;
  return active;
}
