import type { BrowserContext, Page } from 'playwright-core';
import { runVirtualAgents, type VirtualFleet } from '@ward/simulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, screenshot, seriousViolations, signInThroughIdentityProvider, type AxeViolation, type TestBrowser } from './support/browser.js';
import { enrollDevice, expectStatus, signIn, totpCode, type SeedDevice } from './support/seed.js';
import { startWardServer, type WardServer } from './support/ward-server.js';

const seedDevices: readonly SeedDevice[] = [
  { name: 'FIN-LT-001', platform: 'windows', osVersion: '10.0.22631', serialNumber: 'PF3ABC01', model: 'ThinkPad T14', manufacturer: 'Lenovo' },
  { name: 'FIN-LT-002', platform: 'windows', osVersion: '10.0.19045', serialNumber: 'PF3ABC02', model: 'ThinkPad T14', manufacturer: 'Lenovo' },
  { name: 'ENG-MBP-014', platform: 'macos', osVersion: '14.5', serialNumber: 'C02XK0AAJGH5', model: 'MacBook Pro', manufacturer: 'Apple' },
  { name: 'ENG-MBP-015', platform: 'macos', osVersion: '13.6.7', serialNumber: 'C02XK0ABJGH5', model: 'MacBook Pro', manufacturer: 'Apple' },
  { name: 'KIOSK-LOBBY', platform: 'linux', osVersion: '22.04', serialNumber: 'KSK0001', model: 'NUC 12', manufacturer: 'Intel' },
];
// The one device with a live (virtual) agent behind it, so remote actions run to a result.
const connectedName = 'OPS-SRV-003';
const auditor = { email: 'auditor@example.com', password: 'Auditor-password-2024!' };
// Signs in to the portal; an admin because the API has no self-service endpoints yet (see README).
const employee = { email: 'sam@example.com', password: 'Employee-password-2024!' };

