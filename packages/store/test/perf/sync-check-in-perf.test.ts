import { generateKeyPairSync, sign } from 'node:crypto';
import { describe, it } from 'vitest';
import { authenticateDevice, checkInDevice, requestDeviceAction, systemPrincipal, type Clock, type CommandSigner, type DeviceSession } from '@ward/core';
import { createStores } from '../../src/index.js';
import { makeDevice, makeIdentity, makeTenant } from '../support/fixtures.js';
import { nodeDigests, openTestDatabase, sequentialIds } from '../support/test-database.js';

/**
 * "Sync all" below HTTP, on SQLite: prints the request's time and, per sync check-in, elapsed and
 * CPU time with check-ins arriving one at a time and in bursts (which share a COMMIT). Opt-in
 * (WARD_STORE_PERF=1; WARD_STORE_PERF_DEVICES, 10,000 by default): it prints figures and asserts
 * none, as timings on a shared machine prove nothing; sync-check-in.test.ts counts statements.
 */
const enabled = process.env['WARD_STORE_PERF'] === '1';
const fleetSize = Number(process.env['WARD_STORE_PERF_DEVICES'] ?? 10_000);

const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
const signer: CommandSigner = { sign: (data) => Promise.resolve(sign('sha256', data, { key: privateKey, dsaEncoding: 'der' }).toString('base64')) };
const clock: Clock = { now: () => new Date() };
const origin = { via: 'agent' as const, ip: '127.0.0.1' };

describe.runIf(enabled)('sync all at scale', () => {
  it(`fulfils a sync for each of ${fleetSize} devices`, { timeout: 1_800_000 }, async () => {
    const t = await openTestDatabase('sqlite');
    try {
      const ids = sequentialIds();
      const set = createStores(t.database, { digests: nodeDigests, ids, clock });
      const deps = { clock, ids, digests: nodeDigests, stores: set.stores, tx: set.tx };
      const tenant = makeTenant('tenant-perf').id;
      await set.stores.insertTenant(makeTenant('tenant-perf'));
      const inventory = { os: { name: 'Ubuntu', version: '24.04' }, hardware: { vendor: 'Ward', product: 'Virtual Machine' } };
      await set.tx.transaction(async (st) => {
        for (let i = 0; i < fleetSize; i++) {
          const id = `perf-${String(i).padStart(6, '0')}`;
          await st.insertDevice(makeDevice(tenant, id, { platform: 'linux', facts: { osVersion: '24.04', agentVersion: '1.0.0' }, inventory }));
          await st.insertDeviceIdentity(makeIdentity(tenant, `ae${String(i).padStart(8, '0')}`, id, { fingerprint: `fp-${id}`, notAfter: new Date(Date.now() + 365 * 86_400_000) }));
        }
      });
      const sessions: DeviceSession[] = [];
      for (let i = 0; i < fleetSize; i++) {
        const session = await authenticateDevice(deps, { serialNumber: `ae${String(i).padStart(8, '0')}`, fingerprint: `fp-perf-${String(i).padStart(6, '0')}` }, origin);
        if (!session.ok) throw new Error(session.message);
        sessions.push(session.value);
      }
      const checkIn = async (session: DeviceSession): Promise<void> => {
        const authenticated = await authenticateDevice(deps, { serialNumber: session.identity.serialNumber, fingerprint: session.identity.fingerprint }, origin);
        if (!authenticated.ok) throw new Error(authenticated.message);
        const outcome = await checkInDevice(deps, authenticated.value, { agentVersion: '1.0.0', results: [] });
        if (!outcome.ok) throw new Error(outcome.message);
      };
      // A first check-in each: the next ones are not first ones.
      for (const session of sessions) await checkIn(session);

      for (const burst of [1, 32]) {
        const startedAt = performance.now();
        const cpu = process.cpuUsage();
        const requested = await requestDeviceAction({ ...deps, signer }, systemPrincipal(tenant, 'cli'), { deviceIds: sessions.map((s) => s.device.id), type: 'sync' });
        if (!requested.ok) throw new Error(requested.message);
        const used = process.cpuUsage(cpu);
        console.log(`sync all for ${fleetSize} devices: ${(performance.now() - startedAt).toFixed(0)} ms (CPU ${((used.user + used.system) / 1000).toFixed(0)} ms)`);
        const checkInsAt = performance.now();
        const checkInsCpu = process.cpuUsage();
        for (let i = 0; i < sessions.length; i += burst) await Promise.all(sessions.slice(i, i + burst).map(checkIn));
        const checkInsUsed = process.cpuUsage(checkInsCpu);
        const perCheckIn = (performance.now() - checkInsAt) / fleetSize;
        console.log(`  sync check-ins arriving ${burst === 1 ? 'one at a time' : `${burst} together`}: ${perCheckIn.toFixed(3)} ms each (CPU ${((checkInsUsed.user + checkInsUsed.system) / 1000 / fleetSize).toFixed(3)} ms)`);
      }
    } finally {
      await t.dispose();
    }
  });
});
