import { readFileSync } from 'node:fs';
import type { BrowserContext, Page } from 'playwright-core';
import { createMockApnsAuthority } from '@ward/simulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, screenshot, seriousViolations, signInThroughIdentityProvider, type AxeViolation, type TestBrowser } from './support/browser.js';
import { expectStatus, signIn } from './support/seed.js';
import { startWardServer, type WardServer } from './support/ward-server.js';

const dayMs = 86_400_000;
const topic = 'com.apple.mgmt.External.9a7c5e3b-1d2f-4b6a-8c0e-2f4a6c8e0b1d';
const auditor = { email: 'auditor@example.com', password: 'Auditor-password-2024!' };

// Issue 5 §1 in a real browser against `ward serve`: the Apple push certificate card on the
// enrollment page, from "not set up" through the CSR download, a refused upload shown in words,
// Apple's certificate (issued here by a stand-in for Apple) uploaded, and the 30-day warning.
describe('the Apple push certificate in a real browser', { timeout: 180_000 }, () => {
  let server: WardServer | undefined;
  let chrome: TestBrowser | undefined;
  let context: BrowserContext | undefined;
  let page: Page;
  const apple = createMockApnsAuthority();
  const violations: { page: string; violations: AxeViolation[] }[] = [];
  let csrPem = '';

  const check = async (name: string) => {
    await page.waitForLoadState('networkidle');
    await screenshot(page, name);
    violations.push({ page: name, violations: await seriousViolations(page) });
  };
  const card = () => page.getByTestId('push-certificate');
  const state = () => card().locator('[data-state]').getAttribute('data-state');
  const chooseFile = (name: string, buffer: Buffer) => card().locator('input[type="file"]').setInputFiles({ name, mimeType: 'application/x-pem-file', buffer });

  const signInAs = async (email: string, password: string) => {
    await page.goto('/');
    await signInThroughIdentityProvider(page, { email, password });
    await page.getByRole('heading', { name: 'Dashboard' }).waitFor();
    await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Enrollment', exact: true }).click();
    await page.getByRole('heading', { name: 'Apple push certificate' }).waitFor();
  };

  beforeAll(async () => {
    const started = await startWardServer();
    server = started;
    const admin = await signIn(started, started.admin.email, started.admin.password);
    expectStatus(await started.call('POST', '/api/v1/admins', { token: admin, body: { ...auditor, displayName: 'Avery Auditor', role: 'readOnlyAuditor' } }), 201, 'create the auditor');
    chrome = await launchBrowser();
    context = await chrome.browser.newContext({ viewport: { width: 1280, height: 900 }, ignoreHTTPSErrors: true, bypassCSP: true, baseURL: started.url, acceptDownloads: true });
    page = await context.newPage();
    await signInAs(started.admin.email, started.admin.password);
  });

  afterAll(async () => {
    await context?.close();
    await chrome?.close();
    await server?.stop();
  });

  it('starts not set up, and a CSR is made from the keyboard and downloaded as a file', async () => {
    await expect.poll(state).toBe('notConfigured');
    await check('push-certificate-none');
    const create = card().getByRole('button', { name: 'Create CSR' });
    await create.focus();
    await page.keyboard.press('Enter');
    // The server makes an RSA-2048 key for the CSR: seconds on a busy machine, so more than poll's default second.
    await expect.poll(state, { timeout: 15_000 }).toBe('pending');
    expect(await card().textContent()).toContain('mdmcert.download');
    const download = page.waitForEvent('download');
    const button = card().getByRole('button', { name: 'Download CSR' });
    await button.focus();
    await page.keyboard.press('Enter');
    const file = await download;
    expect(file.suggestedFilename()).toBe('ward-push-certificate.csr');
    csrPem = readFileSync(await file.path(), 'utf8');
    expect(csrPem).toMatch(/^-----BEGIN CERTIFICATE REQUEST-----\n/);
    await check('push-certificate-pending');
  });

  it('refuses a file that is not Apple\'s certificate, in words, with its code', async () => {
    await chooseFile('notes.pem', Buffer.from('these are my notes, not a certificate'));
    await card().getByRole('button', { name: 'Upload certificate' }).click();
    const refusal = card().getByRole('alert').filter({ hasText: 'PUSH_CERTIFICATE_INVALID' });
    await refusal.waitFor();
    expect(await refusal.getAttribute('data-error-code')).toBe('PUSH_CERTIFICATE_INVALID');
    expect(await refusal.textContent()).toContain('That file is not an Apple MDM push certificate');
    await chooseFile('other.pem', Buffer.from(apple.issuePushIdentity({ topic }).certificatePem));
    await card().getByRole('button', { name: 'Upload certificate' }).click();
    const mismatch = card().getByRole('alert').filter({ hasText: 'PUSH_CERTIFICATE_KEY_MISMATCH' });
    await mismatch.waitFor();
    expect(await mismatch.textContent()).toContain('The certificate was issued for another request');
    expect(await state()).toBe('pending');
    await check('push-certificate-refused');
  });

  it('uploads the certificate Apple issued and warns that it expires within 30 days', async () => {
    // Issued 350 days ago for a year (X.509 keeps whole seconds): 15 days are left.
    const notBefore = new Date(Math.floor(Date.now() / 1000) * 1000 - 350 * dayMs);
    await chooseFile('MDM_Ward_Certificate.pem', Buffer.from(apple.issuePushCertificate(csrPem, { topic, notBefore, days: 365 })));
    await card().getByRole('button', { name: 'Upload certificate' }).click();
    await expect.poll(state).toBe('active');
    expect(await card().getByRole('row', { name: /Topic/ }).textContent()).toContain(topic);
    const warning = card().getByTestId('push-certificate-warning');
    await warning.waitFor();
    expect(await warning.textContent()).toMatch(/expires in 1[45] days/);
    await expect.poll(() => card().getByRole('button', { name: 'Renew: create CSR' }).isVisible()).toBe(true);
    await check('push-certificate-active');
  });

  it('shows a read-only auditor the status and the warning, without the buttons that change it', async () => {
    await page.evaluate(() => { window.sessionStorage.clear(); window.localStorage.clear(); });
    // The identity provider would sign the admin in again from its session cookie (single sign-on).
    await context?.clearCookies();
    await signInAs(auditor.email, auditor.password);
    await expect.poll(state).toBe('active');
    await card().getByTestId('push-certificate-warning').waitFor();
    expect(await card().getByRole('button', { name: /CSR|Upload/ }).count()).toBe(0);
    await check('push-certificate-auditor');
  });

  it('has no serious or critical accessibility violations', () => {
    expect(violations.map((v) => v.page)).toEqual(['push-certificate-none', 'push-certificate-pending', 'push-certificate-refused', 'push-certificate-active', 'push-certificate-auditor']);
    expect(violations.filter((v) => v.violations.length > 0)).toEqual([]);
  });
});
