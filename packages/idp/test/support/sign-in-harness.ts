import 'reflect-metadata';
import { createCipheriv, createDecipheriv, createHash, createHmac, createPublicKey, randomBytes, timingSafeEqual, verify as verifySignature, webcrypto } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hash, verify } from '@node-rs/argon2';
import * as x509 from '@peculiar/x509';
import {
  accessPolicyChangedEvent,
  createAccessPolicyCache,
  createEnrollmentToken,
  createRelyingParty,
  createUser,
  enrollDevice,
  fail,
  hotp,
  ok,
  systemPrincipal,
  totpStep,
  type AccessPolicyCache,
  type AuthDeps,
  type CertificateIssuer,
  type Digests,
  type Ids,
  type PasswordHasher,
  type Principal,
  type RelyingPartyInput,
  type SdkSignatureVerifier,
  type SecretBox,
  type TenantId,
  type User,
  type WardStores,
} from '@ward/core';
import { createCertificateAuthority, loadCertificateAuthority, type CertificateAuthority } from '@ward/pki';
import { createStores, migrateToLatest, openDatabase, type EventBus, type WardDatabase } from '@ward/store';
import Fastify, { type FastifyInstance } from 'fastify';
import { Agent, fetch as undiciFetch, type Dispatcher } from 'undici';
import {
  createGrantClaims,
  createIdentityProvider,
  createSigningKeySet,
  enforceAccessOnTokens,
  findDirectoryAccount,
  mountIdentityProvider,
  registerSignInRoutes,
  revokeDeviceGrantsOnChange,
  type IdentityProvider,
} from '../../src/index.js';
import { CookieJar, freePort } from './idp-harness.js';

// A whole sign-in world over real sockets: SQLite through @ward/store, Ward's CA from @ward/pki, a
// TLS server that asks browsers for a client certificate, the provider, the sign-in pages, the
// refresh checks and the device-grant revocation wired as the server wires them. Only the
// non-storage ports are local: argon2id (the real library, low cost), AES-GCM, node:crypto.

const digests: Digests = {
  sha256Hex: (d) => createHash('sha256').update(d).digest('hex'),
  hmac: (alg, key, data) => new Uint8Array(createHmac(alg, key).update(data).digest()),
  timingSafeEqual: (a, b) => a.length === b.length && timingSafeEqual(a, b),
};

let counter = 0;
const ids: Ids = {
  newId: () => {
    const ms = Date.now().toString(16).padStart(12, '0');
    const rest = (counter++).toString(16).padStart(6, '0') + randomBytes(8).toString('hex');
    return `${ms.slice(0, 8)}-${ms.slice(8, 12)}-7${rest.slice(0, 3)}-8${rest.slice(3, 6)}-${rest.slice(6, 18)}`;
  },
  randomBytes: (n) => new Uint8Array(randomBytes(n)),
};

/** ES256 under an SDK registration's JWK with node:crypto, as the server's adapter checks app assertions. */
export const sdkSignatures: SdkSignatureVerifier = {
  verifyEs256(jwk, data, signature) {
    try {
      const key = createPublicKey({ key: { kty: jwk.kty, crv: jwk.crv, x: jwk.x, y: jwk.y }, format: 'jwk' });
      return verifySignature('sha256', data, { key, dsaEncoding: 'ieee-p1363' }, signature);
    } catch {
      return false;
    }
  },
};

/** argon2id as the server hashes, at a cost low enough for tests. */
const passwords: PasswordHasher = {
  hash: (password) => hash(password, { memoryCost: 1024, timeCost: 1, parallelism: 1 }),
  verify: async (stored, password) => {
    try {
      return await verify(stored, password);
    } catch {
      return false;
    }
  },
};

