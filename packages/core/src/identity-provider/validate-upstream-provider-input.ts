import { hasControlCharacters } from '../kernel/control-characters.js';
import { fail, ok, type Result } from '../kernel/result.js';
import { defaultUpstreamScopes, upstreamProviderLimits } from './model.js';

/** What an admin registers (the API and CLI pass it through unchanged). */
export interface UpstreamProviderInput {
  readonly name: string;
  readonly issuer: string;
  readonly clientId: string;
  readonly clientSecret: string;
  /** Default `openid email profile`. */
  readonly scopes?: readonly string[];
  /** Default true. */
  readonly enabled?: boolean;
  /** Default true. */
  readonly requireVerifiedEmail?: boolean;
}

/** The registration once every rule holds. */
export interface ValidUpstreamProviderFields {
  readonly name: string;
  readonly issuer: string;
  readonly clientId: string;
  readonly clientSecret: string;
  readonly scopes: readonly string[];
  readonly enabled: boolean;
  readonly requireVerifiedEmail: boolean;
}

type Invalid = Result<never, 'UPSTREAM_PROVIDER_INVALID'>;

const invalid = (field: string, message: string): Invalid => fail('UPSTREAM_PROVIDER_INVALID', message, { field });

/** RFC 6749 §3.3: scope-token = 1*( %x21 / %x23-5B / %x5D-7E ). */
const scopeToken = /^[\x21\x23-\x5b\x5d-\x7e]+$/u;

/**
 * Why `issuer` is not acceptable as an upstream issuer identifier, or undefined when it is.
 * OpenID Connect Discovery §3 and RFC 8414 §2: an https URL with no query and no fragment. Plain
 * http is refused even for loopback: the ID token's signing keys are fetched from it, and a test
 * can run its upstream over TLS with its own CA as easily.
 */
export function upstreamIssuerProblem(issuer: string): string | undefined {
  if (issuer.length === 0 || issuer.length > upstreamProviderLimits.issuerLength) return `must be 1 to ${upstreamProviderLimits.issuerLength} characters`;
  if (hasControlCharacters(issuer) || /\s/u.test(issuer)) return 'must not contain spaces or control characters';
  let parsed: URL;
  try {
    parsed = new URL(issuer);
  } catch {
    return 'must be an absolute https URL';
  }
  if (parsed.protocol !== 'https:') return 'must use https (OpenID Connect Discovery §3)';
  if (parsed.hostname === '') return 'must name a host';
  if (parsed.username !== '' || parsed.password !== '') return 'must not carry user information';
  if (parsed.search !== '' || issuer.includes('?')) return 'must not contain a query (RFC 8414 §2)';
  if (parsed.hash !== '' || issuer.includes('#')) return 'must not contain a fragment (RFC 8414 §2)';
  return undefined;
}

function text(field: string, value: unknown, max: number, label: string): Result<string, 'UPSTREAM_PROVIDER_INVALID'> {
  const trimmed = typeof value === 'string' ? value.trim() : '';
  if (trimmed.length === 0 || trimmed.length > max || hasControlCharacters(trimmed)) return invalid(field, `${label} must be 1 to ${max} characters, without control characters.`);
  return ok(trimmed);
}

function validateScopes(value: readonly string[] | undefined): Result<readonly string[], 'UPSTREAM_PROVIDER_INVALID'> {
  if (value === undefined) return ok([...defaultUpstreamScopes]);
  const scopes: readonly unknown[] = value;
  if (!Array.isArray(scopes) || scopes.length === 0) return invalid('scopes', 'At least the scope openid is needed.');
  if (scopes.length > upstreamProviderLimits.scopes) return invalid('scopes', `At most ${upstreamProviderLimits.scopes} scopes.`);
  for (const scope of scopes) {
    if (typeof scope !== 'string' || scope.length === 0 || scope.length > upstreamProviderLimits.scopeLength || !scopeToken.test(scope)) {
      return invalid('scopes', `Each scope must be 1 to ${upstreamProviderLimits.scopeLength} printable characters without spaces, quotes or backslashes (RFC 6749 §3.3).`);
    }
  }
  const list = scopes as readonly string[];
  if (new Set(list).size !== list.length) return invalid('scopes', 'The scopes must be distinct.');
  if (!list.includes('openid')) return invalid('scopes', 'The scopes must include openid: Ward needs an ID token.');
  return ok(list);
}

/**
 * Checks an upstream provider registration: a name for the sign-in button, an https issuer
 * ({@link upstreamIssuerProblem}), the client id and secret Ward was given upstream, and scope
 * tokens that include `openid`. Text is trimmed; defaults are filled in (scopes `openid email
 * profile`, enabled, verified e-mail required).
 */
export function validateUpstreamProviderInput(input: UpstreamProviderInput): Result<ValidUpstreamProviderFields, 'UPSTREAM_PROVIDER_INVALID'> {
  const name = text('name', input.name, upstreamProviderLimits.nameLength, 'The name');
  if (!name.ok) return name;
  const issuerValue: unknown = input.issuer;
  const issuerText = typeof issuerValue === 'string' ? issuerValue.trim() : '';
  const problem = upstreamIssuerProblem(issuerText);
  if (problem !== undefined) return invalid('issuer', `The issuer ${problem}.`);
  // Kept exactly as typed (trimmed): discovery compares it with the document's `issuer` and the ID
  // token's `iss` byte for byte, and some providers' issuers end with a slash (Auth0's do).
  const issuer = issuerText;
  const clientId = text('clientId', input.clientId, upstreamProviderLimits.clientIdLength, 'The client id');
  if (!clientId.ok) return clientId;
  const secretValue: unknown = input.clientSecret;
  const clientSecret = typeof secretValue === 'string' ? secretValue : '';
  if (clientSecret.length === 0 || clientSecret.length > upstreamProviderLimits.clientSecretLength || hasControlCharacters(clientSecret)) {
    return invalid('clientSecret', `The client secret must be 1 to ${upstreamProviderLimits.clientSecretLength} characters, without control characters.`);
  }
  const scopes = validateScopes(input.scopes);
  if (!scopes.ok) return scopes;
  const enabled: unknown = input.enabled ?? true;
  if (typeof enabled !== 'boolean') return invalid('enabled', 'enabled must be true or false.');
  const requireVerifiedEmail: unknown = input.requireVerifiedEmail ?? true;
  if (typeof requireVerifiedEmail !== 'boolean') return invalid('requireVerifiedEmail', 'requireVerifiedEmail must be true or false.');
  return ok({ name: name.value, issuer, clientId: clientId.value, clientSecret, scopes: scopes.value, enabled, requireVerifiedEmail });
}
