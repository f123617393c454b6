import { join } from 'node:path';
import type { RunCommand } from '@ward/inventory';
import type { AgentPlatform } from '../config/agent-platform.js';
import type { Logger } from '../logging/logger.js';
import { acknowledgeReports, allReports, pendingReports } from '../protocol/held-reports.js';
import { ConfigurationStateFile, type ConfigurationState, type ProfileRecord } from './configuration-state.js';
import { configurationLimits, NO_HASH, type ConfigurationAnswer, type ConfigurationReport } from '@ward/agent-protocol';
import { artifactKey, type Artifact } from './host/artifact.js';
import { ConfigurationTools } from './host/configuration-tools.js';
import { ProfileChanges } from './host/profile-changes.js';
import { undoArtifacts } from './host/undo-artifacts.js';
import { applyLinuxItem } from './linux/apply-linux-item.js';
import type { LinuxApplyContext } from './linux/linux-apply-context.js';
import { profileFileStem } from './linux/profile-file-stem.js';
import { refreshAfterUndo } from './linux/refresh-after-undo.js';
import { parseConfigurationItem, type ParsedItem } from './parse-configuration-item.js';
import { failedOutcome, joinNotes, notApplicableOutcome, type ProfileOutcome } from './profile-outcome.js';

/** What the configuration manager needs from the agent. */
export interface ConfigurationManagerOptions {
  /** The agent's root: `/` on a real host, a temporary folder in tests. Every file is written under it. */
  readonly root: string;
  /** The agent's private state folder; the manager keeps `configuration/` inside it. */
  readonly stateDir: string;
  readonly platform: AgentPlatform;
  /** Runs system tools (`execFileRun` on the host root; a refusing runner under any other root). */
  readonly run: RunCommand;
  readonly log: Logger;
  /** The agent's effective uid; defaults to the process's. Decides how the desktop user's session is reached. */
  readonly uid?: number | null;
  /** Time limit of one system tool, in milliseconds. */
  readonly toolTimeoutMs?: number;
}

/**
 * Applies the configuration profiles the server sends with a check-in answer and keeps the reports
 * the next check-ins carry back. Everything it changed is recorded per profile (before changing
 * it), so removing a profile takes away exactly what Ward put there; reports stay until the server
 * acknowledges them and, like the record of what was applied, survive restarts.
 *
 * Use: `apply(response.configuration)` after a check-in; send `pendingReports()` (or, after a
 * restart, `allReports()`) in the next check-in request; `acknowledge(sent)` once the server
 * accepted that request. Calls are serialised; nothing thrown by one profile stops the others.
 */
export class ConfigurationManager {
  readonly #options: ConfigurationManagerOptions;
  readonly #file: ConfigurationStateFile;
  readonly #tools: ConfigurationTools;
  readonly #profiles = new Map<string, ProfileRecord>();
  readonly #removed = new Map<string, { report: ConfigurationReport; acknowledged: boolean }>();
  #queue: Promise<void> = Promise.resolve();

  private constructor(options: ConfigurationManagerOptions, file: ConfigurationStateFile, state: ConfigurationState) {
    this.#options = options;
    this.#file = file;
    this.#tools = new ConfigurationTools(options.run, options.toolTimeoutMs);
    for (const record of state.profiles) this.#profiles.set(record.id, record);
    for (const removed of state.removed) this.#removed.set(removed.report.id, removed);
  }

  /** Loads what earlier runs applied and had still to report. */
  static async open(options: ConfigurationManagerOptions): Promise<ConfigurationManager> {
    const file = new ConfigurationStateFile(join(options.stateDir, 'configuration'));
    const state = await file.load((path, reason) => {
      options.log.error(`configuration state ${path} set aside: ${reason}; profiles applied before are no longer tracked`);
    });
    return new ConfigurationManager(options, file, state);
  }

