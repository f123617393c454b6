import { rename } from 'node:fs/promises';
import { join } from 'node:path';
import { Type, type Static } from '@sinclair/typebox';
import { AppReport, AppSource } from '@ward/agent-protocol';
import { matchesSchema } from '../protocol/matches-schema.js';
import { ensurePrivateDir } from '../storage/ensure-private-dir.js';
import { readJsonFile } from '../storage/read-json-file.js';
import { writeFileAtomic } from '../storage/write-file-atomic.js';

/** An app as a task carries it: what the plan said, checked. */
export const AppEntry = Type.Object({ id: Type.String(), hash: Type.String(), name: Type.String(), version: Type.String(), source: AppSource });

/** What the agent remembers about one app it was asked to install. */
export const AppRecord = Type.Object({
  id: Type.String(),
  hash: Type.String(),
  name: Type.String(),
  /** How Ward installed the app it holds, so removing it (or retiring the device) can take it away; absent when nothing is installed. */
  installed: Type.Optional(AppSource),
  /** The latest report for the app. */
  report: AppReport,
  /** Whether the server has acknowledged `report`. */
  acknowledged: Type.Boolean(),
});
export type AppRecord = Static<typeof AppRecord>;

/** A removal whose report the server has not acknowledged yet (the app is no longer held). */
export const RemovedAppRecord = Type.Object({ report: AppReport, acknowledged: Type.Boolean() });
export type RemovedAppRecord = Static<typeof RemovedAppRecord>;

/** The install or removal under way, written before it starts so a crash in the middle is noticed at the next start. */
export const RunningAppTask = Type.Object({
  action: Type.Union([Type.Literal('install'), Type.Literal('remove')]),
  app: AppEntry,
  /** `download` until the package file is verified (an interruption there loses nothing: the download resumes), then `change`. */
  phase: Type.Union([Type.Literal('download'), Type.Literal('change')]),
  startedAt: Type.String(),
});
export type RunningAppTask = Static<typeof RunningAppTask>;

/** `apps/state.json` in the agent's state folder. */
export const AppsState = Type.Object({
  version: Type.Literal(1),
  apps: Type.Array(AppRecord),
  removed: Type.Array(RemovedAppRecord),
  running: Type.Optional(RunningAppTask),
  /** Passing failures (a cut download) per `<id> <hash>`, so a download that never succeeds is reported in the end. */
  retries: Type.Record(Type.String(), Type.Integer({ minimum: 0 })),
});
export type AppsState = Static<typeof AppsState>;

const EMPTY: AppsState = { version: 1, apps: [], removed: [], retries: {} };

/**
 * The app state on disk: one JSON file written atomically (fsync'ed, renamed) after every change,
 * so what Ward installed, the task under way and the reports not yet acknowledged survive a crash
 * or a restart. Package downloads live beside it, in `downloads/`.
 */
export class AppsStateFile {
  readonly #dir: string;
  readonly #file: string;

  /** @param dir the agent's `apps` folder inside its state folder (created 0700). */
  constructor(dir: string) {
    this.#dir = dir;
    this.#file = join(dir, 'state.json');
  }

  /** Where package files are downloaded and verified. */
  get downloadDir(): string {
    return join(this.#dir, 'downloads');
  }

  /**
   * The stored state; an empty one when there is none. A damaged file is set aside as
   * `state.json.corrupt` (reported through `onCorrupt`) rather than trusted or silently lost.
   */
  async load(onCorrupt: (file: string, reason: string) => void): Promise<AppsState> {
    let value: unknown;
    try {
      value = await readJsonFile(this.#file);
    } catch (error) {
      value = { damaged: error instanceof Error ? error.message : String(error) };
    }
    if (value === undefined) return structuredClone(EMPTY);
    if (matchesSchema(AppsState, value)) return value;
    await rename(this.#file, `${this.#file}.corrupt`).catch(() => undefined);
    onCorrupt(this.#file, 'it does not hold a valid app state');
    return structuredClone(EMPTY);
  }

  /** Stores `state` durably. */
  async save(state: AppsState): Promise<void> {
    await ensurePrivateDir(this.#dir);
    await writeFileAtomic(this.#file, `${JSON.stringify(state)}\n`, 0o600);
  }
}
