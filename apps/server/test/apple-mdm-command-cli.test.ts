import { createHash, createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import { rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureTenant, registerDevice, systemPrincipal, type AuthDeps, type Device, type WardStores } from '@ward/core';
import { createStores, openDatabase, type WardDatabase } from '@ward/store';
import { main } from '../src/cli/main.js';
import { tempDataDir } from './support/start-ward.js';

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

// The CLI in-process on a real SQLite data directory. The Apple devices are arranged through the
// store as enrollment would leave them (no iPhone here): the CLI's part is queueing and listing.
describe('ward device mdm-command (in-process, SQLite)', { timeout: 60_000 }, () => {
  const dataDir = tempDataDir('ward-mdm-cli-');
  let database: WardDatabase | undefined;
  let stores: WardStores;
  let iphone: Device;
  let linux: Device;

  async function ward(...args: string[]): Promise<Run> {
    let stdout = '';
    let stderr = '';
    const io = { stdout: { write: (t: string) => (stdout += t) }, stderr: { write: (t: string) => (stderr += t) }, env: { WARD_DATA_DIR: dataDir, WARD_LOG_LEVEL: 'silent' } };
    const code = await main(['node', 'ward', ...args], io);
    return { code, stdout, stderr };
  }

  beforeAll(async () => {
    // The first run creates and migrates the database and the default tenant.
    expect((await ward('device', 'list')).code).toBe(0);
    database = openDatabase({ sqlitePath: join(dataDir, 'ward.db') });
    const ids = { newId: () => randomUUID(), randomBytes: (n: number) => new Uint8Array(n) };
    const digests = { sha256Hex: (d: Uint8Array) => createHash('sha256').update(d).digest('hex'), hmac: (a: 'sha256', k: Uint8Array, d: Uint8Array) => new Uint8Array(createHmac(a, k).update(d).digest()), timingSafeEqual: (a: Uint8Array, b: Uint8Array) => a.length === b.length && timingSafeEqual(a, b) };
    const set = createStores(database, { ids, digests });
    stores = set.stores;
    const deps = { clock: { now: () => new Date() }, ids, digests, stores, tx: set.tx } as unknown as AuthDeps<WardStores>;
    const tenant = await ensureTenant(deps);
    const system = systemPrincipal(tenant.id, 'cli');
    const made = async (name: string, platform: 'ios' | 'linux'): Promise<Device> => {
      const d = await registerDevice(deps, system, { name, platform, ownership: 'corporate' });
      if (!d.ok) throw new Error(d.message);
      return d.value;
    };
    iphone = await made('iphone', 'ios');
    linux = await made('linux', 'linux');
    await stores.putAppleEnrollment({
      tenantId: tenant.id,
      deviceId: iphone.id,
      udid: '00008110-000A1C2E3F40801E',
      enrollmentId: null,
      userEnrollment: false,
      state: 'active',
      topic: 'com.apple.mgmt.External.3b5d7f91-2c4e-4a6b-8d0f-1e3a5c7e9b2d',
      pushToken: 'ab'.repeat(32),
      pushMagic: 'MAGIC',
      unlockToken: null,
      bootstrapToken: null,
      installedProfiles: [],
      authenticatedAt: new Date(),
      tokenUpdatedAt: new Date(),
      checkedOutAt: null,
    });
  });
  afterAll(async () => {
    await database?.close();
    rmSync(dirname(dataDir), { recursive: true, force: true });
  });

  it('queues a Settings command renaming the device, with a wake-up job for the server', async () => {
    const run = await ward('device', 'mdm-command', iphone.id, 'Settings', '--payload', '{"Settings":[{"Item":"DeviceName","DeviceName":"Front desk"}]}', '--json');
    expect(run.code, run.stderr).toBe(0);
    const queued = JSON.parse(run.stdout) as { commandUuid: string; requestType: string; deviceId: string };
    expect(queued).toMatchObject({ requestType: 'Settings', deviceId: iphone.id });
    const pending = await stores.listAppleCommands(iphone.tenantId, iphone.id);
    expect(pending.map((c) => [c.commandUuid, c.requestType, c.payload])).toEqual([[queued.commandUuid, 'Settings', { Settings: [{ Item: 'DeviceName', DeviceName: 'Front desk' }] }]]);
    const jobs = await database?.db.selectFrom('jobs').select(['kind', 'payload']).where('kind', '=', 'devices.wake').execute();
    expect(JSON.stringify(jobs)).toContain(iphone.id);
  });

  it('lists the pending command', async () => {
    const run = await ward('device', 'mdm-commands', iphone.id);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/COMMAND\s+REQUEST\s+STATUS/);
    expect(run.stdout).toMatch(/Settings\s+queued\s+cli\s/);
  });

  it("refuses, with the usage status, a payload that is not JSON or breaks Apple's schema, and an unknown RequestType", async () => {
    const notJson = await ward('device', 'mdm-command', iphone.id, 'Settings', '--payload', '{nope');
    expect(notJson.code).toBe(2);
    expect(notJson.stderr).toContain('--payload: not JSON');
    const array = await ward('device', 'mdm-command', iphone.id, 'Settings', '--payload', '[]');
    expect(array.code).toBe(2);
    const schema = await ward('device', 'mdm-command', iphone.id, 'Settings', '--payload', '{"Settings":"x"}');
    expect(schema.code).toBe(2);
    expect(schema.stderr).toContain('VALIDATION_FAILED');
    const erase = await ward('device', 'mdm-command', iphone.id, 'EraseDevice');
    expect(erase.code).toBe(2);
    expect(erase.stderr).toContain('Unknown RequestType EraseDevice');
    expect((await stores.listAppleCommands(iphone.tenantId, iphone.id)).length).toBe(1);
  });

  it('refuses a device that is not enrolled over Apple MDM', async () => {
    const run = await ward('device', 'mdm-command', linux.id, 'ProfileList');
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('ACTION_NOT_SUPPORTED');
  });
});
