import type { KeyObject } from 'node:crypto';
import type { AgentCommand, CommandResult } from '@ward/agent-protocol';
import type { Logger } from '../logging/logger.js';
import { checkCommandAuthenticity } from './check-command-authenticity.js';
import type { CommandInbox, InboxEntry } from './command-inbox.js';
import { toCommandResult, type CommandOutcome } from './command-outcome.js';
import type { CompletedLedger } from './completed-ledger.js';
import type { ResultOutbox } from './result-outbox.js';

/** The error of a command that was running when the agent died. */
export const INTERRUPTED_ERROR = 'interrupted: agent restarted';

/** What the {@link CommandProcessor} works with. */
export interface CommandProcessorDeps {
  readonly inbox: CommandInbox;
  readonly outbox: ResultOutbox;
  readonly ledger: CompletedLedger;
  /** This device's id and the pinned command signing key. */
  readonly deviceId: string;
  readonly signingKey: KeyObject;
  /** Runs an authentic command. */
  readonly execute: (command: AgentCommand, signal: AbortSignal) => Promise<CommandOutcome>;
  /**
   * The outcome of a command found started but unfinished after a restart. Defaults to failed with
   * {@link INTERRUPTED_ERROR}; some commands can tell better (a restart that did reboot the host).
   */
  readonly resolveInterrupted?: (entry: InboxEntry) => Promise<CommandOutcome | undefined>;
  /** Told each time a result is safely in the outbox (the agent checks in to deliver it). */
  readonly onResult: (result: CommandResult) => void;
  readonly log: Logger;
  readonly clock: () => Date;
}

/**
 * Runs commands at least once and at most once, across crashes. A received command is written to
 * the inbox before anything else; it is marked started just before it acts; its result goes to the
 * durable outbox before it leaves the inbox. A command id already in the inbox, the outbox or the
 * ledger of acknowledged ids is not taken again, however often the server redelivers it. Commands
 * run one at a time, in the order received, off the check-in path.
 */
export class CommandProcessor {
  readonly #deps: CommandProcessorDeps;
  readonly #queue: InboxEntry[] = [];
  readonly #queuedIds = new Set<string>();
  #worker: Promise<void> | undefined;
  #abort = new AbortController();
  #accepting = true;
  #stopped = false;

  constructor(deps: CommandProcessorDeps) {
    this.#deps = deps;
  }

  /**
   * Picks up where a previous run left off: commands never started are queued again, commands cut
   * off midway are reported (never re-run: a script need not be idempotent), and inbox entries whose
   * result is already stored are cleared.
   */
  async recover(): Promise<void> {
    const { inbox, outbox, ledger, log } = this.#deps;
    await outbox.removeLeftovers();
    for (const entry of await inbox.list()) {
      const id = entry.command.id;
      if ((await outbox.has(id)) || (await ledger.has(id))) {
        await inbox.remove(id);
      } else if (entry.startedAt !== undefined) {
        const outcome = (await this.#deps.resolveInterrupted?.(entry)) ?? { status: 'failed', error: INTERRUPTED_ERROR };
        log.warn(`command ${id} (${entry.command.type}) was running when the agent stopped; reporting it ${outcome.status}`);
        await this.#complete(id, outcome);
      } else {
        this.#enqueue(entry);
      }
    }
    this.#kick();
  }

  /** Takes commands from a check-in: stores the new ones durably, then runs them in the background. */
  async accept(commands: readonly AgentCommand[]): Promise<void> {
    const { inbox, outbox, ledger, log, clock } = this.#deps;
    for (const command of commands) {
      if (!this.#accepting) {
        log.info(`command ${command.id} (${command.type}) ignored: the device is retiring`);
        continue;
      }
      if (command.id === '' || command.id.length > 64) {
        // A result could not name it (the protocol caps result ids at 64), so it cannot be run safely.
        log.warn(`command with an unusable id of ${command.id.length} characters ignored`);
        continue;
      }
      if (this.#queuedIds.has(command.id) || (await inbox.has(command.id)) || (await outbox.has(command.id)) || (await ledger.has(command.id))) {
        log.debug(`command ${command.id} redelivered; already taken`);
        continue;
      }
      await inbox.put(command, clock());
      log.info(`command ${command.id} (${command.type}) received`);
      this.#enqueue({ command, receivedAt: clock().toISOString() });
    }
    this.#kick();
  }

  /** Stops taking new commands (retire); the running one finishes. */
  stopAccepting(): void {
    this.#accepting = false;
  }

  /** Aborts the running command (it is reported interrupted) and waits for the worker to end. */
  async stop(): Promise<void> {
    this.#stopped = true;
    this.#abort.abort();
    await this.#worker;
  }

  /** Resolves when nothing is queued or running. */
  async idle(): Promise<void> {
    while (this.#worker !== undefined) await this.#worker;
  }

  #enqueue(entry: InboxEntry): void {
    this.#queue.push(entry);
    this.#queuedIds.add(entry.command.id);
  }

  #kick(): void {
    if (this.#worker !== undefined || this.#stopped || this.#queue.length === 0) return;
    this.#worker = this.#drain().finally(() => {
      this.#worker = undefined;
      this.#kick();
    });
  }

  async #drain(): Promise<void> {
    for (let entry = this.#queue.shift(); entry !== undefined && !this.#stopped; entry = this.#queue.shift()) {
      try {
        await this.#run(entry);
      } catch (error) {
        // Left in the inbox: the next start reports it (started) or retries it (not started).
        this.#deps.log.error(`command ${entry.command.id}: ${(error as Error).message}`);
      } finally {
        this.#queuedIds.delete(entry.command.id);
      }
    }
  }

  async #run(entry: InboxEntry): Promise<void> {
    const { inbox, log, clock } = this.#deps;
    const { command } = entry;
    const check = checkCommandAuthenticity(command, { deviceId: this.#deps.deviceId, signingKey: this.#deps.signingKey, now: clock() });
    if (!check.ok) {
      log.warn(`command ${command.id} (${command.type}) refused: ${check.error}`);
      await this.#complete(command.id, { status: 'failed', error: check.error });
      return;
    }
    await inbox.markStarted(entry, clock());
    log.info(`command ${command.id} (${command.type}) running`);
    let outcome: CommandOutcome;
    try {
      outcome = await this.#deps.execute(command, this.#abort.signal);
    } catch (error) {
      outcome = { status: 'failed', error: `the agent could not run the command: ${(error as Error).message}` };
    }
    await this.#complete(command.id, outcome);
    log.info(`command ${command.id} (${command.type}) ${outcome.status}${outcome.error === undefined ? '' : `: ${outcome.error}`}`);
  }

  async #complete(commandId: string, outcome: CommandOutcome): Promise<void> {
    const result = toCommandResult(commandId, outcome, this.#deps.clock());
    await this.#deps.outbox.put(result);
    await this.#deps.inbox.remove(commandId);
    this.#deps.onResult(result);
  }
}
