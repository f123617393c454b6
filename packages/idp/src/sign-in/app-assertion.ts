import {
  verifyAppAssertion,
  type AppProtectionReason,
  type AppRegistrationStore,
  type Clock,
  type EvaluateAppProtectionStores,
  type IdentityProviderStateStore,
  type MamPolicySource,
  type SdkSignatureVerifier,
  type TenantId,
  type UserId,
} from '@ward/core';

/**
 * An app with the Ward SDK proving, at sign-in, that it runs under a current app protection
 * registration (docs/protocols/sdk-v1.md, "Conditional access"): the authorization request (or
 * the sign-in form) carries `app_assertion=<JWS>`, ES256 signed by the registration's key, `iss`
 * the registration id, `aud` Ward's issuer, `exp` at most five minutes after `iat`, and a `jti`
 * used once. Core's `verifyAppAssertion` checks the token and the registration; this adds the
 * single use of `jti` across sign-ins.
 */
export const appAssertionParameter = 'app_assertion';

/** The provider-state model that remembers used `jti`s until their assertion expires. */
export const appAssertionStateModel = 'WardAppAssertion';

/** Tolerated clock difference between the app and the server, added to how long a `jti` is kept. */
const clockSkewSeconds = 60;
/** Kept at most this long whatever `exp` claims (core refuses a lifetime over five minutes). */
const maxKeptSeconds = 300 + clockSkewSeconds;

export type AppAssertionStores = EvaluateAppProtectionStores & Pick<AppRegistrationStore, 'getAppRegistration'> & IdentityProviderStateStore;

/** What checking an app assertion needs beside the stores. */
export interface AppAssertionOptions {
  /** ES256 over the registration's key (the server's node:crypto adapter). */
  readonly signatures: SdkSignatureVerifier;
  /** The tenants' compiled MAM policies (the cache the SDK check-ins share). */
  readonly mamPolicies?: MamPolicySource;
}

/** What an app assertion proved at one sign-in. */
export interface AppProof {
  /** The registration the sign-in is bound to (re-checked on every refresh); null when none was proven. */
  readonly registrationId: string | null;
  /** Whether it counts for an `appProtection` control now. */
  readonly protected: boolean;
  /** Why not, for logs and tests (`replayed` beside core's reasons); null when protected or when none was presented. */
  readonly reason: AppProtectionReason | 'replayed' | null;
}

/** No assertion presented: nothing proven, nothing wrong. */
export const noAppProof: AppProof = { registrationId: null, protected: false, reason: null };

/** The sign-in presenting an assertion. */
export interface PresentedAppAssertion {
  /** The compact JWS; empty means none. */
  readonly token: string;
  readonly tenantId: TenantId;
  readonly userId: UserId;
  /** Ward's issuer: the only accepted `aud`. */
  readonly audience: string;
  /**
   * The sign-in (interaction uid) presenting it. The pages of one sign-in (password, code, "try
   * again") may present the assertion they were given; another sign-in may not.
   */
  readonly interactionUid: string;
}

function claimsOf(token: string): { readonly jti: string; readonly exp: number } | undefined {
  const payload = token.split('.')[1] ?? '';
  try {
    const claims: unknown = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    if (typeof claims !== 'object' || claims === null) return undefined;
    const { jti, exp } = claims as Record<string, unknown>;
    return typeof jti === 'string' && typeof exp === 'number' && Number.isFinite(exp) ? { jti, exp } : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Remembers `jti` for the registration until the assertion expires, with an insert that only one
 * writer can win (as for device assertions): of two sign-ins racing with one assertion, exactly
 * one counts it. The same interaction may present it again.
 */
async function claimOnce(stores: IdentityProviderStateStore, clock: Clock, registrationId: string, jti: string, exp: number, interactionUid: string): Promise<boolean> {
  const id = `${registrationId}:${jti}`;
  const keptUntil = Math.min(exp + clockSkewSeconds, Math.floor(clock.now().getTime() / 1000) + maxKeptSeconds);
  const state = { model: appAssertionStateModel, id, payload: { interaction: interactionUid }, grantId: null, uid: null, userCode: null, clientId: null, expiresAt: new Date(keptUntil * 1000), consumedAt: null };
  if (await stores.insertIdpStateIfAbsent(state)) return true;
  const seen = await stores.findIdpState(appAssertionStateModel, id);
  // A lapsed mark (the purge has not run yet) is free again: its assertion expired with it, and a
  // fresh one naming the same jti is a new claim, taken over only if nobody else took it first.
  if (seen !== undefined && seen.expiresAt !== null && seen.expiresAt <= clock.now()) {
    await stores.destroyIdpState(appAssertionStateModel, id);
    return stores.insertIdpStateIfAbsent(state);
  }
  return seen?.payload['interaction'] === interactionUid;
}

/**
 * Checks an app assertion presented with a sign-in: core's `verifyAppAssertion` (structure, ES256
 * under the named registration's key, audience, times, and then whether the registration is the
 * user's, not wiped, checked in within its policy's offline period, on the current policy and
 * unflagged), then that its `jti` was not used by another sign-in. A registration whose assertion
 * verified is bound to the sign-in even when it does not count now (a refresh re-checks it); a
 * forged, foreign or replayed assertion binds nothing. Never throws for bad input.
 */
export async function proveApp(deps: { readonly clock: Clock; readonly stores: AppAssertionStores }, options: AppAssertionOptions, presented: PresentedAppAssertion): Promise<AppProof> {
  if (presented.token === '') return noAppProof;
  const status = await verifyAppAssertion(
    { stores: deps.stores, signatures: options.signatures, ...(options.mamPolicies === undefined ? {} : { mamPolicies: options.mamPolicies }) },
    { tenantId: presented.tenantId, userId: presented.userId, assertion: presented.token, issuer: presented.audience, now: deps.clock.now() },
  );
  if (status.registrationId === null) return { registrationId: null, protected: false, reason: status.reason };
  const claims = claimsOf(presented.token);
  if (claims === undefined || !(await claimOnce(deps.stores, deps.clock, status.registrationId, claims.jti, claims.exp, presented.interactionUid))) {
    return { registrationId: null, protected: false, reason: 'replayed' };
  }
  return { registrationId: status.registrationId, protected: status.protected, reason: status.protected ? null : status.reason };
}
