// The two clients of `npm run bench -- idp`: a browser (cookies, redirects on the provider's host,
// the sign-in form, optionally a Ward device certificate over TLS) and a relying party's back
// channel (code and refresh grants, introspection) with client_secret_basic. Plain undici, so the
// load generator spends as little as it can per request.
import { createHash, randomBytes } from 'node:crypto';
import { Agent, request, type Dispatcher } from 'undici';

/** The provider's endpoints, from its discovery document. */
export interface ProviderEndpoints {
  readonly authorization: string;
  readonly token: string;
  readonly introspection: string;
}

/** Reads the endpoints from `<issuer>/.well-known/openid-configuration`. */
export async function discoverEndpoints(issuer: string, dispatcher: Dispatcher): Promise<ProviderEndpoints> {
  const res = await request(`${issuer}/.well-known/openid-configuration`, { dispatcher });
  const doc = (await res.body.json()) as Record<string, unknown>;
  const url = (name: string): string => {
    const value = doc[name];
    if (typeof value !== 'string') throw new Error(`discovery has no ${name} (status ${res.statusCode})`);
    return value;
  };
  return { authorization: url('authorization_endpoint'), token: url('token_endpoint'), introspection: url('introspection_endpoint') };
}

interface StoredCookie {
  readonly name: string;
  readonly value: string;
  readonly path: string;
}

function headerLines(value: string | string[] | undefined): string[] {
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}

/** A browser as far as the sign-in needs one: one flow at a time, cookies by name and path. */
export class BenchBrowser {
  readonly #cookies = new Map<string, StoredCookie>();
  readonly #dispatcher: Agent;
  readonly #origin: string;

  constructor(origin: string, caPem: string, device?: { readonly certificateChainPem: string; readonly privateKeyPem: string }) {
    this.#origin = origin;
    this.#dispatcher = new Agent({ connect: { ca: caPem, ...(device === undefined ? {} : { cert: device.certificateChainPem, key: device.privateKeyPem }) }, connections: 1 });
  }

  #store(lines: string[]): void {
    for (const line of lines) {
      const [pair = '', ...attributes] = line.split(';');
      const eq = pair.indexOf('=');
      if (eq <= 0) continue;
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      let path = '/';
      let expired = value === '';
      for (const attribute of attributes) {
        const [k = '', v = ''] = attribute.split('=');
        const key = k.trim().toLowerCase();
        if (key === 'path') path = v.trim();
        else if (key === 'expires' && Date.parse(v) < Date.now()) expired = true;
        else if (key === 'max-age' && Number(v) <= 0) expired = true;
      }
      const id = `${name} ${path}`;
      if (expired) this.#cookies.delete(id);
      else this.#cookies.set(id, { name, value, path });
    }
  }

  #cookieHeader(path: string): string {
    const out: string[] = [];
    for (const c of this.#cookies.values()) if (path === c.path || path.startsWith(c.path.endsWith('/') ? c.path : `${c.path}/`)) out.push(`${c.name}=${c.value}`);
    return out.join('; ');
  }

  /** Follows redirects from `start` on the provider's origin; returns the first page or the first URL off it. */
  async visit(start: string, form?: string): Promise<{ url: URL; status: number; body: string }> {
    let url = new URL(start);
    let body = form;
    for (let hops = 0; hops < 10; hops++) {
      const headers: Record<string, string> = { 'user-agent': 'ward-bench-browser' };
      const cookie = this.#cookieHeader(url.pathname);
      if (cookie !== '') headers['cookie'] = cookie;
      if (body !== undefined) headers['content-type'] = 'application/x-www-form-urlencoded';
      const res = await request(url, { dispatcher: this.#dispatcher, method: body === undefined ? 'GET' : 'POST', headers, ...(body === undefined ? {} : { body }) });
      this.#store(headerLines(res.headers['set-cookie']));
      const location = res.headers['location'];
      if (res.statusCode < 300 || res.statusCode >= 400 || typeof location !== 'string') return { url, status: res.statusCode, body: await res.body.text() };
      await res.body.dump();
      url = new URL(location, url);
      body = undefined;
      if (url.origin !== this.#origin) return { url, status: res.statusCode, body: '' };
    }
    throw new Error('too many redirects');
  }

  close(): Promise<void> {
    return this.#dispatcher.close();
  }
}

/** The hidden fields of a page's form and its action. */
function formOf(html: string, pageUrl: URL): { action: string; fields: URLSearchParams } {
  const action = /<form method="post" action="([^"]+)"/u.exec(html)?.[1];
  if (action === undefined) throw new Error(`no form on ${pageUrl.pathname}: ${html.slice(0, 300)}`);
  const fields = new URLSearchParams();
  for (const m of html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/gu)) fields.set(m[1] ?? '', (m[2] ?? '').replaceAll('&amp;', '&'));
  return { action: new URL(action.replaceAll('&amp;', '&'), pageUrl).href, fields };
}

