import { readdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { AgentCommand } from '@ward/agent-protocol';
import { matchesSchema } from '../protocol/matches-schema.js';
import { ensurePrivateDir } from '../storage/ensure-private-dir.js';
import { fileNameForId } from '../storage/file-name-for-id.js';
import { isRecord } from '../storage/is-record.js';
import { readJsonFile } from '../storage/read-json-file.js';
import { syncDirectory, writeFileAtomic } from '../storage/write-file-atomic.js';

/** A received command as kept on disk until its result is in the outbox. */
export interface InboxEntry {
  readonly command: AgentCommand;
  /** When the agent received it, ISO text. */
  readonly receivedAt: string;
  /** When the agent began to run it, ISO text; present means "may have had effects". */
  readonly startedAt?: string;
}

/**
 * Commands received and not yet finished, one JSON file each. A command is written here before it
 * runs and marked started just before it acts, so after a crash the agent knows which commands it
 * never began (run them) and which were cut off midway (report them, never re-run them silently).
 */
export class CommandInbox {
  readonly #dir: string;

  /** @param dir the inbox folder (created 0700 on first use). */
  constructor(dir: string) {
    this.#dir = dir;
  }

  /** Stores a newly received command; false when it is already there. */
  async put(command: AgentCommand, receivedAt: Date): Promise<boolean> {
    await ensurePrivateDir(this.#dir);
    if (await this.has(command.id)) return false;
    await this.#write({ command, receivedAt: receivedAt.toISOString() });
    return true;
  }

  /** Records durably that the command is about to act. */
  async markStarted(entry: InboxEntry, at: Date): Promise<InboxEntry> {
    const started = { ...entry, startedAt: at.toISOString() };
    await this.#write(started);
    return started;
  }

  /** Whether the command is in the inbox. */
  async has(commandId: string): Promise<boolean> {
    return (await readJsonFile(this.#path(commandId))) !== undefined;
  }

  /** Every stored command, in the order received. Unreadable files are set aside as `*.corrupt`. */
  async list(): Promise<InboxEntry[]> {
    let names: string[];
    try {
      names = (await readdir(this.#dir)).filter((name) => name.endsWith('.json') && !name.startsWith('.'));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
    const entries: InboxEntry[] = [];
    for (const name of names) {
      const file = join(this.#dir, name);
      const value = await readJsonFile(file).catch(() => null);
      if (value === undefined) continue;
      const entry = parseEntry(value);
      if (entry === undefined) {
        await rename(file, `${file}.corrupt`).catch(() => undefined);
        continue;
      }
      entries.push(entry);
    }
    return entries.sort((a, b) => a.receivedAt.localeCompare(b.receivedAt));
  }

  /** Removes a command whose result is safely in the outbox. */
  async remove(commandId: string): Promise<void> {
    await rm(this.#path(commandId), { force: true });
    await syncDirectory(this.#dir).catch(() => undefined);
  }

  async #write(entry: InboxEntry): Promise<void> {
    await writeFileAtomic(this.#path(entry.command.id), `${JSON.stringify(entry)}\n`, 0o600);
  }

  #path(commandId: string): string {
    return join(this.#dir, `${fileNameForId(commandId)}.json`);
  }
}

function parseEntry(value: unknown): InboxEntry | undefined {
  if (!isRecord(value) || !matchesSchema(AgentCommand, value.command) || typeof value.receivedAt !== 'string') return undefined;
  if (value.startedAt !== undefined && typeof value.startedAt !== 'string') return undefined;
  return value.startedAt === undefined
    ? { command: value.command, receivedAt: value.receivedAt }
    : { command: value.command, receivedAt: value.receivedAt, startedAt: value.startedAt };
}
