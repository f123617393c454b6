import { X509Certificate, createHmac, createPrivateKey, generateKeyPairSync, randomBytes, sign as signBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as client from 'openid-client';
import { Agent, setGlobalDispatcher } from 'undici';
import { createAccessPolicy, createAssignment, createCompliancePolicy, evaluateDeviceCompliance, updateAccessPolicy, type AccessPolicy, type DeviceId, type User } from '@ward/core';
import { certificateThumbprint, deviceAssertionMaxLength, deviceAssertionParameter, deviceAssertionStateModel, deviceAssertionType, verifyDeviceAssertion, type DeviceAssertionContext } from '../src/index.js';
import { deviceKey, openSignInWorld, type PageVisit, type SignInWorld, type TestBrowser, type TestDevice } from './support/sign-in-harness.js';

// Device-key assertions (issue 6 §3) against a real store, Ward's CA and enrolled devices: what
// verifies, every way a forged, stale, replayed or borrowed one proves nothing, and the sign-in
// pages taking one from the authorization request or the form.

const callback = 'https://wiki.example.com/callback';
const password = 'correct horse battery staple';

let world: SignInWorld;
let cfg: client.Configuration;
let wikiId = '';
let ada: User;
let laptop: TestDevice;
let desktop: TestDevice;

interface AssertionParts {
  header?: Record<string, unknown>;
  claims?: Record<string, unknown>;
  /** Signs with this key (PKCS#8 PEM) instead of the device's. */
  keyPem?: string;
}

function derOf(pem: string): Buffer {
  return Buffer.from(new X509Certificate(pem).raw);
}

function encode(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

/** An assertion as the agent makes one, with any part overridden. */
function assertion(device: TestDevice, parts: AssertionParts = {}): string {
  const der = derOf(device.certificatePem);
  const now = Math.floor(Date.now() / 1000);
  const header = { alg: 'ES256', typ: deviceAssertionType, x5c: [der.toString('base64')], ...parts.header };
  const claims = { iss: device.deviceId, aud: world.issuer, iat: now, exp: now + 120, jti: randomBytes(16).toString('base64url'), cnf: { 'x5t#S256': certificateThumbprint(der) }, ...parts.claims };
  const input = `${encode(header)}.${encode(claims)}`;
  const signature = signBytes('sha256', Buffer.from(input), { key: createPrivateKey(parts.keyPem ?? device.keyPem), dsaEncoding: 'ieee-p1363' });
  return `${input}.${signature.toString('base64url')}`;
}

function context(interactionUid = randomBytes(8).toString('hex')): DeviceAssertionContext {
  return {
    audience: world.issuer,
    interactionUid,
    verifyClientCertificate: async (der) => {
      const checked = await world.ca.verifyClientCertificate(der, new Date());
      return checked.ok ? { ok: true, serialNumber: checked.serialNumber, fingerprintSha256: checked.fingerprintSha256 } : { ok: false, code: checked.code };
    },
  };
}

async function reasonOf(token: string, ctx = context()): Promise<string> {
  const checked = await verifyDeviceAssertion(world.deps, token, ctx);
  return checked.ok ? `ok:${checked.deviceId}` : checked.reason;
}

function text(html: string): string {
  return html.replace(/<[^>]+>/gu, ' ').replace(/&#39;/gu, "'").replace(/\s+/gu, ' ');
}

async function start(browser: TestBrowser, extra: Record<string, string> = {}): Promise<{ page: PageVisit; verifier: string; state: string }> {
  const verifier = client.randomPKCECodeVerifier();
  const state = client.randomState();
  const url = client.buildAuthorizationUrl(cfg, { redirect_uri: callback, scope: 'openid email offline_access', code_challenge: await client.calculatePKCECodeChallenge(verifier), code_challenge_method: 'S256', state, ...extra });
  return { page: await browser.visit(url), verifier, state };
}

async function redeem(final: PageVisit, verifier: string, state: string) {
  expect(final.url.origin + final.url.pathname, text(final.body)).toBe(callback);
  return client.authorizationCodeGrant(cfg, final.url, { pkceCodeVerifier: verifier, expectedState: state });
}

beforeAll(async () => {
  world = await openSignInWorld();
  setGlobalDispatcher(new Agent({ connect: { ca: world.ca.rootCertificatePem }, pipelining: 0 }));
  const wiki = await world.register({ name: 'Wiki', grantTypes: ['authorization_code', 'refresh_token'], tokenEndpointAuthMethod: 'client_secret_basic', redirectUris: [callback], postLogoutRedirectUris: [] });
  wikiId = wiki.clientId;
  cfg = await client.discovery(new URL(world.issuer), wiki.clientId, {}, client.ClientSecretBasic(wiki.clientSecret ?? ''));
  ada = (await world.addUser('ada@example.com', password)).user;
  const compliance = await createCompliancePolicy(world.deps, world.system, { name: 'Linux baseline', platforms: ['linux'], rules: [{ id: 'fw', kind: 'firewallOn' }] });
  if (!compliance.ok) throw new Error(compliance.message);
  const assigned = await createAssignment(world.deps, world.system, { itemKind: 'compliancePolicy', itemId: compliance.value.id, target: { type: 'allDevices' } });
  if (!assigned.ok) throw new Error(assigned.message);
  laptop = await world.enroll(ada, 'ada-laptop');
  desktop = await world.enroll(ada, 'ada-desktop');
  for (const device of [laptop, desktop]) {
    const found = await world.deps.stores.getDevice(world.tenantId, device.deviceId as DeviceId);
    if (found === undefined) throw new Error('no device');
    await world.deps.stores.updateDevice({ ...found, facts: { ...found.facts, firewallOn: true } });
  }
  const evaluated = await evaluateDeviceCompliance(world.deps, world.system, { deviceIds: [laptop.deviceId, desktop.deviceId] });
  if (!evaluated.ok) throw new Error(evaluated.message);
});

afterAll(async () => {
  await world.close();
});

describe('verifyDeviceAssertion', () => {
  it('accepts the device\'s own assertion, and the same one again only within the same sign-in', async () => {
    const token = assertion(laptop);
    const first = context('sign-in-1');
    expect(await reasonOf(token, first)).toBe(`ok:${laptop.deviceId}`);
    // The password page, then "try again": one sign-in may present it more than once.
    expect(await reasonOf(token, first)).toBe(`ok:${laptop.deviceId}`);
    expect(await reasonOf(token, context('sign-in-2'))).toBe('replayed');
    const remembered = await world.deps.stores.findIdpState(deviceAssertionStateModel, `${laptop.deviceId}:${JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString()).jti as string}`);
    expect(remembered?.expiresAt?.getTime()).toBeGreaterThan(Date.now());
  });

  it('refuses a forged signature, another key, and a signature of the wrong size', async () => {
    const other = await deviceKey();
    expect(await reasonOf(assertion(laptop, { keyPem: other.keyPem }))).toBe('bad_signature');
    const [h, p, s = ''] = assertion(laptop).split('.');
    const flipped = Buffer.from(s, 'base64url');
    flipped[10] = (flipped[10] ?? 0) ^ 0xff;
    expect(await reasonOf(`${h}.${p}.${flipped.toString('base64url')}`)).toBe('bad_signature');
    expect(await reasonOf(`${h}.${p}.${Buffer.alloc(70, 1).toString('base64url')}`)).toBe('bad_signature');
    // Claims changed after signing (a fresh jti to dodge the replay check).
    const claims = JSON.parse(Buffer.from(p ?? '', 'base64url').toString()) as Record<string, unknown>;
    expect(await reasonOf(`${h}.${encode({ ...claims, jti: randomBytes(16).toString('base64url') })}.${s}`)).toBe('bad_signature');
  });

  it('refuses expired, future, and long-lived assertions', async () => {
    const now = Math.floor(Date.now() / 1000);
    expect(await reasonOf(assertion(laptop, { claims: { iat: now - 900, exp: now - 700 } }))).toBe('expired');
    expect(await reasonOf(assertion(laptop, { claims: { iat: now + 600, exp: now + 700 } }))).toBe('not_yet_valid');
    expect(await reasonOf(assertion(laptop, { claims: { iat: now, exp: now + 3600 } }))).toBe('lifetime_too_long');
    expect(await reasonOf(assertion(laptop, { claims: { iat: now, exp: now - 1 } }))).toBe('lifetime_too_long');
  });

  it('refuses another audience, and a token not bound to its certificate', async () => {
    expect(await reasonOf(assertion(laptop, { claims: { aud: 'https://evil.example/oidc' } }))).toBe('wrong_audience');
    expect(await reasonOf(assertion(laptop, { claims: { aud: [world.issuer, 'https://evil.example'] } }))).toBe('wrong_audience');
    expect(await reasonOf(assertion(laptop, { claims: { cnf: { 'x5t#S256': certificateThumbprint(derOf(desktop.certificatePem)) } } }))).toBe('certificate_mismatch');
    expect(await reasonOf(assertion(laptop, { claims: { cnf: undefined } }))).toBe('certificate_mismatch');
  });

  it('refuses another device\'s certificate: a device cannot speak for a second one', async () => {
    // Signed correctly by the desktop's key with the desktop's certificate, claiming to be the laptop.
    expect(await reasonOf(assertion(desktop, { claims: { iss: laptop.deviceId } }))).toBe('device_mismatch');
    // The laptop's certificate with the desktop's key: the signature does not hold.
    const laptopDer = derOf(laptop.certificatePem);
    expect(await reasonOf(assertion(laptop, { keyPem: desktop.keyPem, header: { x5c: [laptopDer.toString('base64')] } }))).toBe('bad_signature');
  });

  it('refuses a certificate Ward did not issue, and a device that left management', async () => {
    const { createCertificateAuthority, loadCertificateAuthority } = await import('@ward/pki');
    const master = new Uint8Array(32).fill(9);
    const foreign = await loadCertificateAuthority(await createCertificateAuthority({ keyAlgorithm: 'ecdsa-p256', organization: 'Ward Sign-in Test', masterKey: master, now: new Date(Date.now() - 86_400_000) }), master);
    const key = await deviceKey();
    const issued = await foreign.issueFromCsr({ csrPem: key.csrPem, subject: { commonName: laptop.deviceId }, validityDays: 1, now: new Date(), extendedKeyUsage: 'clientAuth' });
    if (!issued.ok) throw new Error(issued.message);
    expect(await reasonOf(assertion({ deviceId: laptop.deviceId, certificatePem: issued.certificatePem, keyPem: key.keyPem }))).toBe('untrusted_certificate');

    const spare = await world.enroll(ada, 'ada-spare');
    expect(await reasonOf(assertion(spare))).toBe(`ok:${spare.deviceId}`);
    await world.deps.stores.retireDeviceIdentities(world.tenantId, spare.deviceId as DeviceId, 'revoked', new Date());
    expect(await reasonOf(assertion(spare))).toBe('unknown_device');
  });

  it('refuses other algorithms and keys named by the token', async () => {
    const token = assertion(laptop);
    const [, payload] = token.split('.');
    const none = `${encode({ alg: 'none', x5c: [derOf(laptop.certificatePem).toString('base64')] })}.${payload ?? ''}.`;
    expect(await reasonOf(none)).not.toMatch(/^ok/u);
    const hsHeader = encode({ alg: 'HS256', x5c: [derOf(laptop.certificatePem).toString('base64')] });
    const hs = `${hsHeader}.${payload ?? ''}.${createHmac('sha256', derOf(laptop.certificatePem)).update(`${hsHeader}.${payload ?? ''}`).digest('base64url')}`;
    expect(await reasonOf(hs)).toBe('unsupported_algorithm');
    const { publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    expect(await reasonOf(assertion(laptop, { header: { jwk: publicKey.export({ format: 'jwk' }) } }))).toBe('unsupported_algorithm');
    expect(await reasonOf(assertion(laptop, { header: { crit: ['exp'] } }))).toBe('unsupported_algorithm');
    expect(await reasonOf(assertion(laptop, { header: { typ: 'JWT' } }))).toBe('malformed');
  });

  it('refuses malformed and oversized input without throwing', async () => {
    const hostile = [
      '',
      'a.b',
      'a.b.c.d',
      '!!!.***.???',
      `${encode([1, 2])}.${encode({})}.AAAA`,
      `${Buffer.from('{not json').toString('base64url')}.${encode({})}.AAAA`,
      assertion(laptop, { header: { x5c: 'not-a-list' } }),
      assertion(laptop, { header: { x5c: [] } }),
      assertion(laptop, { header: { x5c: ['%%%'] } }),
      assertion(laptop, { header: { x5c: ['AAAA', 'AAAA', 'AAAA', 'AAAA', 'AAAA'] } }),
      assertion(laptop, { claims: { jti: 'short' } }),
      assertion(laptop, { claims: { iat: '1700000000' } }),
      assertion(laptop, { claims: { iss: 42 } }),
      `${'A'.repeat(deviceAssertionMaxLength)}.${'B'.repeat(10)}.C`,
    ];
    for (const token of hostile) expect(await reasonOf(token), token.slice(0, 60)).toBe('malformed');
    // A certificate that is not one: bound by cnf to garbage bytes, so it fails at the signature.
    const garbage = Buffer.from('not a certificate');
    expect(await reasonOf(assertion(laptop, { header: { x5c: [garbage.toString('base64')] }, claims: { cnf: { 'x5t#S256': certificateThumbprint(garbage) } } }))).toBe('bad_signature');
  });
});

describe('at sign-in', () => {
  let required: AccessPolicy;
  beforeAll(async () => {
    const created = await createAccessPolicy(world.deps, world.system, { name: 'Wiki needs a compliant device', state: 'enabled', conditions: { users: { include: 'all' }, relyingParties: { include: [wikiId] } }, grant: { kind: 'require', controls: ['compliantDevice'] } });
    if (!created.ok) throw new Error(created.message);
    required = created.value;
  });
  afterAll(async () => {
    await updateAccessPolicy(world.deps, world.system, required.id, { state: 'disabled', expectedVersion: required.version });
  });

  it('proves a browser without a client certificate by the assertion on the authorization request', async () => {
    const browser = world.browser();
    const token = assertion(laptop);
    const { page, verifier, state } = await start(browser, { [deviceAssertionParameter]: token });
    const tokens = await redeem(await browser.submit(page, { email: 'ada@example.com', password }), verifier, state);
    expect(tokens.claims()).toMatchObject({ sub: ada.id, device_id: laptop.deviceId, device_compliance: 'compliant' });
    await browser.close();

    // The same assertion in another browser's sign-in is a replay: an unknown device, blocked, and why.
    const thief = world.browser();
    const stolen = await start(thief, { [deviceAssertionParameter]: token });
    const blocked = await thief.submit(stolen.page, { email: 'ada@example.com', password });
    expect(blocked.status).toBe(403);
    expect(text(blocked.body)).toContain('This device assertion was used already');
    await thief.close();
  });

  it('takes the assertion as a form field too, and blocks a forged one with its reason', async () => {
    const browser = world.browser();
    const { page, verifier, state } = await start(browser);
    const forged = await browser.submit(page, { email: 'ada@example.com', password, [deviceAssertionParameter]: assertion(desktop, { claims: { iss: laptop.deviceId } }) });
    expect(forged.status).toBe(403);
    expect(text(forged.body)).toContain('names another device than its certificate');
    const retried = await browser.submit(forged, { action: 'retry', [deviceAssertionParameter]: assertion(desktop) });
    expect((await redeem(retried, verifier, state)).claims()).toMatchObject({ device_id: desktop.deviceId, device_compliance: 'compliant' });
    await browser.close();
  });
});
