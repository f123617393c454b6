import type { DeviceStore } from '../devices/ports.js';
import type { GroupStore } from '../directory/ports.js';
import type { DeviceId, TenantId, UserId } from '../kernel/brand.js';
import type { Platform } from '../devices/model.js';
import { assessSignInRisk, riskyFailureReasons, signInRiskPolicy } from './assess-sign-in-risk.js';
import type { AccessContext, ClientType, SignInRisk } from './model.js';
import type { SignInLog } from './ports.js';

export type ResolveAccessContextStores = Pick<GroupStore, 'groupsOfMember'> & Pick<DeviceStore, 'getDevice'> & Pick<SignInLog, 'countFailedSignIns'>;

/** What the identity provider (or the what-if tool) knows of an attempt before loading anything. */
export interface AccessAttempt {
  readonly tenantId: TenantId;
  readonly userId: UserId;
  readonly relyingPartyId: string;
  readonly clientType: ClientType;
  readonly ip: string | null;
  /** The device that proved itself (certificate or device-key assertion); null when none did. */
  readonly deviceId: DeviceId | null;
  readonly platformHint?: Platform | null;
  readonly mfaDone: boolean;
  readonly appProtected?: boolean;
  readonly authenticatedAt: Date | null;
  readonly now: Date;
  /** A risk to assume instead of counting failed attempts (the what-if tool's "what if risk were high"). */
  readonly signInRisk?: SignInRisk;
}

/**
 * Loads what a decision reads: the user's groups, the proven device (a device id that names no
 * device, or a retired one, counts as unknown) and the sign-in risk from the user's failed
 * attempts in the last hour. Three indexed reads; the identity provider calls it per
 * authorization and refresh, then {@link evaluateConditionalAccess}.
 */
export async function resolveAccessContext(stores: ResolveAccessContextStores, attempt: AccessAttempt): Promise<AccessContext> {
  const { tenantId, userId, now } = attempt;
  const [groupIds, device, failures] = await Promise.all([
    stores.groupsOfMember(tenantId, { memberType: 'user', memberId: userId }),
    attempt.deviceId === null ? Promise.resolve(undefined) : stores.getDevice(tenantId, attempt.deviceId),
    attempt.signInRisk === undefined
      ? stores.countFailedSignIns(tenantId, userId, new Date(now.getTime() - signInRiskPolicy.windowMs), riskyFailureReasons, signInRiskPolicy.high)
      : Promise.resolve(0),
  ]);
  const known = device !== undefined && device.managementState !== 'retired' ? device : undefined;
  return {
    userId,
    groupIds,
    relyingPartyId: attempt.relyingPartyId,
    clientType: attempt.clientType,
    ip: attempt.ip,
    device: known === undefined ? null : { id: known.id, platform: known.platform, ownership: known.ownership, complianceState: known.complianceState, managementState: known.managementState },
    platformHint: attempt.platformHint ?? null,
    signInRisk: attempt.signInRisk ?? assessSignInRisk(failures),
    mfaDone: attempt.mfaDone,
    appProtected: attempt.appProtected ?? false,
    authenticatedAt: attempt.authenticatedAt,
    now,
  };
}
