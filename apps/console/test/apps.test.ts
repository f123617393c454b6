import { execFileSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { Agent } from 'undici';
import { runVirtualAgents, VirtualSdkApp, type VirtualFleet } from '@ward/simulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, screenshot, seriousViolations, signInThroughIdentityProvider, type AxeViolation, type TestBrowser } from './support/browser.js';
import { expectStatus, signIn } from './support/seed.js';
import { startWardServer, type WardServer } from './support/ward-server.js';

const agentName = 'LAB-VM-07';
const notesAppId = 'com.example.notes';
const auditor = { email: 'apps.auditor@example.com', password: 'Apps-auditor-password-2026!', displayName: 'Ada Auditor' };
// A 1×1 PNG: the icon the repository app is given.
const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
// Where the relying party the SDK signs in through "redirects": the test answers it itself.
const sdkRedirect = 'http://127.0.0.1:59999/sdk-callback';

/** A real Debian package built with dpkg-deb, as an admin would upload one. */
function buildDeb(dir: string, name: string, version: string): string {
  const root = join(dir, `${name}_${version}`);
  mkdirSync(join(root, 'DEBIAN'), { recursive: true });
  mkdirSync(join(root, 'usr', 'share', 'doc', name), { recursive: true });
  writeFileSync(join(root, 'DEBIAN', 'control'), [`Package: ${name}`, `Version: ${version}`, 'Architecture: all', 'Maintainer: Ward Lab <lab@example.com>', 'Description: A tool the lab uses', ' Built by the console browser test.', ''].join('\n'));
  writeFileSync(join(root, 'usr', 'share', 'doc', name, 'README'), 'Ward lab tool\n');
  const file = join(dir, `${name}_${version}_all.deb`);
  execFileSync('dpkg-deb', ['--root-owner-group', '--build', root, file], { stdio: 'ignore' });
  return file;
}

const base64url = (bytes: Buffer): string => bytes.toString('base64url');

// Issue 8 §2 (apps and app protection) for issue 7's features, in a real browser against
// `ward serve`: the catalog (a repository app with an icon, a line-of-business app from a real
// .deb, a mislabelled package refused in words), an assignment to a device group and the install
// status of a virtual agent, the fleet's installed software, an app protection policy refused
// then saved, an app configuration policy, SDK registrations made with a real access token from
// Ward's identity provider, a selective wipe confirmed by the app, usage, role-based hiding, and
// axe-core on every new page.
describe('the apps and app protection pages in a real browser', { timeout: 300_000 }, () => {
  let server: WardServer | undefined;
  let chrome: TestBrowser | undefined;
  let fleet: VirtualFleet | undefined;
  let context: BrowserContext | undefined;
  let dispatcher: Agent | undefined;
  let page: Page;
  let adminToken = '';
  let adminUserId = '';
  let lobAppId = '';
  const files = mkdtempSync(join(tmpdir(), 'ward-apps-e2e-'));
  let deb = '';
  let mislabelled = '';
  let icon = '';
  const sdkApps: VirtualSdkApp[] = [];
  const violations: { page: string; violations: AxeViolation[] }[] = [];

  const ward = (): WardServer => {
    if (server === undefined) throw new Error('the server did not start');
    return server;
  };
  const check = async (name: string) => {
    await page.waitForLoadState('networkidle');
    await screenshot(page, name);
    violations.push({ page: name, violations: await seriousViolations(page) });
  };
  const nav = (name: string) => page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name, exact: true });
  const mamNav = (name: string) => page.getByRole('navigation', { name: 'App protection' }).getByRole('link', { name, exact: true });
  const chooseFile = async (button: string, path: string) => {
    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: button }).click();
    await (await chooser).setFiles(path);
  };

  /**
   * An access token of the signed-in admin from Ward's identity provider, for a public relying
   * party, through the code flow with PKCE in the browser (the provider's session from the
   * console's sign-in is reused), exactly what the SDK sends to register.
   */
  const userAccessToken = async (clientId: string): Promise<string> => {
    const verifier = base64url(randomBytes(32));
    const challenge = base64url(createHash('sha256').update(verifier).digest());
    const state = base64url(randomBytes(16));
    if (context === undefined) throw new Error('no browser context');
    const tab = await context.newPage();
    // The provider's redirect to the relying party is caught here: no server listens there.
    const called = new Promise<URL>((resolve) => {
      tab.on('request', (request) => { if (request.url().startsWith(sdkRedirect)) resolve(new URL(request.url())); });
    });
    await tab.route((url) => url.href.startsWith(sdkRedirect), (route) => route.fulfill({ status: 200, contentType: 'text/plain', body: 'signed in' }));
    const authorize = new URL('/oidc/auth', ward().url);
    authorize.search = new URLSearchParams({ client_id: clientId, response_type: 'code', scope: 'openid', redirect_uri: sdkRedirect, code_challenge: challenge, code_challenge_method: 'S256', state }).toString();
    await tab.goto(authorize.toString()).catch(() => undefined);
    const callback = await called;
    await tab.close();
    expect(callback.searchParams.get('state'), callback.toString()).toBe(state);
    const code = callback.searchParams.get('code') ?? '';
    expect(code, callback.toString()).not.toBe('');
    const tokens = await context.request.post(new URL('/oidc/token', ward().url).toString(), { form: { grant_type: 'authorization_code', code, redirect_uri: sdkRedirect, client_id: clientId, code_verifier: verifier } });
    const body = (await tokens.json()) as { access_token?: string };
    expect(tokens.status(), JSON.stringify(body)).toBe(200);
    return body.access_token ?? '';
  };

  beforeAll(async () => {
    const started = await startWardServer();
    server = started;
    adminToken = await signIn(started, started.admin.email, started.admin.password);
    adminUserId = expectStatus(await started.call<{ userId: string | null }>('GET', '/api/v1/auth/me', { token: adminToken }), 200, 'who am I').userId ?? '';
    expectStatus(await started.call('POST', '/api/v1/groups', { token: adminToken, body: { name: 'Lab machines', membershipType: 'dynamic', memberType: 'device', rule: 'device.platform == "linux"' } }), 201, 'create the device group');
    expectStatus(await started.call('POST', '/api/v1/apps', { token: adminToken, body: { name: 'Example Notes', kind: 'web', identifier: notesAppId, details: { url: 'https://notes.example.com' } } }), 201, 'create the SDK app');
    expectStatus(await started.call('POST', '/api/v1/admins', { token: adminToken, body: { ...auditor, role: 'readOnlyAuditor' } }), 201, 'create the auditor');
    const token = expectStatus(await started.call<{ text: string }>('POST', '/api/v1/enrollment-tokens', { token: adminToken, body: { name: 'Lab', maxUses: null, expiresInHours: 24 } }), 201, 'create a token');
    fleet = await runVirtualAgents({ server: started.url, caPem: started.caPem, enrollmentToken: token.text, count: 1, hardwareIdPrefix: 'lab-vm-07' });
    const agentId = fleet.agents[0]?.identity.deviceId ?? '';
    expectStatus(await started.call('PATCH', `/api/v1/devices/${agentId}`, { token: adminToken, body: { name: agentName } }), 200, 'name the virtual device');
    dispatcher = new Agent({ connect: { ca: started.caPem } });

    deb = buildDeb(files, 'ward-lab-tool', '1.4.2');
    // The same package under another format's name: Ward reads the bytes, not the name.
    mislabelled = join(files, 'ward-lab-tool-1.4.2.rpm');
    copyFileSync(deb, mislabelled);
    icon = join(files, 'icon.png');
    writeFileSync(icon, png);

    chrome = await launchBrowser();
    context = await chrome.browser.newContext({ viewport: { width: 1280, height: 800 }, ignoreHTTPSErrors: true, bypassCSP: true, baseURL: started.url });
    page = await context.newPage();
    await page.goto('/');
    await signInThroughIdentityProvider(page, started.admin);
    await page.getByRole('heading', { name: 'Dashboard' }).waitFor();
  });

  afterAll(async () => {
    await fleet?.stop();
    await context?.close();
    await chrome?.close();
    await dispatcher?.close();
    await server?.stop();
    rmSync(files, { recursive: true, force: true });
  });

  it('creates a repository app with an icon and finds it in the catalog by name and kind', async () => {
    await nav('Apps').click();
    await page.getByRole('heading', { name: 'Apps', level: 1 }).waitFor();
    await page.getByRole('button', { name: 'New app' }).click();
    await page.getByRole('menuitem', { name: /^Linux repository package/ }).click();
    await page.getByRole('heading', { name: 'New linux repository package app' }).waitFor();
    await page.getByRole('textbox', { name: 'Name', exact: true }).fill('htop');
    await page.getByRole('textbox', { name: 'Publisher' }).fill('Debian');
    await page.getByRole('textbox', { name: 'Package name' }).fill('htop');
    await chooseFile('Choose a PNG…', icon);
    await page.getByRole('img', { name: 'The new icon' }).waitFor();
    await check('app-new-repository');
    await page.getByRole('button', { name: 'Create app' }).click();
    await page.getByRole('heading', { name: 'htop', level: 1 }).waitFor();
    expect(new URL(page.url()).pathname).toMatch(/^\/apps\/[\w-]+$/);
    expect(await page.getByRole('checkbox', { name: /apt/ }).isChecked()).toBe(true);
    await check('app-overview');

    await nav('Apps').click();
    await page.getByRole('textbox', { name: 'Search' }).fill('htop');
    await page.getByRole('combobox', { name: 'Kind' }).click();
    await page.getByRole('option', { name: 'Linux repository package' }).click();
    const table = page.getByTestId('apps');
    await table.getByRole('link', { name: 'htop' }).waitFor();
    await expect.poll(() => table.locator('tbody tr').count()).toBe(1);
    await check('apps');
  });

  it('creates a line-of-business app, refuses a mislabelled package in words, and publishes a real .deb with the version read from it', async () => {
    await nav('Apps').click();
    await page.getByRole('button', { name: 'New app' }).click();
    await page.getByRole('menuitem', { name: /^Line-of-business package/ }).click();
    await page.getByRole('textbox', { name: 'Name', exact: true }).fill('Ward Lab Tool');
    await page.getByRole('textbox', { name: 'Package identifier' }).fill('ward-lab-tool');
    await page.getByRole('button', { name: 'Create app' }).click();
    await page.getByRole('heading', { name: 'Ward Lab Tool', level: 1 }).waitFor();
    lobAppId = new URL(page.url()).pathname.split('/').at(-1) ?? '';

    await page.getByRole('tab', { name: 'Versions' }).click();
    await page.getByTestId('app-versions').getByText('No version yet').waitFor();
    await chooseFile('Choose a package…', mislabelled);
    const refusal = page.getByRole('alert').filter({ hasText: 'APP_PACKAGE_FORMAT_MISMATCH' });
    await refusal.waitFor();
    expect(await refusal.getAttribute('data-error-code')).toBe('APP_PACKAGE_FORMAT_MISMATCH');
    expect(await refusal.textContent()).toContain('The file is not the kind of package its name says');
    await screenshot(page, 'app-version-refused');

    await chooseFile('Choose a package…', deb);
    await expect.poll(() => page.getByTestId('uploaded-version-number').textContent(), { timeout: 30_000 }).toBe('1.4.2');
    expect(await page.getByTestId('uploaded-version').textContent()).toContain('ward-lab-tool');
    const row = page.getByTestId('app-versions').locator('tr[data-version="1.4.2"]');
    await row.waitFor();
    expect(await row.textContent()).toContain('Published');
    expect(await row.textContent()).toContain('ward-lab-tool_1.4.2_all.deb');
    await check('app-versions');
  });

  it('assigns the app as required to a device group and shows the virtual agent in its install status', async () => {
    await page.goto(`/apps/${lobAppId}?tab=assignments`);
    await page.getByRole('button', { name: 'Add assignment' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add an assignment' });
    await dialog.getByRole('combobox', { name: 'Group' }).fill('Lab');
    await page.getByRole('option', { name: 'Lab machines (devices)' }).click();
    expect(await dialog.getByRole('radio', { name: 'Required' }).isChecked()).toBe(true);
    await check('app-assignment-new');
    await dialog.getByRole('button', { name: 'Assign' }).click();
    await dialog.waitFor({ state: 'hidden' });
    const assignments = page.getByTestId('assignments');
    await assignments.getByRole('link', { name: 'Lab machines' }).waitFor();
    expect(await assignments.locator('[data-intent]').getAttribute('data-intent')).toBe('required');
    await check('app-assignments');

    // The desired-state job runs in the background; the device appears once it has.
    await page.getByRole('tab', { name: 'Install status' }).click();
    const status = page.getByTestId('app-install-status');
    await expect.poll(async () => {
      await page.reload();
      await status.waitFor();
      await page.waitForLoadState('networkidle');
      return status.getByRole('link', { name: agentName }).count();
    }, { timeout: 60_000, interval: 1000 }).toBe(1);
    expect(await status.locator('[data-status]').first().getAttribute('data-status')).toMatch(/^(pending|installed|failed)$/);
    await check('app-install-status');
  });

  it('searches the software devices report across the fleet and drills to the devices', async () => {
    await nav('Installed software').click();
    await page.getByRole('heading', { name: 'Installed software', level: 1 }).waitFor();
    await page.getByRole('textbox', { name: 'Name' }).fill('openssl');
    const table = page.getByTestId('app-inventory');
    await table.getByRole('button', { name: 'openssl', exact: true }).waitFor({ timeout: 30_000 });
    await check('app-inventory');
    await table.getByRole('button', { name: /^1 devices with openssl/ }).click();
    await page.getByRole('heading', { name: /^openssl / }).waitFor();
    await page.getByTestId('app-inventory-devices').getByRole('link', { name: agentName }).waitFor();
    await check('app-inventory-devices');
  });

  it('creates an app protection policy: an out-of-range PIN length is refused in words at the field, then saved', async () => {
    await nav('App protection').click();
    await page.getByRole('heading', { name: 'App protection', level: 1 }).waitFor();
    await page.getByRole('link', { name: 'New policy' }).click();
    await page.getByRole('heading', { name: 'New app protection policy' }).waitFor();
    await page.getByRole('textbox', { name: 'Name', exact: true }).fill('Notes protection');
    await page.getByRole('combobox', { name: 'Apps' }).fill('notes');
    await page.getByRole('option', { name: `Example Notes (${notesAppId})` }).click();
    const length = page.getByRole('textbox', { name: 'Minimum PIN length' });
    await length.fill('2');
    await page.getByRole('switch', { name: 'Block printing' }).check();
    await check('app-protection-policy-new');
    await page.getByRole('button', { name: 'Create policy' }).click();
    const refusal = page.getByRole('alert').filter({ hasText: 'APP_PROTECTION_POLICY_INVALID' });
    await refusal.waitFor();
    expect(await refusal.textContent()).toContain('A setting of the policy is not valid');
    expect(await refusal.textContent()).toContain('settings.pin.minLength');
    // The field the server named carries the message too.
    expect(await length.getAttribute('aria-invalid')).toBe('true');
    await screenshot(page, 'app-protection-policy-refused');
    await length.fill('8');
    await page.getByRole('button', { name: 'Create policy' }).click();
    await page.getByRole('heading', { name: 'Notes protection', level: 1 }).waitFor();
    expect(await page.getByRole('textbox', { name: 'Minimum PIN length' }).inputValue()).toBe('8');
    expect(await page.getByRole('switch', { name: 'Block printing' }).isChecked()).toBe(true);
    await check('app-protection-policy');
    await mamNav('Protection policies').click();
    await page.getByTestId('app-protection-policies').getByRole('link', { name: 'Notes protection' }).waitFor();
    await check('app-protection-policies');
  });

  it('creates an app configuration policy with a user variable', async () => {
    await mamNav('Configuration policies').click();
    await page.getByRole('link', { name: 'New policy' }).click();
    await page.getByRole('textbox', { name: 'Name', exact: true }).fill('Notes settings');
    await page.getByRole('combobox', { name: 'Apps' }).fill('notes');
    await page.getByRole('option', { name: `Example Notes (${notesAppId})` }).click();
    await page.getByRole('textbox', { name: 'Key 1' }).fill('serverUrl');
    await page.getByRole('textbox', { name: 'Value 1' }).fill('https://notes.example.com');
    await page.getByRole('button', { name: 'Add a setting' }).click();
    await page.getByRole('textbox', { name: 'Key 2' }).fill('accountEmail');
    await page.getByRole('textbox', { name: 'Value 2' }).fill('{{user.email}}');
    await check('app-configuration-policy-new');
    await page.getByRole('button', { name: 'Create policy' }).click();
    await page.getByRole('heading', { name: 'Notes settings', level: 1 }).waitFor();
    const values = await Promise.all((await page.getByRole('textbox', { name: /^Value \d+$/ }).all()).map((v) => v.inputValue()));
    expect(values.sort()).toEqual(['https://notes.example.com', '{{user.email}}']);
    await check('app-configuration-policy');
    await mamNav('Configuration policies').click();
    await page.getByTestId('app-configuration-policies').getByRole('link', { name: 'Notes settings' }).waitFor();
    await check('app-configuration-policies');
  });

  it('lists SDK registrations made with a real access token, wipes one (confirmed by the app) and then all of the user\'s, and shows usage', async () => {
    const party = expectStatus(await ward().call<{ relyingParty: { clientId: string } }>('POST', '/api/v1/identity/relying-parties', {
      token: adminToken,
      body: { name: 'Example Notes', redirectUris: [sdkRedirect], postLogoutRedirectUris: [], jwks: null, grantTypes: ['authorization_code'], tokenEndpointAuthMethod: 'none' },
    }), 201, 'create the relying party');
    const accessToken = await userAccessToken(party.relyingParty.clientId);
    for (const deviceName of ['Chromium on the lab laptop', 'Firefox at home']) {
      const app = new VirtualSdkApp({ server: new URL(ward().url), dispatcher: dispatcher ?? new Agent(), appId: notesAppId, appVersion: '2.1.0', platform: 'web' });
      const registered = await app.register(accessToken, { deviceName, osName: 'linux', osVersion: '6.8' });
      expect(registered, JSON.stringify(registered)).toMatchObject({ ok: true });
      const checkedIn = await app.checkIn();
      expect(checkedIn, JSON.stringify(checkedIn)).toMatchObject({ ok: true });
      sdkApps.push(app);
    }
    const [first, second] = sdkApps;
    if (first === undefined || second === undefined) throw new Error('no SDK apps');

    await mamNav('Registrations').click();
    await page.getByRole('heading', { name: 'App registrations', level: 1 }).waitFor();
    const table = page.getByTestId('app-registrations');
    await expect.poll(() => table.locator('tbody tr[data-registration]').count()).toBe(2);
    await check('app-registrations');
    await page.goto(`/app-protection/registrations/${first.registrationId ?? ''}`);
    await page.getByRole('heading', { name: notesAppId, level: 1 }).waitFor();
    await page.getByText('Chromium on the lab laptop').waitFor();
    await page.getByRole('button', { name: 'Wipe', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: `Wipe ${notesAppId}?` });
    const confirm = dialog.getByRole('button', { name: 'Wipe app data' });
    expect(await confirm.isDisabled()).toBe(true);
    await dialog.getByRole('textbox', { name: 'Type WIPE to confirm' }).fill('WIPE');
    await confirm.click();
    await dialog.waitFor({ state: 'hidden' });
    const wipe = page.getByTestId('registration-wipe');
    await wipe.getByText('Waiting for the app\'s next check-in').waitFor();
    expect(await page.locator('[data-registration-state]').getAttribute('data-registration-state')).toBe('wipePending');
    await check('app-registration');

    // The app receives the wipe at its next check-in and confirms it at the one after.
    expect(await first.checkIn()).toMatchObject({ ok: true });
    expect(first.pendingWipe).not.toBeNull();
    expect(await first.checkIn()).toMatchObject({ ok: true });
    expect(first.wiped).toBe(true);
    await page.reload();
    await wipe.getByText('Wiped', { exact: true }).waitFor();

    // Every registration of the user: the one left is reached, the wiped one is not revived.
    await page.goto(`/app-protection/registrations?user=${adminUserId}`);
    await page.getByRole('button', { name: 'Wipe all of this user\'s apps' }).click();
    const all = page.getByRole('dialog', { name: 'Wipe all of this user\'s apps?' });
    await all.getByRole('textbox', { name: 'Type WIPE to confirm' }).fill('WIPE');
    await all.getByRole('button', { name: 'Wipe apps' }).click();
    const reached = all.getByRole('list', { name: 'Registrations the wipe reached' });
    await reached.waitFor();
    expect(await reached.getByRole('listitem').count()).toBe(1);
    expect(await reached.textContent()).toContain('Firefox at home');
    await screenshot(page, 'app-registrations-wipe-user');
    await all.getByRole('button', { name: 'Done' }).click();
    await expect.poll(() => table.locator('[data-registration-state="wipePending"]').count()).toBe(1);

    await mamNav('Usage').click();
    await page.getByRole('heading', { name: 'App usage', level: 1 }).waitFor();
    const usage = page.getByTestId('app-usage');
    await usage.getByRole('button', { name: notesAppId }).waitFor();
    expect(Number((await usage.locator('tbody tr').first().locator('td').nth(1).textContent()) ?? '0')).toBeGreaterThanOrEqual(2);
    await page.getByRole('region', { name: notesAppId }).waitFor();
    await check('app-usage');
  });

  it('hides what a read-only auditor cannot do, and the API refuses it anyway', async () => {
    const auditorContext = await chrome?.browser.newContext({ viewport: { width: 1280, height: 800 }, ignoreHTTPSErrors: true, bypassCSP: true, baseURL: ward().url });
    if (auditorContext === undefined) throw new Error('no browser');
    const auditorPage = await auditorContext.newPage();
    await auditorPage.goto(`/apps/${lobAppId}?tab=versions`);
    await signInThroughIdentityProvider(auditorPage, auditor);
    await auditorPage.getByRole('heading', { name: 'Ward Lab Tool', level: 1 }).waitFor();
    await auditorPage.getByTestId('app-versions').locator('tr[data-version="1.4.2"]').waitFor();
    await auditorPage.waitForLoadState('networkidle');
    expect(await auditorPage.getByRole('button', { name: 'Choose a package…' }).count()).toBe(0);
    expect(await auditorPage.getByRole('button', { name: 'Delete' }).count()).toBe(0);
    await auditorPage.getByRole('tab', { name: 'Assignments' }).click();
    await auditorPage.getByTestId('assignments').waitFor();
    expect(await auditorPage.getByRole('button', { name: 'Add assignment' }).count()).toBe(0);
    await auditorPage.goto(`/app-protection/registrations/${sdkApps[1]?.registrationId ?? ''}`);
    await auditorPage.getByRole('heading', { name: notesAppId, level: 1 }).waitFor();
    await auditorPage.waitForLoadState('networkidle');
    expect(await auditorPage.getByRole('button', { name: /^Wipe/ }).count()).toBe(0);
    await screenshot(auditorPage, 'app-registration-as-auditor');
    await auditorContext.close();

    const auditorToken = await signIn(ward(), auditor.email, auditor.password);
    const refused = await ward().call<{ error: { code: string } }>('POST', '/api/v1/apps', { token: auditorToken, body: { name: 'Sneaky', kind: 'repository', identifier: 'sneaky' } });
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('FORBIDDEN');
    const wipe = await ward().call<{ error: { code: string } }>('POST', `/api/v1/app-registrations/${sdkApps[1]?.registrationId ?? ''}/wipe`, { token: auditorToken });
    expect(wipe.status).toBe(403);
  });

  it('has no serious or critical accessibility violations on the new pages', () => {
    expect(violations.map((v) => v.page)).toEqual(expect.arrayContaining([
      'apps', 'app-new-repository', 'app-overview', 'app-versions', 'app-assignment-new', 'app-assignments', 'app-install-status', 'app-inventory', 'app-inventory-devices',
      'app-protection-policy-new', 'app-protection-policy', 'app-protection-policies', 'app-configuration-policy-new', 'app-configuration-policy', 'app-configuration-policies',
      'app-registrations', 'app-registration', 'app-usage',
    ]));
    expect(violations.filter((v) => v.violations.length > 0)).toEqual([]);
  });
});
