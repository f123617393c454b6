import { problemOf } from './client';
import { session } from './session';

// Sign-in through Ward's identity provider (issue 6 §8): the authorization code flow with PKCE
// (RFC 7636, S256) run by the browser against the tenant's console client, then the provider's
// access token traded for a console session at /api/v1/auth/identity-provider-session. These two
// routes belong to the identity provider's wiring in the server, not to the generated API schema,
// so they are called with fetch here.

interface SignInOptions {
  readonly authorizationEndpoint: string;
  readonly tokenEndpoint: string;
  readonly clientId: string;
  readonly redirectUris: { readonly console: string; readonly portal: string };
}

interface PendingSignIn {
  readonly state: string;
  readonly verifier: string;
  readonly redirectUri: string;
  readonly tokenEndpoint: string;
  readonly clientId: string;
  /** Where to go back to once signed in (path, query and hash of the page that asked). */
  readonly returnTo: string;
}

// Per tab, like the session: a code flow started in one tab completes in that tab.
const pendingKey = 'ward.signIn.pending';

function base64url(bytes: Uint8Array): string {
  let text = '';
  for (const byte of bytes) text += String.fromCharCode(byte);
  return btoa(text).replace(/\+/gu, '-').replace(/\//gu, '_').replace(/=+$/u, '');
}

function randomText(): string {
  return base64url(crypto.getRandomValues(new Uint8Array(32)));
}

async function challengeOf(verifier: string): Promise<string> {
  return base64url(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier))));
}

async function json<T>(response: Response): Promise<T> {
  const body: unknown = await response.json().catch(() => undefined);
  if (!response.ok) throw problemOf(response, body);
  return body as T;
}

/** Whether this page is the console's or the portal's callback, by its path. */
export function isSignInCallback(pathname: string): boolean {
  return pathname === '/auth/callback' || pathname === '/portal/auth/callback';
}

/**
 * Leaves for the identity provider's sign-in page. `app` picks the callback (the console's or the
 * portal's); the current page is where the user comes back to.
 */
export async function startIdentityProviderSignIn(app: 'console' | 'portal', loginHint?: string): Promise<void> {
  const options = await json<SignInOptions>(await fetch('/api/v1/auth/identity-provider', { headers: { accept: 'application/json' } }));
  const verifier = randomText();
  const state = randomText();
  const redirectUri = options.redirectUris[app];
  const pending: PendingSignIn = { state, verifier, redirectUri, tokenEndpoint: options.tokenEndpoint, clientId: options.clientId, returnTo: `${location.pathname}${location.search}${location.hash}` };
  sessionStorage.setItem(pendingKey, JSON.stringify(pending));
  const url = new URL(options.authorizationEndpoint);
  url.search = new URLSearchParams({
    client_id: options.clientId,
    response_type: 'code',
    scope: 'openid email profile',
    redirect_uri: redirectUri,
    code_challenge: await challengeOf(verifier),
    code_challenge_method: 'S256',
    state,
    ...(loginHint === undefined ? {} : { login_hint: loginHint }),
  }).toString();
  location.assign(url.toString());
}

function readPending(): PendingSignIn | undefined {
  try {
    const raw = sessionStorage.getItem(pendingKey);
    if (raw === null) return undefined;
    const value = JSON.parse(raw) as Partial<PendingSignIn>;
    if (typeof value.state !== 'string' || typeof value.verifier !== 'string' || typeof value.redirectUri !== 'string' || typeof value.tokenEndpoint !== 'string' || typeof value.clientId !== 'string') return undefined;
    return { state: value.state, verifier: value.verifier, redirectUri: value.redirectUri, tokenEndpoint: value.tokenEndpoint, clientId: value.clientId, returnTo: typeof value.returnTo === 'string' && value.returnTo.startsWith('/') && !value.returnTo.startsWith('//') ? value.returnTo : '/' };
  } catch {
    return undefined;
  }
}

/**
 * Completes a sign-in on the callback page: checks `state` against the one this tab sent (a
 * callback this tab did not start is refused), redeems the code with the PKCE verifier, trades the
 * access token for a session and returns the path to go back to. The provider's refusal
 * (`error=access_denied` when conditional access blocked the sign-in and the user gave up) is
 * reported as an error with the provider's description.
 */
export async function completeIdentityProviderSignIn(callback: URL): Promise<string> {
  const pending = readPending();
  sessionStorage.removeItem(pendingKey);
  const error = callback.searchParams.get('error');
  if (error !== null) throw new Error(callback.searchParams.get('error_description') ?? `The identity provider refused the sign-in (${error}).`);
  const code = callback.searchParams.get('code');
  if (pending === undefined || code === null || callback.searchParams.get('state') !== pending.state) {
    throw new Error('This sign-in was not started in this tab, or it was already completed. Sign in again.');
  }
  const tokens = await fetch(pending.tokenEndpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
    body: new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: pending.redirectUri, client_id: pending.clientId, code_verifier: pending.verifier }).toString(),
  });
  const issued = (await tokens.json().catch(() => undefined)) as { access_token?: unknown; error_description?: unknown } | undefined;
  if (!tokens.ok || typeof issued?.access_token !== 'string') {
    throw new Error(typeof issued?.error_description === 'string' ? issued.error_description : 'The identity provider did not issue a token.');
  }
  const signedIn = await json<{ token: string; expiresAt: string; user: { email: string; displayName: string } }>(
    await fetch('/api/v1/auth/identity-provider-session', { method: 'POST', headers: { authorization: `Bearer ${issued.access_token}`, accept: 'application/json' } }),
  );
  session.start({ token: signedIn.token, expiresAt: signedIn.expiresAt, email: signedIn.user.email, displayName: signedIn.user.displayName, via: 'identityProvider' });
  return pending.returnTo;
}

/**
 * After a sign-out, ends the identity provider's own session too (RP-initiated logout), so the next
 * "Sign in" on a shared computer asks for the password instead of signing the last person in again.
 * The provider asks the person to confirm, then returns to the app's start page.
 */
export async function endIdentityProviderSession(app: 'console' | 'portal'): Promise<void> {
  const options = await json<SignInOptions & { readonly endSessionEndpoint: string }>(await fetch('/api/v1/auth/identity-provider', { headers: { accept: 'application/json' } }));
  const url = new URL(options.endSessionEndpoint);
  url.search = new URLSearchParams({ client_id: options.clientId, post_logout_redirect_uri: `${location.origin}${app === 'portal' ? '/portal' : '/'}` }).toString();
  location.assign(url.toString());
}
