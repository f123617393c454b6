import { hasControlCharacters } from '../kernel/control-characters.js';
import { fail, ok, type Result } from '../kernel/result.js';
import {
  relyingPartyGrantTypes,
  relyingPartyLimits,
  tokenEndpointAuthMethods,
  type RelyingPartyGrantType,
  type RelyingPartyJwk,
  type RelyingPartyJwks,
  type TokenEndpointAuthMethod,
} from './model.js';

/** What an admin registers (the API and CLI pass it through unchanged). */
export interface RelyingPartyInput {
  readonly name: string;
  readonly redirectUris?: readonly string[];
  readonly postLogoutRedirectUris?: readonly string[];
  readonly grantTypes: readonly string[];
  readonly tokenEndpointAuthMethod: string;
  /** Public keys (RFC 7517 JWK Set) for `private_key_jwt`; absent or null otherwise. */
  readonly jwks?: unknown;
}

/** The registration once every rule holds. */
export interface ValidRelyingPartyFields {
  readonly name: string;
  readonly redirectUris: readonly string[];
  readonly postLogoutRedirectUris: readonly string[];
  readonly grantTypes: readonly RelyingPartyGrantType[];
  readonly tokenEndpointAuthMethod: TokenEndpointAuthMethod;
  readonly jwks: RelyingPartyJwks | null;
}

type Invalid = Result<never, 'RELYING_PARTY_INVALID'>;

const invalid = (field: string, message: string, details: Record<string, unknown> = {}): Invalid => fail('RELYING_PARTY_INVALID', message, { field, ...details });

/** Hosts a native app's loopback redirect may use over plain http (RFC 8252 §7.3, §8.3). */
const loopbackHosts = new Set(['127.0.0.1', '[::1]', 'localhost']);

/**
 * Private key members of every key type (RFC 7518 §6.2.2, §6.3.2, §6.4.1; RFC 8037 §2): a JWKS
 * that carries one leaks the relying party's private key, and Ward refuses to store it.
 */
const privateJwkMembers = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'oth', 'k'] as const;

/**
 * Why `uri` is not acceptable as a redirect URI, or undefined when it is. OAuth 2.0 Security BCP
 * (RFC 9700 §2.1, §4.1.3) and RFC 6749 §3.1.2: an absolute URI compared exactly, no fragment;
 * https, or plain http only to the loopback interface; no user info, which phishing uses.
 */
export function redirectUriProblem(uri: string): string | undefined {
  if (uri.length === 0 || uri.length > relyingPartyLimits.uriLength) return `must be 1 to ${relyingPartyLimits.uriLength} characters`;
  if (hasControlCharacters(uri) || /\s/u.test(uri)) return 'must not contain spaces or control characters';
  if (uri.includes('#')) return 'must not contain a fragment (RFC 6749 §3.1.2)';
  let parsed: URL;
  try {
    parsed = new URL(uri);
  } catch {
    return 'must be an absolute URI';
  }
  if (parsed.username !== '' || parsed.password !== '') return 'must not carry user information';
  if (parsed.protocol === 'https:') return parsed.hostname === '' ? 'must name a host' : undefined;
  if (parsed.protocol === 'http:') return loopbackHosts.has(parsed.hostname) ? undefined : 'must use https (plain http only for the loopback interface: 127.0.0.1, [::1], localhost)';
  return 'must use https (plain http only for the loopback interface)';
}

function validateUris(field: string, value: readonly string[] | undefined): Result<readonly string[], 'RELYING_PARTY_INVALID'> {
  const uris = value ?? [];
  if (uris.length > relyingPartyLimits.redirectUris) return invalid(field, `At most ${relyingPartyLimits.redirectUris} URIs.`, { count: uris.length });
  if (new Set(uris).size !== uris.length) return invalid(field, 'The URIs must be distinct.');
  for (const [index, uri] of uris.entries()) {
    if (typeof uri !== 'string') return invalid(field, 'Each URI must be a string.', { index });
    const problem = redirectUriProblem(uri);
    if (problem !== undefined) return invalid(field, `${field}[${index}] ${problem}.`, { index });
  }
  return ok(uris);
}

