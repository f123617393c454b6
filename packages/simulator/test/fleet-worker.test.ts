import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FleetWorker, type FleetStats } from '../src/index.js';
import { startInProcessWard, type InProcessWard } from './support/in-process-ward.js';

// A forked worker runs compiled JavaScript, as the benchmark runs it: `npm test` builds first.
const compiledWorker = fileURLToPath(new URL('../dist/fleet-worker.js', import.meta.url));

let ward: InProcessWard;
let worker: FleetWorker | undefined;

beforeAll(async () => {
  ward = await startInProcessWard();
});

afterAll(async () => {
  await worker?.stop();
  await ward.close();
});

async function until(predicate: (stats: FleetStats) => boolean, timeoutMs: number): Promise<FleetStats> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const stats = worker?.stats;
    if (stats !== undefined && predicate(stats)) return stats;
    if (Date.now() > deadline) throw new Error(`not reached: ${JSON.stringify(stats)}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe.runIf(existsSync(compiledWorker))('a fleet worker process', () => {
  it('enrolls its share, connects, runs a steady-state window and stops when told, over IPC', async () => {
    const { text } = await ward.api<{ text: string }>('POST', '/api/v1/enrollment-tokens', { name: 'Worker fleet', maxUses: null, ownership: 'corporate', expiresInHours: 1 });
    worker = new FleetWorker({ modulePath: compiledWorker });
    const enrolled = await worker.enroll({ server: ward.url, enrollmentToken: text, caPem: ward.caPem, count: 3, firstIndex: 10, hardwareIdPrefix: 'worker-test' }, 30_000);
    expect(enrolled.deviceIds).toHaveLength(3);
    expect(enrolled.reused).toBe(0);

    worker.start();
    await until((s) => s.pushOpen === 3 && s.checkIns >= 3 && s.busy === 0, 20_000);
    const report = await worker.steady(500, 100, 30_000);
    expect(report).toMatchObject({ failures: 0, undrained: 0 });
    expect(report.checkIns).toBeGreaterThan(0);

    const child = worker.child;
    await worker.stop();
    expect(child.exitCode).toBe(0);
    const devices = await ward.api<{ items: { name: string }[] }>('GET', '/api/v1/devices?limit=10&sort=name');
    expect(devices.items.map((d) => d.name)).toEqual(['virtual-00010', 'virtual-00011', 'virtual-00012']);
  });
});
