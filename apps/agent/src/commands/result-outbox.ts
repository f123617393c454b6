import { readdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { CommandResult } from '@ward/agent-protocol';
import { matchesSchema } from '../protocol/matches-schema.js';
import { ensurePrivateDir } from '../storage/ensure-private-dir.js';
import { fileNameForId } from '../storage/file-name-for-id.js';
import { readJsonFile } from '../storage/read-json-file.js';
import { syncDirectory, TEMP_FILE_SUFFIX, writeFileAtomic } from '../storage/write-file-atomic.js';

/**
 * The durable outbox of command results: one JSON file per result, written atomically and fsync'ed
 * before the agent says a command is done. A result stays until the server lists its id in
 * `acknowledgedResults`, so a crash, a killed process or a lost response never loses one; it is sent
 * again on every check-in until then.
 */
export class ResultOutbox {
  readonly #dir: string;
  readonly #onCorrupt: (file: string) => void;

  /**
   * @param dir the outbox folder (created 0700 on first use).
   * @param onCorrupt told about a file that is not a valid result; it is set aside as `*.corrupt`
   * so it cannot block the outbox forever.
   */
  constructor(dir: string, onCorrupt: (file: string) => void = () => undefined) {
    this.#dir = dir;
    this.#onCorrupt = onCorrupt;
  }

  /**
   * Stores a result durably. Returns false and keeps the stored one when a result for the same
   * command is already there: the first outcome of a command is the one that happened.
   */
  async put(result: CommandResult): Promise<boolean> {
    await ensurePrivateDir(this.#dir);
    if (await this.has(result.commandId)) return false;
    await writeFileAtomic(this.#path(result.commandId), `${JSON.stringify(result)}\n`, 0o600);
    return true;
  }

  /** Whether a result for `commandId` waits in the outbox. */
  async has(commandId: string): Promise<boolean> {
    return (await readJsonFile(this.#path(commandId))) !== undefined;
  }

  /** Up to `limit` stored results, oldest first (by finish time). Temporary and corrupt files are skipped. */
  async list(limit = Number.POSITIVE_INFINITY): Promise<CommandResult[]> {
    const results: CommandResult[] = [];
    for (const name of await this.#names()) {
      const file = join(this.#dir, name);
      let value: unknown;
      try {
        value = await readJsonFile(file);
      } catch {
        value = null;
      }
      if (value === undefined) continue;
      if (!matchesSchema(CommandResult, value) || fileNameForId(value.commandId) !== name.slice(0, -'.json'.length)) {
        await rename(file, `${file}.corrupt`).catch(() => undefined);
        this.#onCorrupt(file);
        continue;
      }
      results.push(value);
    }
    results.sort((a, b) => a.finishedAt.localeCompare(b.finishedAt) || a.commandId.localeCompare(b.commandId));
    return results.slice(0, limit);
  }

  /** How many results wait. */
  async count(): Promise<number> {
    return (await this.#names()).length;
  }

  /** Forgets results the server acknowledged; ids without a stored result are ignored. */
  async remove(commandIds: readonly string[]): Promise<void> {
    if (commandIds.length === 0) return;
    for (const id of commandIds) await rm(this.#path(id), { force: true });
    await syncDirectory(this.#dir).catch(() => undefined);
  }

  /** Deletes temporary files left by a crash between write and rename; their result was never reported done. */
  async removeLeftovers(): Promise<void> {
    let names: string[];
    try {
      names = await readdir(this.#dir);
    } catch {
      return;
    }
    for (const name of names) if (name.endsWith(TEMP_FILE_SUFFIX)) await rm(join(this.#dir, name), { force: true });
  }

  async #names(): Promise<string[]> {
    try {
      return (await readdir(this.#dir)).filter((name) => name.endsWith('.json') && !name.startsWith('.'));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
  }

  #path(commandId: string): string {
    return join(this.#dir, `${fileNameForId(commandId)}.json`);
  }
}
