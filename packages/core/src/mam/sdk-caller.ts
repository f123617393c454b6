import type { User } from '../directory/model.js';
import type { DeviceId, TenantId, UserId } from '../kernel/brand.js';
import type { Origin, Principal } from '../kernel/context.js';
import type { AppRegistration } from './model.js';

/**
 * Who registers an SDK app: the user behind the access token the identity provider issued, the
 * relying party (client id) it was issued to, and the enrolled device when the app presented the
 * device's sign-in assertion. Built by the SDK endpoint after checking the token.
 */
export interface SdkCaller {
  readonly tenantId: TenantId;
  readonly userId: UserId;
  readonly clientId?: string | null;
  readonly deviceId?: DeviceId | null;
  readonly origin?: Origin;
}

/** The principal under which a user's own SDK act is audited (no grants: it may change only its own registrations). */
export function sdkUserPrincipal(user: User, origin: Origin | undefined): Principal {
  return { tenantId: user.tenantId, userId: user.id, actor: { type: 'user', id: user.id, name: user.email }, grants: [], origin: origin ?? { via: 'api' } };
}

/** The principal under which an app's own acts (a wipe confirmation) are audited. */
export function sdkAppPrincipal(registration: AppRegistration, origin: Origin | undefined): Principal {
  return {
    tenantId: registration.tenantId,
    userId: registration.userId,
    actor: { type: 'device', id: registration.id, name: `${registration.appIdentifier} on ${registration.deviceName ?? registration.deviceTag}` },
    grants: [],
    origin: origin ?? { via: 'api' },
  };
}
