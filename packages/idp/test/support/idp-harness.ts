import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import { createRelyingParty, systemPrincipal, type Deps, type Digests, type Ids, type RelyingPartyInput, type SecretBox, type TenantId, type WardStores } from '@ward/core';
import { createStores, migrateToLatest, openDatabase, type WardDatabase } from '@ward/store';
import { createIdentityProvider, mountIdentityProvider, type IdentityAccount, type IdentityProvider, type SigningKeySet } from '../../src/index.js';

const digests: Digests = {
  sha256Hex: (d) => createHash('sha256').update(d).digest('hex'),
  hmac: (alg, key, data) => new Uint8Array(createHmac(alg, key).update(data).digest()),
  timingSafeEqual: (a, b) => a.length === b.length && timingSafeEqual(a, b),
};

let counter = 0;
const ids: Ids = {
  // UUIDv7-shaped and time-ordered, as the server's ids are.
  newId: () => {
    const ms = Date.now().toString(16).padStart(12, '0');
    const rest = (counter++).toString(16).padStart(6, '0') + randomBytes(8).toString('hex');
    return `${ms.slice(0, 8)}-${ms.slice(8, 12)}-7${rest.slice(0, 3)}-8${rest.slice(3, 6)}-${rest.slice(6, 18)}`;
  },
  randomBytes: (n) => new Uint8Array(randomBytes(n)),
};

/** AES-256-GCM with the label as associated data, as the server's SecretBox does. */
function testSecretBox(): SecretBox {
  const key = randomBytes(32);
  return {
    seal: (plaintext, label) => {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv).setAAD(Buffer.from(label));
      const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
      return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64');
    },
    open: (sealed, label) => {
      try {
        const raw = Buffer.from(sealed, 'base64');
        const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12)).setAAD(Buffer.from(label));
        decipher.setAuthTag(raw.subarray(12, 28));
        return new Uint8Array(Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]));
      } catch {
        return undefined;
      }
    },
  };
}

/** The directory the test provider signs people in from. */
export const knownUsers: Readonly<Record<string, IdentityAccount>> = {
  'user-ada': { accountId: 'user-ada', claims: { email: 'ada@example.com', email_verified: true, name: 'Ada Lovelace' } },
};

/** A Ward database with a tenant and the stores over it, which provider instances come and go on. */
export interface IdpTestDatabase {
  readonly database: WardDatabase;
  readonly deps: Deps<WardStores>;
  readonly tenantId: TenantId;
  /** Registers a relying party as an admin would; returns its client id and secret. */
  register(input: RelyingPartyInput): Promise<{ clientId: string; clientSecret: string | null }>;
  dispose(): Promise<void>;
}

/** A fresh SQLite database, migrated, with one tenant and sealed secrets. */
export async function openIdpTestDatabase(): Promise<IdpTestDatabase> {
  const dir = mkdtempSync(join(tmpdir(), 'ward-idp-'));
  const database = openDatabase({ sqlitePath: join(dir, 'ward.db') });
  await migrateToLatest(database);
  const clock = { now: () => new Date() };
  const set = createStores(database, { digests, ids, clock, secrets: testSecretBox() });
  const tenantId = randomUUID() as TenantId;
  await set.stores.insertTenant({ id: tenantId, slug: 'default', name: 'Default', createdAt: new Date() });
  const deps: Deps<WardStores> = { clock, ids, digests, stores: set.stores, tx: set.tx };
  return {
    database,
    deps,
    tenantId,
    async register(input) {
      const created = await createRelyingParty(deps, systemPrincipal(tenantId, 'cli'), input);
      if (!created.ok) throw new Error(`register: ${created.code} ${created.message}`);
      return { clientId: created.value.relyingParty.clientId, clientSecret: created.value.clientSecret };
    },
    async dispose() {
      await database.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A free loopback port (the issuer names its port, so it is chosen before the provider exists). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => {
        resolve(port);
      });
    });
  });
}

/** A running provider on a real socket, with a test-only interaction that signs in `loginAs`. */
export interface RunningProvider {
  readonly base: string;
  readonly issuer: string;
  readonly idp: IdentityProvider;
  readonly app: FastifyInstance;
  /** Who the test interaction signs in (a test may switch it; undefined aborts with access_denied). */
  loginAs: string | undefined;
  close(): Promise<void>;
}

