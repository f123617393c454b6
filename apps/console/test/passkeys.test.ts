import { createServer } from 'node:net';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, screenshot, seriousViolations, signInThroughIdentityProvider, type AxeViolation, type TestBrowser } from './support/browser.js';
import { expectStatus, signIn } from './support/seed.js';
import { startWardServer, type WardServer } from './support/ward-server.js';

const person = { email: 'pat@example.com', displayName: 'Pat Passkey', password: 'Pat-passkey-password-2024!' };

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => { resolve(typeof address === 'object' && address !== null ? address.port : 0); });
    });
  });
}

// Issue 6 §2 in a real browser: an employee adds a passkey in the portal with Chromium's virtual
// authenticator (a CTAP2 platform authenticator with user verification, driven over the DevTools
// protocol: the only part that stands in for hardware), then signs in through Ward's identity
// provider with the password and that passkey; the passkey's last use is shown afterwards, and a
// removed passkey is no longer offered. WebAuthn refuses IP addresses as relying party ids, so
// this server's public URL is on `localhost`.
describe('passkeys in a real browser: added in the portal, used at the identity provider', { timeout: 180_000 }, () => {
  let server: WardServer | undefined;
  let chrome: TestBrowser | undefined;
  let context: BrowserContext | undefined;
  let page: Page;
  let base = '';
  const violations: { page: string; violations: AxeViolation[] }[] = [];
  const check = async (name: string) => {
    await page.waitForLoadState('networkidle');
    await screenshot(page, name);
    violations.push({ page: name, violations: await seriousViolations(page) });
  };

  const signInWithPassword = async () => {
    await page.goto(`${base}/portal/`);
    await signInThroughIdentityProvider(page, person);
  };

  beforeAll(async () => {
    const port = await freePort();
    base = `https://localhost:${port}`;
    const started = await startWardServer({ port, env: { WARD_PUBLIC_URL: base } });
    server = started;
    const admin = await signIn(started, started.admin.email, started.admin.password);
    // A directory user with a password and no admin role (the seeding role removed again).
    const created = expectStatus(await started.call<{ user: { id: string }; assignment: { id: string } }>('POST', '/api/v1/admins', { token: admin, body: { ...person, role: 'readOnlyAuditor' } }), 201, 'create the person');
    expectStatus(await started.call('DELETE', `/api/v1/admins/${created.user.id}/roles/${created.assignment.id}`, { token: admin }), 204, 'drop the role');
    chrome = await launchBrowser();
    context = await chrome.browser.newContext({ viewport: { width: 1280, height: 800 }, ignoreHTTPSErrors: true, bypassCSP: true });
    page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('WebAuthn.enable');
    await cdp.send('WebAuthn.addVirtualAuthenticator', {
      options: { protocol: 'ctap2', transport: 'internal', hasResidentKey: true, hasUserVerification: true, isUserVerified: true, automaticPresenceSimulation: true },
    });
  });

  afterAll(async () => {
    await context?.close();
    await chrome?.close();
    await server?.stop();
  });

  it('adds a passkey on the portal\'s sign-in security page', async () => {
    await signInWithPassword();
    await page.getByRole('link', { name: 'Sign-in security' }).click();
    await page.getByRole('heading', { name: 'Sign-in security' }).waitFor();
    expect(await page.getByText('No passkeys yet.').isVisible()).toBe(true);
    await page.getByRole('textbox', { name: 'Passkey name' }).fill('Test laptop');
    await page.getByRole('button', { name: 'Add a passkey' }).click();
    const table = page.getByRole('table', { name: 'Passkeys' });
    await table.getByText('Test laptop').waitFor();
    expect(await table.getByRole('cell', { name: 'never' }).count()).toBe(1);
    await page.getByRole('button', { name: 'Make new recovery codes' }).click();
    const codes = page.getByRole('list', { name: 'Recovery codes' }).getByRole('listitem');
    await expect.poll(() => codes.count()).toBe(10);
    await check('portal-security');
  });

  it('asks for the passkey after the password at the identity provider, and signs in with it', async () => {
    await page.evaluate(() => { window.sessionStorage.clear(); });
    await context?.clearCookies();
    await signInWithPassword();
    // The second step: the passkey page of Ward's sign-in, its script calling navigator.credentials.get().
    await page.getByRole('button', { name: 'Use passkey' }).click();
    await page.getByRole('link', { name: 'Sign-in security' }).waitFor();
    await page.getByRole('link', { name: 'Sign-in security' }).click();
    const table = page.getByRole('table', { name: 'Passkeys' });
    await table.getByText('Test laptop').waitFor();
    // Used just now, so no longer "never".
    await expect.poll(() => table.getByRole('cell', { name: 'never' }).count()).toBe(0);
  });

  it('removes the passkey; the next sign-in asks for no second step', async () => {
    await page.getByRole('button', { name: 'Remove passkey Test laptop' }).click();
    await page.getByText('No passkeys yet.').waitFor();
    // Signing out ends the identity provider's session too, after asking: no silent sign-in next time.
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('button', { name: 'Yes, sign me out' }).click();
    await page.getByRole('button', { name: 'Sign in with your organisation account' }).waitFor();
    await signInWithPassword();
    // Recovery codes alone stand in for a factor; they are not one: the password is enough again.
    await page.getByRole('link', { name: 'Sign-in security' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/portal');
    expect(await page.getByRole('button', { name: 'Use passkey' }).count()).toBe(0);
  });

  it('has no serious or critical accessibility violations', () => {
    expect(violations.map((v) => v.page)).toEqual(['portal-security']);
    expect(violations.filter((v) => v.violations.length > 0)).toEqual([]);
  });
});
