import { readJsonFile } from '../storage/read-json-file.js';
import { writeFileAtomic } from '../storage/write-file-atomic.js';

/** How many acknowledged command ids the ledger remembers. */
export const LEDGER_CAPACITY = 1000;

/**
 * A small, bounded record of command ids whose results the server acknowledged. The server may
 * redeliver a command after the agent already forgot its result (a lost acknowledgement, a
 * redelivery racing the result); the ledger makes sure it does not run twice. Bounded because
 * commands expire: an id far older than the last thousand is no longer delivered.
 */
export class CompletedLedger {
  readonly #file: string;
  #ids: string[] | undefined;

  /** @param file the ledger file in the state dir. */
  constructor(file: string) {
    this.#file = file;
  }

  /** Whether `commandId` completed and was acknowledged recently. */
  async has(commandId: string): Promise<boolean> {
    return (await this.#load()).includes(commandId);
  }

  /** Adds ids durably, dropping the oldest beyond {@link LEDGER_CAPACITY}. Call before deleting their results. */
  async add(commandIds: readonly string[]): Promise<void> {
    const ids = await this.#load();
    const fresh = commandIds.filter((id) => !ids.includes(id));
    if (fresh.length === 0) return;
    const next = [...ids, ...fresh].slice(-LEDGER_CAPACITY);
    await writeFileAtomic(this.#file, `${JSON.stringify({ ids: next })}\n`, 0o600);
    this.#ids = next;
  }

  async #load(): Promise<string[]> {
    if (this.#ids !== undefined) return this.#ids;
    const value = await readJsonFile(this.#file).catch(() => undefined);
    const ids = typeof value === 'object' && value !== null && 'ids' in value && Array.isArray(value.ids) ? value.ids.filter((id): id is string => typeof id === 'string') : [];
    this.#ids = ids;
    return ids;
  }
}
