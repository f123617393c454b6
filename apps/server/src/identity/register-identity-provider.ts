import { accessPolicyChangedEvent, createAccessPolicyCache, createMamPolicyCache, mamPolicyChangedEvent, type AuthDeps, type PasskeyVerifier, type WardStores } from '@ward/core';
import {
  createGrantClaims,
  createUserAccessTokenVerifier,
  consoleClientId,
  consoleRedirectUris,
  createIdentityProvider,
  enforceAccessOnTokens,
  findDirectoryAccount,
  mountIdentityProvider,
  registerSignInRoutes,
  revokeDeviceGrantsOnChange,
  type IdentityProvider,
  type SigningKeySet,
  verifyConsoleAccessToken,
  withConsoleClients,
} from '@ward/idp';
import { apiPrefix, consoleSignInRoutes, publicRoute, sdkApiPrefix, sdkRoutes, type ClientCertificateVerifier, type WardApi } from '@ward/http';
import type { EventBus } from '@ward/store';
import { createNodeSdkSignatureVerifier } from '../adapters/node-sdk-signature-verifier.js';

/** What the identity provider needs from the composition root. */
export interface IdentityProviderWiring {
  readonly deps: AuthDeps<WardStores>;
  readonly events: EventBus;
  /** `https://host:port` the provider's issuer lives under (`<publicUrl>/oidc`). */
  readonly publicUrl: string;
  readonly keys: SigningKeySet;
  /** Checks a device certificate presented at sign-in (mTLS or the trusted proxy's header). */
  readonly verifyClientCertificate: ClientCertificateVerifier;
  /** Whether a peer address is a trusted reverse proxy. */
  readonly trustedPeer?: (address: string | undefined) => boolean;
  readonly log: { error(fields: Record<string, unknown>, message: string): void };
  /** Checks passkey (WebAuthn) registrations and assertions for Ward's origin. */
  readonly passkeys: PasskeyVerifier;
}

/**
 * Ward's OpenID provider (issue 6): the provider at `/oidc`, the sign-in pages at `/interaction`
 * (password, TOTP, the device proven by its Ward certificate, an SDK app by its registration's
 * assertion, conditional access decided on every authorization, the blocked page), access
 * re-decided on every refresh, and a device's grants revoked when it turns noncompliant or is
 * retired; and the SDK endpoints at `/sdk/v1`, whose registration takes this provider's access
 * tokens. Returns the provider.
 */
export function registerIdentityProvider(api: WardApi, wiring: IdentityProviderWiring): IdentityProvider {
  // The console's and portal's own clients (one per tenant) resolve like registered relying parties.
  const deps = { ...wiring.deps, stores: withConsoleClients(wiring.deps.stores, wiring.publicUrl) };
  const idp = createIdentityProvider({
    publicUrl: wiring.publicUrl,
    stores: deps.stores,
    keys: wiring.keys,
    findAccount: findDirectoryAccount(deps.stores),
    grantClaims: createGrantClaims(deps.stores, deps.clock),
    clock: deps.clock,
  });
  const trusted = wiring.trustedPeer === undefined ? {} : { trustedPeer: wiring.trustedPeer };
  const policies = createAccessPolicyCache(deps.stores);
  wiring.events.subscribe(accessPolicyChangedEvent, (event) => {
    policies.invalidate(event.tenantId);
  });
  // One compiled-MAM-policy cache for SDK check-ins, app assertions and refreshes, forgotten on every change.
  const mamPolicies = createMamPolicyCache(deps.stores);
  wiring.events.subscribe(mamPolicyChangedEvent, (event) => {
    mamPolicies.invalidate(event.tenantId);
  });
  const signatures = createNodeSdkSignatureVerifier();
  enforceAccessOnTokens(idp, { deps, policies, mamPolicies });
  mountIdentityProvider(api, idp, { prefix: idp.mountPath, routeConfig: publicRoute(), ...trusted });
  registerSignInRoutes(api, {
    idp,
    deps,
    policies,
    portalUrl: `${wiring.publicUrl.replace(/\/$/, '')}/portal`,
    verifyClientCertificate: wiring.verifyClientCertificate,
    passkeys: wiring.passkeys,
    apps: { signatures, mamPolicies },
    routeConfig: publicRoute(),
    ...trusted,
  });
  // The SDK protocol (docs/protocols/sdk-v1.md): registration takes the access tokens this provider issues.
  // One check of user access tokens (as the userinfo endpoint does) for the SDK and the console.
  const verifyAccessToken = createUserAccessTokenVerifier(idp, deps.stores);
  void api.register(sdkRoutes, { prefix: sdkApiPrefix, deps: wiring.deps, verifyAccessToken, signatures, mamPolicies });
  void api.register(consoleSignInRoutes, {
    prefix: apiPrefix,
    deps,
    issuer: idp.issuer,
    clientIdOf: consoleClientId,
    redirectUris: consoleRedirectUris(wiring.publicUrl),
    verifyConsoleToken: (token) => verifyConsoleAccessToken(verifyAccessToken, token),
  });
  revokeDeviceGrantsOnChange(wiring.events, {
    stores: deps.stores,
    onError: (error, event) => {
      wiring.log.error({ err: error, deviceId: event.subject }, 'revoking a device\'s sign-in grants failed');
    },
  });
  return idp;
}
