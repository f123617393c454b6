// The device check-in path below HTTP, timed in-process: `node bench/dist/check-in-path.js`
// after `npx tsc -b`. Seeds a SQLite file (or, with WARD_BENCH_DATABASE_URL, an empty PostgreSQL
// schema named by the URL's search_path) with WARD_BENCH_DEVICES devices (10,000), then times
// what the agents benchmark's server spends its CPU on per device: authenticating a request, a
// check-in that changes nothing, "sync all", the check-in that takes the sync and the one that
// reports its result. CPU time is printed beside elapsed time: it holds steady on a busy machine.
import { generateKeyPairSync, randomBytes, sign } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  authenticateDevice,
  checkInDevice,
  ensureTenant,
  maxActionDevices,
  requestDeviceAction,
  systemPrincipal,
  type CommandSigner,
  type Device,
  type DeviceFacts,
  type DeviceId,
  type DeviceIdentity,
  type DeviceSession,
} from '@ward/core';
import { createStores, migrateToLatest, openDatabase } from '@ward/store';
import { benchClock, benchDigests, benchIds } from './bench-deps.js';

const deviceCount = Number(process.env.WARD_BENCH_DEVICES ?? 10_000);
const databaseUrl = process.env.WARD_BENCH_DATABASE_URL;
const agentVersion = '0.1.0-bench';
// What the simulator's agents report in their first check-in.
const facts: DeviceFacts = { osVersion: '24.04', osBuild: '6.8.0-sim', encrypted: true, passcodeSet: true, firewallOn: true, screenLockSeconds: 300, secureBoot: true, totalStorageBytes: 512e9, freeStorageBytes: 200e9, memoryBytes: 16e9, agentVersion };
const inventory = { os: { name: 'Ubuntu', version: '24.04' }, hardware: { vendor: 'Ward', product: 'Virtual Machine' } };

const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
const signer: CommandSigner = { sign: (data) => Promise.resolve(sign('sha256', data, { key: privateKey, dsaEncoding: 'der' }).toString('base64')) };

/** Milliseconds per call: elapsed, and CPU time of this process (steadier on a busy machine). */
interface PerCall {
  readonly wall: number;
  readonly cpu: number;
}

const show = (ms: PerCall): string => `${ms.wall.toFixed(3)} ms per call (CPU ${ms.cpu.toFixed(3)} ms)`;

// With WARD_BENCH_PROFILE_DIR set, each timed step writes a CPU profile there (open it in Chrome's DevTools).
const profileDir = process.env.WARD_BENCH_PROFILE_DIR;
const inspector = profileDir === undefined ? undefined : new Session();
inspector?.connect();
const post = (method: string): Promise<unknown> =>
  new Promise((resolve, reject) => {
    inspector?.post(method, (error, result) => {
      if (error === null) resolve(result);
      else reject(error);
    });
  });

/** Runs `work`, profiled as `name` when asked to. */
async function profiled<T>(name: string, work: () => Promise<T>): Promise<T> {
  if (inspector === undefined || profileDir === undefined) return work();
  await post('Profiler.enable');
  await post('Profiler.start');
  try {
    return await work();
  } finally {
    const { profile } = (await post('Profiler.stop')) as { profile: unknown };
    writeFileSync(join(profileDir, `${name}.cpuprofile`), JSON.stringify(profile));
  }
}

/** Runs `step` for every item in turn. */
async function perCall<T>(name: string, items: readonly T[], step: (item: T) => Promise<void>): Promise<PerCall> {
  const started = performance.now();
  const cpu = process.cpuUsage();
  await profiled(name, async () => {
    for (const item of items) await step(item);
  });
  const used = process.cpuUsage(cpu);
  return { wall: (performance.now() - started) / items.length, cpu: (used.user + used.system) / 1000 / items.length };
}