const base64url = (b: Buffer): string => b.toString('base64url');

/** A started authorization: the URL to visit and what the code grant needs. */
export interface AuthorizationStart {
  readonly url: string;
  readonly verifier: string;
  readonly state: string;
}

/** An authorization request with PKCE (S256), as a confidential relying party sends it. */
export function authorizationRequest(endpoint: string, clientId: string, redirectUri: string): AuthorizationStart {
  const verifier = base64url(randomBytes(32));
  const state = base64url(randomBytes(16));
  const params = new URLSearchParams({
    client_id: clientId,
    redirect_uri: redirectUri,
    response_type: 'code',
    scope: 'openid email offline_access',
    state,
    code_challenge: base64url(createHash('sha256').update(verifier).digest()),
    code_challenge_method: 'S256',
  });
  return { url: `${endpoint}?${params.toString()}`, verifier, state };
}

/** The code from the final redirect to the relying party, or an error naming where the flow stopped. */
function codeOf(final: { url: URL; status: number; body: string }, redirectUri: string, state: string): string {
  if (`${final.url.origin}${final.url.pathname}` !== redirectUri) throw new Error(`the flow stopped at ${final.url.pathname} (${final.status}): ${final.body.replace(/<[^>]+>/gu, ' ').replace(/\s+/gu, ' ').slice(0, 300)}`);
  const code = final.url.searchParams.get('code');
  if (code === null || final.url.searchParams.get('state') !== state) throw new Error(`no code: ${final.url.search}`);
  return code;
}

/**
 * One authorization code flow in `browser`: the authorization request, the sign-in page (password
 * when `password` is given and the page asks for it; with a session the interaction decides at
 * once), the decision, and the redirect with the code.
 */
export async function authorize(browser: BenchBrowser, endpoints: ProviderEndpoints, clientId: string, redirectUri: string, login?: { email: string; password: string }): Promise<{ code: string; verifier: string }> {
  const start = authorizationRequest(endpoints.authorization, clientId, redirectUri);
  let page = await browser.visit(start.url);
  if (page.status === 200 && login !== undefined && page.body.includes('name="password"')) {
    const form = formOf(page.body, page.url);
    form.fields.set('email', login.email);
    form.fields.set('password', login.password);
    page = await browser.visit(form.action, form.fields.toString());
  }
  return { code: codeOf(page, redirectUri, start.state), verifier: start.verifier };
}

/** A relying party's back channel to the token and introspection endpoints. */
export class BenchRelyingParty {
  readonly #authorization: string;

  constructor(
    private readonly endpoints: ProviderEndpoints,
    private readonly dispatcher: Dispatcher,
    clientId: string,
    clientSecret: string,
    private readonly redirectUri: string,
  ) {
    this.#authorization = `Basic ${Buffer.from(`${encodeURIComponent(clientId)}:${encodeURIComponent(clientSecret)}`).toString('base64')}`;
  }

  async #post(url: string, form: Record<string, string>): Promise<{ status: number; body: Record<string, unknown> }> {
    const res = await request(url, {
      dispatcher: this.dispatcher,
      method: 'POST',
      headers: { authorization: this.#authorization, 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: new URLSearchParams(form).toString(),
    });
    return { status: res.statusCode, body: (await res.body.json()) as Record<string, unknown> };
  }

  /** Redeems a code; returns the refresh and access tokens. */
  async redeem(code: string, verifier: string): Promise<{ refreshToken: string; accessToken: string }> {
    const res = await this.#post(this.endpoints.token, { grant_type: 'authorization_code', code, redirect_uri: this.redirectUri, code_verifier: verifier });
    const { refresh_token: refreshToken, access_token: accessToken } = res.body;
    if (res.status !== 200 || typeof refreshToken !== 'string' || typeof accessToken !== 'string') throw new Error(`code grant: ${res.status} ${JSON.stringify(res.body)}`);
    return { refreshToken, accessToken };
  }

  /** One refresh grant: the rotated refresh token, or the OAuth error the provider answered. */
  async refresh(refreshToken: string): Promise<{ ok: true; refreshToken: string } | { ok: false; status: number; error: string }> {
    const res = await this.#post(this.endpoints.token, { grant_type: 'refresh_token', refresh_token: refreshToken });
    const rotated = res.body['refresh_token'];
    if (res.status === 200 && typeof rotated === 'string') return { ok: true, refreshToken: rotated };
    return { ok: false, status: res.status, error: String(res.body['error']) };
  }

  /** Whether introspection calls the token active. */
  async active(token: string): Promise<boolean> {
    const res = await this.#post(this.endpoints.introspection, { token });
    if (res.status !== 200) throw new Error(`introspection: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body['active'] === true;
  }
}
