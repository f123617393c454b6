import { isRecord } from '../storage/is-record.js';
import { readJsonFile } from '../storage/read-json-file.js';
import { writeFileAtomic } from '../storage/write-file-atomic.js';

/** Check-in bookkeeping kept in `state.json`. */
export interface AgentState {
  /** The last successful check-in, ISO text. */
  readonly lastCheckInAt?: string;
  /** Why the last attempt failed, when it did. */
  readonly lastError?: string;
  /** The interval the server asked for. */
  readonly checkInIntervalSeconds: number;
  /** Hashes of the facts, inventory and software the server last received. */
  readonly sentHashes: { readonly facts?: string; readonly inventory?: string; readonly software?: string };
  /**
   * The facts the server holds, as last acknowledged: a check-in sends only the facts whose value
   * differs from these (the server merges them into what it has). Absent: send them all.
   */
  readonly sentFacts?: Readonly<Record<string, unknown>>;
  /** Set by `refreshInventory`: the next check-in sends everything, hashes or not. ISO time of the request. */
  readonly fullReportRequestedAt?: string;
  /** Set once `retire` did its work: the agent only delivers results, then deletes its identity. */
  readonly retiring: boolean;
}

/** The state before the first check-in. */
export const initialAgentState: AgentState = { checkInIntervalSeconds: 900, sentHashes: {}, retiring: false };

/**
 * `state.json`, cached in memory, written atomically. Updates are serialised so the check-in loop
 * and command handlers can both change it without losing each other's writes.
 */
export class AgentStateStore {
  readonly #file: string;
  #state: AgentState | undefined;
  #writes: Promise<void> = Promise.resolve();

  constructor(file: string) {
    this.#file = file;
  }

  /** The current state (defaults when the file is missing or damaged: it only holds caches and timestamps). */
  async get(): Promise<AgentState> {
    if (this.#state === undefined) this.#state = parseState(await readJsonFile(this.#file).catch(() => undefined));
    return this.#state;
  }

  /** Applies `change` to the latest state and persists the result. */
  async update(change: (state: AgentState) => AgentState): Promise<AgentState> {
    const run = this.#writes.then(async () => {
      const next = change(await this.get());
      await writeFileAtomic(this.#file, `${JSON.stringify(next, null, 2)}\n`, 0o600);
      this.#state = next;
    });
    this.#writes = run.catch(() => undefined);
    await run;
    return this.get();
  }
}

function parseState(value: unknown): AgentState {
  if (!isRecord(value)) return initialAgentState;
  const hashes = isRecord(value.sentHashes) ? value.sentHashes : {};
  const text = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
  const sentHashes: AgentState['sentHashes'] = {
    ...(text(hashes.facts) === undefined ? {} : { facts: text(hashes.facts) }),
    ...(text(hashes.inventory) === undefined ? {} : { inventory: text(hashes.inventory) }),
    ...(text(hashes.software) === undefined ? {} : { software: text(hashes.software) }),
  };
  return {
    checkInIntervalSeconds: typeof value.checkInIntervalSeconds === 'number' ? value.checkInIntervalSeconds : initialAgentState.checkInIntervalSeconds,
    sentHashes,
    retiring: value.retiring === true,
    ...(isRecord(value.sentFacts) ? { sentFacts: value.sentFacts } : {}),
    ...(text(value.lastCheckInAt) === undefined ? {} : { lastCheckInAt: text(value.lastCheckInAt) }),
    ...(text(value.lastError) === undefined ? {} : { lastError: text(value.lastError) }),
    ...(text(value.fullReportRequestedAt) === undefined ? {} : { fullReportRequestedAt: text(value.fullReportRequestedAt) }),
  };
}
