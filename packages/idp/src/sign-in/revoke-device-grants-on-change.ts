import type { DeviceId, DeviceStore, DomainEvent, EventSubscriber, IdentityProviderStateStore } from '@ward/core';
import { revokeGrantsOfDevice } from './sign-in-state.js';

/** The events after which a device's grants are looked at again. */
export const deviceGrantEvents = ['device.complianceChanged', 'device.changed'] as const;

export interface RevokeDeviceGrantsOptions {
  readonly stores: Pick<DeviceStore, 'getDevice'> & IdentityProviderStateStore;
  /** Told about failures, which the event bus would otherwise swallow (the server's logger). */
  readonly onError?: (error: unknown, event: DomainEvent) => void;
  /** Told about each device whose grants were revoked (metrics, tests). */
  readonly onRevoked?: (deviceId: string, grants: number) => void;
}

/**
 * Revokes the grants (refresh and access tokens) signed in from a device as soon as it turns
 * noncompliant or leaves management (issue 6 §5: "its refresh tokens are revoked and
 * introspection says inactive within seconds"). Listens to `device.complianceChanged` and
 * `device.changed` (retirement publishes it), which the event bus delivers from every node, and
 * reads the device's current state rather than trusting the event. A device in its grace period
 * or not yet evaluated keeps its grants: the refresh check decides those against the policies.
 * Returns the unsubscribe function.
 */
export function revokeDeviceGrantsOnChange(events: EventSubscriber, options: RevokeDeviceGrantsOptions): () => void {
  const handle = async (event: DomainEvent): Promise<void> => {
    const device = await options.stores.getDevice(event.tenantId, event.subject as DeviceId);
    const gone = device === undefined || device.managementState !== 'enrolled';
    if (!gone && device.complianceState !== 'noncompliant') return;
    const grants = await revokeGrantsOfDevice(options.stores, event.subject);
    if (grants > 0) options.onRevoked?.(event.subject, grants);
  };
  const unsubscribers = deviceGrantEvents.map((type) =>
    events.subscribe(type, (event) => {
      handle(event).catch((error: unknown) => {
        options.onError?.(error, event);
      });
    }),
  );
  return () => {
    for (const unsubscribe of unsubscribers) unsubscribe();
  };
}
