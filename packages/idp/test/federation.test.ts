import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as client from 'openid-client';
import { Agent, setGlobalDispatcher } from 'undici';
import { createUpstreamProvider, listSignIns, systemPrincipal, updateUpstreamProvider, updateUser, type SignInRecord, type TenantId, type User, type UpstreamProviderView } from '@ward/core';
import { hiddenFields, openSignInWorld, TestBrowser, totpCode, type PageVisit, type SignInWorld } from './support/sign-in-harness.js';
import { startUpstream, type TestUpstream } from './support/upstream-provider.js';

// Federated sign-in end to end (issue 6 §2): Ward's sign-in pages over real TLS, a relying party
// using openid-client, and a REAL upstream (a second oidc-provider on its own port, over TLS with
// a certificate of the world's CA). Two browsers: one on Ward's host, one on the upstream's
// (TestBrowser follows redirects on one host only); the hop between them is made here.

const callback = 'https://wiki.example.com/callback';

let world: SignInWorld;
let upstream: TestUpstream;
let cfg: client.Configuration;
let acme: UpstreamProviderView;
let ada: User;
let grace: { user: User; totpSecret: Uint8Array };
let agent: Agent;

function text(html: string): string {
  return html.replace(/<[^>]+>/gu, ' ').replace(/&#39;/gu, "'").replace(/\s+/gu, ' ');
}

async function addProvider(name: string, over: Record<string, unknown> = {}, tenantId: TenantId = world.tenantId): Promise<UpstreamProviderView> {
  const created = await createUpstreamProvider(world.deps, systemPrincipal(tenantId, 'cli'), { name, issuer: upstream.issuer, clientId: upstream.clientId, clientSecret: upstream.clientSecret, ...over });
  if (!created.ok) throw new Error(`${created.code} ${created.message}`);
  return created.value;
}

/** A browser on Ward and one on the upstream, both trusting the world's CA. */
function browsers(): { ward: TestBrowser; up: TestBrowser; close(): Promise<void> } {
  const ward = world.browser();
  const up = new TestBrowser(new Agent({ connect: { ca: world.ca.rootCertificatePem }, pipelining: 0 }), upstream.host);
  return { ward, up, close: async () => Promise.all([ward.close(), up.close()]).then(() => undefined) };
}

/** Starts a code flow at Ward for the wiki; returns the password page and the relying party's checks. */
async function startAtWard(browser: TestBrowser): Promise<{ page: PageVisit; verifier: string; state: string }> {
  const verifier = client.randomPKCECodeVerifier();
  const state = client.randomState();
  const url = client.buildAuthorizationUrl(cfg, { redirect_uri: callback, scope: 'openid email', code_challenge: await client.calculatePKCECodeChallenge(verifier), code_challenge_method: 'S256', state });
  return { page: await browser.visit(url), verifier, state };
}

/** The "Sign in with <name>" buttons of a password page: name → provider id and where it posts. */
function buttons(page: PageVisit): Map<string, { id: string; action: string }> {
  const found = new Map<string, { id: string; action: string }>();
  for (const m of page.body.matchAll(/<button type="submit" name="provider" value="([^"]+)" formaction="([^"]+)" formnovalidate>Sign in with ([^<]+)<\/button>/gu)) {
    found.set(m[3] ?? '', { id: m[1] ?? '', action: (m[2] ?? '').replaceAll('&amp;', '&') });
  }
  return found;
}

/** Presses the button of `providerId` on the password page (its form's hidden fields go with it). */
async function press(browser: TestBrowser, page: PageVisit, providerId: string, action = buttons(page).values().next().value?.action ?? ''): Promise<PageVisit> {
  const values = new URLSearchParams(hiddenFields(page.body));
  values.set('provider', providerId);
  return browser.visit(new URL(action, page.url), { method: 'POST', body: values.toString() });
}

/** Ward → upstream → back: the Ward URL the upstream redirected the browser to (the federation callback). */
async function throughUpstream(up: TestBrowser, toUpstream: PageVisit, edit: (url: URL) => void = () => undefined): Promise<URL> {
  expect(toUpstream.status).toBe(303);
  expect(toUpstream.url.host).toBe(upstream.host);
  const url = new URL(toUpstream.url);
  edit(url);
  const back = await up.visit(url);
  expect(back.url.host, back.body).toBe(world.host);
  expect(back.url.pathname).toBe('/interaction/federated/callback');
  return back.url;
}

/** The whole way: Ward's page, the button, the upstream, back at Ward; returns the page Ward ends on. */
async function federate(b: ReturnType<typeof browsers>, provider: UpstreamProviderView = acme): Promise<{ end: PageVisit; verifier: string; state: string; back: URL }> {
  const { page, verifier, state } = await startAtWard(b.ward);
  const back = await throughUpstream(b.up, await press(b.ward, page, provider.id));
  return { end: await b.ward.visit(back), verifier, state, back };
}

async function signIns(user: string | null, reason?: string): Promise<SignInRecord[]> {
  const log = await listSignIns(world.deps, world.system, { limit: 200 });
  if (!log.ok) throw new Error(log.message);
  return log.value.items.filter((s) => (user === null || s.userName === user) && (reason === undefined || s.failureReason === reason));
}

beforeAll(async () => {
  world = await openSignInWorld();
  // The relying party and Ward's own upstream requests (global fetch) trust the world's CA.
  agent = new Agent({ connect: { ca: world.ca.rootCertificatePem }, pipelining: 0 });
  setGlobalDispatcher(agent);
  upstream = await startUpstream(world);
  const wiki = await world.register({ name: 'Wiki', grantTypes: ['authorization_code'], tokenEndpointAuthMethod: 'client_secret_basic', redirectUris: [callback], postLogoutRedirectUris: [] });
  cfg = await client.discovery(new URL(world.issuer), wiki.clientId, {}, client.ClientSecretBasic(wiki.clientSecret ?? ''));
  ada = (await world.addUser('ada@example.com', 'a long password of ada')).user;
  const g = await world.addUser('grace@example.com', 'a long password of grace', { totp: true });
  grace = { user: g.user, totpSecret: g.totpSecret ?? new Uint8Array() };
  await world.addUser('unverified@example.com', 'a long password too');
  await world.addUser('gone@example.com', 'a long password too');
  upstream.accounts.set('up-ada', { email: 'Ada@Example.com', email_verified: true, name: 'Ada' });
  upstream.accounts.set('up-grace', { email: 'grace@example.com', email_verified: true });
  upstream.accounts.set('up-stranger', { email: 'stranger@example.com', email_verified: true });
  upstream.accounts.set('up-unverified', { email: 'unverified@example.com', email_verified: false });
  upstream.accounts.set('up-no-email', { name: 'Nobody' });
  upstream.accounts.set('up-gone', { email: 'gone@example.com', email_verified: true });
  acme = await addProvider('Acme SSO');
}, 60_000);

afterAll(async () => {
  await upstream.close();
  await world.close();
  await agent.close();
});

describe('federated sign-in', () => {
  it('offers each enabled upstream on the password page and signs the user in with fed in amr', async () => {
    const b = browsers();
    upstream.loginAs = 'up-ada';
    upstream.amr = ['pwd'];
    const { page, verifier, state } = await startAtWard(b.ward);
    expect(page.status).toBe(200);
    expect(buttons(page).get('Acme SSO')?.id).toBe(acme.id);
    expect(page.body).not.toContain('<script');

    const toUpstream = await press(b.ward, page, acme.id);
    // The request upstream: code flow with PKCE S256, state and nonce, to the one fixed callback.
    const sent = toUpstream.url.searchParams;
    expect(Object.fromEntries([...sent.entries()].filter(([k]) => ['response_type', 'code_challenge_method', 'redirect_uri', 'scope', 'client_id'].includes(k)))).toEqual({
      response_type: 'code',
      code_challenge_method: 'S256',
      redirect_uri: `${world.base}/interaction/federated/callback`,
      scope: 'openid email profile',
      client_id: upstream.clientId,
    });
    expect(sent.get('state')).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}$/u);
    expect(sent.get('nonce')).toMatch(/^[A-Za-z0-9_-]{43}$/u);
    expect(sent.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/u);

    const end = await b.ward.visit(await throughUpstream(b.up, toUpstream));
    expect(end.url.origin + end.url.pathname, end.body).toBe(callback);
    const tokens = await client.authorizationCodeGrant(cfg, end.url, { pkceCodeVerifier: verifier, expectedState: state });
    const claims = tokens.claims();
    expect(claims?.sub).toBe(ada.id);
    expect(claims?.amr).toEqual(['fed']);
    expect((await signIns('ada@example.com')).find((s) => s.outcome === 'success')).toMatchObject({ userId: ada.id, failureReason: null });
    await b.close();
  });

  it("asks for the user's own authenticator after the upstream, counting a wrong code, then signs in with fed, otp, mfa", async () => {
    const b = browsers();
    upstream.loginAs = 'up-grace';
    const { end: totpPage, verifier, state } = await federate(b);
    expect(totpPage.status, totpPage.body).toBe(200);
    expect(totpPage.body).toContain('autocomplete="one-time-code"');
    expect(totpPage.body).toContain(`action="/interaction/${totpPage.url.pathname.split('/')[2] ?? ''}/federated"`);

    const wrong = await b.ward.submit(totpPage, { totp: '000000' === totpCode(grace.totpSecret) ? '111111' : '000000' });
    expect(wrong.status).toBe(401);
    expect(text(wrong.body)).toContain('That code is wrong or was used already.');
    expect((await signIns('grace@example.com', 'INVALID_MFA_CODE')).length).toBeGreaterThan(0);
    expect((await world.deps.stores.getCredentials(world.tenantId, grace.user.id))?.failedAttempts).toBe(1);

    // The federated form is not accepted by the password route (it would finish as `pwd`).
    const foreign = new URLSearchParams(hiddenFields(wrong.body));
    foreign.set('totp', totpCode(grace.totpSecret));
    const misrouted = await b.ward.visit(new URL(wrong.url.pathname.replace(/\/federated.*$/u, ''), wrong.url), { method: 'POST', body: foreign.toString() });
    expect(misrouted.status).toBe(403);

    const end = await b.ward.submit(wrong, { totp: totpCode(grace.totpSecret) });
    expect(end.url.origin + end.url.pathname, end.body).toBe(callback);
    const claims = (await client.authorizationCodeGrant(cfg, end.url, { pkceCodeVerifier: verifier, expectedState: state })).claims();
    expect(claims?.sub).toBe(grace.user.id);
    expect(claims?.amr).toEqual(['fed', 'otp', 'mfa']);
    expect((await world.deps.stores.getCredentials(world.tenantId, grace.user.id))?.failedAttempts).toBe(0);
    await b.close();
  });

  it("takes the upstream's mfa instead of the user's own second factor", async () => {
    const b = browsers();
    upstream.loginAs = 'up-grace';
    upstream.amr = ['pwd', 'otp', 'mfa'];
    try {
      const { end, verifier, state } = await federate(b);
      expect(end.url.origin + end.url.pathname, end.body).toBe(callback);
      const claims = (await client.authorizationCodeGrant(cfg, end.url, { pkceCodeVerifier: verifier, expectedState: state })).claims();
      expect(claims?.amr).toEqual(['fed', 'mfa']);
    } finally {
      upstream.amr = ['pwd'];
      await b.close();
    }
  });

  it('refuses an upstream user with no account here, changes nothing, logs it, and refuses the replayed callback', async () => {
    const b = browsers();
    upstream.loginAs = 'up-stranger';
    const { end, back } = await federate(b);
    expect(end.status).toBe(403);
    expect(end.url.pathname).toMatch(/^\/interaction\/[^/]+\/federated\/callback$/u);
    expect(text(end.body)).toContain('There is no active account in this organisation for the e-mail address Acme SSO gave.');
    // Ward's plain sign-in page again, with the password form and the buttons.
    expect(end.body).toContain('<label for="password">');
    expect(buttons(end).has('Acme SSO')).toBe(true);
    expect(await world.deps.stores.getUserByEmail(world.tenantId, 'stranger@example.com')).toBeUndefined();
    const logged = await signIns('stranger@example.com', 'FEDERATION_USER_UNKNOWN');
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatchObject({ outcome: 'failure', userId: null, detail: expect.stringContaining('upstream Acme SSO') });

    const replay = await b.ward.visit(back);
    expect(replay.status).toBe(400);
    expect(text(replay.body)).toContain('This sign-in has expired or was already used.');
    expect((await signIns(null, 'FEDERATION_STATE_INVALID')).length).toBeGreaterThan(0);
    await b.close();
  });

  it('refuses an unverified e-mail unless the provider allows it', async () => {
    const b = browsers();
    upstream.loginAs = 'up-unverified';
    const { end } = await federate(b);
    expect(end.status).toBe(403);
    expect(text(end.body)).toContain('Acme SSO has not verified your e-mail address.');
    expect(await signIns('unverified@example.com', 'FEDERATION_EMAIL_UNVERIFIED')).toHaveLength(1);

    const lenient = await addProvider('Lenient SSO', { requireVerifiedEmail: false });
    const again = await federate(b, lenient);
    expect(again.end.url.origin + again.end.url.pathname, again.end.body).toBe(callback);
    await b.close();
  });

  it('refuses an upstream identity without an e-mail, and a disabled Ward user', async () => {
    let b = browsers();
    upstream.loginAs = 'up-no-email';
    const { end } = await federate(b);
    expect(end.status).toBe(403);
    expect(text(end.body)).toContain('Acme SSO did not share your e-mail address');
    expect((await signIns(null, 'FEDERATION_EMAIL_MISSING')).length).toBe(1);

    const gone = await world.deps.stores.getUserByEmail(world.tenantId, 'gone@example.com');
    if (gone === undefined) throw new Error('no user');
    const disabled = await updateUser(world.deps, world.system, gone.id, { disabled: true });
    expect(disabled.ok).toBe(true);
    upstream.loginAs = 'up-gone';
    // A fresh pair: the first upstream browser holds a session there, which would answer at once.
    await b.close();
    b = browsers();
    const refused = await federate(b);
    expect(refused.end.status).toBe(403);
    expect(text(refused.end.body)).toContain('There is no active account in this organisation');
    expect(await signIns('gone@example.com', 'FEDERATION_USER_DISABLED')).toHaveLength(1);
    await b.close();
  });

  it('shows the refusal when the upstream denies the sign-in (error=access_denied)', async () => {
    const b = browsers();
    upstream.loginAs = undefined;
    const { end, back } = await federate(b);
    expect(back.searchParams.get('error')).toBe('access_denied');
    expect(end.status).toBe(403);
    expect(text(end.body)).toContain('Sign-in with Acme SSO was cancelled or refused.');
    const logged = await signIns(null, 'FEDERATION_DENIED');
    expect(logged).toHaveLength(1);
    expect(logged[0]?.detail).toContain('access_denied');
    await b.close();
  });

  it('refuses a tampered state, and a callback in a browser without the interaction (login CSRF), without burning the real one', async () => {
    const b = browsers();
    upstream.loginAs = 'up-ada';
    const { page, verifier, state } = await startAtWard(b.ward);
    const back = await throughUpstream(b.up, await press(b.ward, page, acme.id));
    const before = (await signIns(null, 'FEDERATION_STATE_INVALID')).length;

    const tampered = new URL(back);
    const real = tampered.searchParams.get('state') ?? '';
    tampered.searchParams.set('state', `${real.slice(0, real.indexOf('.') + 1)}${'A'.repeat(43)}`);
    const refused = await b.ward.visit(tampered);
    expect(refused.status).toBe(400);
    expect((await signIns(null, 'FEDERATION_STATE_INVALID')).length).toBe(before + 1);

    // Another browser (an attacker's link opened by a victim) has no interaction cookie: a dead end.
    const victim = world.browser();
    const csrf = await victim.visit(back);
    expect(csrf.status).toBe(400);
    expect(text(csrf.body)).toContain('Sign-in expired');
    await victim.close();

    const end = await b.ward.visit(back);
    expect(end.url.origin + end.url.pathname, end.body).toBe(callback);
    expect((await client.authorizationCodeGrant(cfg, end.url, { pkceCodeVerifier: verifier, expectedState: state })).claims()?.amr).toEqual(['fed']);
    // After the sign-in finished, the same callback finds no interaction at all.
    expect((await b.ward.visit(back)).status).toBe(400);
    await b.close();
  });

  it('refuses an ID token issued for another nonce (the real upstream, asked with an altered nonce)', async () => {
    const b = browsers();
    upstream.loginAs = 'up-ada';
    const { page } = await startAtWard(b.ward);
    const back = await throughUpstream(b.up, await press(b.ward, page, acme.id), (url) => {
      url.searchParams.set('nonce', 'a-nonce-ward-never-issued');
    });
    const end = await b.ward.visit(back);
    expect(end.status).toBe(502);
    expect(text(end.body)).toContain('Sign-in with Acme SSO did not work.');
    const logged = await signIns(null, 'FEDERATION_FAILED');
    expect(logged.some((s) => s.detail?.includes('unexpected ID Token "nonce" claim value') === true)).toBe(true);
    await b.close();
  });

  it('does not offer a disabled provider or another tenant\'s, refuses them when forced, and stops a flow whose provider was disabled meanwhile', async () => {
    const b = browsers();
    upstream.loginAs = 'up-ada';
    const dormant = await addProvider('Dormant SSO', { enabled: false });
    const otherTenant = (await world.deps.stores.insertTenant({ id: world.deps.ids.newId() as TenantId, slug: 'other', name: 'Other', createdAt: new Date() }), await world.deps.stores.getTenantBySlug('other'));
    if (otherTenant === undefined) throw new Error('no tenant');
    const foreign = await addProvider('Foreign SSO', {}, otherTenant.id);

    const { page } = await startAtWard(b.ward);
    const offered = buttons(page);
    expect(offered.has('Acme SSO')).toBe(true);
    expect(offered.has('Dormant SSO')).toBe(false);
    expect(offered.has('Foreign SSO')).toBe(false);
    const action = offered.get('Acme SSO')?.action ?? '';

    for (const id of [dormant.id, foreign.id, 'not-a-provider', '../../etc']) {
      const { page: fresh } = await startAtWard(b.ward);
      const forced = await press(b.ward, fresh, id, action.replace(/\/interaction\/[^/]+\//u, `/interaction/${fresh.url.pathname.split('/')[2] ?? ''}/`));
      expect(forced.status).toBe(403);
      expect(forced.url.host).toBe(world.host);
      expect(text(forced.body)).toContain('That sign-in option is not available.');
    }
    expect((await signIns(null, 'FEDERATION_PROVIDER_UNAVAILABLE')).length).toBe(4);

    // Disabled while the browser is at the upstream: the callback refuses it.
    const lateBrowsers = browsers();
    const { page: late } = await startAtWard(lateBrowsers.ward);
    const back = await throughUpstream(lateBrowsers.up, await press(lateBrowsers.ward, late, acme.id));
    const off = await updateUpstreamProvider(world.deps, world.system, acme.id, { enabled: false });
    expect(off.ok).toBe(true);
    try {
      const end = await lateBrowsers.ward.visit(back);
      expect(end.status).toBe(403);
      expect(text(end.body)).toContain('That sign-in option is not available.');
      expect(buttons(end).has('Acme SSO')).toBe(false);
    } finally {
      const on = await updateUpstreamProvider(world.deps, world.system, acme.id, { enabled: true });
      if (on.ok) acme = on.value;
      await lateBrowsers.close();
      await b.close();
    }
  });

  it('refuses an unreachable upstream at the start, with the password page', async () => {
    const b = browsers();
    const unreachable = await addProvider('Unreachable SSO', { issuer: 'https://127.0.0.1:9' });
    const { page } = await startAtWard(b.ward);
    const refused = await press(b.ward, page, unreachable.id);
    expect(refused.status).toBe(502);
    expect(refused.url.host).toBe(world.host);
    expect(text(refused.body)).toContain('Sign-in with Unreachable SSO did not work.');
    await updateUpstreamProvider(world.deps, world.system, unreachable.id, { enabled: false });
    await b.close();
  });

  it('refuses hostile requests to the federation routes', async () => {
    const b = browsers();
    const base = world.base;
    // Malformed, missing or oversized state at the fixed callback: nothing to relay to.
    for (const q of ['', '?state=', '?state=nodot', `?state=a.${'b'.repeat(42)}`, `?state=${'u'.repeat(65)}.${'b'.repeat(43)}`, `?code=x&state=uid.${'b'.repeat(43)}&error_description=${'x'.repeat(3000)}`, '?state=%3Cscript%3E.x']) {
      const visit = await b.ward.visit(`${base}/interaction/federated/callback${q}`);
      expect(visit.status, q).toBe(400);
      expect(visit.body).not.toContain('<script>');
    }
    // The relay only ever redirects within the interaction pages, whatever the state says.
    const relayed = await b.ward.visit(`${base}/interaction/federated/callback?state=evil.${'b'.repeat(43)}&code=c`);
    expect(relayed.url.pathname).toBe('/interaction/evil/federated/callback');
    // No interaction cookie, or a form without its token, gets nowhere.
    expect((await b.ward.visit(`${base}/interaction/abc/federated`, { method: 'POST', body: 'step=password&provider=x' })).status).toBe(400);
    const { page } = await startAtWard(b.ward);
    const uid = page.url.pathname.split('/')[2] ?? '';
    const noToken = await b.ward.visit(`${base}/interaction/${uid}/federated`, { method: 'POST', body: `step=password&provider=${acme.id}` });
    expect(noToken.status).toBe(403);
    expect(text(noToken.body)).toContain('This form has expired or was already sent.');
    const oddStep = await b.ward.visit(`${base}/interaction/${uid}/federated`, { method: 'POST', body: 'step=blocked' });
    expect(oddStep.status).toBe(403);
    const huge = await b.ward.visit(`${base}/interaction/${uid}/federated`, { method: 'POST', body: `step=password&provider=${'x'.repeat(20_000)}` });
    expect(huge.status).toBe(413);
    await b.close();
  });
});
