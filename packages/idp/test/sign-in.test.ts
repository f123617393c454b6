import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import * as client from 'openid-client';
import { Agent, setGlobalDispatcher } from 'undici';
import { createAccessPolicy, createAssignment, createCompliancePolicy, evaluateDeviceCompliance, listSignIns, updateAccessPolicy, type AccessPolicy, type DeviceId, type User } from '@ward/core';
import { openSignInWorld, totpCode, type PageVisit, type SignInWorld, type TestBrowser, type TestDevice } from './support/sign-in-harness.js';

// Ward's sign-in pages end to end, over real TLS sockets, as a relying party (openid-client) and a
// browser (with or without a Ward device certificate) use them: password, TOTP, lockout, device
// identity by mTLS, conditional access at authorization and at every refresh, the blocked page,
// revocation when a device turns noncompliant, and hostile form input.

const callback = 'https://wiki.example.com/callback';

let world: SignInWorld;
let wiki: { clientId: string; clientSecret: string };
let cfg: client.Configuration;
let ada: User;
let grace: { user: User; totpSecret: Uint8Array };
let laptop: TestDevice;
const password = 'correct horse battery staple';

async function setFirewall(deviceId: string, on: boolean): Promise<void> {
  const device = await world.deps.stores.getDevice(world.tenantId, deviceId as DeviceId);
  if (device === undefined) throw new Error('no device');
  await world.deps.stores.updateDevice({ ...device, facts: { ...device.facts, firewallOn: on } });
  const evaluated = await evaluateDeviceCompliance(world.deps, world.system, { deviceIds: [deviceId] });
  if (!evaluated.ok) throw new Error(evaluated.message);
}

/** Starts a code flow in `browser`; returns the login page, the verifier and the state. */
async function start(browser: TestBrowser, scope = 'openid email offline_access'): Promise<{ page: PageVisit; verifier: string; state: string }> {
  const verifier = client.randomPKCECodeVerifier();
  const state = client.randomState();
  const url = client.buildAuthorizationUrl(cfg, { redirect_uri: callback, scope, code_challenge: await client.calculatePKCECodeChallenge(verifier), code_challenge_method: 'S256', state });
  const page = await browser.visit(url);
  return { page, verifier, state };
}

async function redeem(final: PageVisit, verifier: string, state: string) {
  expect(final.url.origin + final.url.pathname).toBe(callback);
  return client.authorizationCodeGrant(cfg, final.url, { pkceCodeVerifier: verifier, expectedState: state });
}

async function policy(input: Record<string, unknown>): Promise<AccessPolicy> {
  const created = await createAccessPolicy(world.deps, world.system, input as never);
  if (!created.ok) throw new Error(created.message);
  return created.value;
}

async function setState(p: AccessPolicy, state: 'enabled' | 'reportOnly' | 'disabled'): Promise<AccessPolicy> {
  const updated = await updateAccessPolicy(world.deps, world.system, p.id, { state, expectedVersion: p.version });
  if (!updated.ok) throw new Error(updated.message);
  return updated.value;
}