function secretBox(): SecretBox {
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

// The structural subset of @peculiar/x509's CSR generator used here (its declarations name DOM types).
interface CsrGenerator {
  create(
    params: { name: Record<string, string[]>[]; keys: webcrypto.CryptoKeyPair; signingAlgorithm: webcrypto.EcdsaParams },
    crypto: webcrypto.Crypto,
  ): Promise<{ toString(format: 'pem'): string }>;
}
const csrGenerator: CsrGenerator = x509.Pkcs10CertificateRequestGenerator;

function pem(der: ArrayBuffer, label: string): string {
  return `-----BEGIN ${label}-----\n${(Buffer.from(der).toString('base64').match(/.{1,64}/g) ?? []).join('\n')}\n-----END ${label}-----\n`;
}

/** An ECDSA P-256 key (PKCS#8 PEM) and a CSR for it, as the agent makes them. */
export async function deviceKey(): Promise<{ keyPem: string; csrPem: string }> {
  const keys = await webcrypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign', 'verify']);
  const csr = await csrGenerator.create({ name: [{ CN: ['browser-device'] }], keys, signingAlgorithm: { name: 'ECDSA', hash: 'SHA-256' } }, webcrypto);
  return { keyPem: pem(await webcrypto.subtle.exportKey('pkcs8', keys.privateKey), 'PRIVATE KEY'), csrPem: csr.toString('pem') };
}

async function makeCa(): Promise<CertificateAuthority> {
  const now = new Date(Date.now() - 86_400_000);
  const masterKey = new Uint8Array(randomBytes(32));
  return loadCertificateAuthority(await createCertificateAuthority({ keyAlgorithm: 'ecdsa-p256', organization: 'Ward Sign-in Test', masterKey, now }), masterKey);
}

/** A device enrolled through core's enrollment, and the client credentials its browser presents. */
export interface TestDevice {
  readonly deviceId: string;
  readonly certificatePem: string;
  readonly keyPem: string;
}

export interface SignInWorld {
  readonly base: string;
  readonly issuer: string;
  readonly host: string;
  readonly ca: CertificateAuthority;
  readonly deps: AuthDeps<WardStores>;
  readonly events: EventBus;
  readonly tenantId: TenantId;
  readonly system: Principal;
  readonly idp: IdentityProvider;
  readonly app: FastifyInstance;
  readonly policies: AccessPolicyCache;
  /** Device ids whose grants the revocation listener revoked, in order. */
  readonly revokedDevices: string[];
  register(input: RelyingPartyInput): Promise<{ clientId: string; clientSecret: string | null }>;
  /** A directory user with a password (and, with `totp`, an enabled authenticator whose secret is returned). */
  addUser(email: string, password: string, options?: { totp?: boolean }): Promise<{ user: User; totpSecret: Uint8Array | null }>;
  /** A Linux device enrolled for `user` with a Ward certificate. */
  enroll(user: User, name: string): Promise<TestDevice>;
  /**
   * A browser: with a device it presents the device's certificate over TLS; `headers` are sent on
   * every request (a TLS-terminating proxy's `Client-Cert`, which this world trusts from loopback).
   */
  browser(device?: TestDevice, headers?: Record<string, string>): TestBrowser;
  close(): Promise<void>;
}

/** The current code of an authenticator. */
export function totpCode(secret: Uint8Array, at = new Date(), offsetSteps = 0): string {
  return hotp(secret, totpStep(at) + offsetSteps, digests);
}

export async function openSignInWorld(): Promise<SignInWorld> {
  const dir = mkdtempSync(join(tmpdir(), 'ward-sign-in-'));
  const database: WardDatabase = openDatabase({ sqlitePath: join(dir, 'ward.db') });
  await migrateToLatest(database);
  const clock = { now: () => new Date() };
  const secrets = secretBox();
  const set = createStores(database, { digests, ids, clock, secrets });
  const tenantId = ids.newId() as TenantId;
  await set.stores.insertTenant({ id: tenantId, slug: 'default', name: 'Default', createdAt: new Date() });
  const deps: AuthDeps<WardStores> = { clock, ids, digests, stores: set.stores, tx: set.tx, passwords, secrets };
  const system = systemPrincipal(tenantId, 'cli');
  const ca = await makeCa();
  const server = await ca.issueServerCertificate({ hostnames: ['localhost'], ipAddresses: ['127.0.0.1'], validityDays: 30, now: new Date(Date.now() - 60_000) });

  const port = await freePort();
  const base = `https://127.0.0.1:${port}`;
  const policies = createAccessPolicyCache(set.stores);
  const unsubscribePolicies = set.events.subscribe(accessPolicyChangedEvent, (event) => {
    policies.invalidate(event.tenantId);
  });
  const idp = createIdentityProvider({
    publicUrl: base,
    stores: set.stores,
    keys: await createSigningKeySet(),
    findAccount: findDirectoryAccount(set.stores),
    grantClaims: createGrantClaims(set.stores, clock),
  });
  enforceAccessOnTokens(idp, { deps, policies });
  const revokedDevices: string[] = [];
  const unsubscribeRevocation = revokeDeviceGrantsOnChange(set.events, {
    stores: set.stores,
    onRevoked: (deviceId) => revokedDevices.push(deviceId),
    onError: (error) => {
      throw error;
    },
  });

  // TLS that asks for a client certificate and never refuses the handshake for lack of one: the
  // sign-in pages verify what was presented themselves.
  const app = Fastify({ forceCloseConnections: true, https: { key: server.privateKeyPem, cert: server.certificatePem + server.chainPem, requestCert: true, rejectUnauthorized: false, ca: [ca.rootCertificatePem, ca.issuingCertificatePem] } });
  mountIdentityProvider(app, idp, { prefix: '/oidc' });
  registerSignInRoutes(app, {
    idp,
    deps,
    policies,
    portalUrl: `${base}/portal`,
    // Loopback stands for the TLS-terminating proxy: its RFC 9440 Client-Cert header is believed.
    trustedPeer: (address) => address === '127.0.0.1' || address === '::ffff:127.0.0.1',
    verifyClientCertificate: async (der) => {
      const checked = await ca.verifyClientCertificate(der, clock.now());
      return checked.ok ? { ok: true, serialNumber: checked.serialNumber, fingerprintSha256: checked.fingerprintSha256 } : { ok: false, code: checked.code };
    },
    apps: { signatures: sdkSignatures },
  });
  await app.listen({ host: '127.0.0.1', port });

  const issuer: CertificateIssuer = {
    async issueDeviceCertificate({ csrPem, deviceId, tenantId: tenant }) {
      const issued = await ca.issueFromCsr({ csrPem, subject: { commonName: deviceId, organizationalUnit: tenant }, validityDays: 30, now: clock.now(), extendedKeyUsage: 'clientAuth' });
      if (!issued.ok) return fail('CSR_INVALID', issued.message);
      return ok({ certificatePem: issued.certificatePem, chainPem: ca.chainPem, serialNumber: issued.serialNumber, fingerprint: issued.fingerprintSha256, notBefore: issued.notBefore, notAfter: issued.notAfter });
    },
  };
  return {
    base,
    issuer: idp.issuer,
    host: new URL(base).host,
    ca,
    deps,
    events: set.events,
    tenantId,
    system,
    idp,
    app,
    policies,
    revokedDevices,
    async register(input) {
      const created = await createRelyingParty(deps, system, input);
      if (!created.ok) throw new Error(`register: ${created.code} ${created.message}`);
      return { clientId: created.value.relyingParty.clientId, clientSecret: created.value.clientSecret };
    },
    async addUser(email, password, options = {}) {
      const created = await createUser(deps, system, { email, displayName: email.split('@')[0] ?? email });
      if (!created.ok) throw new Error(`addUser: ${created.code}`);
      const user = created.value;
      const totpSecret = options.totp === true ? new Uint8Array(randomBytes(20)) : null;
      await set.stores.putCredentials({
        userId: user.id,
        tenantId,
        passwordHash: await passwords.hash(password),
        totpSecretSealed: totpSecret === null ? null : secrets.seal(totpSecret, `totp:${user.id}`),
        totpState: totpSecret === null ? 'none' : 'enabled',
        totpLastStep: null,
        failedAttempts: 0,
        lockedUntil: null,
        passwordChangedAt: new Date(),
      });
      return { user, totpSecret };
    },
    async enroll(user, name) {
      const token = await createEnrollmentToken(deps, system, { name: `for ${name}`, maxUses: 1, ownership: 'corporate', expiresInHours: 1, userId: user.id });
      if (!token.ok) throw new Error(`enroll: ${token.code} ${token.message}`);
      const key = await deviceKey();
      const enrolled = await enrollDevice({ ...deps, issuer }, { token: token.value.text, csrPem: key.csrPem, device: { hardwareId: `hw-${name}`, name, platform: 'linux', osVersion: '24.04' } }, { via: 'agent' });
      if (!enrolled.ok) throw new Error(`enroll: ${enrolled.code} ${enrolled.message}`);
      return { deviceId: enrolled.value.device.id, certificatePem: enrolled.value.certificate.certificatePem, keyPem: key.keyPem };
    },
    browser(device, headers = {}) {
      const dispatcher = new Agent({ connect: { ca: ca.rootCertificatePem, ...(device === undefined ? {} : { cert: device.certificatePem, key: device.keyPem }) }, pipelining: 0 });
      return new TestBrowser(dispatcher, new URL(base).host, headers);
    },
    async close() {
      unsubscribePolicies();
      unsubscribeRevocation();
      await app.close();
      await database.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** What a page answered. */
export interface PageVisit {
  readonly url: URL;
  readonly status: number;
  readonly headers: Headers;
  readonly body: string;
}

/**
 * A browser as far as the sign-in needs one: a cookie jar, a TLS identity (or none), redirects
 * followed on the provider's host, and HTML forms read back (hidden fields) and submitted.
 */
export class TestBrowser {
  readonly jar = new CookieJar();

  constructor(
    private readonly dispatcher: Dispatcher,
    private readonly host: string,
    private readonly extraHeaders: Record<string, string> = {},
  ) {}

  /** Requests `start` and follows redirects on the provider's host; stops at the first URL off it. */
  async visit(start: URL | string, init: { method?: string; body?: string } = {}): Promise<PageVisit> {
    let url = new URL(start);
    let method = init.method ?? 'GET';
    let body = init.body;
    for (let hops = 0; hops < 10; hops++) {
      const headers: Record<string, string> = { 'user-agent': 'ward-test-browser', ...this.extraHeaders };
      const cookie = this.jar.header(url);
      if (cookie !== '') headers['cookie'] = cookie;
      if (body !== undefined) headers['content-type'] = 'application/x-www-form-urlencoded';
      const response = await undiciFetch(url, { method, headers, ...(body === undefined ? {} : { body }), redirect: 'manual', dispatcher: this.dispatcher });
      // The jar reads the fetch API's Response; undici's own carries the same headers.
      const setCookies = new Headers();
      for (const line of response.headers.getSetCookie()) setCookies.append('set-cookie', line);
      this.jar.store(new Response(null, { headers: setCookies }));
      const location = response.headers.get('location');
      if (response.status < 300 || response.status >= 400 || location === null) {
        return { url, status: response.status, headers: response.headers as unknown as Headers, body: await response.text() };
      }
      await response.body?.cancel();
      url = new URL(location, url);
      method = 'GET';
      body = undefined;
      if (url.host !== this.host) return { url, status: response.status, headers: response.headers as unknown as Headers, body: '' };
    }
    throw new Error('visit: too many redirects');
  }

  /** Submits the page's form with its hidden fields and `fields`. */
  async submit(page: PageVisit, fields: Record<string, string>): Promise<PageVisit> {
    const action = /<form method="post" action="([^"]+)"/u.exec(page.body)?.[1];
    if (action === undefined) throw new Error(`submit: no form on ${page.url.href}: ${page.body.slice(0, 200)}`);
    const values = new URLSearchParams(hiddenFields(page.body));
    for (const [name, value] of Object.entries(fields)) values.set(name, value);
    return this.visit(new URL(action.replaceAll('&amp;', '&'), page.url), { method: 'POST', body: values.toString() });
  }

  async close(): Promise<void> {
    await this.dispatcher.close();
  }
}

/** The hidden inputs of a page (the form token and step). */
export function hiddenFields(html: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const match of html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/gu)) out[match[1] ?? ''] = match[2] ?? '';
  return out;
}
