import { existsSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, poll } from '../../server/test/support/poll.js';
import { signInFirstAdmin, startWard, tempDataDir, type ServedWard } from '../../server/test/support/start-ward.js';
import { createNotesDemoServer } from '../bin/serve.js';

const dist = fileURLToPath(new URL('../dist/', import.meta.url));
/** Debian's Chromium; the test never downloads a browser. */
const chromiumPath = '/usr/bin/chromium';
/** Headless, and no calls home (the machine's network is closed). */
const chromiumFlags = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const appId = 'com.ward.notes-demo';
const employee = { email: 'nora.notes@example.com', password: 'Nora-notes-password-2026!', displayName: 'Nora Notes' };
const pin = '246810';
const workText = 'Q3 forecast: revenue 4.2M, acquisition of Contoso closes in October';
const personalText = 'Pick up the dry cleaning on Friday';
/** What the SDK puts on the system clipboard instead of corporate text (its default notice). */
const notice = /protected by your organization/u;

interface Registration {
  id: string;
  userId: string;
  appIdentifier: string;
  platform: string;
  state: string;
  reported: { pinSet: boolean | null; encrypted: boolean | null };
  wipe: { id: string; outcome: string | null; confirmedAt: string | null } | null;
}

/** One entry of the SDK's IndexedDB object store, as the test reads it back. */
interface StoredEntry {
  key: string;
  kind: 'text' | 'bytes' | 'key' | 'other';
  /** The text, or the bytes as latin1 (every byte one character), so a search finds any plaintext. */
  content: string;
}

