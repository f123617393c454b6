import type { BrowserContext, Page } from 'playwright-core';
import { runVirtualAgents, type VirtualFleet } from '@ward/simulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, screenshot, seriousViolations, signInThroughIdentityProvider, type AxeViolation, type TestBrowser } from './support/browser.js';
import { enrollDevice, expectStatus, signIn } from './support/seed.js';
import { startWardServer, type WardServer } from './support/ward-server.js';

// The virtual agent checks in with real facts over the agent protocol (Ubuntu 24.04, screen lock
// after 300 s, 200 GB free): the compliance policy below fails it on two rules.
const agentName = 'LAB-VM-01';

// The policy engine's pages in a real browser against `ward serve`: a settings profile built
// from the catalog's generated form (the server's refusal shown in words, then fixed), a
// compliance policy assigned to all devices and explained on a device that checks in for real,
// the reports, and axe-core on each new page.
describe('the policy pages in a real browser', { timeout: 240_000 }, () => {
  let server: WardServer | undefined;
  let chrome: TestBrowser | undefined;
  let fleet: VirtualFleet | undefined;
  let context: BrowserContext | undefined;
  let page: Page;
  let agentId = '';
  const violations: { page: string; violations: AxeViolation[] }[] = [];

  const check = async (name: string) => {
    await page.waitForLoadState('networkidle');
    await screenshot(page, name);
    violations.push({ page: name, violations: await seriousViolations(page) });
  };
  const nav = (name: string) => page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name, exact: true });

  beforeAll(async () => {
    const started = await startWardServer();
    server = started;
    const admin = await signIn(started, started.admin.email, started.admin.password);
    const token = expectStatus(await started.call<{ text: string }>('POST', '/api/v1/enrollment-tokens', { token: admin, body: { name: 'Lab', maxUses: null, expiresInHours: 24 } }), 201, 'create a token');
    await enrollDevice(started, token.text, { name: 'FIN-LT-010', platform: 'windows', osVersion: '10.0.22631', serialNumber: 'PF3XYZ10', model: 'ThinkPad T14', manufacturer: 'Lenovo' });
    await enrollDevice(started, token.text, { name: 'ENG-MBP-020', platform: 'macos', osVersion: '14.5', serialNumber: 'C02XK0ZZJGH5', model: 'MacBook Pro', manufacturer: 'Apple' });
    fleet = await runVirtualAgents({ server: started.url, caPem: started.caPem, enrollmentToken: token.text, count: 1, hardwareIdPrefix: 'lab-vm-01' });
    agentId = fleet.agents[0]?.identity.deviceId ?? '';
    expectStatus(await started.call('PATCH', `/api/v1/devices/${agentId}`, { token: admin, body: { name: agentName } }), 200, 'name the virtual device');

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
    await server?.stop();
  });

  it('shows the fleet counted on the server on the dashboard', async () => {
    await expect.poll(() => page.getByTestId('device-count').textContent()).toBe('3');
    expect(await page.getByRole('list', { name: 'Devices by platform' }).textContent()).toMatch(/Linux1/);
    await check('dashboard-charts');
  });

  it('creates a settings profile from the generated form: an out-of-range value is refused in words, then fixed and saved', async () => {
    await nav('Configuration profiles').click();
    await page.getByRole('heading', { name: 'Configuration profiles', level: 1 }).waitFor();
    await page.getByRole('button', { name: 'New profile' }).click();
    await page.getByRole('menuitem', { name: /^Settings/ }).click();
    await page.getByRole('heading', { name: 'New settings profile' }).waitFor();
    await page.getByRole('textbox', { name: 'Name', exact: true }).fill('Baseline security');
    const form = page.getByTestId('settings-form');
    await form.getByRole('checkbox', { name: 'Require a passcode' }).check();
    await form.getByRole('checkbox', { name: 'Minimum passcode length' }).check();
    const length = form.getByRole('textbox', { name: 'Value of Minimum passcode length' });
    await length.fill('2');
    await check('profile-new-settings');
    await page.getByRole('button', { name: 'Create profile' }).click();
    const refusal = page.getByRole('alert').filter({ hasText: 'SETTING_VALUE_INVALID' });
    await refusal.waitFor();
    expect(await refusal.getAttribute('data-error-code')).toBe('SETTING_VALUE_INVALID');
    expect(await refusal.textContent()).toContain('A setting has a value outside what it allows');
    expect(await refusal.textContent()).toContain('passcode.minimumLength');
    // The setting the server named carries the message too.
    expect(await form.locator('[data-setting="passcode.minimumLength"]').textContent()).toContain('passcode.minimumLength');
    await screenshot(page, 'profile-setting-refused');
    await length.fill('8');
    await page.getByRole('button', { name: 'Create profile' }).click();
    await page.getByRole('heading', { name: 'Baseline security', level: 1 }).waitFor();
    expect(new URL(page.url()).pathname).toMatch(/^\/profiles\/[\w-]+$/);
    expect(await form.getByRole('textbox', { name: 'Value of Minimum passcode length' }).inputValue()).toBe('8');
    await check('profile');

    await page.getByRole('tab', { name: 'Assignments' }).click();
    await page.getByRole('button', { name: 'Add assignment' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add an assignment' });
    await dialog.getByText('All devices').click();
    await dialog.getByRole('button', { name: 'Assign' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByTestId('assignments').getByRole('cell', { name: 'All devices' }).waitFor();
    await check('profile-assignments');
    await page.getByRole('tab', { name: 'Device status' }).click();
    await page.getByTestId('profile-device-status').waitFor();
    await check('profile-device-status');
  });

  it('creates a compliance policy with a built-in and a custom rule, assigns it to all devices, and explains a device that fails it', async () => {
    await nav('Compliance policies').click();
    await page.getByRole('heading', { name: 'Compliance policies', level: 1 }).waitFor();
    await page.getByRole('link', { name: 'New policy' }).click();
    await page.getByRole('heading', { name: 'New compliance policy' }).waitFor();
    await page.getByRole('textbox', { name: 'Name', exact: true }).fill('Lab baseline');
    // No grace period: a failing device is noncompliant at once.
    await page.getByRole('button', { name: 'Remove action 1' }).click();
    const addRule = page.getByRole('combobox', { name: 'Rule to add' });
    await addRule.click();
    await page.getByRole('option', { name: 'Screen locks within' }).click();
    await page.getByRole('textbox', { name: 'Seconds' }).fill('60');
    await addRule.click();
    await page.getByRole('option', { name: 'Custom expression' }).click();
    await page.getByRole('textbox', { name: 'Rule name' }).fill('Enough free storage');
    // First an expression that does not parse: the server's code and the position, in words.
    await page.getByRole('textbox', { name: 'Expression' }).fill('device.freeStorageBytes >');
    await page.getByRole('button', { name: 'Create policy' }).click();
    const refusal = page.getByRole('alert').filter({ hasText: 'COMPLIANCE_RULE_INVALID' });
    await refusal.waitFor();
    expect(await refusal.textContent()).toContain('A rule is not valid');
    await page.getByRole('textbox', { name: 'Expression' }).fill('device.freeStorageBytes > 300000000000');
    await check('compliance-policy-new');
    await page.getByRole('button', { name: 'Create policy' }).click();
    await page.getByRole('heading', { name: 'Lab baseline', level: 1 }).waitFor();
    await check('compliance-policy');

    await page.getByRole('tab', { name: 'Assignments' }).click();
    await page.getByRole('button', { name: 'Add assignment' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add an assignment' });
    await dialog.getByText('All devices').click();
    await dialog.getByRole('button', { name: 'Assign' }).click();
    await page.getByTestId('assignments').getByRole('cell', { name: 'All devices' }).waitFor();

    // The assignment re-evaluates the devices in the background; the device page shows the result.
    await page.goto(`/devices/${agentId}?tab=compliance`);
    const explanation = page.getByTestId('device-compliance');
    await expect.poll(async () => {
      await page.reload();
      await explanation.waitFor();
      await page.waitForLoadState('networkidle');
      return explanation.locator('[data-policy-state]').first().getAttribute('data-policy-state').catch(() => null);
    }, { timeout: 60_000, interval: 1000 }).toBe('noncompliant');
    const rules = explanation.getByTestId('compliance-rules');
    const screenLock = rules.locator('tr', { hasText: 'Screen' });
    expect(await screenLock.getAttribute('data-rule-outcome')).toBe('failed');
    expect(await screenLock.textContent()).toContain('300');
    const storage = rules.locator('tr', { hasText: 'Enough free storage' });
    expect(await storage.getAttribute('data-rule-outcome')).toBe('failed');
    expect((await storage.textContent())?.length).toBeGreaterThan('Enough free storage'.length);
    await expect.poll(() => explanation.getByTestId('compliance-history').locator('tbody tr').count()).toBeGreaterThan(0);
    expect(await explanation.getByTestId('compliance-history').textContent()).toContain('Not compliant');
    await check('device-compliance');

    await page.getByRole('tab', { name: 'Configuration' }).click();
    const configuration = page.getByTestId('device-configuration');
    await configuration.getByRole('link', { name: 'Baseline security' }).waitFor({ timeout: 30_000 });
    await check('device-configuration');
  });

  it('shows the reports, the lists with their device counts, and assignment filters, with CSV downloads', async () => {
    await nav('Configuration profiles').click();
    const profiles = page.getByTestId('profiles');
    await profiles.getByRole('link', { name: 'Baseline security' }).waitFor();
    await expect.poll(() => profiles.textContent(), { timeout: 15_000 }).toMatch(/\d+ succeeded/);
    await check('profiles');
    await nav('Compliance policies').click();
    const policies = page.getByTestId('compliance-policies');
    await policies.getByRole('link', { name: 'Lab baseline' }).waitFor();
    await expect.poll(() => policies.textContent()).toContain('1 not compliant');
    await check('compliance-policies');

    await nav('Reports').click();
    await page.getByRole('heading', { name: 'Reports', level: 1 }).waitFor();
    await page.getByTestId('overview-by-policy').getByRole('link', { name: 'Lab baseline' }).waitFor();
    await check('reports-compliance');
    const download = page.waitForEvent('download');
    await page.getByRole('region', { name: 'By policy', exact: true }).getByRole('button', { name: 'Download CSV' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toBe('compliance-overview-by-policy.csv');
    await page.getByRole('tab', { name: 'Devices in grace' }).click();
    await page.getByTestId('devices-in-grace').waitFor();
    await check('reports-grace');
    await page.getByRole('tab', { name: 'Profile status' }).click();
    await page.getByRole('combobox', { name: 'Profile', exact: true }).click();
    await page.getByRole('option', { name: 'Baseline security' }).click();
    await page.getByTestId('profile-setting-status').waitFor();
    await check('reports-profile-status');

    await nav('Assignment filters').click();
    await page.getByRole('button', { name: 'New filter' }).click();
    const dialog = page.getByRole('dialog', { name: 'New assignment filter' });
    await dialog.getByRole('textbox', { name: 'Name', exact: true }).fill('Corporate Macs');
    await dialog.getByRole('textbox', { name: 'Rule' }).fill('device.ownership == "corporate" and');
    await dialog.getByRole('button', { name: 'Create' }).click();
    await expect.poll(() => dialog.getByRole('alert').getAttribute('data-error-code')).toBe('ASSIGNMENT_FILTER_INVALID');
    await dialog.getByRole('textbox', { name: 'Rule' }).fill('device.ownership == "corporate"');
    await dialog.getByRole('button', { name: 'Create' }).click();
    await page.getByTestId('assignment-filters').getByText('Corporate Macs').waitFor();
    await check('assignment-filters');

    await nav('Devices').click();
    const exported = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export CSV' }).click();
    const csv = await exported;
    expect(csv.suggestedFilename()).toBe('devices.csv');
    const path = await csv.path();
    const { readFile } = await import('node:fs/promises');
    const text = await readFile(path, 'utf8');
    expect(text.split('\r\n').filter((l) => l !== '')).toHaveLength(4);
    expect(text).toContain(agentName);
  });

  it('charts compliance over time from the daily snapshots, with the numbers as a table, per policy and as CSV', async () => {
    await nav('Dashboard').click();
    // The server counted the day when it started: one day of the 30 has a snapshot.
    const chart = page.getByRole('img', { name: /^Devices by compliance state per day/ });
    await chart.waitFor();
    expect(await chart.getAttribute('aria-label')).toMatch(/1 of 30 days recorded\. On \d{4}-\d{2}-\d{2}: \d+ compliant, \d+ not compliant/);
    await page.getByText('Show the numbers').click();
    const rows = page.getByTestId('compliance-history-table').locator('tbody tr');
    await expect.poll(() => rows.count()).toBe(30);
    await expect.poll(() => rows.filter({ hasText: 'No count recorded' }).count()).toBe(29);
    await page.getByText('90 days', { exact: true }).click();
    await expect.poll(() => rows.count()).toBe(90);
    await check('dashboard-history');
    // The policy was created after the day's snapshot, so its series has no day yet: a gap, not zeros.
    await page.getByRole('combobox', { name: 'Policy', exact: true }).click();
    await page.getByRole('option', { name: 'Lab baseline' }).click();
    // The chart's accessible name changes with the series, so it is found again by its new name.
    const policyChart = page.getByRole('img', { name: /^Devices by their state against Lab baseline/ });
    await policyChart.waitFor();
    expect(await policyChart.getAttribute('aria-label')).toMatch(/^Devices by their state against Lab baseline, .*no daily counts recorded yet/);
    const download = page.waitForEvent('download');
    await page.getByRole('region', { name: 'Compliance over time' }).getByRole('button', { name: 'Download CSV' }).click();
    expect((await download).suggestedFilename()).toMatch(/^compliance-history-[\w-]+-\d{4}-\d{2}-\d{2}-\d{4}-\d{2}-\d{2}\.csv$/);
  });

  it('has no serious or critical accessibility violations on the new pages', () => {
    expect(violations.map((v) => v.page)).toEqual(expect.arrayContaining(['dashboard-charts', 'profiles', 'profile-new-settings', 'profile', 'compliance-policies', 'compliance-policy', 'device-compliance', 'device-configuration', 'reports-compliance', 'reports-grace', 'reports-profile-status', 'assignment-filters', 'dashboard-history']));
    expect(violations.filter((v) => v.violations.length > 0)).toEqual([]);
  });
});