/**
 * Starts a provider over `db` on `port`. The interaction route stands in for Ward's sign-in pages,
 * which another part of the issue provides: it reads the interaction and completes the login for
 * `loginAs` at once (the user "typed the right password").
 */
export async function startProvider(db: IdpTestDatabase, keys: SigningKeySet, port: number, mount: { trustedPeer?: (address: string | undefined) => boolean } = {}): Promise<RunningProvider> {
  const base = `http://127.0.0.1:${port}`;
  const idp = createIdentityProvider({
    publicUrl: base,
    stores: db.deps.stores,
    keys,
    findAccount: ({ accountId }) => Promise.resolve(knownUsers[accountId]),
    // These tests are about the provider and its storage; deciding access on every authorization
    // (the sign-in pages' job, tested in sign-in.test.ts) would send single sign-on through them.
    decideEveryAuthorization: false,
  });
  const app = Fastify({ forceCloseConnections: true });
  mountIdentityProvider(app, idp, { prefix: '/oidc', ...mount });
  const running: RunningProvider = {
    base,
    issuer: idp.issuer,
    idp,
    app,
    loginAs: 'user-ada',
    close: () => app.close(),
  };
  app.get('/interaction/:uid', async (request, reply) => {
    const details = await idp.interactions.details(request.raw, reply.raw);
    if (details === undefined) return reply.code(400).send({ error: 'no interaction' });
    const target =
      running.loginAs === undefined
        ? await idp.interactions.abort(request.raw, reply.raw, 'access_denied', 'The test user declined.')
        : await idp.interactions.completeLogin(request.raw, reply.raw, { accountId: running.loginAs, amr: ['pwd'] });
    return reply.redirect(target, 303);
  });
  await app.listen({ host: '127.0.0.1', port });
  return running;
}

interface StoredCookie {
  readonly value: string;
  readonly path: string;
}

/** A browser's cookie jar, enough for one host: names, values and paths; deletions honoured. */
export class CookieJar {
  private readonly cookies = new Map<string, StoredCookie>();

  store(response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const [pair = '', ...attributes] = line.split(';').map((p) => p.trim());
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq);
      const value = pair.slice(eq + 1);
      let path = '/';
      let expired = value === '';
      for (const attribute of attributes) {
        const [key = '', val = ''] = attribute.split('=');
        if (key.toLowerCase() === 'path') path = val;
        if (key.toLowerCase() === 'expires' && Date.parse(val) < Date.now()) expired = true;
        if (key.toLowerCase() === 'max-age' && Number(val) <= 0) expired = true;
      }
      if (expired) this.cookies.delete(`${name}|${path}`);
      else this.cookies.set(`${name}|${path}`, { value, path });
    }
  }

  header(url: URL): string {
    return [...this.cookies.entries()]
      .filter(([, c]) => url.pathname === c.path || url.pathname.startsWith(c.path.endsWith('/') ? c.path : `${c.path}/`))
      .map(([key, c]) => `${key.split('|')[0] ?? ''}=${c.value}`)
      .join('; ');
  }
}

/** A browser visit: follows redirects on the provider's host with the jar, and stops at the first URL off it. */
export async function browse(jar: CookieJar, start: URL | string, host: string, init: RequestInit = {}): Promise<{ readonly final: URL; readonly last: Response; readonly hops: number }> {
  let url = new URL(start);
  let request: RequestInit = init;
  for (let hops = 0; hops < 10; hops++) {
    const headers = new Headers(request.headers);
    const cookie = jar.header(url);
    if (cookie !== '') headers.set('cookie', cookie);
    const response = await fetch(url, { ...request, headers, redirect: 'manual' });
    jar.store(response);
    const location = response.headers.get('location');
    if (response.status < 300 || response.status >= 400 || location === null) return { final: url, last: response, hops };
    url = new URL(location, url);
    request = {};
    if (url.host !== host) return { final: url, last: response, hops: hops + 1 };
  }
  throw new Error('browse: too many redirects');
}
