import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Polls a fleet's summed stats (every 20 ms) until `predicate` holds, logging `describe(stats)`
 * every 15 s so a long wait shows where it stands; throws after `timeoutMs`.
 */
export async function waitForFleet<S>(read: () => S, what: string, timeoutMs: number, predicate: (stats: S) => boolean, describe: (stats: S) => string): Promise<S> {
  const deadline = Date.now() + timeoutMs;
  let lastReport = Date.now();
  for (;;) {
    const stats = read();
    if (predicate(stats)) return stats;
    if (Date.now() > deadline) throw new Error(`${what}: not reached within ${timeoutMs / 1000} s: ${JSON.stringify(stats)}`);
    if (Date.now() - lastReport > 15_000) {
      lastReport = Date.now();
      console.log(`    … ${what}: ${describe(stats)}`);
    }
    await sleep(20);
  }
}
