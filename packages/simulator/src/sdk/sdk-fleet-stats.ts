/**
 * What the virtual SDK apps of one process did so far: monotonic counts, and the gauges named so.
 * A plain object, so it crosses the IPC channel to the parent as it is.
 */
export interface SdkFleetStats {
  readonly apps: number;
  /** Check-ins answered 200. */
  readonly checkIns: number;
  /** Check-ins refused or lost (transport errors, timeouts, malformed answers). */
  readonly failures: number;
  /** Failures by the server's error code (`TRANSPORT` for a request that got no answer). */
  readonly refusals: Readonly<Record<string, number>>;
  /** Gauge: check-ins on the wire now. */
  readonly inFlight: number;
  /** Gauge: apps by the protection policy version they apply (`none` before any). */
  readonly policyVersions: Readonly<Record<string, number>>;
  readonly lastError: string | undefined;
}

/** The stats of several processes added up (the last error of any of them kept). */
export function sumSdkFleetStats(all: readonly SdkFleetStats[]): SdkFleetStats {
  const refusals: Record<string, number> = {};
  const policyVersions: Record<string, number> = {};
  let lastError: string | undefined;
  const total = { apps: 0, checkIns: 0, failures: 0, inFlight: 0 };
  for (const s of all) {
    for (const key of Object.keys(total) as (keyof typeof total)[]) total[key] += s[key];
    for (const [code, n] of Object.entries(s.refusals)) refusals[code] = (refusals[code] ?? 0) + n;
    for (const [version, n] of Object.entries(s.policyVersions)) policyVersions[version] = (policyVersions[version] ?? 0) + n;
    lastError = s.lastError ?? lastError;
  }
  return { ...total, refusals, policyVersions, lastError };
}

/** The mutable counters behind {@link SdkFleetStats}, kept by one process's apps. */
export class SdkFleetCounters {
  apps = 0;
  checkIns = 0;
  failures = 0;
  inFlight = 0;
  readonly #refusals: Record<string, number> = {};
  readonly #versions = new Map<string, number>();
  lastError: string | undefined;

  /** Counts a refused or lost check-in under `code`. */
  countFailure(code: string): void {
    this.failures += 1;
    this.#refusals[code] = (this.#refusals[code] ?? 0) + 1;
  }

  /** Moves one app from one policy version to another (null: none yet). */
  movePolicyVersion(from: string | null | undefined, to: string | null): void {
    if (from !== undefined) {
      const key = from ?? 'none';
      const left = (this.#versions.get(key) ?? 0) - 1;
      if (left > 0) this.#versions.set(key, left);
      else this.#versions.delete(key);
    }
    const key = to ?? 'none';
    this.#versions.set(key, (this.#versions.get(key) ?? 0) + 1);
  }

  /** Keeps a failure's message, first line only and bounded: it crosses IPC on every report. */
  noteError(error: unknown): void {
    const text = error instanceof Error ? error.message : String(error);
    this.lastError = text.split('\n')[0]?.slice(0, 300);
  }

  snapshot(): SdkFleetStats {
    return {
      apps: this.apps,
      checkIns: this.checkIns,
      failures: this.failures,
      refusals: { ...this.#refusals },
      inFlight: this.inFlight,
      policyVersions: Object.fromEntries(this.#versions),
      lastError: this.lastError,
    };
  }
}
