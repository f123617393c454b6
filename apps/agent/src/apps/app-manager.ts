import { rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { appLimits, type AppReport } from '@ward/agent-protocol';
import type { AgentPlatform } from '../config/agent-platform.js';
import type { Logger } from '../logging/logger.js';
import { acknowledgeReports, allReports, pendingReports } from '../protocol/held-reports.js';
import type { AppContext, ObtainedPackage } from './app-context.js';
import { clipReportText, failedApp, type AppOutcome } from './app-outcome.js';
import { AppsStateFile, type AppRecord, type AppsState, type RemovedAppRecord, type RunningAppTask } from './app-state.js';
import type { AppTools } from './app-tools.js';
import { downloadPackage, pruneDownloads } from './download-package.js';
import { installApp } from './install-app.js';
import type { PackageFetcher } from './package-fetcher.js';
import { MAX_PACKAGE_BYTES, parseAppItem, type ParsedApp } from './parse-app-item.js';
import { queryInstalledVersion } from './query-installed-version.js';
import { removeApp } from './remove-app.js';

/** What the app manager needs from the agent. */
export interface AppManagerOptions {
  /** The agent's root: `/` on a real host, a test root otherwise (where only dpkg --root and AppImages install). */
  readonly root: string;
  /** The agent's private state folder; the manager keeps `apps/` inside it. */
  readonly stateDir: string;
  readonly platform: AgentPlatform;
  /** The host's package tools. */
  readonly tools: AppTools;
  /** Downloads package files from the Ward server as the device. */
  readonly fetcher: PackageFetcher;
  readonly log: Logger;
  /** Time limit of one install or removal; 30 minutes by default. */
  readonly installTimeoutMs?: number;
  /** Time limit of one query of what is installed; a minute by default. */
  readonly queryTimeoutMs?: number;
  /** The largest package accepted; {@link MAX_PACKAGE_BYTES} by default. */
  readonly maxPackageBytes?: number;
  readonly clock?: () => Date;
}

/** `apps` of a check-in answer, its entries unchecked. */
export interface AppAnswer {
  readonly install: readonly unknown[];
  readonly remove: readonly unknown[];
}

interface Task {
  readonly action: 'install' | 'remove';
  readonly app: ParsedApp;
}

// Passing failures (downloads cut, the server unreachable) of one app version before it is reported failed.
const RETRIES = 5;
// Partial downloads of versions no longer asked for go after this long.
const STALE_DOWNLOAD_MS = 7 * 24 * 3600 * 1000;

/**
 * Installs and removes the apps check-in answers ask for, one at a time in the background, and
 * keeps the reports the next check-ins carry back. Like the configuration manager it writes what
 * it holds and what it has still to report to disk (atomically) after every change, and the task
 * under way before it starts, so a restart in the middle re-checks what the tool left behind and
 * reports it; nothing reported is lost before the server acknowledges it.
 *
 * Use: `accept(response.apps)` after a check-in (it returns once the entries are queued; invalid
 * ones are reported at once); `onReport` tells when a new report waits; send `pendingReports()`
 * (or, after a restart, `allReports()`) in the next check-in and `acknowledge(sent)` once the
 * server accepted it. An entry the server sends again while it is queued or running, or while its
 * report waits for delivery, is not run twice.
 */
export class AppManager {
  readonly #options: AppManagerOptions;
  readonly #file: AppsStateFile;
  readonly #ctx: AppContext;
  readonly #abort = new AbortController();
  readonly #apps = new Map<string, AppRecord>();
  readonly #removed = new Map<string, RemovedAppRecord>();
  readonly #retries = new Map<string, number>();
  readonly #queue = new Map<string, Task>();
  readonly #listeners: (() => void)[] = [];
  #running: RunningAppTask | undefined;
  #worker: Promise<void> | undefined;
  #stopped = false;
  #lock: Promise<void> = Promise.resolve();

  private constructor(options: AppManagerOptions, file: AppsStateFile, state: AppsState) {
    this.#options = options;
    this.#file = file;
    const root = resolve(options.root);
    this.#ctx = {
      root,
      hostRoot: root === resolve('/'),
      platform: options.platform,
      tools: options.tools,
      installTimeoutMs: options.installTimeoutMs ?? 30 * 60_000,
      queryTimeoutMs: options.queryTimeoutMs ?? 60_000,
      signal: this.#abort.signal,
    };
    for (const record of state.apps) this.#apps.set(record.id, record);
    for (const removed of state.removed) this.#removed.set(removed.report.id, removed);
    for (const [key, count] of Object.entries(state.retries)) this.#retries.set(key, count);
    this.#running = state.running;
  }

  /** Loads what earlier runs installed and had still to report, and settles a task a restart interrupted. */
  static async open(options: AppManagerOptions): Promise<AppManager> {
    const file = new AppsStateFile(join(options.stateDir, 'apps'));
    const state = await file.load((path, reason) => {
      options.log.error(`app state ${path} set aside: ${reason}; apps installed before are no longer tracked`);
    });
    const manager = new AppManager(options, file, state);
    await manager.#recover();
    return manager;
  }

  /**
   * Queues the removals and installs of `answer` (at most {@link appLimits.itemsPerAnswer} of each;
   * the server sends the rest again). Entries arrive unchecked: a malformed one, or one of a kind
   * this agent does not know, is reported failed with the reason; one without a usable id is logged.
   */
  accept(answer: AppAnswer): Promise<void> {
    return this.#serialised(async () => {
      if (this.#stopped) return;
      let changed = false;
      const take = (entries: readonly unknown[], what: string): readonly unknown[] => {
        if (entries.length > appLimits.itemsPerAnswer) this.#options.log.warn(`apps: ${entries.length} ${what} sent, ${appLimits.itemsPerAnswer} taken now; the rest follow on later check-ins`);
        return entries.slice(0, appLimits.itemsPerAnswer);
      };
      for (const [action, entries] of [['remove', take(answer.remove, 'removals')], ['install', take(answer.install, 'installs')]] as const) {
        for (const value of entries) {
          const parsed = parseAppItem(value, action, this.#options.maxPackageBytes ?? MAX_PACKAGE_BYTES);
          if (parsed.ok) {
            this.#enqueue({ action, app: parsed.app });
            continue;
          }
          if (parsed.id === undefined) {
            this.#options.log.warn(`apps: ignored an entry without a usable id (${parsed.error})`);
            continue;
          }
          const known = this.#apps.get(parsed.id);
          if (known !== undefined && known.hash === parsed.hash && !known.acknowledged) continue;
          this.#recordOutcome(action, { id: parsed.id, hash: parsed.hash, name: known?.name ?? '' }, undefined, failedApp(parsed.error));
          changed = true;
        }
      }
      if (changed) {
        await this.#save();
        this.#notify();
      }
      this.#pump();
    });
  }

  /** Reports the server has not acknowledged yet: what the next check-in sends. */
  pendingReports(): AppReport[] {
    return pendingReports(this.#apps, this.#removed);
  }

  /** The report of every app the agent holds a record of, plus removals not yet acknowledged: what a check-in after a restart sends. */
  allReports(): AppReport[] {
    return allReports(this.#apps, this.#removed);
  }

  /**
   * Marks reports the server accepted. Pass the reports that were sent: a report that changed
   * since (the app was handled again meanwhile) stays pending.
   */
  acknowledge(sent: readonly AppReport[]): Promise<void> {
    return this.#serialised(async () => {
      if (acknowledgeReports(this.#apps, this.#removed, sent, sameReport)) await this.#save();
    });
  }

  /** Calls `listener` whenever a new report waits to be sent (so the agent checks in at once). */
  onReport(listener: () => void): void {
    this.#listeners.push(listener);
  }

  /** Resolves once nothing is queued or running. */
  async idle(): Promise<void> {
    while (this.#worker !== undefined) await this.#worker;
  }

  /** Removes every app Ward installed and waits until that is done: what retiring the device does. */
  async removeAll(): Promise<void> {
    for (let pass = 0; pass < 2; pass++) {
      await this.#serialised(() => {
        for (const [id, task] of this.#queue) if (task.action === 'install') this.#queue.delete(id);
        for (const record of this.#apps.values()) {
          if (record.installed !== undefined) this.#enqueue({ action: 'remove', app: { id: record.id, hash: record.hash, name: record.name, version: '', source: record.installed } });
        }
        this.#pump();
        return Promise.resolve();
      });
      // An install that was running when the removals were queued may have added an app since.
      await this.idle();
      if (![...this.#apps.values()].some((r) => r.installed !== undefined)) return;
    }
  }

  /**
   * Stops: nothing new starts, a running tool or download is interrupted. The task under way stays
   * marked on disk, so the next start settles it (a download resumes, an install is re-checked).
   */
  async stop(): Promise<void> {
    this.#stopped = true;
    this.#abort.abort();
    await this.idle();
    await this.#lock;
  }

  #enqueue(task: Task): void {
    const { id, hash } = task.app;
    const running = this.#running;
    if (running !== undefined && running.app.id === id && running.app.hash === hash && running.action === task.action) return;
    const queued = this.#queue.get(id);
    if (queued !== undefined && queued.app.hash === hash && queued.action === task.action) return;
    // Its report has not reached the server yet: the server asks again only because it does not know.
    if (task.action === 'install') {
      const record = this.#apps.get(id);
      if (record !== undefined && record.hash === hash && !record.acknowledged) return;
    } else {
      const removed = this.#removed.get(id);
      if (removed !== undefined && removed.report.hash === hash && !removed.acknowledged) return;
    }
    this.#queue.delete(id);
    this.#queue.set(id, task);
  }

  #pump(): void {
    if (this.#worker !== undefined || this.#stopped || this.#queue.size === 0) return;
    this.#worker = (async () => {
      for (;;) {
        const next = this.#queue.entries().next();
        if (next.done === true || this.#stopped) break;
        const [id, task] = next.value;
        this.#queue.delete(id);
        await this.#run(task);
      }
      if (!this.#stopped) await pruneDownloads(this.#file.downloadDir, STALE_DOWNLOAD_MS).catch(() => undefined);
    })()
      .catch((error: unknown) => {
        this.#options.log.error(`apps: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      })
      .finally(() => {
        this.#worker = undefined;
        this.#pump();
      });
  }

  async #run(task: Task): Promise<void> {
    const { app } = task;
    const { log } = this.#options;
    const phase = task.action === 'install' && app.source.kind === 'package' ? 'download' : 'change';
    await this.#serialised(async () => {
      this.#running = { action: task.action, app: { ...app, source: app.source }, phase, startedAt: (this.#options.clock?.() ?? new Date()).toISOString() };
      await this.#save();
    });
    log.info(`app ${app.id} (${describeSource(app)}): ${task.action === 'install' ? 'installing' : 'removing'}`);
    let outcome: AppOutcome;
    try {
      outcome = task.action === 'install' ? await installApp(this.#ctx, app, () => this.#obtain(app)) : await removeApp(this.#ctx, app);
    } catch (error) {
      outcome = failedApp(error instanceof Error ? error.message : String(error));
    }
    // Stopped in the middle: the marker stays, and the next start settles the task.
    if (this.#stopped) return;
    await this.#serialised(async () => {
      this.#running = undefined;
      const key = `${app.id} ${app.hash}`;
      if (outcome.status === 'retryLater') {
        const count = (this.#retries.get(key) ?? 0) + 1;
        if (count < RETRIES) {
          this.#retries.set(key, count);
          await this.#save();
          log.warn(`app ${app.id}: ${outcome.error}; tried ${count} of ${RETRIES} times, again when the server next sends it`);
          return;
        }
        outcome = failedApp(outcome.error);
      }
      this.#retries.delete(key);
      this.#recordOutcome(task.action, app, app.source, outcome);
      await this.#save();
    });
    if (outcome.status !== 'retryLater' && app.source.kind === 'package') await this.#discardDownload(app.source.sha256, app.source.format);
    if (outcome.status === 'removed' && outcome.note !== undefined) log.info(`app ${app.id}: removed (${outcome.note})`);
    this.#notify();
  }

  /** Downloads and verifies the package of `app`, then marks the task as changing the system. */
  async #obtain(app: ParsedApp): Promise<ObtainedPackage> {
    const source = app.source;
    if (source.kind !== 'package') return { ok: false, outcome: failedApp('not a package') };
    const result = await downloadPackage(this.#options.fetcher, { path: source.url, sha256: source.sha256, size: source.size, format: source.format }, this.#file.downloadDir, this.#ctx.signal);
    if (!result.ok) return { ok: false, outcome: result.permanent ? failedApp(result.error) : { status: 'retryLater', error: result.error } };
    await this.#serialised(async () => {
      if (this.#running !== undefined) this.#running = { ...this.#running, phase: 'change' };
      await this.#save();
    });
    return { ok: true, file: result.file };
  }

  /** Settles the task a crash or stop interrupted: a download resumes later; a change is re-checked and reported. */
  async #recover(): Promise<void> {
    const running = this.#running;
    if (running === undefined) return;
    const { log } = this.#options;
    this.#running = undefined;
    if (running.phase === 'download') {
      // Nothing changed on the system; the server offers the app again and the download resumes.
      log.info(`app ${running.app.id}: the download was interrupted; it resumes when the server next sends the app`);
      await this.#save();
      return;
    }
    const app: ParsedApp = running.app;
    const presence = await queryInstalledVersion(this.#ctx, app).catch((error: unknown) => ({ state: 'unknown' as const, reason: (error as Error).message }));
    const verb = running.action === 'install' ? 'installing' : 'removing';
    let outcome: AppOutcome;
    if (running.action === 'install' && presence.state === 'present') {
      outcome = { status: 'installed', ...(presence.version === undefined || presence.version === '' ? {} : { installedVersion: presence.version }) };
    } else if (running.action === 'remove' && presence.state === 'absent') {
      outcome = { status: 'removed' };
    } else {
      const now = presence.state === 'unknown' ? `whether the app is installed could not be checked: ${presence.reason}` : presence.state === 'present' ? 'the app is still installed' : 'the app is not installed';
      outcome = failedApp(`interrupted: the agent stopped while ${verb} (started ${running.startedAt}); ${now}`);
    }
    log.warn(`app ${app.id}: ${verb} was interrupted by a restart; reported ${outcome.status}`);
    this.#recordOutcome(running.action, app, app.source, outcome);
    await this.#save();
  }

  /** Records the report of one handled app (the state is saved by the caller). */
  #recordOutcome(action: 'install' | 'remove', app: Pick<ParsedApp, 'id' | 'hash' | 'name'>, source: ParsedApp['source'] | undefined, outcome: AppOutcome): void {
    const previous = this.#apps.get(app.id);
    const report: AppReport = { id: app.id, hash: app.hash, status: outcome.status === 'retryLater' ? 'failed' : outcome.status };
    if (outcome.status === 'installed' && outcome.installedVersion !== undefined) report.installedVersion = clipVersion(outcome.installedVersion);
    if (outcome.status === 'failed' || outcome.status === 'notApplicable' || outcome.status === 'retryLater') report.error = clipReportText(outcome.error);
    const line = `app ${app.id}: ${report.status}${report.installedVersion === undefined ? '' : ` ${report.installedVersion}`}${report.error === undefined ? '' : `: ${report.error}`}`;
    if (report.status === 'failed') this.#options.log.warn(line);
    else this.#options.log.info(line);

    if (report.status === 'removed') {
      this.#apps.delete(app.id);
      this.#removed.set(app.id, { report, acknowledged: false });
      return;
    }
    if (action === 'remove' && previous === undefined) {
      // Nothing held under this id: the report alone, until delivered.
      this.#removed.set(app.id, { report, acknowledged: false });
      return;
    }
    this.#removed.delete(app.id);
    // A failed update or removal keeps what is installed, so a later removal (or retire) still takes it away.
    const installed = report.status === 'installed' && action === 'install' ? source : previous?.installed;
    this.#apps.set(app.id, { id: app.id, hash: app.hash, name: app.name || previous?.name || '', ...(installed === undefined ? {} : { installed }), report, acknowledged: false });
  }

  async #discardDownload(sha256: string, format: string): Promise<void> {
    const file = join(this.#file.downloadDir, `${sha256}.${format}`);
    await rm(file, { force: true });
    await rm(`${file}.part`, { force: true });
  }

  #notify(): void {
    for (const listener of this.#listeners) listener();
  }

  #save(): Promise<void> {
    return this.#file.save({
      version: 1,
      apps: [...this.#apps.values()],
      removed: [...this.#removed.values()],
      ...(this.#running === undefined ? {} : { running: this.#running }),
      retries: Object.fromEntries(this.#retries),
    });
  }

  #serialised(task: () => Promise<void>): Promise<void> {
    const run = this.#lock.then(task);
    this.#lock = run.catch(() => undefined);
    return run;
  }
}

function sameReport(a: AppReport, b: AppReport): boolean {
  return a.id === b.id && a.hash === b.hash && a.status === b.status && a.error === b.error && a.installedVersion === b.installedVersion;
}

function clipVersion(version: string): string {
  return version.length <= 100 ? version : version.slice(0, 100);
}

function describeSource(app: ParsedApp): string {
  const source = app.source;
  switch (source.kind) {
    case 'apt':
    case 'dnf':
      return `${source.kind} ${source.package}`;
    case 'flatpak':
      return `flatpak ${source.remote} ${source.ref}`;
    case 'snap':
      return `snap ${source.name} ${source.channel}`;
    case 'package':
      return `${source.format} ${source.identifier} ${source.version}`;
  }
}
