import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createApp, createUser, registerSdkApp, systemPrincipal } from '@ward/core';
import { main } from '../src/cli/main.js';
import { loadConfig } from '../src/config/load-config.js';
import { createLogger } from '../src/logging/create-logger.js';
import { openWard, type WardRuntime } from '../src/runtime/open-ward.js';
import { tempDataDir } from './support/start-ward.js';

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

interface PolicyJson {
  readonly id: string;
  readonly name: string;
  readonly settings: { readonly pin: { readonly minLength: number }; readonly clipboard: string };
  readonly targets: { readonly apps: readonly string[] };
}

interface RegistrationJson {
  readonly id: string;
  readonly userId: string;
  readonly deviceTag: string;
  readonly state: string;
}

// `ward app-protection policy …` and `ward app-registration …` in-process on a real SQLite data
// directory: the same program `ward` runs, driven through its io. Catalog apps, users and the SDK's
// registrations are made through core, as the API and the SDK endpoints would make them.
describe('ward app-protection and app-registration (in-process, SQLite)', { timeout: 60_000 }, () => {
  const dataDir = tempDataDir('ward-mam-cli-');
  const root = dirname(dataDir);
  const env = { WARD_DATA_DIR: dataDir, WARD_LOG_LEVEL: 'silent' };
  const tags = { laptop: randomBytes(16).toString('base64url'), phone: randomBytes(16).toString('base64url') };
  let policyId = '';
  const registrationIds: string[] = [];

  async function ward(...args: string[]): Promise<Run> {
    let stdout = '';
    let stderr = '';
    const io = { stdout: { write: (t: string) => (stdout += t) }, stderr: { write: (t: string) => (stderr += t) }, env };
    const code = await main(['node', 'ward', ...args], io);
    return { code, stdout, stderr };
  }

  async function withRuntime<T>(work: (runtime: WardRuntime) => Promise<T>): Promise<T> {
    const config = loadConfig({ env });
    if (!config.ok) throw new Error(config.errors.join('\n'));
    const runtime = await openWard(config.config, { logger: createLogger({ level: 'silent', format: 'json', destination: { write: () => true }, base: {} }) });
    try {
      return await work(runtime);
    } finally {
      await runtime.close();
    }
  }

  beforeAll(async () => {
    await withRuntime(async (runtime) => {
      const principal = systemPrincipal(runtime.tenant.id, 'system');
      const app = await createApp(runtime.deps, principal, { name: 'Notes', kind: 'web', identifier: 'com.ward.notes-demo', details: { url: 'https://notes.example.com/' } });
      if (!app.ok) throw new Error(app.message);
      const user = await createUser(runtime.deps, principal, { email: 'ada@example.com', displayName: 'Ada' });
      if (!user.ok) throw new Error(user.message);
    });
  });

  afterEach(() => {
    // `main` sets the process's exit status as the real CLI does; the test runner's must not inherit it.
    process.exitCode = 0;
  });

  afterAll(() => {
    rmSync(root, { recursive: true, force: true });
  });

  it('creates a policy from flags and a settings file, and prints what it enforces', async () => {
    const file = join(root, 'settings.json');
    writeFileSync(file, JSON.stringify({ pin: { minLength: 8 }, clipboard: 'blocked', offline: { accessCheckAfterMinutes: 60, wipeAfterDays: 30 } }));
    const run = await ward('app-protection', 'policy', 'create', '--name', 'Notes baseline', '--app', 'com.ward.notes-demo', '--settings-file', file);
    expect(run.code, run.stderr).toBe(0);
    policyId = /Created app protection policy (\S+) "Notes baseline"/u.exec(run.stderr)?.[1] ?? '';
    expect(policyId).not.toBe('');
    expect(run.stdout).toContain('Apps:        com.ward.notes-demo');
    expect(run.stdout).toContain('Users:       all users');
    expect(run.stdout).toContain('PIN:         numeric, at least 8, 5 tries');
    expect(run.stdout).toContain('clipboard blocked');
    expect(run.stdout).toContain('access checked after 60 min, wiped after 30 days');
  });

  it('refuses bad input with the reason and the right status, changing nothing', async () => {
    const noApp = await ward('app-protection', 'policy', 'create', '--name', 'No app');
    expect(noApp.code).toBe(2);
    expect(noApp.stderr).toContain('--app');
    const notJson = join(root, 'not-json.txt');
    writeFileSync(notJson, 'pin: 4');
    const badFile = await ward('app-protection', 'policy', 'create', '--name', 'Bad file', '--app', 'com.ward.notes-demo', '--settings-file', notJson);
    expect(badFile.code).toBe(2);
    expect(badFile.stderr).toContain('is not JSON');
    const huge = join(root, 'huge.json');
    writeFileSync(huge, JSON.stringify({ padding: 'x'.repeat(70 * 1024) }));
    expect((await ward('app-protection', 'policy', 'create', '--name', 'Huge', '--app', 'com.ward.notes-demo', '--settings-file', huge)).code).toBe(2);
    const range = join(root, 'range.json');
    writeFileSync(range, JSON.stringify({ pin: { minLength: 40 } }));
    const outOfRange = await ward('app-protection', 'policy', 'create', '--name', 'Long PIN', '--app', 'com.ward.notes-demo', '--settings-file', range);
    expect(outOfRange.code).toBe(1);
    expect(outOfRange.stderr).toContain('settings.pin.minLength');
    expect(outOfRange.stderr).toContain('APP_PROTECTION_POLICY_INVALID');
    const unknownApp = await ward('app-protection', 'policy', 'create', '--name', 'Unknown', '--app', 'com.example.none');
    expect(unknownApp.code).toBe(1);
    const taken = await ward('app-protection', 'policy', 'create', '--name', 'notes BASELINE', '--app', 'com.ward.notes-demo');
    expect(taken.stderr).toContain('APP_PROTECTION_POLICY_NAME_TAKEN');
    const listed = await ward('app-protection', 'policy', 'list', '--json');
    expect(listed.stdout.trim().split('\n').map((l) => (JSON.parse(l) as PolicyJson).name)).toEqual(['Notes baseline']);
  });

  it('lists, shows and, at the end, deletes', async () => {
    const table = await ward('app-protection', 'policy', 'list', '--app', 'com.ward.notes-demo');
    expect(table.code, table.stderr).toBe(0);
    expect(table.stdout).toMatch(new RegExp(`${policyId}\\s+Notes baseline\\s+all users\\s+com.ward.notes-demo`, 'u'));
    const none = await ward('app-protection', 'policy', 'list', '--app', 'com.example.other');
    expect(none.stderr).toContain('No app protection policies');
    const shown = await ward('app-protection', 'policy', 'show', policyId, '--json');
    expect(JSON.parse(shown.stdout) as PolicyJson).toMatchObject({ id: policyId, settings: { pin: { minLength: 8 }, clipboard: 'blocked' } });
    const missing = await ward('app-protection', 'policy', 'show', '01890000-0000-7000-8000-000000000000');
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('APP_PROTECTION_POLICY_NOT_FOUND');
  });

  it('lists the registrations apps made, and wipes one, or a user\'s on one installation', async () => {
    await withRuntime(async (runtime) => {
      const user = await runtime.deps.stores.getUserByEmail(runtime.tenant.id, 'ada@example.com');
      if (user === undefined) throw new Error('no user');
      for (const deviceTag of [tags.laptop, tags.phone]) {
        const jwk = generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey.export({ format: 'jwk' });
        const registered = await registerSdkApp(runtime.deps, { tenantId: runtime.tenant.id, userId: user.id }, { appId: 'com.ward.notes-demo', appVersion: '1.0.0', sdkVersion: '1.0.0', platform: 'web', deviceTag, publicKey: { kty: 'EC', crv: 'P-256', x: jwk.x, y: jwk.y } });
        if (!registered.ok) throw new Error(registered.message);
        registrationIds.push(registered.value.response.registrationId);
      }
    });
    const listed = await ward('app-registration', 'list', '--user', 'ada@example.com');
    expect(listed.code, listed.stderr).toBe(0);
    for (const id of registrationIds) expect(listed.stdout).toMatch(new RegExp(`${id}\\s+\\S+\\s+com.ward.notes-demo\\s+\\S+\\s+active\\s+never`, 'u'));
    expect((await ward('app-registration', 'list', '--state', 'gone')).code).toBe(2);
    expect((await ward('app-registration', 'list', '--user', 'nobody@example.com')).code).toBe(2);

    const one = await ward('app-registration', 'wipe', registrationIds[0] ?? '');
    expect(one.code, one.stderr).toBe(0);
    expect(one.stderr).toContain('Wipe requested for 1 registration');
    expect(one.stdout).toContain('wipePending');

    const onPhone = await ward('app-registration', 'wipe', '--user', 'ada@example.com', '--device-tag', tags.phone, '--json');
    expect(onPhone.code, onPhone.stderr).toBe(0);
    const reached = onPhone.stdout.trim().split('\n').map((l) => JSON.parse(l) as RegistrationJson);
    expect(reached.map((r) => [r.id, r.deviceTag, r.state])).toEqual([[registrationIds[1], tags.phone, 'wipePending']]);

    const pending = await ward('app-registration', 'list', '--state', 'wipePending', '--json');
    expect(pending.stdout.trim().split('\n').map((l) => (JSON.parse(l) as RegistrationJson).id).sort()).toEqual([...registrationIds].sort());
  });

  it('refuses ambiguous or impossible wipes', async () => {
    expect((await ward('app-registration', 'wipe')).code).toBe(2);
    expect((await ward('app-registration', 'wipe', registrationIds[0] ?? '', '--user', 'ada@example.com')).code).toBe(2);
    expect((await ward('app-registration', 'wipe', registrationIds[0] ?? '', '--device-tag', tags.laptop)).code).toBe(2);
    const unknown = await ward('app-registration', 'wipe', '01890000-0000-7000-8000-000000000000');
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('APP_REGISTRATION_NOT_FOUND');
    const stranger = await ward('app-registration', 'wipe', '--user', '01890000-0000-7000-8000-000000000000');
    expect(stranger.code).toBe(2);
    expect(stranger.stderr).toContain('USER_NOT_FOUND');
  });

  it('deletes the policy', async () => {
    const deleted = await ward('app-protection', 'policy', 'delete', policyId);
    expect(deleted.code, deleted.stderr).toBe(0);
    expect((await ward('app-protection', 'policy', 'delete', policyId)).code).toBe(1);
  });
});
