import type { Browser, BrowserContext, Page } from 'playwright-core';
import { createMockApnsAuthority } from '@ward/simulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, screenshot, seriousViolations, signInThroughIdentityProvider, type AxeViolation, type TestBrowser } from './support/browser.js';
import { enrollDevice, expectStatus, signIn } from './support/seed.js';
import { startWardServer, type WardServer } from './support/ward-server.js';

// A plain employee: a directory user with a password and no admin role, as the portal is for.
const sam = { email: 'sam.portal@example.com', password: 'Sam-portal-password-2025!', displayName: 'Sam Portal' };
const alex = { email: 'alex.portal@example.com', password: 'Alex-portal-password-2025!', displayName: 'Alex Portal' };
const remediation = 'Open System Settings → General → Software Update and install macOS 14 or later.';

interface MyCompliance {
  state: string;
  policies: { rules: { outcome: string }[] }[];
}

// Issue 8 §3, proved in a real browser: a real `ward serve`, devices enrolled over the agent
// protocol, a plain user at phone width and at 1280×800, Debian's Chromium driven by playwright-core.
describe('the self-service portal in a real browser', { timeout: 180_000 }, () => {
  let server: WardServer | undefined;
  let chrome: TestBrowser | undefined;
  let adminToken = '';
  let samToken = '';
  const ids = new Map<string, string>();
  const violations: { page: string; violations: AxeViolation[] }[] = [];

  const ward = (): WardServer => {
    if (server === undefined) throw new Error('the server did not start');
    return server;
  };
  const browser = (): Browser => {
    if (chrome === undefined) throw new Error('the browser did not start');
    return chrome.browser;
  };
  const newContext = (width: number, height: number): Promise<BrowserContext> => browser().newContext({ viewport: { width, height }, ignoreHTTPSErrors: true, bypassCSP: true, baseURL: ward().url });
  const check = async (target: Page, name: string) => {
    await target.waitForLoadState('networkidle');
    await screenshot(target, name);
    violations.push({ page: name, violations: await seriousViolations(target) });
  };
  const noSidewaysScroll = async (target: Page, width: number) => {
    expect(await target.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
  };
  const signInAt = async (target: Page, person: { email: string; password: string }) => {
    await target.goto('/portal/');
    await target.getByRole('heading', { name: 'Ward' }).waitFor();
    await signInThroughIdentityProvider(target, person);
  };

  /** A directory user with a password and, once the seeding role is removed, no admin role at all. */
  const createEmployee = async (person: typeof sam): Promise<string> => {
    const created = expectStatus(await ward().call<{ user: { id: string }; assignment: { id: string } }>('POST', '/api/v1/admins', { token: adminToken, body: { ...person, role: 'readOnlyAuditor' } }), 201, `create ${person.email}`);
    expectStatus(await ward().call('DELETE', `/api/v1/admins/${created.user.id}/roles/${created.assignment.id}`, { token: adminToken }), 204, `drop the role of ${person.email}`);
    return created.user.id;
  };

  beforeAll(async () => {
    const started = await startWardServer();
    server = started;
    adminToken = await signIn(started, started.admin.email, started.admin.password);
    const samId = await createEmployee(sam);
    const alexId = await createEmployee(alex);
    const token = expectStatus(await started.call<{ text: string }>('POST', '/api/v1/enrollment-tokens', { token: adminToken, body: { name: 'Seed', maxUses: null, expiresInHours: 24 } }), 201, 'create a seed token');
    const devices = [
      { owner: samId, ownership: 'personal', device: { name: 'SAM-MBA', platform: 'macos', osVersion: '13.6.7', serialNumber: 'C02SAM0001', model: 'MacBook Air', manufacturer: 'Apple' } },
      { owner: samId, ownership: 'corporate', device: { name: 'SAM-OLD-PC', platform: 'windows', osVersion: '10.0.19045', serialNumber: 'PF3SAM02', model: 'ThinkPad T480', manufacturer: 'Lenovo' } },
      { owner: alexId, ownership: 'corporate', device: { name: 'ALEX-PC', platform: 'windows', osVersion: '10.0.22631', serialNumber: 'PF3ALX01', model: 'ThinkPad T14', manufacturer: 'Lenovo' } },
    ] as const;
    for (const { owner, ownership, device } of devices) {
      const id = await enrollDevice(started, token.text, device);
      ids.set(device.name, id);
      expectStatus(await started.call('PATCH', `/api/v1/devices/${id}`, { token: adminToken, body: { primaryUserId: owner, ownership } }), 200, `give ${device.name} to its owner`);
    }
    const policy = expectStatus(await started.call<{ id: string }>('POST', '/api/v1/compliance-policies', {
      token: adminToken,
      body: { name: 'Mac baseline', platforms: ['macos'], rules: [{ kind: 'minOsVersion', version: '14.0', remediation }], actions: [{ kind: 'markNoncompliant', afterHours: 0 }], validityDays: 14 },
    }), 201, 'create a compliance policy');
    expectStatus(await started.call('POST', `/api/v1/compliance-policies/${policy.id}/assignments`, { token: adminToken, body: { target: { type: 'allDevices' } } }), 201, 'assign the policy');
    // Apple enrollment needs the tenant's push certificate: a CSR from Ward, signed by (a mock of) Apple.
    const csr = expectStatus(await started.call<{ csrPem: string }>('POST', '/api/v1/apple/push-certificate/request', { token: adminToken }), 201, 'create the push CSR');
    const certificate = createMockApnsAuthority().issuePushCertificate(csr.csrPem, { topic: 'com.apple.mgmt.External.3e1f5a7c-9b2d-4c6e-8a0f-2d4b6c8e0a1f' });
    expectStatus(await started.call('PUT', '/api/v1/apple/push-certificate', { token: adminToken, body: { certificate } }), 200, 'upload the push certificate');
    samToken = await signIn(started, sam.email, sam.password);
    expect(expectStatus(await started.call<{ roles: string[] }>('GET', '/api/v1/me', { token: samToken }), 200, 'me').roles).toEqual([]);
    chrome = await launchBrowser();
  });

  afterAll(async () => {
    await chrome?.close();
    await server?.stop();
  });

  it('at phone width: signs in, sees only their devices, and reads what to fix on the failing one', async () => {
    // The assignment evaluates the devices in the background.
    await expect.poll(async () => {
      const answer = await ward().call<MyCompliance>('GET', `/api/v1/me/devices/${ids.get('SAM-MBA') ?? ''}/compliance`, { token: samToken });
      return answer.body.policies.flatMap((p) => p.rules.map((r) => r.outcome)).join(',');
    }, { timeout: 60_000, interval: 500 }).toBe('failed');
    const phone = await newContext(390, 844);
    const portal = await phone.newPage();
    await portal.goto('/portal/');
    await portal.getByRole('heading', { name: 'Ward' }).waitFor();
    await check(portal, 'portal-self-sign-in');
    await signInAt(portal, sam);
    const mac = portal.getByRole('article', { name: 'SAM-MBA' });
    await mac.waitFor();
    await portal.getByRole('article', { name: 'SAM-OLD-PC' }).waitFor();
    expect(await portal.getByRole('article').count()).toBe(2);
    expect(await portal.getByText('ALEX-PC').count()).toBe(0);
    expect(await mac.textContent()).toContain('Not compliant');
    expect(await mac.textContent()).toContain('IT cannot see');
    await noSidewaysScroll(portal, 390);
    await check(portal, 'portal-self-my-devices');

    await mac.getByRole('link', { name: 'See what to fix' }).click();
    await portal.getByRole('heading', { name: 'SAM-MBA', level: 1 }).waitFor();
    const toFix = portal.getByRole('list', { name: 'Rules to fix' });
    await toFix.waitFor();
    expect(await toFix.getByRole('listitem').count()).toBe(1);
    expect(await toFix.textContent()).toContain(remediation);
    expect(await toFix.textContent()).toContain('13.6.7');
    const privacy = portal.getByRole('region', { name: 'Your privacy on this personal device' });
    expect(await privacy.textContent()).toContain('IT cannot see');
    expect(await privacy.textContent()).toContain('the apps and software you install');
    await noSidewaysScroll(portal, 390);
    await check(portal, 'portal-self-device');

    // Another person's device is not found, even by its id.
    await portal.goto(`/portal/devices/${ids.get('ALEX-PC') ?? ''}`);
    const refusal = portal.getByRole('alert');
    await refusal.waitFor();
    expect(await refusal.getAttribute('data-error-code')).toBe('DEVICE_NOT_FOUND');
    await phone.close();
  });

  it('enrolls: the agent command for a computer, the Apple profile link and QR code for a phone', async () => {
    const phone = await newContext(390, 844);
    const portal = await phone.newPage();
    await signInAt(portal, sam);
    await portal.getByRole('article', { name: 'SAM-MBA' }).waitFor();
    await portal.getByRole('link', { name: 'Enroll a device' }).click();
    await portal.getByRole('tab', { name: 'Linux' }).click();
    await portal.getByRole('button', { name: 'Get my enrollment command' }).click();
    const created = portal.getByTestId('created-enrollment-token');
    await created.waitFor();
    expect(await created.getByTestId('copy-Enroll command').textContent()).toMatch(/^ward-agent enroll --server https:\/\/\S+ --token wrd_et\.\S+ --ca-fingerprint [0-9A-F:]+$/);
    await noSidewaysScroll(portal, 390);
    await check(portal, 'portal-self-enroll-agent');

    await portal.getByRole('tab', { name: 'iPhone or iPad' }).click();
    await portal.getByText('Mine (personal)').click();
    await portal.getByRole('button', { name: 'Get my enrollment link' }).click();
    const apple = portal.getByTestId('apple-enrollment');
    await apple.waitFor();
    const href = await apple.getByRole('link', { name: 'Download the enrollment profile' }).getAttribute('href');
    expect(href).toMatch(/^https:\/\/\S+\/mdm\/enroll\?token=wrd_et\.\S+$/);
    const qr = apple.getByRole('img', { name: 'QR code of the enrollment profile link' });
    await expect.poll(() => qr.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
    expect(await portal.getByText('VPN & Device Management').count()).toBe(1);
    await noSidewaysScroll(portal, 390);
    await check(portal, 'portal-self-enroll-apple');

    // The link is a working profile download: the server answers a signed .mobileconfig for it.
    const download = await phone.request.get(href ?? '');
    expect(download.status()).toBe(200);
    expect(download.headers()['content-type']).toBe('application/x-apple-aspen-config');
    await phone.close();
  });

  it('at 1280×800, by keyboard: opens a device and retires it after confirming', async () => {
    const desk = await newContext(1280, 800);
    const portal = await desk.newPage();
    await portal.goto('/portal/');
    await portal.getByRole('heading', { name: 'Ward' }).waitFor();
    // The identity provider's button has focus on load, and its page's e-mail field; Tab and Enter do the rest.
    await portal.keyboard.press('Enter');
    await portal.getByLabel('E-mail').waitFor();
    await portal.keyboard.type(sam.email);
    await portal.keyboard.press('Tab');
    await portal.keyboard.type(sam.password);
    await portal.keyboard.press('Enter');
    await portal.getByRole('article', { name: 'SAM-OLD-PC' }).waitFor();
    await check(portal, 'portal-self-my-devices-wide');
    let focused = '';
    for (let i = 0; i < 20 && focused !== 'SAM-OLD-PC'; i++) {
      await portal.keyboard.press('Tab');
      focused = await portal.evaluate(() => document.activeElement?.textContent ?? '');
    }
    expect(focused).toBe('SAM-OLD-PC');
    await portal.keyboard.press('Enter');
    await portal.getByRole('heading', { name: 'SAM-OLD-PC', level: 1 }).waitFor();
    expect(await portal.getByRole('region', { name: 'What IT can see and do on this device' }).textContent()).toContain('IT can see');
    await portal.getByRole('button', { name: 'Remove this device…' }).click();
    const dialog = portal.getByRole('dialog', { name: 'Remove SAM-OLD-PC?' });
    await dialog.waitFor();
    await check(portal, 'portal-self-retire-confirm');
    // Keeping it does nothing.
    await dialog.getByRole('button', { name: 'Keep it' }).click();
    await dialog.waitFor({ state: 'hidden' });
    const admin = async () => expectStatus(await ward().call<{ managementState: string }>('GET', `/api/v1/devices/${ids.get('SAM-OLD-PC') ?? ''}`, { token: adminToken }), 200, 'get SAM-OLD-PC').managementState;
    expect(await admin()).toBe('enrolled');
    await portal.getByRole('button', { name: 'Remove this device…' }).click();
    await dialog.getByRole('button', { name: 'Remove device' }).click();
    await portal.getByRole('status').filter({ hasText: 'Removal requested' }).waitFor();
    await portal.getByText('Removal requested. The company’s settings, apps and access leave the device at its next check-in.').waitFor();
    expect(await admin()).toBe('retirePending');
    await check(portal, 'portal-self-retired');
    // Back on the list, the device says it is being removed; the other stays as it was.
    await portal.getByRole('link', { name: 'My devices' }).first().click();
    await expect.poll(() => portal.getByRole('article', { name: 'SAM-OLD-PC' }).textContent()).toContain('Being removed');
    expect(expectStatus(await ward().call<{ managementState: string }>('GET', `/api/v1/devices/${ids.get('ALEX-PC') ?? ''}`, { token: adminToken }), 200, 'get ALEX-PC').managementState).toBe('enrolled');
    await desk.close();
  });

  it('at phone width: lists the apps offered to me, per device, with how to get each', async () => {
    const app = async (body: Record<string, unknown>) => expectStatus(await ward().call<{ id: string }>('POST', '/api/v1/apps', { token: adminToken, body }), 201, `create ${String(body['name'])}`).id;
    const notes = await app({ name: 'Notes', kind: 'web', identifier: 'com.example.notes', details: { url: 'https://notes.example.com/' } });
    const mail = await app({ name: 'Company Mail', kind: 'lineOfBusiness', identifier: 'com.example.mail', platforms: ['windows'] });
    const payroll = await app({ name: 'Payroll', kind: 'web', identifier: 'com.example.payroll', details: { url: 'https://payroll.example.com/' } });
    for (const id of [notes, mail]) expectStatus(await ward().call('POST', `/api/v1/apps/${id}/assignments`, { token: adminToken, body: { target: { type: 'allUsers' }, intent: 'available' } }), 201, 'offer an app');
    // Required apps are installed for people, not offered.
    expectStatus(await ward().call('POST', `/api/v1/apps/${payroll}/assignments`, { token: adminToken, body: { target: { type: 'allUsers' }, intent: 'required' } }), 201, 'require an app');

    const phone = await newContext(390, 844);
    const portal = await phone.newPage();
    await signInAt(portal, sam);
    await portal.getByRole('link', { name: 'Apps' }).click();
    await portal.getByRole('heading', { name: 'Apps', level: 1 }).waitFor();
    await portal.getByRole('article', { name: 'Notes' }).waitFor();
    expect(await portal.getByRole('article', { name: 'Company Mail' }).isVisible()).toBe(true);
    expect(await portal.getByRole('article', { name: 'Payroll' }).count()).toBe(0);
    expect(await portal.getByRole('article', { name: 'Notes' }).getByRole('link', { name: 'Open Notes' }).getAttribute('href')).toBe('https://notes.example.com/');
    await noSidewaysScroll(portal, 390);
    await check(portal, 'portal-self-apps');
    // For the Mac, only what runs on it (the web app); the Windows-only one is not offered there.
    await portal.getByRole('combobox', { name: 'For device' }).click();
    await portal.getByRole('option', { name: /SAM-MBA/u }).click();
    await expect.poll(() => portal.getByRole('article', { name: 'Company Mail' }).count()).toBe(0);
    // The list reloads for the chosen device: the web app comes back once its answer is in.
    await expect.poll(() => portal.getByRole('article', { name: 'Notes' }).isVisible()).toBe(true);
    await phone.close();
  });

  it('has no serious or critical accessibility violations on the portal pages', () => {
    expect(violations.map((v) => v.page)).toEqual(expect.arrayContaining(['portal-self-sign-in', 'portal-self-my-devices', 'portal-self-device', 'portal-self-enroll-agent', 'portal-self-enroll-apple', 'portal-self-my-devices-wide', 'portal-self-retire-confirm', 'portal-self-retired', 'portal-self-apps']));
    expect(violations.filter((v) => v.violations.length > 0)).toEqual([]);
  });
});
