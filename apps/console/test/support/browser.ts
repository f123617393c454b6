import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';

/** Debian's Chromium; the tests never download a browser. */
export const chromiumPath = '/usr/bin/chromium';

/** The flags the machine's Chromium runs with: headless, and no calls home (the network is closed). */
export const chromiumFlags = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'] as const;

/** Where the browser tests leave their screenshots (gitignored; the README names it). */
export const screenshotDir = fileURLToPath(new URL('../../test-results/screenshots/', import.meta.url));

/** The built console the server serves; the tests need `npm run build:console` first (`npm test` does it). */
export const consoleDist = fileURLToPath(new URL('../../dist/', import.meta.url));

/** A Chromium started for one test file, and its profile directory. */
export interface TestBrowser {
  readonly browser: Browser;
  close(): Promise<void>;
}

/**
 * Launches Debian's Chromium with exactly {@link chromiumFlags}, plus what Playwright needs to
 * drive it (a pipe for the DevTools protocol and a throwaway profile). Fails with the fix when the
 * browser or the console build is missing, rather than skipping.
 */
export async function launchBrowser(): Promise<TestBrowser> {
  if (!existsSync(chromiumPath)) throw new Error(`${chromiumPath} is missing: apt-get install -y chromium`);
  execFileSync(chromiumPath, ['--version'], { stdio: 'ignore' });
  if (!existsSync(join(consoleDist, 'index.html'))) throw new Error('apps/console/dist is not built: run npm run build:console');
  const profile = mkdtempSync(join(tmpdir(), 'ward-chromium-'));
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    ignoreDefaultArgs: true,
    args: [...chromiumFlags, '--remote-debugging-pipe', `--user-data-dir=${profile}`, '--no-startup-window'],
    timeout: 60_000,
  });
  mkdirSync(screenshotDir, { recursive: true });
  return {
    browser,
    async close() {
      await browser.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** One accessibility violation axe-core found, with the elements it names. */
export interface AxeViolation {
  readonly id: string;
  readonly impact: string | null;
  readonly help: string;
  readonly targets: readonly string[];
}

/**
 * Runs axe-core's WCAG 2.1 A/AA rules on the page as it is now and answers the serious and
 * critical violations (the page's context must bypass its CSP for the injected script).
 */
export async function seriousViolations(page: Page): Promise<AxeViolation[]> {
  await page.addScriptTag({ content: axeSource });
  const violations = await page.evaluate(async () => {
    interface Result { id: string; impact: string | null; help: string; nodes: { target: unknown[] }[] }
    const axe = (window as unknown as { axe: { run(context: Document, options: unknown): Promise<{ violations: Result[] }> } }).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map((n) => JSON.stringify(n.target)) }));
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/** Saves a full-page screenshot under {@link screenshotDir}. */
export async function screenshot(page: Page, name: string): Promise<void> {
  // From the top: scrolled, the shell's fixed header and navigation would be drawn mid-page.
  await page.evaluate(() => { window.scrollTo(0, 0); });
  await page.screenshot({ path: join(screenshotDir, `${name}.png`), fullPage: true });
}

/**
 * Signs in from the console's or the portal's sign-in page through Ward's identity provider: its
 * button, then the provider's own page (e-mail and password), back to the app.
 */
export async function signInThroughIdentityProvider(page: Page, person: { readonly email: string; readonly password: string }): Promise<void> {
  await page.getByRole('button', { name: 'Sign in with your organisation account' }).click();
  await page.getByLabel('E-mail').fill(person.email);
  await page.getByRole('textbox', { name: 'Password' }).fill(person.password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
}