function text(html: string): string {
  return html.replace(/<[^>]+>/gu, ' ').replace(/&#39;/gu, "'").replace(/\s+/gu, ' ');
}

beforeAll(async () => {
  world = await openSignInWorld();
  // The relying party's own HTTP client trusts Ward's CA and presents no certificate.
  setGlobalDispatcher(new Agent({ connect: { ca: world.ca.rootCertificatePem }, pipelining: 0 }));
  const w = await world.register({ name: 'Wiki', grantTypes: ['authorization_code', 'refresh_token'], tokenEndpointAuthMethod: 'client_secret_basic', redirectUris: [callback], postLogoutRedirectUris: [] });
  wiki = { clientId: w.clientId, clientSecret: w.clientSecret ?? '' };
  cfg = await client.discovery(new URL(world.issuer), wiki.clientId, {}, client.ClientSecretBasic(wiki.clientSecret));
  ada = (await world.addUser('ada@example.com', password)).user;
  const g = await world.addUser('grace@example.com', password, { totp: true });
  grace = { user: g.user, totpSecret: g.totpSecret ?? new Uint8Array() };
  const compliance = await createCompliancePolicy(world.deps, world.system, { name: 'Linux baseline', platforms: ['linux'], rules: [{ id: 'fw', kind: 'firewallOn' }] });
  if (!compliance.ok) throw new Error(compliance.message);
  const assigned = await createAssignment(world.deps, world.system, { itemKind: 'compliancePolicy', itemId: compliance.value.id, target: { type: 'allDevices' } });
  if (!assigned.ok) throw new Error(assigned.message);
  laptop = await world.enroll(ada, 'ada-laptop');
  await setFirewall(laptop.deviceId, true);
});

afterAll(async () => {
  await world.close();
});

describe('password sign-in', () => {
  it('shows an accessible form under a strict CSP and signs the user in with pwd', async () => {
    const browser = world.browser();
    const { page, verifier, state } = await start(browser);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(page.headers.get('x-frame-options')).toBe('DENY');
    expect(page.body).toContain('<label for="email">');
    expect(page.body).toContain('<label for="password">');
    expect(page.body).not.toContain('<script');
    const final = await browser.submit(page, { email: 'ADA@example.com', password });
    const tokens = await redeem(final, verifier, state);
    const claims = tokens.claims();
    expect(claims?.sub).toBe(ada.id);
    // Scope claims come from userinfo when an access token is issued (OIDC Core §5.4).
    expect((await client.fetchUserInfo(cfg, tokens.access_token, ada.id)).email).toBe('ada@example.com');
    expect(claims?.amr).toEqual(['pwd']);
    expect(claims?.acr).toBe('urn:ward:acr:basic');
    expect(claims?.device_id).toBeUndefined();
    await browser.close();
  });

  it('refuses a wrong password with the same form, and logs the failure', async () => {
    const browser = world.browser();
    const { page } = await start(browser);
    const again = await browser.submit(page, { email: 'ada@example.com', password: 'wrong' });
    expect(again.status).toBe(401);
    expect(text(again.body)).toContain('The e-mail or password is wrong.');
    expect(again.body).toContain('value="ada@example.com"');
    const log = await listSignIns(world.deps, world.system, { userId: ada.id, outcome: 'failure' });
    expect(log.ok && log.value.items.some((s) => s.failureReason === 'INVALID_CREDENTIALS')).toBe(true);
    await browser.close();
  });

  it('locks the account after five failures, even for the right password then', async () => {
    const mallory = (await world.addUser('target@example.com', password)).user;
    const browser = world.browser();
    let { page } = await start(browser);
    for (let i = 0; i < 5; i++) {
      page = await browser.submit(page, { email: 'target@example.com', password: `guess-${i}` });
      expect(page.status).toBe(401);
    }
    const fresh = await start(browser);
    const locked = await browser.submit(fresh.page, { email: 'target@example.com', password });
    expect(locked.status).toBe(423);
    expect(text(locked.body)).toContain('Too many failed sign-ins');
    const log = await listSignIns(world.deps, world.system, { userId: mallory.id, outcome: 'failure' });
    expect(log.ok && log.value.items.filter((s) => s.failureReason === 'ACCOUNT_LOCKED').length).toBeGreaterThan(0);
    await browser.close();
  });
});

describe('TOTP', () => {
  it('asks for the code after the password, refuses a wrong one, and signs in with pwd+otp', async () => {
    const browser = world.browser();
    const { page, verifier, state } = await start(browser);
    const totpPage = await browser.submit(page, { email: 'grace@example.com', password });
    expect(totpPage.status).toBe(200);
    expect(totpPage.body).toContain('autocomplete="one-time-code"');
    expect(totpPage.body).not.toContain(password);
    const wrong = await browser.submit(totpPage, { totp: totpCode(grace.totpSecret, new Date(), 10) });
    expect(wrong.status).toBe(401);
    const final = await browser.submit(wrong, { totp: totpCode(grace.totpSecret) });
    const claims = (await redeem(final, verifier, state)).claims();
    expect(claims?.sub).toBe(grace.user.id);
    expect(claims?.amr).toEqual(['pwd', 'otp', 'mfa']);
    await browser.close();
  });
});

describe('a compliant enrolled device', () => {
  it('is proven by its Ward certificate; tokens carry device_id, device_compliance, acr and amr; a noncompliant turn blocks and revokes', async () => {
    const required = await policy({ name: 'Wiki needs a compliant device', state: 'enabled', conditions: { users: { include: 'all' }, relyingParties: { include: [wiki.clientId] } }, grant: { kind: 'require', controls: ['compliantDevice'] } });
    try {
      const browser = world.browser(laptop);
      const { page, verifier, state } = await start(browser);
      const final = await browser.submit(page, { email: 'ada@example.com', password });
      const tokens = await redeem(final, verifier, state);
      const claims = tokens.claims();
      expect(claims).toMatchObject({ sub: ada.id, device_id: laptop.deviceId, device_compliance: 'compliant', acr: 'urn:ward:acr:compliantDevice', amr: ['pwd'] });
      const introspected = await client.tokenIntrospection(cfg, tokens.access_token);
      expect(introspected).toMatchObject({ active: true, device_id: laptop.deviceId, device_compliance: 'compliant', acr: 'urn:ward:acr:compliantDevice', amr: ['pwd'] });
      const refreshed = await client.refreshTokenGrant(cfg, tokens.refresh_token ?? '');
      expect(refreshed.claims()).toMatchObject({ device_id: laptop.deviceId, device_compliance: 'compliant' });

      // The firewall goes off: the evaluation's event revokes the device's grants at once.
      await setFirewall(laptop.deviceId, false);
      // The bus delivers after commit; the listener's revocation is its own async work.
      await vi.waitFor(() => {
        expect(world.revokedDevices).toContain(laptop.deviceId);
      });
      expect((await client.tokenIntrospection(cfg, refreshed.access_token)).active).toBe(false);
      await expect(client.refreshTokenGrant(cfg, refreshed.refresh_token ?? '')).rejects.toMatchObject({ error: 'invalid_grant' });

      // Coming back with the session (single sign-on) is decided again: blocked, with why and how to fix it.
      const second = await start(browser);
      const blocked = second.page;
      expect(blocked.status).toBe(403);
      const shown = text(blocked.body);
      expect(shown).toContain('Wiki needs a compliant device');
      expect(shown).toContain('requires a compliant, managed device');
      expect(shown).toContain('ada-laptop does not meet');
      expect(shown).toContain('Turn on the firewall.');
      // Fixed: "try again" signs in without typing the password again.
      await setFirewall(laptop.deviceId, true);
      const retried = await browser.submit(blocked, { action: 'retry' });
      expect((await redeem(retried, second.verifier, second.state)).claims()).toMatchObject({ device_id: laptop.deviceId, device_compliance: 'compliant' });
      await browser.close();
    } finally {
      await setState(required, 'disabled');
    }
  });

  it('refuses a refresh once the device became noncompliant even without the event (re-decided on every refresh)', async () => {
    const required = await policy({ name: 'Wiki refresh check', state: 'enabled', conditions: { users: { include: 'all' }, relyingParties: { include: [wiki.clientId] } }, grant: { kind: 'require', controls: ['compliantDevice'] } });
    try {
      const browser = world.browser(laptop);
      const { page, verifier, state } = await start(browser);
      const tokens = await redeem(await browser.submit(page, { email: 'ada@example.com', password }), verifier, state);
      // Written behind the event bus's back: only the refresh check can notice.
      const device = await world.deps.stores.getDevice(world.tenantId, laptop.deviceId as DeviceId);
      if (device === undefined) throw new Error('no device');
      await world.deps.stores.updateDevice({ ...device, complianceState: 'noncompliant' });
      await expect(client.refreshTokenGrant(cfg, tokens.refresh_token ?? '')).rejects.toMatchObject({ error: 'invalid_grant' });
      expect((await client.tokenIntrospection(cfg, tokens.access_token)).active).toBe(false);
      await world.deps.stores.updateDevice({ ...device, complianceState: 'compliant' });
      await browser.close();
    } finally {
      await setState(required, 'disabled');
    }
  });
});

describe('a retired device', () => {
  it('loses its grants when it leaves management', async () => {
    const desktop = await world.enroll(ada, 'ada-desktop');
    await setFirewall(desktop.deviceId, true);
    const browser = world.browser(desktop);
    const { page, verifier, state } = await start(browser);
    const tokens = await redeem(await browser.submit(page, { email: 'ada@example.com', password }), verifier, state);
    expect(tokens.claims()?.device_id).toBe(desktop.deviceId);
    // What core's retire completion writes and publishes in one transaction.
    await world.deps.tx.transaction(async (s) => {
      const device = await s.getDevice(world.tenantId, desktop.deviceId as DeviceId);
      if (device === undefined) throw new Error('no device');
      await s.updateDevice({ ...device, managementState: 'retired' });
      s.publish({ type: 'device.changed', tenantId: world.tenantId, subject: desktop.deviceId });
    });
    await vi.waitFor(() => {
      expect(world.revokedDevices).toContain(desktop.deviceId);
    });
    expect((await client.tokenIntrospection(cfg, tokens.access_token)).active).toBe(false);
    await expect(client.refreshTokenGrant(cfg, tokens.refresh_token ?? '')).rejects.toMatchObject({ error: 'invalid_grant' });
    await browser.close();
  });
});

describe('a device-less browser', () => {
  it('is blocked by a "require compliant device" policy with the enroll link, and gives up with access_denied', async () => {
    const required = await policy({ name: 'Only managed devices', state: 'enabled', conditions: { users: { include: 'all' }, relyingParties: { include: [wiki.clientId] } }, grant: { kind: 'require', controls: ['compliantDevice'] } });
    try {
      const browser = world.browser();
      const { page } = await start(browser);
      const blocked = await browser.submit(page, { email: 'ada@example.com', password });
      expect(blocked.status).toBe(403);
      expect(text(blocked.body)).toContain('This device is not recognised');
      expect(blocked.body).toContain(`href="${world.base}/portal"`);
      const log = await listSignIns(world.deps, world.system, { userId: ada.id, outcome: 'failure' });
      expect(log.ok && log.value.items[0]).toMatchObject({ failureReason: 'ACCESS_BLOCKED', deviceId: null, clientType: 'browser' });
      const gaveUp = await browser.submit(blocked, { action: 'cancel' });
      expect(gaveUp.url.origin + gaveUp.url.pathname).toBe(callback);
      expect(gaveUp.url.searchParams.get('error')).toBe('access_denied');
      await browser.close();
    } finally {
      await setState(required, 'disabled');
    }
  });

  it('is allowed when the policy is report-only, and the log says what the policy would have done', async () => {
    const watched = await policy({ name: 'Watch unmanaged devices', state: 'reportOnly', conditions: { users: { include: 'all' }, relyingParties: { include: [wiki.clientId] } }, grant: { kind: 'require', controls: ['compliantDevice'] } });
    try {
      const browser = world.browser();
      const { page, verifier, state } = await start(browser);
      const tokens = await redeem(await browser.submit(page, { email: 'ada@example.com', password }), verifier, state);
      expect(tokens.claims()?.sub).toBe(ada.id);
      const log = await listSignIns(world.deps, world.system, { userId: ada.id, outcome: 'success' });
      const entry = log.ok ? log.value.items[0] : undefined;
      expect(entry?.policies).toContainEqual({ policyId: watched.id, name: 'Watch unmanaged devices', result: 'failure', reportOnly: true, missingControls: ['compliantDevice'] });
      await browser.close();
    } finally {
      await setState(watched, 'disabled');
    }
  });

  it('is not taken for a device by a certificate from another CA', async () => {
    const required = await policy({ name: 'Managed only (foreign cert)', state: 'enabled', conditions: { users: { include: 'all' }, relyingParties: { include: [wiki.clientId] } }, grant: { kind: 'require', controls: ['compliantDevice'] } });
    try {
      const { createCertificateAuthority, loadCertificateAuthority } = await import('@ward/pki');
      const key = new Uint8Array(32).fill(7);
      const other = await loadCertificateAuthority(await createCertificateAuthority({ keyAlgorithm: 'ecdsa-p256', organization: 'Ward Sign-in Test', masterKey: key, now: new Date(Date.now() - 86_400_000) }), key);
      const { deviceKey } = await import('./support/sign-in-harness.js');
      const k = await deviceKey();
      const issued = await other.issueFromCsr({ csrPem: k.csrPem, subject: { commonName: laptop.deviceId }, validityDays: 1, now: new Date(), extendedKeyUsage: 'clientAuth' });
      if (!issued.ok) throw new Error(issued.message);
      const browser = world.browser({ deviceId: laptop.deviceId, certificatePem: issued.certificatePem, keyPem: k.keyPem });
      const { page } = await start(browser);
      const blocked = await browser.submit(page, { email: 'ada@example.com', password });
      expect(blocked.status).toBe(403);
      expect(text(blocked.body)).toContain('a certificate that Ward did not issue');
      await browser.close();
    } finally {
      await setState(required, 'disabled');
    }
  });
});

describe('a trusted proxy\'s Client-Cert header (RFC 9440)', () => {
  it('proves the device the proxy verified, and a malformed header proves nothing', async () => {
    const required = await policy({ name: 'Managed only (proxy)', state: 'enabled', conditions: { users: { include: 'all' }, relyingParties: { include: [wiki.clientId] } }, grant: { kind: 'require', controls: ['compliantDevice'] } });
    try {
      const der = /-----BEGIN CERTIFICATE-----([\s\S]+?)-----END CERTIFICATE-----/u.exec(laptop.certificatePem)?.[1]?.replace(/\s+/gu, '') ?? '';
      const behindProxy = world.browser(undefined, { 'client-cert': `:${der}:` });
      const { page, verifier, state } = await start(behindProxy);
      const tokens = await redeem(await behindProxy.submit(page, { email: 'ada@example.com', password }), verifier, state);
      expect(tokens.claims()).toMatchObject({ device_id: laptop.deviceId, device_compliance: 'compliant' });
      await behindProxy.close();

      const garbled = world.browser(undefined, { 'client-cert': der });
      const second = await start(garbled);
      const blocked = await garbled.submit(second.page, { email: 'ada@example.com', password });
      expect(blocked.status).toBe(403);
      expect(text(blocked.body)).toContain('not an RFC 9440 byte sequence');
      await garbled.close();
    } finally {
      await setState(required, 'disabled');
    }
  });
});

describe('hostile form input', () => {
  it('refuses a POST without the form token, with a wrong step, or replayed', async () => {
    const browser = world.browser();
    const { page } = await start(browser);
    const action = page.url;
    const missing = await browser.visit(action, { method: 'POST', body: new URLSearchParams({ step: 'password', email: 'ada@example.com', password }).toString() });
    expect(missing.status).toBe(403);
    expect(text(missing.body)).toContain('This form has expired or was already sent.');
    const wrongStep = await browser.submit(missing, { step: 'blocked', action: 'retry' });
    expect(wrongStep.status).toBe(403);
    // A form that was submitted once (wrong password) cannot be sent again, even with the right one.
    const failed = await browser.submit(wrongStep, { email: 'ada@example.com', password: 'nope' });
    expect(failed.status).toBe(401);
    const replayed = await browser.visit(action, { method: 'POST', body: new URLSearchParams({ ...Object.fromEntries(new URLSearchParams(formOf(wrongStep))), email: 'ada@example.com', password }).toString() });
    expect(replayed.status).toBe(403);
    await browser.close();
  });

  it('refuses another interaction\'s uid, a malformed uid, and a browser without the interaction cookie', async () => {
    const browser = world.browser();
    const { page } = await start(browser);
    const other = world.browser();
    const theirs = await start(other);
    // Our cookie, their uid: the interaction cookie is bound to its own uid.
    const foreign = await browser.visit(theirs.page.url);
    expect(foreign.status).toBe(400);
    expect(text(foreign.body)).toContain('Sign-in expired');
    const posted = await browser.visit(theirs.page.url, { method: 'POST', body: new URLSearchParams(formOf(theirs.page)).toString() });
    expect(posted.status).toBe(400);
    expect((await browser.visit(new URL('/interaction/..%2F..%2Fetc', world.base))).status).toBe(400);
    const cookieless = world.browser();
    expect((await cookieless.visit(page.url)).status).toBe(400);
    await Promise.all([browser.close(), other.close(), cookieless.close()]);
  });

  it('refuses JSON and oversized bodies before any handler runs', async () => {
    const browser = world.browser();
    const { page } = await start(browser);
    const response = await fetch(page.url, { method: 'POST', headers: { 'content-type': 'application/json', cookie: browser.jar.header(page.url) }, body: '{"email":"ada@example.com"}' });
    expect(response.status).toBe(415);
    const huge = await fetch(page.url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: browser.jar.header(page.url) }, body: `email=${'a'.repeat(20_000)}` });
    expect(huge.status).toBe(413);
    await browser.close();
  });

  it('escapes what the user typed', async () => {
    const browser = world.browser();
    const { page } = await start(browser);
    const again = await browser.submit(page, { email: '"><script>alert(1)</script>', password: 'x' });
    expect(again.body).not.toContain('<script>alert(1)</script>');
    expect(again.body).toContain('&quot;&gt;&lt;script&gt;');
    await browser.close();
  });
});

/** The hidden fields of a page, as a query string. */
function formOf(page: PageVisit): string {
  const out = new URLSearchParams();
  for (const match of page.body.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/gu)) out.set(match[1] ?? '', match[2] ?? '');
  return out.toString();
}
