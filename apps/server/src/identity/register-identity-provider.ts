import { accessPolicyChangedEvent, createAccessPolicyCache, type AuthDeps, type PasskeyVerifier, type WardStores } from '@ward/core';
import {
  createGrantClaims,
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
import { apiPrefix, consoleSignInRoutes, publicRoute, type ClientCertificateVerifier, type WardApi } from '@ward/http';
import type { EventBus } from '@ward/store';

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
 * (password, TOTP, the device proven by its Ward certificate, conditional access decided on every
 * authorization, the blocked page), access re-decided on every refresh, and a device's grants
 * revoked when it turns noncompliant or is retired. Returns the provider.
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
  enforceAccessOnTokens(idp, { deps, policies });
  mountIdentityProvider(api, idp, { prefix: idp.mountPath, routeConfig: publicRoute(), ...trusted });
  registerSignInRoutes(api, {
    idp,
    deps,
    policies,
    portalUrl: `${wiring.publicUrl.replace(/\/$/, '')}/portal`,
    verifyClientCertificate: wiring.verifyClientCertificate,
    passkeys: wiring.passkeys,
    routeConfig: publicRoute(),
    ...trusted,
  });
  void api.register(consoleSignInRoutes, {
    prefix: apiPrefix,
    deps,
    issuer: idp.issuer,
    clientIdOf: consoleClientId,
    redirectUris: consoleRedirectUris(wiring.publicUrl),
    verifyConsoleToken: (token) => verifyConsoleAccessToken(idp, token),
  });
  revokeDeviceGrantsOnChange(wiring.events, {
    stores: deps.stores,
    onError: (error, event) => {
      wiring.log.error({ err: error, deviceId: event.subject }, 'revoking a device\'s sign-in grants failed');
    },
  });
  return idp;
}
