import { performance } from 'node:perf_hooks';

/** Latency figures of one measured request shape, in milliseconds. */
export interface LatencySummary {
  readonly name: string;
  readonly requests: number;
  readonly p50: number;
  readonly p95: number;
  readonly p99: number;
  readonly max: number;
  readonly perSecond: number;
}

function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1);
  return sorted[Math.max(0, index)] ?? Number.NaN;
}

/**
 * Runs `request` `warmup` times unmeasured, then `count` times one after another, and summarises
 * the latencies. Sequential on purpose: this measures what one client waits, not peak throughput.
 */
export async function measure(name: string, count: number, warmup: number, request: (i: number) => Promise<void>): Promise<LatencySummary> {
  for (let i = 0; i < warmup; i++) await request(i);
  const samples: number[] = [];
  const started = performance.now();
  for (let i = 0; i < count; i++) {
    const t0 = performance.now();
    await request(i);
    samples.push(performance.now() - t0);
  }
  const elapsed = performance.now() - started;
  samples.sort((a, b) => a - b);
  return { name, requests: count, p50: quantile(samples, 0.5), p95: quantile(samples, 0.95), p99: quantile(samples, 0.99), max: samples[samples.length - 1] ?? Number.NaN, perSecond: (count / elapsed) * 1000 };
}

/** Prints summaries as an aligned table. */
export function printTable(title: string, rows: readonly LatencySummary[]): void {
  console.log(`\n${title}`);
  console.log(`${'request'.padEnd(44)} ${'n'.padStart(5)} ${'p50 ms'.padStart(8)} ${'p95 ms'.padStart(8)} ${'p99 ms'.padStart(8)} ${'max ms'.padStart(8)} ${'req/s'.padStart(8)}`);
  for (const r of rows) {
    console.log(`${r.name.padEnd(44)} ${String(r.requests).padStart(5)} ${r.p50.toFixed(2).padStart(8)} ${r.p95.toFixed(2).padStart(8)} ${r.p99.toFixed(2).padStart(8)} ${r.max.toFixed(2).padStart(8)} ${r.perSecond.toFixed(0).padStart(8)}`);
  }
}
