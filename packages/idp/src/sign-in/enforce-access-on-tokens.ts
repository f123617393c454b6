import {
  decideAccess,
  evaluateAppProtection,
  type AccessPolicySource,
  type EvaluateAppProtectionStores,
  type MamPolicySource,
  type Clock,
  type DecideAccessStores,
  type DeviceId,
  type DeviceStore,
  type Ids,
  type IdentityProviderStateStore,
  type TenantId,
  type UserId,
  type UserStore,
} from '@ward/core';
import type { KoaContextWithOIDC } from 'oidc-provider';
import { tenantClaimProperty } from '../client-metadata.js';
import type { IdentityProvider } from '../create-identity-provider.js';
import { bindGrantAccess, findGrantAccess, takeSignInDecision, type GrantAccess } from './sign-in-state.js';

export type TokenAccessStores = DecideAccessStores & Pick<UserStore, 'getUser'> & Pick<DeviceStore, 'getDevice'> & IdentityProviderStateStore & EvaluateAppProtectionStores;

export interface EnforceAccessOnTokensOptions {
  readonly deps: { readonly clock: Clock; readonly ids: Ids; readonly stores: TokenAccessStores };
  readonly policies: AccessPolicySource;
  /** The tenants' compiled MAM policies, for re-checking a grant's app registration; read per refresh without it. */
  readonly mamPolicies?: MamPolicySource;
}

/** RFC 8176 values that say a second factor was used. */
const secondFactors = ['otp', 'mfa', 'hwk', 'swk'];

function stringParam(ctx: KoaContextWithOIDC, name: string): string | undefined {
  const value = ctx.oidc.params?.[name];
  return typeof value === 'string' ? value : undefined;
}

function tenantOfClient(ctx: KoaContextWithOIDC): string | null {
  const value = ctx.oidc.client?.metadata()[tenantClaimProperty];
  return typeof value === 'string' ? value : null;
}

/** After the interaction resumes: the grant now exists, so the sign-in's decision is bound to it. */
async function bindResumedGrant(ctx: KoaContextWithOIDC, options: EnforceAccessOnTokensOptions): Promise<void> {
  const interaction = ctx.oidc.entities.Interaction;
  const grant = ctx.oidc.entities.Grant;
  if (interaction === undefined || grant === undefined || typeof grant.jti !== 'string') return;
  const access = await takeSignInDecision(options.deps.stores, options.deps.clock, interaction.uid);
  if (access === undefined || access.userId !== grant.accountId) return;
  const expiresAt = typeof grant.exp === 'number' ? new Date(grant.exp * 1000) : null;
  await bindGrantAccess(options.deps.stores, grant.jti, grant.clientId ?? '', access, expiresAt);
}

/**
 * Re-decides a refresh (issue 6 §4, §5) on what the grant's sign-in proved (user, device,
 * factors) against the device's and policies' state now. Anything but allow revokes the whole
 * grant (its refresh and access tokens, so introspection answers inactive) and turns the response
 * into `invalid_grant` (RFC 6749 §5.2): the tokens just minted are deleted with the grant and
 * never leave the server.
 */