const dir = databaseUrl === undefined ? mkdtempSync(join(tmpdir(), 'ward-bench-check-in-')) : undefined;
const database = openDatabase(dir === undefined ? { url: databaseUrl } : { sqlitePath: join(dir, 'ward.db') });
try {
  await migrateToLatest(database);
  const set = createStores(database, { digests: benchDigests, ids: benchIds, clock: benchClock });
  const deps = { clock: benchClock, ids: benchIds, digests: benchDigests, stores: set.stores, tx: set.tx };
  const tenant = await ensureTenant(deps);
  const admin = systemPrincipal(tenant.id, 'cli');

  const seeded = performance.now();
  const now = new Date();
  const devices: Device[] = [];
  const identities: DeviceIdentity[] = [];
  for (let i = 0; i < deviceCount; i++) {
    const id = benchIds.newId() as DeviceId;
    devices.push({
      id,
      tenantId: tenant.id,
      name: `bench-${i}`,
      platform: 'linux',
      ownership: 'corporate',
      managementState: 'enrolled',
      complianceState: 'unknown',
      serialNumber: `SN-${i}`,
      model: 'Virtual Machine',
      manufacturer: 'Ward',
      osVersion: facts.osVersion ?? null,
      primaryUserId: null,
      facts,
      inventory,
      enrolledAt: now,
      lastSeenAt: now,
      createdAt: now,
      updatedAt: now,
    });
    identities.push({ tenantId: tenant.id, serialNumber: randomBytes(16).toString('hex'), deviceId: id, fingerprint: randomBytes(32).toString('hex'), notBefore: now, notAfter: new Date(now.getTime() + 365 * 86_400_000), state: 'active', revokedAt: null, createdAt: now });
  }
  for (let i = 0; i < deviceCount; i += 500) {
    await set.tx.transaction(async (s) => {
      for (let j = i; j < Math.min(i + 500, deviceCount); j++) {
        const device = devices[j];
        const identity = identities[j];
        if (device === undefined || identity === undefined) continue;
        await s.insertDevice(device);
        await s.insertDeviceIdentity(identity);
      }
    });
  }
  console.log(`Seeded ${deviceCount} devices on ${database.dialect} in ${((performance.now() - seeded) / 1000).toFixed(1)} s`);

  const origin = { via: 'agent' as const, ip: '127.0.0.1' };
  const sessions: DeviceSession[] = [];
  const authMs = await perCall('authenticate', identities, async (identity) => {
    const session = await authenticateDevice(deps, { serialNumber: identity.serialNumber, fingerprint: identity.fingerprint }, origin);
    if (!session.ok) throw new Error(session.message);
    sessions.push(session.value);
  });
  console.log(`authenticateDevice:                       ${show(authMs)}`);

  const emptyMs = await perCall('empty-transaction', Array.from({ length: 1_000 }, () => 0), () => set.tx.transaction(() => Promise.resolve(undefined)));
  console.log(`empty transaction:                        ${show(emptyMs)}`);

  // Twice: the first round also pays for warming up (JIT, page cache).
  for (const round of [1, 2]) {
    const unchangedMs = await perCall(`unchanged-${round}`, sessions, async (session) => {
      const outcome = await checkInDevice(deps, session, { agentVersion, results: [] });
      if (!outcome.ok) throw new Error(outcome.message);
    });
    console.log(`checkInDevice, nothing changed (${round}):       ${show(unchangedMs)}`);
  }

  // Sync all: every device is told to check in.
  const wakes: number[] = [];
  const syncStarted = performance.now();
  const syncCpu = process.cpuUsage();
  const unsubscribe = set.events.subscribe('device.wake', () => wakes.push(performance.now() - syncStarted));
  let queued = 0;
  await profiled('sync-all', async () => {
    // The API takes at most maxActionDevices per request.
    for (let i = 0; i < devices.length; i += maxActionDevices) {
      const outcome = await requestDeviceAction({ ...deps, signer }, admin, { deviceIds: devices.slice(i, i + maxActionDevices).map((d) => d.id), type: 'sync' });
      if (!outcome.ok) throw new Error(outcome.message);
      queued += outcome.value.filter((o) => o.status === 'queued').length;
    }
  });
  const syncMs = performance.now() - syncStarted;
  const syncCpuUsed = process.cpuUsage(syncCpu);
  unsubscribe();
  console.log(`requestDeviceAction sync, ${queued} queued: ${syncMs.toFixed(0)} ms (CPU ${((syncCpuUsed.user + syncCpuUsed.system) / 1000).toFixed(0)} ms; first wake at ${(wakes[0] ?? Number.NaN).toFixed(0)} ms, ${wakes.length} wakes)`);

  const taken = new Map<string, string>();
  const takeMs = await perCall('takes-command', sessions, async (session) => {
    const outcome = await checkInDevice(deps, session, { agentVersion, results: [] });
    if (!outcome.ok) throw new Error(outcome.message);
    const command = outcome.value.commands[0];
    if (command === undefined) throw new Error('no command handed out');
    taken.set(session.device.id, command.id);
  });
  console.log(`checkInDevice, takes a command:           ${show(takeMs)}`);

  const finishedAt = new Date().toISOString();
  const resultMs = await perCall('reports-result', sessions, async (session) => {
    const outcome = await checkInDevice(deps, session, { agentVersion, results: [{ commandId: taken.get(session.device.id) ?? '', status: 'succeeded', finishedAt }] });
    if (!outcome.ok) throw new Error(outcome.message);
    if (outcome.value.acknowledgedResults.length !== 1) throw new Error('result not acknowledged');
  });
  console.log(`checkInDevice, reports a result:          ${show(resultMs)}`);

  const changedMs = await perCall('fact-changed', sessions, async (session) => {
    const outcome = await checkInDevice(deps, session, { agentVersion, facts: { freeStorageBytes: Math.floor(Math.random() * 1e9) }, results: [] });
    if (!outcome.ok) throw new Error(outcome.message);
  });
  console.log(`checkInDevice, a fact changed:            ${show(changedMs)}`);
} finally {
  await database.close();
  if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
}
