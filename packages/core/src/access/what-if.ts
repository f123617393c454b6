import { platforms, type Platform } from '../devices/model.js';
import { authorize } from '../directory/authorize.js';
import type { UserStore } from '../directory/ports.js';
import type { RelyingPartyId } from '../identity-provider/model.js';
import type { RelyingPartyStore } from '../identity-provider/ports.js';
import type { DeviceId, UserId } from '../kernel/brand.js';
import type { Principal } from '../kernel/context.js';
import type { Deps } from '../kernel/deps.js';
import type { ErrorCode } from '../kernel/errors.js';
import { fail, ok, type Result } from '../kernel/result.js';
import { compileAccessPolicies } from './compile-access-policies.js';
import { evaluateConditionalAccess } from './evaluate-conditional-access.js';
import { parseIpAddress } from './ip-range.js';
import { clientTypes, signInRiskLevels, type AccessEvaluation, type ClientType, type SignInRisk } from './model.js';
import type { AccessPolicyStore } from './ports.js';
import { resolveAccessContext, type ResolveAccessContextStores } from './resolve-access-context.js';

export type WhatIfStores = Pick<AccessPolicyStore, 'listAllAccessPolicies'> & Pick<UserStore, 'getUser'> & Pick<RelyingPartyStore, 'getRelyingParty'> & ResolveAccessContextStores;

/** A hypothetical sign-in. */
export interface WhatIfInput {
  readonly userId: string;
  readonly relyingPartyId: string;
  /** A device id (as if it proved itself), or `unknown` (the default): no device proven. */
  readonly device?: string;
  /** The client's address; absent when not known. */
  readonly ip?: string;
  readonly clientType: ClientType;
  /** The platform the user agent claims, for an unknown device. */
  readonly platform?: Platform;
  /** Whether the user has already passed MFA in the session (default false). */
  readonly mfaDone?: boolean;
  /** Assume this risk instead of counting the user's recent failed attempts. */
  readonly signInRisk?: SignInRisk;
}

/** What would happen, and what the tool assumed. */
export interface WhatIfResult {
  readonly evaluation: AccessEvaluation;
  readonly signInRisk: SignInRisk;
  /** The device evaluated; null for an unknown device. */
  readonly deviceId: DeviceId | null;
}

const idPattern = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * Issue 6 §7's what-if tool: given a user, a relying party, a device (or none) and a network,
 * which policies apply and what the decision would be, evaluated exactly as a real sign-in is
 * (same loading, same evaluation) but recorded nowhere. Needs `policy.read`.
 */
export async function whatIf(deps: Deps<WhatIfStores>, principal: Principal, input: WhatIfInput): Promise<Result<WhatIfResult, ErrorCode>> {
  const scope = authorize(principal, 'policy.read');
  if (!scope.ok) return scope;
  if (scope.value.kind !== 'tenant') return fail('FORBIDDEN', 'Admins scoped to groups cannot run the what-if tool: policies reach the whole tenant.');
  if (!idPattern.test(input.userId)) return fail('USER_NOT_FOUND', `No user with id ${input.userId.slice(0, 64)}.`);
  if (input.relyingPartyId.length < 1 || input.relyingPartyId.length > 128) return fail('VALIDATION_FAILED', 'relyingPartyId must have 1 to 128 characters.', { field: 'relyingPartyId' });
  if (!clientTypes.includes(input.clientType)) return fail('VALIDATION_FAILED', `clientType must be one of ${clientTypes.join(', ')}.`, { field: 'clientType' });
  if (input.platform !== undefined && !platforms.includes(input.platform)) return fail('VALIDATION_FAILED', `platform must be one of ${platforms.join(', ')}.`, { field: 'platform' });
  if (input.signInRisk !== undefined && !signInRiskLevels.includes(input.signInRisk)) return fail('VALIDATION_FAILED', `signInRisk must be one of ${signInRiskLevels.join(', ')}.`, { field: 'signInRisk' });
  if (input.ip !== undefined && parseIpAddress(input.ip) === undefined) return fail('VALIDATION_FAILED', 'ip must be an IPv4 or IPv6 address.', { field: 'ip' });
  const user = await deps.stores.getUser(principal.tenantId, input.userId as UserId);
  if (user === undefined) return fail('USER_NOT_FOUND', `No user with id ${input.userId}.`);
  if ((await deps.stores.getRelyingParty(principal.tenantId, input.relyingPartyId as RelyingPartyId)) === undefined) {
    return fail('RELYING_PARTY_NOT_FOUND', `No relying party with client id ${input.relyingPartyId}.`);
  }
  let deviceId: DeviceId | null = null;
  if (input.device !== undefined && input.device !== 'unknown') {
    const device = idPattern.test(input.device) ? await deps.stores.getDevice(principal.tenantId, input.device as DeviceId) : undefined;
    if (device === undefined) return fail('DEVICE_NOT_FOUND', `No device with id ${input.device.slice(0, 64)}.`);
    deviceId = device.id;
  }
  const now = deps.clock.now();
  const [policies, context] = await Promise.all([
    deps.stores.listAllAccessPolicies(principal.tenantId),
    resolveAccessContext(deps.stores, {
      tenantId: principal.tenantId,
      userId: user.id,
      relyingPartyId: input.relyingPartyId,
      clientType: input.clientType,
      ip: input.ip ?? null,
      deviceId,
      platformHint: input.platform ?? null,
      mfaDone: input.mfaDone ?? false,
      authenticatedAt: null,
      now,
      ...(input.signInRisk === undefined ? {} : { signInRisk: input.signInRisk }),
    }),
  ]);
  const evaluation = evaluateConditionalAccess(context, compileAccessPolicies(policies));
  return ok({ evaluation, signInRisk: context.signInRisk, deviceId: context.device?.id ?? null });
}