  /**
   * Removes what `answer.remove` names, then applies `answer.install` one profile at a time, each
   * ending in a report. Entries arrive unchecked: a malformed one, or one of a kind this agent
   * does not know, is reported as failed with the reason; one without a usable id can only be logged.
   */
  apply(answer: ConfigurationAnswer): Promise<void> {
    return this.#serialised(async () => {
      const removals = [...new Set(answer.remove.filter((id): id is string => typeof id === 'string' && id.length > 0 && id.length <= 128))];
      for (const id of removals) await this.#remove(id);
      const install = answer.install.slice(0, configurationLimits.itemsPerAnswer);
      if (answer.install.length > install.length) {
        this.#options.log.warn(`configuration: ${answer.install.length} profiles sent, ${install.length} applied now; the rest follow on later check-ins`);
      }
      for (const value of install) await this.#install(value);
    });
  }

  /** Reports the server has not acknowledged yet: what the next check-in sends. */
  pendingReports(): ConfigurationReport[] {
    return pendingReports(this.#profiles, this.#removed);
  }

  /** The report of every profile the device holds, plus removals not yet acknowledged: what a check-in after a restart sends. */
  allReports(): ConfigurationReport[] {
    return allReports(this.#profiles, this.#removed);
  }

  /**
   * Marks reports the server accepted. Pass the reports that were sent: a report that changed
   * since (the profile was applied again meanwhile) stays pending.
   */
  acknowledge(sent: readonly ConfigurationReport[]): Promise<void> {
    return this.#serialised(async () => {
      if (acknowledgeReports(this.#profiles, this.#removed, sent, sameReport)) await this.#save();
    });
  }

  async #install(value: unknown): Promise<void> {
    const parsed = parseConfigurationItem(value);
    if (!parsed.ok) {
      if (parsed.id === undefined) {
        this.#options.log.warn(`configuration: ignored an item without a usable id (${parsed.error})`);
        return;
      }
      // The profile stays as last applied: a malformed update must not take working settings away.
      await this.#record(parsed.id, parsed.hash, this.#profiles.get(parsed.id)?.kind ?? 'unknown', failedOutcome(parsed.error));
      return;
    }
    const item = parsed.item;
    this.#removed.delete(item.id);
    if (this.#options.platform !== 'linux') {
      await this.#record(item.id, item.hash, item.kind, notApplicableOutcome(`the ${this.#options.platform} agent does not apply configuration profiles yet; only the Linux agent does`));
      return;
    }
    await this.#applyOnLinux(item);
  }

  async #applyOnLinux(item: ParsedItem): Promise<void> {
    const previous = this.#profiles.get(item.id);
    const previousArtifacts = previous?.artifacts ?? [];
    // The record exists (with the old artifacts) before the first change, so tracking can add to it.
    this.#profiles.set(item.id, {
      id: item.id,
      hash: item.hash,
      kind: item.kind,
      artifacts: [...previousArtifacts],
      generated: { ...(previous?.generated ?? {}) },
      report: previous?.report ?? { id: item.id, hash: item.hash, status: 'failed', error: 'interrupted while applying' },
      acknowledged: previous?.acknowledged ?? false,
    });
    const generated: Record<string, string> = {};
    const changes = new ProfileChanges({
      root: this.#options.root,
      backupDir: this.#file.backupDir,
      previous: previousArtifacts,
      track: (artifact) => this.#track(item.id, artifact),
      trackedElsewhere: (key) => this.#trackedElsewhere(item.id, key),
    });
    const ctx: LinuxApplyContext = {
      profileId: item.id,
      stem: profileFileStem(item.id),
      changes,
      tools: this.#tools,
      uid: this.#options.uid === undefined ? (process.getuid?.() ?? null) : this.#options.uid,
      generated: previous?.generated ?? {},
      keepGenerated: async (name, value) => {
        generated[name] = value;
        this.#update(item.id, (record) => ({ ...record, generated: { ...record.generated, [name]: value } }));
        await this.#save();
      },
      placedFileOwner: (hostPath) => this.#placedFileOwner(item.id, hostPath),
    };

    let outcome: ProfileOutcome;
    try {
      outcome = await applyLinuxItem(ctx, item);
    } catch (error) {
      outcome = failedOutcome(error instanceof Error ? error.message : String(error));
    }

    const touched = changes.artifacts;
    if (outcome.status === 'failed') {
      // Keep what the last apply put there as well: it is removed with the profile, not by a failed update.
      this.#update(item.id, (record) => ({ ...record, generated: { ...record.generated, ...generated } }));
    } else {
      const keep = new Set(touched.map(artifactKey));
      const stale = previousArtifacts.filter((artifact) => !keep.has(artifactKey(artifact)));
      const notes = await this.#undo(item.id, stale, keep);
      this.#update(item.id, (record) => ({ ...record, artifacts: touched, generated }));
      if (notes.length > 0) outcome = { ...outcome, message: joinNotes([outcome.message, ...notes]) ?? '' };
    }
    await this.#record(item.id, item.hash, item.kind, outcome);
  }

  async #remove(id: string): Promise<void> {
    const record = this.#profiles.get(id);
    let notes: string[] = [];
    if (record !== undefined) {
      notes = await this.#undo(id, record.artifacts, new Set());
      this.#profiles.delete(id);
    }
    const message = joinNotes(notes);
    this.#removed.set(id, { report: { id, hash: record?.hash ?? NO_HASH, status: 'removed', ...(message === undefined ? {} : { error: clip(message) }) }, acknowledged: false });
    await this.#save();
    this.#options.log.info(`configuration ${id}: removed${message === undefined ? '' : ` (${message})`}`);
  }

  /** Undoes `artifacts` of profile `id`, except what `keep` or another profile still holds, and refreshes the services concerned. */
  async #undo(id: string, artifacts: readonly Artifact[], keep: ReadonlySet<string>): Promise<string[]> {
    if (artifacts.length === 0) return [];
    const outcome = await undoArtifacts(artifacts, {
      root: this.#options.root,
      backupDir: this.#file.backupDir,
      tools: this.#tools,
      stillUsed: (key) => keep.has(key) || this.#trackedElsewhere(id, key),
    });
    return [...outcome.notes, ...(await refreshAfterUndo(this.#tools, outcome.changedPaths))];
  }

  async #track(id: string, artifact: Artifact): Promise<void> {
    const key = artifactKey(artifact);
    const record = this.#profiles.get(id);
    if (record === undefined) throw new Error(`configuration: no record for profile ${id} while tracking ${key}`);
    const index = record.artifacts.findIndex((existing) => artifactKey(existing) === key);
    if (index >= 0 && JSON.stringify(record.artifacts[index]) === JSON.stringify(artifact)) return;
    const artifacts = [...record.artifacts];
    if (index >= 0) artifacts[index] = artifact;
    else artifacts.push(artifact);
    this.#profiles.set(id, { ...record, artifacts });
    await this.#save();
  }

  async #record(id: string, hash: string, kind: string, outcome: ProfileOutcome): Promise<void> {
    const report: ConfigurationReport = {
      id,
      hash,
      status: outcome.status,
      ...(outcome.message === undefined || outcome.message === '' ? {} : { error: clip(outcome.message) }),
      ...(outcome.settings === undefined ? {} : { settings: outcome.settings.slice(0, 64).map((s) => ({ ...s, ...(s.error === undefined ? {} : { error: clip(s.error) }) })) }),
    };
    const record = this.#profiles.get(id);
    this.#profiles.set(id, { id, hash, kind, artifacts: record?.artifacts ?? [], generated: record?.generated ?? {}, report, acknowledged: false });
    await this.#save();
    const line = `configuration ${id} (${kind}): ${outcome.status}${outcome.message === undefined ? '' : `: ${outcome.message}`}`;
    if (outcome.status === 'failed') this.#options.log.warn(line);
    else this.#options.log.info(line);
  }

  #update(id: string, change: (record: ProfileRecord) => ProfileRecord): void {
    const record = this.#profiles.get(id);
    if (record !== undefined) this.#profiles.set(id, change(record));
  }

  #trackedElsewhere(id: string, key: string): boolean {
    for (const [other, record] of this.#profiles) if (other !== id && record.artifacts.some((a) => artifactKey(a) === key)) return true;
    return false;
  }

  #placedFileOwner(id: string, hostPath: string): string | undefined {
    for (const [other, record] of this.#profiles) {
      if (other !== id && record.artifacts.some((a) => a.type === 'placedFile' && a.path === hostPath)) return other;
    }
    return undefined;
  }

  #save(): Promise<void> {
    return this.#file.save({ version: 1, profiles: [...this.#profiles.values()], removed: [...this.#removed.values()] });
  }

  #serialised(task: () => Promise<void>): Promise<void> {
    const run = this.#queue.then(task);
    this.#queue = run.catch(() => undefined);
    return run;
  }
}

function sameReport(a: ConfigurationReport, b: ConfigurationReport): boolean {
  return a.id === b.id && a.hash === b.hash && a.status === b.status && a.error === b.error && JSON.stringify(a.settings) === JSON.stringify(b.settings);
}

function clip(text: string): string {
  return text.length <= configurationLimits.errorChars ? text : `${text.slice(0, configurationLimits.errorChars - 1)}…`;
}
