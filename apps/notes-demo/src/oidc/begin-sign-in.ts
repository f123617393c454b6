import type { DemoConfig } from '../config.js';
import { discoverIssuer, type IssuerEndpoints } from './discover-issuer.js';
import { pkceChallenge, randomToken } from './pkce.js';

/** What the page remembers between sending the browser to the provider and its return. */
export interface PendingSignIn {
  readonly state: string;
  readonly nonce: string;
  readonly verifier: string;
  readonly redirectUri: string;
}

/** The scopes the demo asks for: who the user is, their name and e-mail (the SDK needs `openid`). */
export const signInScope = 'openid profile email';

/** sessionStorage: the pending sign-in lives only in this tab and only until the callback. */
export const pendingSignInKey = 'notes-demo:pending-sign-in';

/** Where the provider sends the browser back: this page's `/callback`. */
export function redirectUriFor(origin: string): string {
  return `${origin}/callback`;
}

/** A fresh state, nonce and PKCE verifier (RFC 7636 §4.1: 32 random bytes, 43 characters). */
export function newPendingSignIn(origin: string): PendingSignIn {
  return { state: randomToken(), nonce: randomToken(), verifier: randomToken(), redirectUri: redirectUriFor(origin) };
}

/** The authorization request of the code flow with PKCE S256 (OpenID Connect Core §3.1.2.1, RFC 7636 §4.3). */
export async function authorizationUrl(endpoints: IssuerEndpoints, clientId: string, pending: PendingSignIn): Promise<string> {
  const url = new URL(endpoints.authorizationEndpoint);
  url.search = new URLSearchParams({
    response_type: 'code',
    client_id: clientId,
    redirect_uri: pending.redirectUri,
    scope: signInScope,
    state: pending.state,
    nonce: pending.nonce,
    code_challenge: await pkceChallenge(pending.verifier),
    code_challenge_method: 'S256',
  }).toString();
  return url.href;
}

/** Sends the browser to Ward's sign-in pages; it comes back at `/callback`. */
export async function beginSignIn(config: DemoConfig): Promise<void> {
  const endpoints = await discoverIssuer(config.wardUrl);
  const pending = newPendingSignIn(location.origin);
  sessionStorage.setItem(pendingSignInKey, JSON.stringify(pending));
  location.assign(await authorizationUrl(endpoints, config.clientId, pending));
}

/** Reads and forgets the pending sign-in: a callback can be used once. */
export function takePendingSignIn(): PendingSignIn | undefined {
  const text = sessionStorage.getItem(pendingSignInKey);
  sessionStorage.removeItem(pendingSignInKey);
  if (text === null) return undefined;
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value !== 'object' || value === null) return undefined;
    const { state, nonce, verifier, redirectUri } = value as Record<string, unknown>;
    if (typeof state !== 'string' || typeof nonce !== 'string' || typeof verifier !== 'string' || typeof redirectUri !== 'string') return undefined;
    return { state, nonce, verifier, redirectUri };
  } catch {
    return undefined;
  }
}
