import { randomBytes } from 'node:crypto';
import type { Clock, IdentityProviderStateStore, TenantId, UpstreamProviderId } from '@ward/core';

/**
 * A federated sign-in in flight is one row of the provider's state store (model
 * `WardFederation`), so every node can finish what another started and it lapses with the rest:
 * the PKCE verifier and nonce sent upstream, which provider, for which interaction and tenant.
 * It lives ten minutes and is redeemed once.
 */
export const federationStateModel = 'WardFederation';

/** How long a browser has to come back from the upstream provider. */
export const federationStateTtlSeconds = 600;

/**
 * The OAuth `state` sent upstream: `<interaction uid>.<43 random base64url characters>`. The uid
 * part tells the fixed callback which interaction page to hand the answer to (where the browser's
 * interaction cookie, path-bound to `/interaction/<uid>`, is sent); the random part is the key of
 * the stored row. Knowing a uid gives nothing: the interaction cookie is signed, and the row is
 * bound to that uid.
 */
const statePattern = /^([A-Za-z0-9_-]{1,64})\.([A-Za-z0-9_-]{43})$/u;

/** What a federated sign-in keeps server-side between the redirect upstream and the callback. */
export interface FederationState {
  readonly uid: string;
  readonly tenantId: TenantId;
  readonly providerId: UpstreamProviderId;
  /** The relying party the user is signing in to. */
  readonly clientId: string;
  /** RFC 7636 code verifier (the challenge went upstream). */
  readonly codeVerifier: string;
  /** OpenID Connect Core §3.1.2.1 nonce, expected back in the ID token. */
  readonly nonce: string;
}

/** The interaction uid a `state` value names, or undefined when it is not one Ward makes. */
export function interactionOfState(state: string): string | undefined {
  return statePattern.exec(state)?.[1];
}

/** Stores `flow` and returns its `state` value. */
export async function issueFederationState(stores: Pick<IdentityProviderStateStore, 'upsertIdpState'>, clock: Clock, flow: FederationState): Promise<string> {
  const state = `${flow.uid}.${randomBytes(32).toString('base64url')}`;
  await stores.upsertIdpState({
    model: federationStateModel,
    id: state,
    payload: { ...flow },
    grantId: null,
    uid: flow.uid,
    userCode: null,
    clientId: flow.clientId,
    expiresAt: new Date(clock.now().getTime() + federationStateTtlSeconds * 1000),
    consumedAt: null,
  });
  return state;
}

function text(payload: Readonly<Record<string, unknown>>, name: string): string | undefined {
  const value = payload[name];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/**
 * Redeems `state` once for interaction `uid`: undefined when it is malformed, unknown, lapsed,
 * issued for another interaction, or redeemed already (a replayed callback). Of two concurrent
 * callbacks with one state exactly one wins (the store's conditional consume).
 */
export async function redeemFederationState(stores: Pick<IdentityProviderStateStore, 'findIdpState' | 'consumeIdpState'>, clock: Clock, state: string, uid: string): Promise<FederationState | undefined> {
  if (interactionOfState(state) !== uid) return undefined;
  const found = await stores.findIdpState(federationStateModel, state);
  if (found === undefined || found.consumedAt !== null || found.uid !== uid) return undefined;
  if (found.expiresAt !== null && found.expiresAt.getTime() <= clock.now().getTime()) return undefined;
  const p = found.payload;
  const [tenantId, providerId, clientId, codeVerifier, nonce] = [text(p, 'tenantId'), text(p, 'providerId'), text(p, 'clientId'), text(p, 'codeVerifier'), text(p, 'nonce')];
  if (tenantId === undefined || providerId === undefined || clientId === undefined || codeVerifier === undefined || nonce === undefined || p['uid'] !== uid) return undefined;
  if (!(await stores.consumeIdpState(federationStateModel, state, clock.now()))) return undefined;
  return { uid, tenantId: tenantId as TenantId, providerId: providerId as UpstreamProviderId, clientId, codeVerifier, nonce };
}