// The proof of issue 8's first part: a real `ward serve` (SQLite, HTTPS, the built console), data
// seeded through the API and the agent protocol, Debian's Chromium driven by playwright-core.
describe('the console and portal in a real browser', { timeout: 180_000 }, () => {
  let server: WardServer | undefined;
  let chrome: TestBrowser | undefined;
  let fleet: VirtualFleet | undefined;
  let context: BrowserContext;
  let page: Page;
  let adminToken = '';
  let totpSecret = '';
  const deviceIds = new Map<string, string>();
  const violations: { page: string; violations: AxeViolation[] }[] = [];

  /** A fresh browser context at 1280×800 (or `width`) that trusts nothing but lets axe in. */
  const newContext = (width = 1280, height = 800) => {
    if (chrome === undefined || server === undefined) throw new Error('the browser or the server did not start');
    return chrome.browser.newContext({ viewport: { width, height }, ignoreHTTPSErrors: true, bypassCSP: true, baseURL: server.url });
  };
  /** The server, started in beforeAll. */
  const ward = (): WardServer => {
    if (server === undefined) throw new Error('the server did not start');
    return server;
  };

  /** Screenshots a page and records its serious accessibility violations for the last test. */
  const check = async (target: Page, name: string) => {
    await target.waitForLoadState('networkidle');
    await screenshot(target, name);
    violations.push({ page: name, violations: await seriousViolations(target) });
  };

  beforeAll(async () => {
    const started = await startWardServer();
    server = started;
    adminToken = await signIn(started, started.admin.email, started.admin.password);
    const token = expectStatus(await started.call<{ text: string }>('POST', '/api/v1/enrollment-tokens', { token: adminToken, body: { name: 'Seed', maxUses: null, expiresInHours: 24 } }), 201, 'create seed token');
    for (const device of seedDevices) deviceIds.set(device.name, await enrollDevice(started, token.text, device));

    fleet = await runVirtualAgents({ server: started.url, caPem: started.caPem, enrollmentToken: token.text, count: 1, hardwareIdPrefix: 'ops-srv-003' });
    const virtual = fleet.agents[0]?.identity.deviceId ?? '';
    expectStatus(await started.call('PATCH', `/api/v1/devices/${virtual}`, { token: adminToken, body: { name: connectedName } }), 200, 'rename the virtual device');
    deviceIds.set(connectedName, virtual);

    const me = expectStatus(await started.call<{ userId: string }>('GET', '/api/v1/auth/me', { token: adminToken }), 200, 'me');
    expectStatus(await started.call('PATCH', `/api/v1/devices/${deviceIds.get('FIN-LT-001') ?? ''}`, { token: adminToken, body: { primaryUserId: me.userId } }), 200, 'assign a device to the admin');
    for (const user of [{ email: 'ada@example.com', displayName: 'Ada Lovelace', department: 'Finance' }, { email: 'grace@example.com', displayName: 'Grace Hopper', department: 'Engineering' }]) {
      expectStatus(await started.call('POST', '/api/v1/users', { token: adminToken, body: user }), 201, `create ${user.email}`);
    }
    expectStatus(await started.call('POST', '/api/v1/groups', { token: adminToken, body: { name: 'Finance', memberType: 'user', membershipType: 'dynamic', rule: 'user.department == "Finance"' } }), 201, 'create a group');
    expectStatus(await started.call('POST', '/api/v1/admins', { token: adminToken, body: { ...auditor, displayName: 'Avery Auditor', role: 'readOnlyAuditor' } }), 201, 'create the auditor');
    const sam = expectStatus(await started.call<{ user: { id: string } }>('POST', '/api/v1/admins', { token: adminToken, body: { ...employee, displayName: 'Sam Employee', role: 'globalAdmin' } }), 201, 'create the portal user');
    expectStatus(await started.call('PATCH', `/api/v1/devices/${deviceIds.get('FIN-LT-002') ?? ''}`, { token: adminToken, body: { primaryUserId: sam.user.id, ownership: 'personal' } }), 200, 'assign a device to the portal user');

    // The first admin gets an authenticator, so signing in in the browser takes the TOTP step.
    totpSecret = expectStatus(await started.call<{ secret: string }>('POST', '/api/v1/auth/totp/enroll', { token: adminToken }), 200, 'begin TOTP').secret;
    expectStatus(await started.call('POST', '/api/v1/auth/totp/confirm', { token: adminToken, body: { code: totpCode(totpSecret, new Date()) } }), 200, 'confirm TOTP');

    chrome = await launchBrowser();
    context = await newContext();
    page = await context.newPage();
  });

  afterAll(async () => {
    await fleet?.stop();
    await chrome?.close();
    await server?.stop();
  });

  it('signs in with password and authenticator code, by keyboard alone', async () => {
    await page.goto('/');
    await expect.poll(() => page.getByRole('heading', { name: 'Ward console' }).isVisible()).toBe(true);
    await check(page, 'sign-in');
    // The identity provider's button has focus on load, then its page's e-mail field; Tab and Enter do the rest.
    await page.keyboard.press('Enter');
    await page.getByLabel('E-mail').waitFor();
    await page.keyboard.type(ward().admin.email);
    await page.keyboard.press('Tab');
    await page.keyboard.type(ward().admin.password);
    await page.keyboard.press('Enter');
    await page.getByLabel('Authenticator code').first().waitFor();
    await screenshot(page, 'sign-in-totp');
    // The step after the one used to confirm: a code is accepted once, within a step of drift.
    await page.getByLabel('Authenticator code').first().focus();
    await page.keyboard.type(totpCode(totpSecret, new Date(), 1));
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Dashboard' }).waitFor();
    await expect.poll(() => page.getByTestId('device-count').textContent()).toBe(String(seedDevices.length + 1));
    await check(page, 'dashboard');
  });

  it('finds a device with a filter and opens it', async () => {
    await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Devices' }).click();
    const table = page.getByTestId('device-table');
    await table.getByRole('link', { name: 'FIN-LT-001' }).waitFor();
    await check(page, 'devices');
    await page.getByRole('combobox', { name: 'Platform' }).click();
    await page.getByRole('option', { name: 'Linux' }).click();
    await page.keyboard.press('Escape');
    await expect.poll(() => table.getByRole('link', { name: 'FIN-LT-001' }).count()).toBe(0);
    await page.getByRole('textbox', { name: 'Search' }).fill('ops');
    await expect.poll(() => table.locator('tbody tr').count()).toBe(1);
    expect(new URL(page.url()).searchParams.get('platform')).toBe('linux');
    await table.getByRole('link', { name: connectedName }).click();
    await page.getByRole('heading', { name: connectedName }).waitFor();
    // The virtual agent reported its facts at its first check-in.
    await expect.poll(() => page.getByRole('row', { name: /Disk encrypted/ }).textContent(), { timeout: 15_000 }).toContain('Yes');
    await check(page, 'device');
  });

  it('locks the device: queued, then succeeded through its connected agent', async () => {
    await page.getByRole('button', { name: 'Actions' }).click();
    await page.getByRole('menuitem', { name: 'Lock…' }).click();
    const dialog = page.getByRole('dialog', { name: `Lock: ${connectedName}` });
    await dialog.getByText('Lock the screen now').waitFor();
    await screenshot(page, 'device-lock-confirm');
    await dialog.getByRole('button', { name: 'Lock' }).click();
    await expect.poll(() => dialog.getByRole('list', { name: 'Outcome per device' }).textContent()).toContain('queued');
    await dialog.getByRole('button', { name: 'Done' }).click();
    const lock = page.getByTestId('action-history').locator('tr[data-action-type="lock"]').first();
    await expect.poll(() => lock.locator('[data-status]').getAttribute('data-status'), { timeout: 30_000 }).toBe('succeeded');
    await screenshot(page, 'device-lock-succeeded');
  });

  it('creates an enrollment token and shows its command line and QR code', async () => {
    await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Enrollment' }).click();
    await page.getByTestId('enrollment-tokens').getByRole('cell', { name: 'Seed', exact: true }).waitFor();
    await check(page, 'enrollment');
    await page.getByRole('button', { name: 'New token' }).click();
    const dialog = page.getByRole('dialog', { name: 'New enrollment token' });
    await dialog.getByLabel('Name').fill('Finance laptops');
    await dialog.getByRole('button', { name: 'Create token' }).click();
    const created = page.getByTestId('created-enrollment-token');
    await created.waitFor();
    expect(await created.getByTestId('copy-Enroll command').textContent()).toMatch(/^ward-agent enroll --server https:\/\/127\.0\.0\.1:\d+ --token wrd_et\.\S+ --ca-fingerprint [0-9A-F:]{95}$/);
    const qr = created.getByRole('img', { name: 'QR code of the enroll command' });
    await expect.poll(() => qr.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
    await screenshot(page, 'enrollment-token-created');
    await page.getByRole('button', { name: 'Done' }).click();
    await page.getByTestId('enrollment-tokens').getByRole('cell', { name: 'Finance laptops', exact: true }).waitFor();
  });

  it('previews a dynamic group rule live and shows API errors with their code', async () => {
    await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Groups' }).click();
    await page.getByRole('link', { name: 'Finance' }).waitFor();
    await check(page, 'groups');
    await page.getByRole('button', { name: 'New group' }).click();
    const dialog = page.getByRole('dialog', { name: 'New group' });
    await dialog.getByLabel('Name').fill('Finance');
    await dialog.getByText('By rule (dynamic)').click();
    await dialog.getByLabel('Membership rule').fill('user.department == "Finance"');
    await expect.poll(() => dialog.getByTestId('rule-matched').textContent(), { timeout: 10_000 }).toMatch(/^1\s+match$/);
    await expect.poll(() => dialog.getByRole('region', { name: 'Rule preview' }).textContent()).toContain('ada@example.com');
    await dialog.getByLabel('Membership rule').fill('user.department ==');
    await expect.poll(() => dialog.locator('[data-error-code]').getAttribute('data-error-code'), { timeout: 10_000 }).toBe('GROUP_RULE_INVALID');
    await dialog.getByLabel('Membership rule').fill('user.department == "Finance"');
    await dialog.getByRole('button', { name: 'Create' }).click();
    // A name already taken: the API's code and message, not a generic failure.
    const error = dialog.getByRole('alert');
    await expect.poll(() => error.getAttribute('data-error-code')).toBe('GROUP_NAME_TAKEN');
    expect(await error.textContent()).toContain('GROUP_NAME_TAKEN');
    await screenshot(page, 'group-error');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
  });

  it('shows the other main pages', async () => {
    for (const [link, heading, name] of [
      ['Users', 'Users', 'users'],
      ['Audit log', 'Audit log', 'audit'],
      ['Admins and roles', 'Admins and roles', 'admins'],
      ['API tokens', 'API tokens', 'tokens'],
    ] as const) {
      await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: link }).click();
      await page.getByRole('heading', { name: heading, level: 1 }).waitFor();
      await check(page, name);
    }
    await page.getByRole('link', { name: 'Users' }).click();
    await page.getByRole('link', { name: 'ada@example.com' }).click();
    await page.getByRole('heading', { name: 'Ada Lovelace' }).waitFor();
    await check(page, 'user');
    // A password for Ward's sign-in: too short is refused in words; a generated one is shown once and works.
    await page.getByRole('button', { name: 'Set password' }).click();
    const dialog = page.getByRole('dialog', { name: 'Set a password for ada@example.com' });
    await dialog.getByLabel('New password (optional)').fill('short');
    await dialog.getByRole('button', { name: 'Set password' }).click();
    await dialog.locator('[data-error-code="VALIDATION_FAILED"]').waitFor();
    await dialog.getByLabel('New password (optional)').fill('');
    await dialog.getByRole('button', { name: 'Set password' }).click();
    const shown = dialog.getByTestId('copy-Password');
    await shown.waitFor();
    const password = (await shown.textContent()) ?? '';
    expect(password.length).toBeGreaterThanOrEqual(16);
    await check(page, 'user-password');
    await dialog.getByRole('button', { name: 'Done' }).click();
    expect((await ward().call('POST', '/api/v1/auth/sign-in', { body: { email: 'ada@example.com', password } })).status).toBe(200);
  });

  it('a read-only auditor sees no remote actions, the API refuses them anyway, and a session ended mid-edit keeps the edit', async () => {
    const auditorContext = await newContext();
    const auditorPage = await auditorContext.newPage();
    await auditorPage.goto(`/devices/${deviceIds.get(connectedName) ?? ''}`);
    await signInThroughIdentityProvider(auditorPage, auditor);
    await auditorPage.getByRole('heading', { name: connectedName }).waitFor();
    await auditorPage.waitForLoadState('networkidle');
    expect(await auditorPage.getByRole('button', { name: 'Actions' }).count()).toBe(0);
    expect(await auditorPage.getByRole('button', { name: 'Edit' }).count()).toBe(0);
    const nav = await auditorPage.getByRole('navigation', { name: 'Sections' }).textContent();
    expect(nav).toContain('Audit log');
    expect(nav).toContain('Devices');
    await screenshot(auditorPage, 'device-as-auditor');
    // The same request the hidden button would send, with the auditor's session: refused.
    const refused = await auditorPage.evaluate(async (id) => {
      const stored = JSON.parse(sessionStorage.getItem('ward.session') ?? '{}') as { token?: string };
      const response = await fetch(`/api/v1/devices/${id}/actions`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${stored.token ?? ''}` }, body: JSON.stringify({ type: 'lock' }) });
      return { status: response.status, body: (await response.json()) as { error: { code: string } } };
    }, deviceIds.get(connectedName) ?? '');
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('FORBIDDEN');

    // The session ends on the server mid-edit: the page keeps what was typed and asks to sign in again.
    await auditorPage.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Users' }).click();
    const search = auditorPage.getByRole('textbox', { name: 'Search' });
    await search.fill('gra');
    await auditorPage.getByRole('link', { name: 'grace@example.com' }).waitFor();
    const ended = await auditorPage.evaluate(async () => {
      const stored = JSON.parse(sessionStorage.getItem('ward.session') ?? '{}') as { token?: string };
      return (await fetch('/api/v1/auth/sign-out', { method: 'POST', headers: { authorization: `Bearer ${stored.token ?? ''}` } })).status;
    });
    expect(ended).toBe(204);
    await search.fill('grace');
    const again = auditorPage.getByRole('dialog', { name: 'Sign in again' });
    await again.waitFor();
    await screenshot(auditorPage, 'session-expired');
    expect(await again.getByRole('textbox', { name: 'E-mail' }).inputValue()).toBe(auditor.email);
    await again.getByRole('textbox', { name: 'Password' }).fill(auditor.password);
    await again.getByRole('button', { name: 'Sign in and continue' }).click();
    await again.waitFor({ state: 'hidden' });
    expect(await search.inputValue()).toBe('grace');
    await auditorPage.getByRole('link', { name: 'grace@example.com' }).waitFor();
    await auditorContext.close();
  });

  it('portal at phone width: my devices and an enrollment command with its QR code', async () => {
    const phone = await newContext(390, 844);
    const portal = await phone.newPage();
    await portal.goto('/portal/');
    await portal.getByRole('heading', { name: 'Ward' }).waitFor();
    await check(portal, 'portal-sign-in');
    await signInThroughIdentityProvider(portal, employee);
    const card = portal.getByRole('article', { name: 'FIN-LT-002' });
    await card.waitFor();
    // No compliance policy is assigned: the server says notApplicable once it has evaluated the
    // device, unknown before; the card says which, in words.
    const state = expectStatus(await ward().call<{ complianceState: string }>('GET', `/api/v1/devices/${deviceIds.get('FIN-LT-002') ?? ''}`, { token: adminToken }), 200, 'get FIN-LT-002').complianceState;
    expect(await card.textContent()).toContain(state === 'notApplicable' ? 'Not applicable' : 'Not evaluated');
    // A personal device says what IT can and cannot see.
    expect(await card.textContent()).toContain('IT cannot see');
    // Nothing spills sideways at 390 px.
    expect(await portal.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await check(portal, 'portal-my-devices');
    await portal.getByRole('link', { name: 'Enroll a device' }).click();
    await portal.getByRole('tab', { name: 'Linux' }).click();
    await portal.getByRole('button', { name: 'Get my enrollment command' }).click();
    const created = portal.getByTestId('created-enrollment-token');
    await created.waitFor();
    expect(await created.getByTestId('copy-Enroll command').textContent()).toContain('ward-agent enroll --server');
    const qr = created.getByRole('img', { name: 'QR code of the enroll command' });
    await expect.poll(() => qr.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
    expect(await portal.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await check(portal, 'portal-enroll');
    await phone.close();
  });

  it('has no serious or critical accessibility violations on the main pages', () => {
    expect(violations.map((v) => v.page)).toEqual(expect.arrayContaining(['sign-in', 'dashboard', 'devices', 'device', 'enrollment', 'groups', 'users', 'audit', 'admins', 'tokens', 'portal-my-devices', 'portal-enroll']));
    expect(violations.filter((v) => v.violations.length > 0)).toEqual([]);
  });
});