function validateJwks(value: unknown): Result<RelyingPartyJwks, 'RELYING_PARTY_INVALID'> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return invalid('jwks', 'The JWKS must be an object with a "keys" array (RFC 7517 §5).');
  const keys: unknown = (value as { keys?: unknown }).keys;
  if (!Array.isArray(keys) || keys.length === 0) return invalid('jwks', 'The JWKS must hold at least one key in "keys".');
  if (keys.length > relyingPartyLimits.jwksKeys) return invalid('jwks', `At most ${relyingPartyLimits.jwksKeys} keys.`, { count: keys.length });
  let size: number;
  try {
    size = JSON.stringify(value).length;
  } catch {
    return invalid('jwks', 'The JWKS must be plain JSON.');
  }
  if (size > relyingPartyLimits.jwksBytes) return invalid('jwks', `The JWKS must be at most ${relyingPartyLimits.jwksBytes} bytes.`, { bytes: size });
  const out: RelyingPartyJwk[] = [];
  for (const [index, key] of (keys as unknown[]).entries()) {
    if (typeof key !== 'object' || key === null || Array.isArray(key)) return invalid('jwks', `jwks.keys[${index}] must be an object.`, { index });
    const jwk = key as Record<string, unknown>;
    if (jwk['kty'] !== 'RSA' && jwk['kty'] !== 'EC' && jwk['kty'] !== 'OKP') return invalid('jwks', `jwks.keys[${index}].kty must be RSA, EC or OKP.`, { index });
    const secret = privateJwkMembers.find((m) => m in jwk);
    if (secret !== undefined) return invalid('jwks', `jwks.keys[${index}] carries private key material ("${secret}"): register public keys only.`, { index });
    out.push({ ...jwk });
  }
  return ok({ keys: out });
}

/**
 * Checks a registration against the rules of issue 6 §1 and the specifications it names: a known
 * grant type set (refresh tokens only beside the authorization code grant, which needs a redirect
 * URI), a known token endpoint authentication method (`private_key_jwt` with a JWKS of public
 * keys, the others without; a public client, `none`, cannot use client credentials, RFC 6749 §4.4),
 * and redirect URIs as {@link redirectUriProblem} allows.
 */
export function validateRelyingPartyInput(input: RelyingPartyInput): Result<ValidRelyingPartyFields, 'RELYING_PARTY_INVALID'> {
  const name = typeof input.name === 'string' ? input.name.trim() : '';
  if (name.length === 0 || name.length > relyingPartyLimits.nameLength || hasControlCharacters(name)) {
    return invalid('name', `The name must be 1 to ${relyingPartyLimits.nameLength} characters, without control characters.`);
  }

  const grantTypes: readonly unknown[] = input.grantTypes;
  if (!Array.isArray(grantTypes) || grantTypes.length === 0) return invalid('grantTypes', 'At least one grant type is needed.');
  for (const grant of grantTypes) {
    if (typeof grant !== 'string' || !(relyingPartyGrantTypes as readonly string[]).includes(grant)) return invalid('grantTypes', `Unknown grant type ${JSON.stringify(grant)}: use ${relyingPartyGrantTypes.join(', ')}.`);
  }
  if (new Set(grantTypes).size !== grantTypes.length) return invalid('grantTypes', 'The grant types must be distinct.');
  const grants = grantTypes as readonly RelyingPartyGrantType[];
  const codeFlow = grants.includes('authorization_code');
  if (grants.includes('refresh_token') && !codeFlow) return invalid('grantTypes', 'refresh_token is only issued beside authorization_code.');

  const method = input.tokenEndpointAuthMethod;
  if (!(tokenEndpointAuthMethods as readonly string[]).includes(method)) {
    return invalid('tokenEndpointAuthMethod', `Unknown token endpoint authentication method ${JSON.stringify(method)}: use ${tokenEndpointAuthMethods.join(', ')}.`);
  }
  const authMethod = method as TokenEndpointAuthMethod;
  if (authMethod === 'none' && grants.includes('client_credentials')) return invalid('grantTypes', 'A public client (none) cannot use client_credentials: it has no credentials.');

  const redirectUris = validateUris('redirectUris', input.redirectUris);
  if (!redirectUris.ok) return redirectUris;
  if (codeFlow && redirectUris.value.length === 0) return invalid('redirectUris', 'authorization_code needs at least one redirect URI.');
  if (!codeFlow && redirectUris.value.length > 0) return invalid('redirectUris', 'Redirect URIs are only used by authorization_code.');
  const postLogoutRedirectUris = validateUris('postLogoutRedirectUris', input.postLogoutRedirectUris);
  if (!postLogoutRedirectUris.ok) return postLogoutRedirectUris;
  if (!codeFlow && postLogoutRedirectUris.value.length > 0) return invalid('postLogoutRedirectUris', 'Post-logout redirect URIs are only used by authorization_code.');

  let jwks: RelyingPartyJwks | null = null;
  if (authMethod === 'private_key_jwt') {
    const checked = validateJwks(input.jwks);
    if (!checked.ok) return checked;
    jwks = checked.value;
  } else if (input.jwks !== undefined && input.jwks !== null) {
    return invalid('jwks', 'A JWKS is only used with private_key_jwt.');
  }

  return ok({ name, redirectUris: redirectUris.value, postLogoutRedirectUris: postLogoutRedirectUris.value, grantTypes: grants, tokenEndpointAuthMethod: authMethod, jwks });
}
