// Timers around store calls and transactions, for the phase breakdowns of the policy benchmark.
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import type { TransactionRunner } from '@ward/core';

/** Milliseconds and calls per phase name. */
export class PhaseTimes {
  readonly #phases = new Map<string, { ms: number; calls: number }>();

  add(name: string, ms: number): void {
    const phase = this.#phases.get(name);
    if (phase === undefined) this.#phases.set(name, { ms, calls: 1 });
    else {
      phase.ms += ms;
      phase.calls++;
    }
  }

  ms(name: string): number {
    return this.#phases.get(name)?.ms ?? 0;
  }

  /** Prints every phase, in the order first seen. */
  print(indent = '    '): void {
    for (const [name, { ms, calls }] of this.#phases) console.log(`${indent}${name.padEnd(52)} ${ms.toFixed(0).padStart(7)} ms  (${calls} call${calls === 1 ? '' : 's'})`);
  }
}

type AsyncFunction = (...args: unknown[]) => Promise<unknown>;

/** A copy of `target` whose named async methods add their time to `phases` under `prefix + name`. */
export function timeMethods<T extends object>(target: T, names: readonly string[], phases: PhaseTimes, prefix = ''): T {
  const copy = { ...target };
  for (const name of names) {
    const method: unknown = (target as Record<string, unknown>)[name];
    if (typeof method !== 'function') continue;
    const fn = method as AsyncFunction;
    const timed: AsyncFunction = async (...args) => {
      const t0 = performance.now();
      try {
        return await fn.apply(target, args);
      } finally {
        phases.add(prefix + name, performance.now() - t0);
      }
    };
    Object.assign(copy, { [name]: timed });
  }
  return copy;
}

/**
 * A transaction runner over `runner` that times each whole transaction (`transaction`, begin to
 * commit) and the named store calls inside it; the rest of the work is what the caller computes.
 */
export function timeTransactions<S extends object>(runner: TransactionRunner<S>, names: readonly string[], phases: PhaseTimes, label: string): TransactionRunner<S> {
  return {
    transaction: async <T>(work: (stores: S) => Promise<T>): Promise<T> => {
      const t0 = performance.now();
      try {
        return await runner.transaction(async (s) => {
          const w0 = performance.now();
          try {
            return await work(timeMethods(s, names, phases, `${label}: `));
          } finally {
            phases.add(`${label}: work inside the transaction`, performance.now() - w0);
          }
        });
      } finally {
        phases.add(`${label}: transaction (begin to commit)`, performance.now() - t0);
      }
    },
  };
}

/** CPU milliseconds (user + system) this process has used. */
export function cpuMs(): number {
  const used = process.cpuUsage();
  return (used.user + used.system) / 1000;
}

/**
 * Milliseconds this process's main thread has spent runnable but waiting for a CPU, from
 * /proc/self/schedstat: on a machine shared with other work, what the elapsed figures lost to it.
 * NaN where /proc is not there.
 */
export function cpuWaitMs(): number {
  try {
    return Number(readFileSync('/proc/self/schedstat', 'utf8').split(' ')[1]) / 1e6;
  } catch {
    return Number.NaN;
  }
}