// Issue 7 §8 and its proof: the notes demo, built by Vite and served by its own server, signs in
// through `ward serve`'s identity provider in Debian's Chromium (playwright-core) and protects its
// work notes with the Ward SDK under a real app protection policy: the PIN, encryption at rest,
// the clipboard and print guards, and a selective wipe that spares the personal notes.
describe('the notes demo in a real browser against ward serve', { timeout: 300_000 }, () => {
  const dataDir = tempDataDir('ward-notes-demo-');
  let ward: ServedWard | undefined;
  let demo: Server | undefined;
  let demoUrl = '';
  let token = '';
  let userId = '';
  let browser: Browser | undefined;
  let context: BrowserContext | undefined;
  let page: Page;

  const served = (): ServedWard => {
    if (ward === undefined) throw new Error('the server is not running');
    return ward;
  };
  const api = async <T>(method: string, path: string, body?: unknown, expected = 200): Promise<T> => {
    const answer = await served().client.request<T>(method, path, { token, ...(body === undefined ? {} : { body }) });
    expect(answer.status, `${method} ${path}: ${answer.text}`).toBe(expected);
    return answer.body;
  };
  const registrations = async (): Promise<Registration[]> => (await api<{ items: Registration[] }>('GET', `/api/v1/app-registrations?userId=${userId}`)).items;
  const work = (): Locator => page.locator('section[data-ward-identity="corporate"]');
  const personal = (): Locator => page.locator('section[data-ward-identity="personal"]');
  const clipboard = (): Promise<string> => page.evaluate(() => navigator.clipboard.readText());
  /** Every entry the SDK keeps in the page's IndexedDB (database `ward-sdk`, store `values`). */
  const storedEntries = (): Promise<StoredEntry[]> =>
    page.evaluate(async () => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const open = indexedDB.open('ward-sdk');
        open.onsuccess = () => { resolve(open.result); };
        open.onerror = () => { reject(open.error ?? new Error('open failed')); };
      });
      const all = <T>(request: IDBRequest<T>): Promise<T> => new Promise((resolve, reject) => {
        request.onsuccess = () => { resolve(request.result); };
        request.onerror = () => { reject(request.error ?? new Error('read failed')); };
      });
      const store = db.transaction('values', 'readonly').objectStore('values');
      const keys = await all(store.getAllKeys());
      const values = await all(store.getAll());
      db.close();
      return keys.map((key, i): StoredEntry => {
        const value: unknown = values[i];
        const name = typeof key === 'string' ? key : JSON.stringify(key);
        if (typeof value === 'string') return { key: name, kind: 'text', content: value };
        if (value instanceof Uint8Array) return { key: name, kind: 'bytes', content: Array.from(value, (b) => String.fromCharCode(b)).join('') };
        if (value instanceof CryptoKey) return { key: name, kind: 'key', content: '' };
        return { key: name, kind: 'other', content: JSON.stringify(value) };
      });
    });
  const unlock = async () => {
    await work().getByRole('heading', { name: 'Enter your PIN' }).waitFor();
    await work().getByLabel('PIN', { exact: true }).fill(pin);
    await work().getByRole('button', { name: 'Unlock' }).click();
    await work().getByRole('button', { name: 'Add work note' }).waitFor();
  };

  beforeAll(async () => {
    // Fail with the fix rather than skip: the proof must run wherever the suite runs.
    if (!existsSync(join(dist, 'index.html'))) throw new Error('apps/notes-demo/dist is not built: run npm run build:demo');
    if (!existsSync(chromiumPath)) throw new Error(`${chromiumPath} is missing: apt-get install -y chromium`);
    ward = await startWard(dataDir);
    token = await signInFirstAdmin(ward);
    // A plain employee: a directory user with a password (set through the admin route) and no role.
    const created = await api<{ user: { id: string }; assignment: { id: string } }>('POST', '/api/v1/admins', { ...employee, role: 'readOnlyAuditor' }, 201);
    userId = created.user.id;
    await api('DELETE', `/api/v1/admins/${userId}/roles/${created.assignment.id}`, undefined, 204);

    const port = await freePort();
    demoUrl = `http://127.0.0.1:${port}`;
    // A single-page app is a public client: no secret, PKCE instead (RFC 9700 §2.1.1).
    const party = await api<{ relyingParty: { clientId: string } }>('POST', '/api/v1/identity/relying-parties', {
      name: 'Ward Notes',
      redirectUris: [`${demoUrl}/callback`],
      postLogoutRedirectUris: [],
      jwks: null,
      grantTypes: ['authorization_code'],
      tokenEndpointAuthMethod: 'none',
    }, 201);
    await api('POST', '/api/v1/apps', { name: 'Ward Notes', kind: 'web', identifier: appId, details: { url: demoUrl } }, 201);
    await api('POST', '/api/v1/app-protection-policies', {
      name: 'Notes: PIN, encryption, no copy out',
      targets: { users: { include: 'allUsers' }, apps: [appId] },
      settings: { pin: { required: true, type: 'numeric', minLength: 6, maxRetries: 5 }, encryptData: true, clipboard: 'blocked', printBlocked: true },
    }, 201);

    const server = createNotesDemoServer({ root: dist, config: { wardUrl: ward.url, clientId: party.relyingParty.clientId, appId } });
    demo = server;
    await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));

    browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumFlags, timeout: 60_000 });
    // Ward's certificate chains to its own CA, which this throwaway profile does not trust.
    context = await browser.newContext({ baseURL: demoUrl, ignoreHTTPSErrors: true });
    // The page may read the clipboard back, so the test sees exactly what a copy put there.
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: demoUrl });
    page = await context.newPage();
  }, 180_000);

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await new Promise((resolve) => demo?.close(resolve));
    await ward?.stop();
    rmSync(dirname(dataDir), { recursive: true, force: true });
  });

  it('keeps personal notes without any sign-in', async () => {
    await page.goto('/');
    await work().getByRole('button', { name: 'Sign in with your work account' }).waitFor();
    await personal().getByLabel('New personal note').fill(personalText);
    await personal().getByRole('button', { name: 'Add personal note' }).click();
    await personal().getByTestId('personal-notes').getByText(personalText).waitFor();
  });

  it('signs in through Ward with the code flow and PKCE, registers, and asks for a PIN first', async () => {
    await work().getByRole('button', { name: 'Sign in with your work account' }).click();
    await page.waitForURL((url) => url.href.startsWith(served().url));
    await page.getByLabel('E-mail').fill(employee.email);
    await page.getByLabel('Password').fill(employee.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(`${demoUrl}/`);
    // Either the PIN set-up or, when Ward refused the registration, the reason in words.
    await work().getByRole('heading', { name: 'Choose a PIN' }).or(work().getByTestId('work-problem')).waitFor();
    expect(await work().getByTestId('work-problem').count(), (await work().textContent()) ?? '').toBe(0);
    expect(await work().getByTestId('work-account').textContent()).toContain(employee.email);
    // No work note can be written before the PIN.
    expect(await work().getByRole('button', { name: 'Add work note' }).count()).toBe(0);
    const [registration] = await registrations();
    expect(registration).toMatchObject({ appIdentifier: appId, platform: 'web', state: 'active' });

    // The policy's rule, in words at the field.
    await work().getByLabel('New PIN').fill('1234');
    await work().getByLabel('Repeat the PIN').fill('1234');
    await work().getByRole('button', { name: 'Set PIN' }).click();
    await expect.poll(() => work().getByRole('alert').textContent()).toBe('The PIN needs at least 6 characters.');
    await work().getByLabel('New PIN').fill(pin);
    await work().getByLabel('Repeat the PIN').fill(pin);
    await work().getByRole('button', { name: 'Set PIN' }).click();
    await work().getByRole('button', { name: 'Add work note' }).waitFor();
  });

  it('asks for the PIN again at the next launch and counts a wrong one', async () => {
    await page.reload();
    await work().getByRole('heading', { name: 'Enter your PIN' }).waitFor();
    expect(await work().getByTestId('pin-retries').textContent()).toContain('5 tries left');
    await work().getByLabel('PIN', { exact: true }).fill('000000');
    await work().getByRole('button', { name: 'Unlock' }).click();
    await expect.poll(() => work().getByRole('alert').textContent()).toBe('That PIN is not right. 4 tries left.');
    await work().getByLabel('PIN', { exact: true }).fill(pin);
    await work().getByRole('button', { name: 'Unlock' }).click();
    await work().getByRole('button', { name: 'Add work note' }).waitFor();
  });

  it('stores work notes encrypted: the bytes at rest are not the plaintext, and they read back after a relaunch', async () => {
    await work().getByLabel('New work note').fill(workText);
    await work().getByRole('button', { name: 'Add work note' }).click();
    await work().getByTestId('corporate-notes').getByText(workText).waitFor();

    const noteId = await work().getByTestId('corporate-notes').locator('[data-note-id]').first().getAttribute('data-note-id');
    expect(noteId).toMatch(/^[0-9a-f-]{36}$/u);
    const entries = await storedEntries();
    const corporate = entries.filter((e) => e.key.startsWith('corp/data/'));
    expect(corporate.length).toBe(1);
    expect(corporate[0]?.kind).toBe('bytes');
    // Neither the text nor the note's name (its id) is anywhere in the browser's storage…
    for (const entry of entries) {
      expect(entry.content, entry.key).not.toContain('Contoso');
      expect(entry.content, entry.key).not.toContain(noteId);
      expect(entry.key).not.toContain(noteId);
    }
    // …while the same search finds the personal note, which is stored as it is.
    expect(entries.filter((e) => e.key.startsWith('personal/')).some((e) => e.content.includes('dry cleaning'))).toBe(true);

    await page.reload();
    await unlock();
    await work().getByTestId('corporate-notes').getByText(workText).waitFor();
    const [registration] = await registrations();
    await poll('the registration reports a PIN and encryption', async () => {
      const [current] = await registrations();
      return current?.reported.pinSet === true && current.reported.encrypted === true ? current : undefined;
    });
    expect(registration?.state).toBe('active');
  });

  it('refuses to copy work text out, by the Copy button and by a selection, while personal text copies', async () => {
    await personal().getByRole('button', { name: 'Copy personal note' }).click();
    await expect.poll(clipboard).toBe(personalText);

    await work().getByRole('button', { name: 'Copy work note' }).click();
    await expect.poll(() => work().getByTestId('corporate-notes-status').textContent()).toContain('does not allow work notes to be copied');
    await expect.poll(clipboard).toMatch(notice);
    expect(await clipboard()).not.toContain('Contoso');

    // Back to personal text, then a selection of the work note and Ctrl+C: the guard swaps the notice in.
    await personal().getByRole('button', { name: 'Copy personal note' }).click();
    await expect.poll(clipboard).toBe(personalText);
    await work().getByTestId('corporate-notes').locator('.note-text').first().selectText();
    await page.keyboard.press('Control+C');
    await expect.poll(clipboard).toMatch(notice);
    expect(await clipboard()).not.toContain('Contoso');

    // A selection of personal text is the user's own.
    await personal().getByTestId('personal-notes').locator('.note-text').first().selectText();
    await page.keyboard.press('Control+C');
    await expect.poll(clipboard).toBe(personalText);
  });

  it('blocks printing work notes: the button refuses, and a printout leaves them out', async () => {
    await work().getByRole('button', { name: 'Print' }).click();
    await expect.poll(() => work().getByTestId('work-toolbar-status').textContent()).toBe('Your organisation does not allow work notes to be printed.');
    expect(await page.locator('html').getAttribute('data-ward-print-blocked')).toBe('marked');
    await page.emulateMedia({ media: 'print' });
    expect(await work().isVisible()).toBe(false);
    expect(await personal().isVisible()).toBe(true);
    await page.emulateMedia({ media: 'screen' });
  });

  it('erases work notes at the check-in after an admin\'s selective wipe, and keeps the personal note', async () => {
    const [registration] = await registrations();
    if (registration === undefined) throw new Error('no registration');
    const asked = await api<Registration>('POST', `/api/v1/app-registrations/${registration.id}/wipe`, undefined, 202);
    expect(asked.state).toBe('wipePending');

    await work().getByRole('button', { name: 'Check in now' }).click();
    await page.locator('#banner[data-kind="wiped"]').waitFor();
    expect(await page.locator('#banner').textContent()).toContain('Your personal notes are untouched');
    await work().getByRole('button', { name: 'Sign in with your work account' }).waitFor();
    expect(await work().getByText(workText).count()).toBe(0);
    await personal().getByTestId('personal-notes').getByText(personalText).waitFor();

    const entries = await storedEntries();
    expect(entries.filter((e) => e.key.startsWith('corp/'))).toEqual([]);
    expect(entries.filter((e) => e.key.startsWith('personal/')).some((e) => e.content.includes('dry cleaning'))).toBe(true);

    // The wipe was confirmed once, and the registration is gone for good.
    const confirmed = await poll('the wipe confirmed', async () => {
      const current = (await registrations()).find((r) => r.id === registration.id);
      return current?.state === 'wiped' ? current : undefined;
    });
    expect(confirmed.wipe).toMatchObject({ outcome: 'succeeded' });
    expect(confirmed.wipe?.confirmedAt).not.toBeNull();

    // A relaunch still has the personal note and no work data.
    await page.reload();
    await work().getByRole('button', { name: 'Sign in with your work account' }).waitFor();
    await personal().getByTestId('personal-notes').getByText(personalText).waitFor();
  });
});
