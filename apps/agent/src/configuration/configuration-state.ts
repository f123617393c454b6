import { rename } from 'node:fs/promises';
import { join } from 'node:path';
import { Type, type Static } from '@sinclair/typebox';
import { matchesSchema } from '../protocol/matches-schema.js';
import { ensurePrivateDir } from '../storage/ensure-private-dir.js';
import { readJsonFile } from '../storage/read-json-file.js';
import { writeFileAtomic } from '../storage/write-file-atomic.js';
import { ConfigurationReport } from '@ward/agent-protocol';
import { Artifact } from './host/artifact.js';

/** What the agent remembers about one profile it was asked to apply. */
export const ProfileRecord = Type.Object({
  id: Type.String(),
  hash: Type.String(),
  kind: Type.String(),
  /** Everything Ward changed for the profile, so removal can take exactly that back. */
  artifacts: Type.Array(Artifact),
  /** Values generated on the device for the profile (a WireGuard private key); the file is 0600. */
  generated: Type.Record(Type.String(), Type.String()),
  /** The latest report for the profile. */
  report: ConfigurationReport,
  /** Whether the server has acknowledged `report`. */
  acknowledged: Type.Boolean(),
});
export type ProfileRecord = Static<typeof ProfileRecord>;

/** A profile that was removed and whose "removed" report the server has not acknowledged yet. */
export const RemovedRecord = Type.Object({ report: ConfigurationReport, acknowledged: Type.Boolean() });
export type RemovedRecord = Static<typeof RemovedRecord>;

/** `configuration/state.json` in the agent's state folder. */
export const ConfigurationState = Type.Object({
  version: Type.Literal(1),
  profiles: Type.Array(ProfileRecord),
  removed: Type.Array(RemovedRecord),
});
export type ConfigurationState = Static<typeof ConfigurationState>;

/**
 * The configuration state on disk: one JSON file written atomically (fsync'ed, renamed) after every
 * change, so what Ward applied and what it still has to report survive a crash or a restart.
 */
export class ConfigurationStateFile {
  readonly #dir: string;
  readonly #file: string;

  /** @param dir the agent's `configuration` folder inside its state folder (created 0700). */
  constructor(dir: string) {
    this.#dir = dir;
    this.#file = join(dir, 'state.json');
  }

  /** Copies of files Ward replaced live here. */
  get backupDir(): string {
    return join(this.#dir, 'backups');
  }

  /**
   * The stored state; an empty one when there is none. A damaged file is set aside as
   * `state.json.corrupt` (reported through `onCorrupt`) rather than trusted or silently lost.
   */
  async load(onCorrupt: (file: string, reason: string) => void): Promise<ConfigurationState> {
    let value: unknown;
    try {
      value = await readJsonFile(this.#file);
    } catch (error) {
      value = { damaged: error instanceof Error ? error.message : String(error) };
    }
    if (value === undefined) return { version: 1, profiles: [], removed: [] };
    if (matchesSchema(ConfigurationState, value)) return value;
    await rename(this.#file, `${this.#file}.corrupt`).catch(() => undefined);
    onCorrupt(this.#file, 'it does not hold a valid configuration state');
    return { version: 1, profiles: [], removed: [] };
  }

  /** Stores `state` durably. */
  async save(state: ConfigurationState): Promise<void> {
    await ensurePrivateDir(this.#dir);
    await writeFileAtomic(this.#file, `${JSON.stringify(state)}\n`, 0o600);
  }
}