async function recheckRefresh(ctx: KoaContextWithOIDC, options: EnforceAccessOnTokensOptions): Promise<void> {
  const grant = ctx.oidc.entities.Grant;
  const refreshToken = ctx.oidc.entities.RefreshToken;
  const client = ctx.oidc.client;
  if (grant === undefined || client === undefined || typeof grant.jti !== 'string') return;
  const { deps } = options;
  const bound = await findGrantAccess(deps.stores, deps.clock, grant.jti);
  const access: GrantAccess | undefined = bound ?? (await unboundAccess(ctx, options, grant.accountId));
  if (access === undefined) return;
  // A public client calls from the user's device; a confidential one from its server, whose address says nothing of the user.
  const ip = client.clientAuthMethod === 'none' ? ctx.ip : access.ip;
  const amr = refreshToken?.amr ?? access.amr;
  const authTime = refreshToken?.authTime;
  // The app registration the sign-in proved, as it stands now: wiped, flagged, behind on policy or
  // offline too long no longer counts (docs/protocols/sdk-v1.md, "Conditional access").
  const registrationId = access.appRegistrationId ?? null;
  const app =
    registrationId === null
      ? undefined
      : await evaluateAppProtection(deps.stores, { tenantId: access.tenantId as TenantId, userId: access.userId as UserId, registrationId, now: deps.clock.now() }, options.mamPolicies);
  const record = await decideAccess(deps, options.policies, {
    tenantId: access.tenantId as TenantId,
    userId: access.userId as UserId,
    userName: access.userName,
    relyingPartyId: client.clientId,
    clientType: 'browser',
    ip,
    deviceId: access.deviceId as DeviceId | null,
    mfaDone: amr.some((m) => secondFactors.includes(m)),
    appProtected: app?.protected ?? false,
    authenticatedAt: typeof authTime === 'number' ? new Date(authTime * 1000) : null,
    userAgent: access.userAgent,
  });
  if (record.evaluation.decision === 'allow') return;
  await deps.stores.revokeIdpStatesByGrantId(grant.jti);
  ctx.status = 400;
  ctx.set('cache-control', 'no-store');
  ctx.body = {
    error: 'invalid_grant',
    error_description: record.evaluation.decision === 'block' ? 'access policies no longer allow this grant; sign in again' : 'sign in again to continue',
  };
}

/** A grant the sign-in pages did not make (signed in before them): the user and client alone, no device. */
async function unboundAccess(ctx: KoaContextWithOIDC, options: EnforceAccessOnTokensOptions, accountId: string | undefined): Promise<GrantAccess | undefined> {
  const tenantId = tenantOfClient(ctx);
  if (tenantId === null || accountId === undefined) return undefined;
  const user = await options.deps.stores.getUser(tenantId as TenantId, accountId as UserId);
  return { tenantId, userId: accountId, userName: user?.email ?? accountId, deviceId: null, ip: null, userAgent: null, amr: [], acr: '' };
}

/**
 * Makes the provider honour conditional access past the sign-in page: binds each new grant to
 * the decision that allowed it (device, factors), and re-decides every refresh-token grant,
 * refusing it and revoking the grant when the decision is no longer allow (device noncompliant or
 * retired, a new policy, sign-in frequency exceeded). Koa middleware on the provider: it acts
 * after the provider's own handling of the request, before the response is sent.
 */
export function enforceAccessOnTokens(idp: IdentityProvider, options: EnforceAccessOnTokensOptions): void {
  idp.provider.use(async (ctx, next) => {
    await next();
    const oidcCtx = ctx as KoaContextWithOIDC;
    // ctx.oidc exists only for requests the provider routed.
    if (!('oidc' in ctx)) return;
    const route = oidcCtx.oidc.route;
    if (route === 'resume' && (ctx.status === 302 || ctx.status === 303 || ctx.status === 200)) {
      await bindResumedGrant(oidcCtx, options);
    } else if (route === 'token' && ctx.status === 200 && stringParam(oidcCtx, 'grant_type') === 'refresh_token') {
      await recheckRefresh(oidcCtx, options);
    }
  });
}

/**
 * The claims Ward adds to a grant's tokens (issue 6 §5): `device_id` and `device_compliance` (the
 * device's state when the token is minted, so a refreshed token says what is true now), `acr` and
 * `amr` of the sign-in. Empty for a grant the sign-in pages did not make. For the provider's
 * `extraTokenClaims` (access tokens and introspection) and ID token claims.
 */
export function createGrantClaims(stores: Pick<DeviceStore, 'getDevice'> & IdentityProviderStateStore, clock: Clock): (grantId: string) => Promise<Readonly<Record<string, unknown>>> {
  return async (grantId) => {
    const access = await findGrantAccess(stores, clock, grantId);
    if (access === undefined) return {};
    const claims: Record<string, unknown> = { acr: access.acr, amr: [...access.amr] };
    if (access.deviceId !== null) {
      const device = await stores.getDevice(access.tenantId as TenantId, access.deviceId as DeviceId);
      claims['device_id'] = access.deviceId;
      claims['device_compliance'] = device === undefined || device.managementState === 'retired' ? 'retired' : device.complianceState;
    }
    return claims;
  };
}
