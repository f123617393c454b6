import type { DemoConfig } from '../config.js';
import type { PendingSignIn } from './begin-sign-in.js';
import { discoverIssuer } from './discover-issuer.js';
import { fromBase64url } from './pkce.js';

/** The signed-in corporate user, as the identity provider described them. */
export interface CorporateAccount {
  readonly sub: string;
  readonly email: string | null;
  readonly name: string | null;
}

/** A finished sign-in: the account and the access token the SDK registers with. */
export interface SignedIn {
  readonly account: CorporateAccount;
  readonly accessToken: string;
}

/**
 * The authorization code from the provider's answer at `/callback` (RFC 6749 §4.1.2): the state
 * must be the one this tab sent (CSRF, RFC 6749 §10.12), an error is reported in the provider's words.
 */
export function readCallback(url: URL, pending: PendingSignIn | undefined): { ok: true; code: string } | { ok: false; problem: string } {
  if (pending === undefined) return { ok: false, problem: 'No sign-in was started in this tab. Sign in again.' };
  const state = url.searchParams.get('state');
  if (state === null || state !== pending.state) return { ok: false, problem: 'The sign-in answer does not belong to this tab. Sign in again.' };
  const error = url.searchParams.get('error');
  if (error !== null) {
    const description = url.searchParams.get('error_description');
    return { ok: false, problem: `The sign-in was not completed (${error.slice(0, 100)}${description === null ? '' : `: ${description.slice(0, 300)}`}).` };
  }
  const code = url.searchParams.get('code');
  if (code === null || code === '' || code.length > 2048) return { ok: false, problem: 'The sign-in answer carries no code. Sign in again.' };
  return { ok: true, code };
}

/** The claims of an ID token this page checks. */
export interface IdTokenClaims {
  readonly sub: string;
}

/**
 * Checks the ID token's claims (OpenID Connect Core §3.1.3.7): issuer, audience, nonce, expiry. The
 * token came straight from the token endpoint over TLS, which §3.1.3.7 item 6 allows in place of
 * checking the signature.
 */
export function checkIdToken(idToken: string, expected: { issuer: string; clientId: string; nonce: string; nowSeconds: number }): IdTokenClaims {
  const parts = idToken.split('.');
  const payload = parts.length === 3 ? fromBase64url(parts[1] ?? '') : undefined;
  if (payload === undefined) throw new Error('The ID token is not a JWT.');
  let claims: Record<string, unknown>;
  try {
    const parsed: unknown = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(payload));
    if (typeof parsed !== 'object' || parsed === null) throw new Error('not an object');
    claims = parsed as Record<string, unknown>;
  } catch (cause) {
    throw new Error('The ID token is not a JWT.', { cause });
  }
  if (claims.iss !== expected.issuer) throw new Error('The ID token is from another issuer.');
  const audience = claims.aud;
  const audiences = Array.isArray(audience) ? audience : [audience];
  if (!audiences.includes(expected.clientId)) throw new Error('The ID token is for another client.');
  if (claims.nonce !== expected.nonce) throw new Error('The ID token does not answer this sign-in.');
  if (typeof claims.exp !== 'number' || claims.exp <= expected.nowSeconds) throw new Error('The ID token has expired.');
  if (typeof claims.sub !== 'string' || claims.sub === '') throw new Error('The ID token names no user.');
  return { sub: claims.sub };
}

/** A field of a JSON object, if it is a string. */
function stringField(record: Record<string, unknown>, name: string): string | undefined {
  const value = record[name];
  return typeof value === 'string' ? value : undefined;
}

async function jsonObject(response: Response, what: string): Promise<Record<string, unknown>> {
  const body: unknown = await response.json().catch(() => undefined);
  if (typeof body !== 'object' || body === null) throw new Error(`${what}: HTTP ${response.status}, not JSON`);
  const record = body as Record<string, unknown>;
  if (!response.ok) throw new Error(`${what}: ${stringField(record, 'error') ?? `HTTP ${response.status}`} ${stringField(record, 'error_description') ?? ''}`.trim());
  return record;
}

/**
 * Redeems the code at the token endpoint as a public client with its PKCE verifier (RFC 6749
 * §4.1.3, RFC 7636 §4.5), checks the ID token, and reads the user's name and e-mail from userinfo.
 */
export async function completeSignIn(config: DemoConfig, code: string, pending: PendingSignIn): Promise<SignedIn> {
  const endpoints = await discoverIssuer(config.wardUrl);
  const tokens = await jsonObject(await fetch(endpoints.tokenEndpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: pending.redirectUri, client_id: config.clientId, code_verifier: pending.verifier }),
  }), 'token');
  const accessToken = stringField(tokens, 'access_token');
  const idToken = stringField(tokens, 'id_token');
  if (accessToken === undefined || idToken === undefined) throw new Error('token: the answer lacks the access or ID token');
  const { sub } = checkIdToken(idToken, { issuer: endpoints.issuer, clientId: config.clientId, nonce: pending.nonce, nowSeconds: Math.floor(Date.now() / 1000) });
  const info = await jsonObject(await fetch(endpoints.userinfoEndpoint, { headers: { authorization: `Bearer ${accessToken}` } }), 'userinfo');
  // OpenID Connect Core §5.3.2: userinfo's sub must be the ID token's, or the answer is not about this user.
  if (stringField(info, 'sub') !== sub) throw new Error('userinfo: the answer is about another user');
  return { accessToken, account: { sub, email: stringField(info, 'email') ?? null, name: stringField(info, 'name') ?? null } };
}
