import { ConfigurationReports, NO_HASH, type ConfigurationReport, type SettingReport } from '@ward/agent-protocol';

/** `configuration` of a check-in answer, its entries unchecked (as the real agent takes it). */
export interface SimulatedConfigurationAnswer {
  readonly install: readonly unknown[];
  readonly remove: readonly unknown[];
}

const HASH = /^[0-9a-f]{64}$/;
// As many as the protocol's schema allows in one request.
const reportsPerCheckIn = ConfigurationReports.properties.reports.maxItems ?? 500;
// Settings reported per profile, as the schema bounds them.
const settingsPerReport = 64;

/**
 * The configuration side of a virtual agent: it "applies" every profile it is sent (nothing is
 * changed for real) and reports it succeeded, each setting of a settings profile too, so benches
 * and tests see statuses move; it reports removals; reports stay until a check-in carrying them is
 * answered. Per agent it keeps the hash of each profile held and the reports not yet accepted:
 * a few short strings, so ten thousand agents stay cheap.
 */
export class SimulatedConfiguration {
  readonly #held = new Map<string, string>();
  readonly #pending = new Map<string, ConfigurationReport>();

  /** Profiles held now. */
  get held(): number {
    return this.#held.size;
  }

  /** Applies an answer's `configuration`; returns how many profiles were applied and removed. */
  apply(answer: SimulatedConfigurationAnswer): { readonly applied: number; readonly removed: number } {
    let applied = 0;
    let removed = 0;
    for (const id of answer.remove) {
      if (typeof id !== 'string' || id.length === 0 || id.length > 128) continue;
      this.#pending.set(id, { id, hash: this.#held.get(id) ?? NO_HASH, status: 'removed' });
      this.#held.delete(id);
      removed++;
    }
    for (const value of answer.install) {
      const report = simulatedReport(value);
      if (report === undefined) continue;
      this.#pending.set(report.id, report);
      if (report.status === 'succeeded') this.#held.set(report.id, report.hash);
      applied++;
    }
    return { applied, removed };
  }

  /** The reports the next check-in carries. */
  reportsToSend(): ConfigurationReport[] {
    return [...this.#pending.values()].slice(0, reportsPerCheckIn);
  }

  /** Whether reports wait to be sent. */
  get hasPending(): boolean {
    return this.#pending.size > 0;
  }

  /** Forgets the reports a check-in carried once it was answered (unless a newer one replaced them meanwhile). */
  acknowledge(sent: readonly ConfigurationReport[]): void {
    for (const report of sent) if (this.#pending.get(report.id) === report) this.#pending.delete(report.id);
  }

  /** Drops the reports the server refused for profiles it does not know; returns how many. */
  drop(ids: readonly unknown[]): number {
    let dropped = 0;
    for (const id of ids) {
      if (typeof id === 'string' && this.#pending.delete(id)) dropped++;
    }
    return dropped;
  }
}

/** The report of one install entry: succeeded, or failed when the entry is malformed; undefined without a usable id. */
function simulatedReport(value: unknown): ConfigurationReport | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const item = value as Record<string, unknown>;
  const { id, hash, kind, payload } = item;
  if (typeof id !== 'string' || id.length === 0 || id.length > 128) return undefined;
  if (typeof hash !== 'string' || !HASH.test(hash) || typeof kind !== 'string' || typeof payload !== 'object' || payload === null) {
    return { id, hash: typeof hash === 'string' && HASH.test(hash) ? hash : NO_HASH, status: 'failed', error: 'the configuration item does not match the protocol' };
  }
  if (kind !== 'settings') return { id, hash, status: 'succeeded' };
  const settings = (payload as Record<string, unknown>).settings;
  const ids = typeof settings === 'object' && settings !== null ? Object.keys(settings).filter((s) => s.length > 0 && s.length <= 128) : [];
  const reports: SettingReport[] = ids.slice(0, settingsPerReport).map((setting) => ({ id: setting, status: 'succeeded' }));
  return { id, hash, status: 'succeeded', settings: reports };
}
