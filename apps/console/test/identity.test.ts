import { createAccessPolicyCache, decideAccess, type UserId } from '@ward/core';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, screenshot, seriousViolations, signInThroughIdentityProvider, type AxeViolation, type TestBrowser } from './support/browser.js';
import { startInProcessWard, type InProcessWard } from './support/in-process-ward.js';

const dana = { email: 'dana@example.com', displayName: 'Dana Finance' };
const breakGlass = { email: 'break-glass@example.com', displayName: 'Break Glass' };
const policyName = 'Payroll needs MFA and a compliant device';
const officeRange = '10.0.0.0/8';

// Issue 8's identity pages in Debian's Chromium against the real composition root, started in
// this process so the test can also play the identity provider: it records sign-ins with core's
// `decideAccess`, the one call the provider makes per authorization, against the same database.
describe('the conditional access, what-if, relying party and sign-in log pages in a real browser', { timeout: 240_000 }, () => {
  let ward: InProcessWard | undefined;
  let chrome: TestBrowser | undefined;
  let context: BrowserContext | undefined;
  let page: Page;
  let token = '';
  let danaId = '';
  let clientId = '';
  const violations: { page: string; violations: AxeViolation[] }[] = [];

  const server = () => {
    if (ward === undefined) throw new Error('the server did not start');
    return ward.server;
  };
  /** Calls the admin API in process (no socket), as the admin. */
  const call = async <T>(method: 'GET' | 'POST' | 'PATCH', url: string, body?: unknown): Promise<T> => {
    const response = await server().api.inject({ method, url, headers: token === '' ? {} : { authorization: `Bearer ${token}` }, ...(body === undefined ? {} : { payload: body as Record<string, unknown> }) });
    if (response.statusCode >= 300) throw new Error(`${method} ${url}: ${response.statusCode} ${response.body}`);
    return response.json<T>();
  };
  const check = async (name: string) => {
    await page.waitForLoadState('networkidle');
    await screenshot(page, name);
    violations.push({ page: name, violations: await seriousViolations(page) });
  };
  const nav = (name: string) => page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name, exact: true });
  /** A select's input, whichever role Mantine gives it. */
  const select = (label: string) => page.getByRole('textbox', { name: label, exact: true }).or(page.getByRole('combobox', { name: label, exact: true }));
  /** Picks an option of a server-searched picker by typing part of its name. */
  const pick = async (label: string, typed: string, option: RegExp) => {
    const input = select(label);
    await input.click();
    await input.fill(typed);
    await page.getByRole('option', { name: option }).click();
  };

  beforeAll(async () => {
    ward = await startInProcessWard();
    const admin = server().firstAdmin;
    if (admin === undefined) throw new Error('no first admin on a fresh data directory');
    token = (await call<{ token: string }>('POST', '/api/v1/auth/sign-in', { email: admin.email, password: admin.password })).token;
    danaId = (await call<{ id: string }>('POST', '/api/v1/users', { ...dana, department: 'Finance', jobTitle: null })).id;
    await call('POST', '/api/v1/users', { ...breakGlass, department: null, jobTitle: null });
    const finance = await call<{ id: string }>('POST', '/api/v1/groups', { name: 'Finance', membershipType: 'static', memberType: 'user' });
    await call('POST', `/api/v1/groups/${finance.id}/members`, { memberIds: [danaId] });

    chrome = await launchBrowser();
    context = await chrome.browser.newContext({ viewport: { width: 1280, height: 800 }, ignoreHTTPSErrors: true, bypassCSP: true, baseURL: server().url });
    page = await context.newPage();
    await page.goto('/');
    await signInThroughIdentityProvider(page, admin);
    await page.getByRole('heading', { name: 'Dashboard' }).waitFor();
  });

  afterAll(async () => {
    await context?.close();
    await chrome?.close();
    await ward?.stop();
  });

  it('registers a relying party: a refused redirect URI in words at its field, then the secret shown once', async () => {
    await nav('Relying parties').click();
    await page.getByRole('heading', { name: 'Relying parties', level: 1 }).waitFor();
    await page.getByRole('button', { name: 'New relying party' }).click();
    const dialog = page.getByRole('dialog', { name: 'New relying party' });
    await dialog.getByRole('textbox', { name: 'Name', exact: true }).fill('Payroll');
    const redirect = dialog.getByRole('textbox', { name: 'Redirect URIs', exact: true });
    await redirect.fill('http://payroll.example.com/callback');
    await dialog.getByRole('button', { name: 'Register' }).click();
    const refusal = dialog.getByRole('alert');
    await expect.poll(() => refusal.getAttribute('data-error-code')).toBe('RELYING_PARTY_INVALID');
    expect(await refusal.textContent()).toContain('The relying party is not valid');
    expect(await refusal.textContent()).toContain('redirectUris');
    expect(await redirect.getAttribute('aria-invalid')).toBe('true');
    await redirect.fill('https://payroll.example.com/callback');
    await dialog.getByRole('button', { name: 'Register' }).click();
    const done = page.getByRole('dialog', { name: 'Payroll is registered' });
    await done.getByText('Shown once').waitFor();
    clientId = (await done.getByTestId('copy-Client ID').textContent()) ?? '';
    const secret = (await done.getByTestId('copy-Client secret').textContent()) ?? '';
    expect(clientId).not.toBe('');
    expect(secret.length).toBeGreaterThanOrEqual(32);
    await check('relying-party-secret');
    await done.getByRole('button', { name: 'Done' }).click();
    const row = page.getByTestId('relying-parties').locator('tr', { hasText: 'Payroll' });
    await row.waitFor();
    expect(await row.textContent()).toContain(clientId);
    // The list never carries the secret again.
    expect(await page.getByTestId('relying-parties').textContent()).not.toContain(secret);
    await check('relying-parties');
  });

  it('creates a policy with pickers for groups, users and relying parties; the server names a bad range at its line; it starts report-only', async () => {
    await nav('Conditional access').click();
    await page.getByRole('heading', { name: 'Conditional access', level: 1 }).waitFor();
    await page.getByTestId('access-policies').getByText(/No conditional access policies yet/).waitFor();
    await page.getByRole('link', { name: 'New policy' }).click();
    await page.getByRole('heading', { name: 'New conditional access policy' }).waitFor();
    await page.getByRole('textbox', { name: 'Name', exact: true }).fill(policyName);
    await page.getByRole('radio', { name: 'Selected users and groups' }).check();
    await pick('Included groups', 'fin', /^Finance$/);
    await pick('Excluded users', 'glass', /Break Glass/);
    await select('Included relying parties').click();
    await page.getByRole('option', { name: 'Payroll' }).click();
    await page.keyboard.press('Escape');
    const excluded = page.getByRole('textbox', { name: 'Excluded networks' });
    await excluded.fill('10.0.0.0/33');
    await page.getByRole('checkbox', { name: 'A compliant device' }).check();
    await page.getByRole('spinbutton', { name: 'Sign-in frequency (hours)' }).or(page.getByRole('textbox', { name: 'Sign-in frequency (hours)' })).fill('8');
    await page.getByRole('button', { name: 'Create policy' }).click();
    const refusal = page.getByRole('alert').filter({ hasText: 'ACCESS_POLICY_INVALID' });
    await refusal.waitFor();
    expect(await refusal.textContent()).toContain('The policy is not valid');
    expect(await refusal.textContent()).toContain('conditions.networks.exclude[0]');
    // The message sits at the input it concerns too, with the line.
    expect(await excluded.getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByText(/^Line 1: conditions\.networks\.exclude\[0\]/).count()).toBe(1);
    await check('access-policy-refused');
    await excluded.fill(officeRange);
    await page.getByRole('button', { name: 'Create policy' }).click();
    await page.getByRole('heading', { name: policyName, level: 1 }).waitFor();
    expect(new URL(page.url()).pathname).toMatch(/^\/conditional-access\/[\w-]+$/);
    // The policy's state badge (the navigation's scroll area carries a data-state of its own).
    expect(await page.locator('main [data-state]').first().textContent()).toBe('Report-only');
    // What was saved reads back into the form: names for the picked ids, not ids.
    await page.getByText('Finance', { exact: true }).filter({ visible: true }).waitFor();
    await page.getByText(/Break Glass/).filter({ visible: true }).waitFor();
    expect(await excluded.inputValue()).toBe(officeRange);
    await check('access-policy');

    await nav('Conditional access').click();
    const row = page.getByTestId('access-policies').locator(`tr[data-policy="${policyName}"]`);
    await row.waitFor();
    expect(await row.locator('[data-state]').textContent()).toBe('Report-only');
    expect(await row.textContent()).toContain('1 group · 1 excluded · 1 relying party · not from 1 range');
    expect(await row.textContent()).toContain('Require multi-factor authentication and a compliant device; sign in again every 8 h');
    await check('access-policies');
  });

  it('turns the policy on by editing it, and the list shows it on', async () => {
    await page.getByTestId('access-policies').getByRole('link', { name: policyName }).click();
    await page.getByRole('heading', { name: policyName, level: 1 }).waitFor();
    await page.getByRole('radio', { name: 'On', exact: true }).check();
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved as version 2' }).waitFor();
    await nav('Conditional access').click();
    await page.getByTestId('access-policies').locator(`tr[data-policy="${policyName}"] [data-state="enabled"]`).waitFor();
    await select('State').click();
    await page.getByRole('option', { name: 'Report-only' }).click();
    await page.getByTestId('access-policies').getByText('No policy matches.').waitFor();
  });

  it('answers what-if: not applied from the excluded office range, blocked from elsewhere on an unknown device', async () => {
    await nav('What if').click();
    await page.getByRole('heading', { name: 'What if', level: 1 }).waitFor();
    await pick('User', 'dana', /Dana Finance/);
    await select('Relying party').click();
    await page.getByRole('option', { name: 'Payroll' }).click();
    const ip = page.getByRole('textbox', { name: 'IP address' });
    await ip.fill('10.1.2.3');
    await page.getByRole('button', { name: 'Evaluate' }).click();
    const result = page.getByTestId('what-if-result');
    await expect.poll(() => result.getAttribute('data-decision')).toBe('allow');
    const row = page.getByTestId('what-if-policies').locator(`tr[data-policy="${policyName}"]`);
    expect(await row.getAttribute('data-applied')).toBe('false');
    expect(await row.textContent()).toContain('the network is not included, or is excluded');
    await check('what-if-allowed');

    await ip.fill('203.0.113.9');
    await page.getByRole('button', { name: 'Evaluate' }).click();
    await expect.poll(() => result.getAttribute('data-decision')).toBe('block');
    expect(await row.getAttribute('data-result')).toBe('failure');
    expect(await row.textContent()).toContain('Lacks: Multi-factor authentication, A compliant device');
    expect(await result.textContent()).toContain(`Blocked by ${policyName}`);
    await check('what-if-blocked');

    // A malformed address is the server's to refuse, shown in words.
    await ip.fill('not-an-address');
    await page.getByRole('button', { name: 'Evaluate' }).click();
    const refusal = page.getByRole('alert');
    await refusal.waitFor();
    expect(await refusal.getAttribute('data-error-code')).toBe('VALIDATION_FAILED');
  });

  it('shows the sign-in log a server page at a time, filters it, and opens an attempt with its policies', async () => {
    const runtime = server().runtime;
    const policies = createAccessPolicyCache(runtime.deps.stores);
    const attempt = (ip: string) => decideAccess(runtime.deps, policies, {
      tenantId: runtime.tenant.id,
      userId: danaId as UserId,
      userName: dana.email,
      relyingPartyId: clientId,
      clientType: 'browser',
      ip,
      deviceId: null,
      mfaDone: false,
      authenticatedAt: null,
      userAgent: 'Mozilla/5.0 (X11; Linux x86_64)',
    });
    // More than a page (50) from the office, then one blocked from outside, the newest.
    for (let i = 0; i < 55; i++) expect((await attempt(`10.0.${i}.7`)).evaluation.decision).toBe('allow');
    expect((await attempt('203.0.113.9')).signIn.outcome).toBe('failure');

    await nav('Sign-in log').click();
    await page.getByRole('heading', { name: 'Sign-in log', level: 1 }).waitFor();
    const rows = page.getByTestId('sign-ins').locator('tbody tr[data-sign-in]');
    await expect.poll(() => rows.count()).toBe(50);
    expect(await rows.first().getAttribute('data-outcome')).toBe('failure');
    expect(await rows.first().textContent()).toContain('Payroll');
    await page.getByRole('button', { name: 'Next' }).click();
    // 56 attempts here and the admin's own sign-in to the console, through the same provider.
    await expect.poll(() => rows.count()).toBe(7);
    await page.getByRole('button', { name: 'Previous' }).click();
    await expect.poll(() => rows.count()).toBe(50);
    await check('sign-ins');

    await select('Outcome').click();
    await page.getByRole('option', { name: 'Failure' }).click();
    await expect.poll(() => rows.count()).toBe(1);
    await rows.first().getByRole('button').click();
    const details = page.getByTestId('sign-in-details');
    await details.waitFor();
    expect(await details.textContent()).toContain('ACCESS_BLOCKED');
    expect(await details.textContent()).toContain(`Blocked by ${policyName}`);
    const evaluated = details.getByTestId('sign-in-policies').locator(`tr[data-policy="${policyName}"]`);
    expect(await evaluated.getAttribute('data-result')).toBe('failure');
    expect(await evaluated.textContent()).toContain('A compliant device');
    await check('sign-in-details');

    // A time range that ends before any attempt leaves nothing.
    await page.getByRole('textbox', { name: 'To' }).fill('2020-01-01T00:00');
    await page.getByTestId('sign-ins').getByText('No sign-in matches.').waitFor();
  });

  it('deletes a relying party after asking', async () => {
    await call('POST', '/api/v1/identity/relying-parties', { name: 'Legacy intranet', grantTypes: ['client_credentials'], tokenEndpointAuthMethod: 'client_secret_basic' });
    await nav('Relying parties').click();
    // Made behind the page's back (through the API), so the list the page holds is reloaded.
    await page.reload();
    const table = page.getByTestId('relying-parties');
    await table.locator('tr[data-relying-party="Legacy intranet"]').waitFor();
    await page.getByRole('button', { name: 'Delete Legacy intranet' }).click();
    const dialog = page.getByRole('dialog', { name: 'Delete Legacy intranet?' });
    await check('relying-party-delete');
    await dialog.getByRole('button', { name: 'Delete relying party' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await table.locator('tr[data-relying-party="Legacy intranet"]').waitFor({ state: 'detached' });
    expect(await table.locator('tr[data-relying-party]').count()).toBe(1);
  });

  it('adds an upstream identity provider on the settings page: a bad issuer refused in words, then listed, turned off and deleted', async () => {
    await nav('Settings').click();
    await page.getByRole('heading', { name: 'Settings', level: 1 }).waitFor();
    await page.getByText('No upstream providers').waitFor();
    await page.getByRole('button', { name: 'Add provider' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add an upstream identity provider' });
    expect(await dialog.getByTestId('copy-Redirect URI to register at the provider').textContent()).toMatch(/\/interaction\/federated\/callback$/u);
    await dialog.getByRole('textbox', { name: 'Name' }).fill('Okta');
    await dialog.getByRole('textbox', { name: 'Issuer' }).fill('http://login.example.com');
    await dialog.getByRole('textbox', { name: 'Client id' }).fill('ward-client');
    await dialog.getByLabel('Client secret').fill('an-upstream-secret');
    await dialog.getByRole('button', { name: 'Add' }).click();
    await dialog.locator('[data-error-code]').waitFor();
    await check('settings-upstream-refused');
    await dialog.getByRole('textbox', { name: 'Issuer' }).fill('https://login.example.com');
    await dialog.getByRole('button', { name: 'Add' }).click();
    await dialog.waitFor({ state: 'hidden' });
    const row = page.locator('tr[data-upstream-provider="Okta"]');
    await row.waitFor();
    expect(await row.textContent()).toContain('https://login.example.com');
    expect(await row.textContent()).not.toContain('an-upstream-secret');
    await check('settings');
    await page.getByRole('button', { name: 'Turn off Okta' }).click();
    await row.getByText('off').waitFor();
    await page.getByRole('button', { name: 'Delete Okta' }).click();
    await row.waitFor({ state: 'detached' });
  });

  it('has no serious or critical accessibility violations on the identity pages', () => {
    expect(violations.map((v) => v.page)).toEqual(expect.arrayContaining(['relying-party-secret', 'relying-parties', 'access-policy-refused', 'access-policy', 'access-policies', 'what-if-allowed', 'what-if-blocked', 'sign-ins', 'sign-in-details', 'relying-party-delete', 'settings-upstream-refused', 'settings']));
    expect(violations.filter((v) => v.violations.length > 0)).toEqual([]);
  });
});
