/** The endpoints of Ward's identity provider this page uses, from its discovery document. */
export interface IssuerEndpoints {
  readonly issuer: string;
  readonly authorizationEndpoint: string;
  readonly tokenEndpoint: string;
  readonly userinfoEndpoint: string;
}

/** The issuer Ward's identity provider has at `wardUrl` (it mounts it at `/oidc`). */
export function issuerOf(wardUrl: string): string {
  return `${wardUrl.replace(/\/+$/u, '')}/oidc`;
}

/**
 * Checks a discovery document (OpenID Connect Discovery 1.0 §4.3): the issuer must be the one
 * asked for, and every endpoint on its origin, so a tampered document cannot send the code or
 * the tokens elsewhere; S256 must be offered, since this public client relies on PKCE.
 */
export function parseDiscovery(expectedIssuer: string, input: unknown): IssuerEndpoints {
  if (typeof input !== 'object' || input === null) throw new Error('discovery: not a JSON object');
  const doc = input as Record<string, unknown>;
  if (doc.issuer !== expectedIssuer) throw new Error(`discovery: the issuer is not ${expectedIssuer}`);
  const origin = new URL(expectedIssuer).origin;
  const endpoint = (name: string): string => {
    const value = doc[name];
    if (typeof value !== 'string') throw new Error(`discovery: ${name} is missing`);
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      throw new Error(`discovery: ${name} is not a URL`);
    }
    if (url.origin !== origin) throw new Error(`discovery: ${name} is not on ${origin}`);
    return url.href;
  };
  const methods = doc.code_challenge_methods_supported;
  if (!Array.isArray(methods) || !methods.includes('S256')) throw new Error('discovery: the provider does not offer PKCE S256');
  return {
    issuer: expectedIssuer,
    authorizationEndpoint: endpoint('authorization_endpoint'),
    tokenEndpoint: endpoint('token_endpoint'),
    userinfoEndpoint: endpoint('userinfo_endpoint'),
  };
}

/** Fetches and checks the discovery document of the provider at `wardUrl`. */
export async function discoverIssuer(wardUrl: string): Promise<IssuerEndpoints> {
  const issuer = issuerOf(wardUrl);
  const response = await fetch(`${issuer}/.well-known/openid-configuration`);
  if (!response.ok) throw new Error(`discovery: HTTP ${response.status}`);
  return parseDiscovery(issuer, await response.json());
}
