// Throughput with a fixed number of clients in flight, for `npm run bench -- idp`.
import { performance } from 'node:perf_hooks';

/** What one throughput run measured. */
export interface Throughput {
  readonly name: string;
  readonly operations: number;
  readonly concurrency: number;
  readonly perSecond: number;
  readonly p50: number;
  readonly p95: number;
  readonly max: number;
}

function quantile(sorted: readonly number[], q: number): number {
  return sorted[Math.max(0, Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1))] ?? Number.NaN;
}

/**
 * Runs `operation` `count` times with `concurrency` workers, each running its share one after
 * another (worker `w` gets operations w, w+concurrency, …, so per-worker state stays private),
 * and reports operations per second over the whole run and per-operation latency.
 */
export async function throughput(name: string, count: number, concurrency: number, operation: (i: number, worker: number) => Promise<void>): Promise<Throughput> {
  const latencies: number[] = [];
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async (_, worker) => {
      for (let i = worker; i < count; i += concurrency) {
        const t0 = performance.now();
        await operation(i, worker);
        latencies.push(performance.now() - t0);
      }
    }),
  );
  const elapsed = performance.now() - started;
  latencies.sort((a, b) => a - b);
  return { name, operations: count, concurrency, perSecond: (count / elapsed) * 1000, p50: quantile(latencies, 0.5), p95: quantile(latencies, 0.95), max: latencies[latencies.length - 1] ?? Number.NaN };
}

/** Median and max of a list of milliseconds. */
export function medianAndMax(values: readonly number[]): { median: number; max: number } {
  const sorted = [...values].sort((a, b) => a - b);
  return { median: sorted[Math.floor((sorted.length - 1) / 2)] ?? Number.NaN, max: sorted[sorted.length - 1] ?? Number.NaN };
}

/** Prints throughput rows as an aligned table. */
export function printThroughput(title: string, rows: readonly Throughput[]): void {
  console.log(`\n${title}`);
  console.log(`${'operation'.padEnd(58)} ${'n'.padStart(6)} ${'conc'.padStart(4)} ${'ops/s'.padStart(8)} ${'p50 ms'.padStart(8)} ${'p95 ms'.padStart(8)} ${'max ms'.padStart(8)}`);
  for (const r of rows) {
    console.log(`${r.name.padEnd(58)} ${String(r.operations).padStart(6)} ${String(r.concurrency).padStart(4)} ${r.perSecond.toFixed(0).padStart(8)} ${r.p50.toFixed(2).padStart(8)} ${r.p95.toFixed(2).padStart(8)} ${r.max.toFixed(2).padStart(8)}`);
  }
}
