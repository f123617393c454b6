/** What the page needs to know about its deployment, served by `bin/serve.js` as `/config.json`. */
export interface DemoConfig {
  /** Ward's public URL (`https://ward.example.com`); the identity provider is at `<wardUrl>/oidc`. */
  readonly wardUrl: string;
  /** The relying party's client id: a public client registered in Ward for this page's `/callback`. */
  readonly clientId: string;
  /** The app's identifier in Ward's catalog, which the SDK registers as. */
  readonly appId: string;
}

/** The identifier the demo has in Ward's app catalog unless the deployment says otherwise. */
export const defaultAppId = 'com.ward.notes-demo';

const clientIdPattern = /^[\w.~-]{1,200}$/u;
const appIdPattern = /^[A-Za-z0-9][\w.-]{0,254}$/u;

/** The first problem with a configuration document, or the configuration. */
export type ParsedConfig = { readonly ok: true; readonly config: DemoConfig } | { readonly ok: false; readonly problem: string };

/**
 * Checks the configuration document: Ward's URL must be https (or http on loopback, for a
 * developer's machine), without path, query or credentials, since tokens are sent there.
 */
export function parseDemoConfig(input: unknown): ParsedConfig {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return { ok: false, problem: 'the configuration is not an object' };
  const record = input as Record<string, unknown>;
  const { wardUrl, clientId, appId = defaultAppId } = record;
  if (typeof wardUrl !== 'string' || wardUrl.length > 2048) return { ok: false, problem: 'wardUrl must be a URL' };
  let url: URL;
  try {
    url = new URL(wardUrl);
  } catch {
    return { ok: false, problem: 'wardUrl must be a URL' };
  }
  const loopback = url.hostname === '127.0.0.1' || url.hostname === 'localhost' || url.hostname === '[::1]';
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) return { ok: false, problem: 'wardUrl must use https' };
  if (url.username !== '' || url.password !== '' || url.search !== '' || url.hash !== '' || (url.pathname !== '/' && url.pathname !== '')) return { ok: false, problem: 'wardUrl must be an origin only' };
  if (typeof clientId !== 'string' || !clientIdPattern.test(clientId)) return { ok: false, problem: 'clientId must be a client id' };
  if (typeof appId !== 'string' || !appIdPattern.test(appId)) return { ok: false, problem: 'appId must be an app identifier' };
  return { ok: true, config: Object.freeze({ wardUrl: url.origin, clientId, appId }) };
}

/** Fetches and checks `/config.json`; throws with the problem when it is missing or wrong. */
export async function loadDemoConfig(): Promise<DemoConfig> {
  const response = await fetch('/config.json', { cache: 'no-store' });
  if (!response.ok) throw new Error(`/config.json: HTTP ${response.status}`);
  const parsed = parseDemoConfig(await response.json());
  if (!parsed.ok) throw new Error(`/config.json: ${parsed.problem}`);
  return parsed.config;
}
