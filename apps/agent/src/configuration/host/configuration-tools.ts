import type { RunCommand } from '@ward/inventory';

/** What running one system tool came to. */
export type ToolRun =
  | { readonly ran: true; readonly code: number | null; readonly stdout: string; readonly stderr: string }
  /** The tool did not run to its end: `missing` when it is not installed, else it could not start, timed out or crashed. */
  | { readonly ran: false; readonly missing: boolean; readonly reason: string };

/** A shell's exit status for "command not found", which runners without ENOENT report instead. */
const COMMAND_NOT_FOUND = 127;

/**
 * Runs the system tools appliers call (`dconf`, `nmcli`, `ufw`, …) through the agent's command
 * runner, with a time limit, never through a shell. A tool that is missing, refused (the runner of
 * a non-host root refuses everything) or stuck becomes a {@link ToolRun} with a reason, never an
 * exception: a missing tool is something to report, not a crash.
 */
export class ConfigurationTools {
  readonly #run: RunCommand;
  readonly #timeoutMs: number;

  /**
   * @param run the agent's command runner (`execFileRun` on the host root).
   * @param timeoutMs how long one tool may take; `update-ca-certificates` on a slow disk needs seconds.
   */
  constructor(run: RunCommand, timeoutMs = 60_000) {
    this.#run = run;
    this.#timeoutMs = timeoutMs;
  }

  /** Runs `cmd args…` and says what happened. */
  async run(cmd: string, args: readonly string[]): Promise<ToolRun> {
    let result;
    try {
      result = await this.#run(cmd, args, { timeoutMs: this.#timeoutMs, maxOutputBytes: 64 * 1024 });
    } catch (error) {
      const missing = typeof error === 'object' && error !== null && 'code' in error && error.code === 'ENOENT';
      return { ran: false, missing, reason: missing ? `${cmd} is not installed` : `${cmd} could not be run: ${error instanceof Error ? error.message : String(error)}` };
    }
    switch (result.failure) {
      case 'not-found':
        return { ran: false, missing: true, reason: `${cmd} is not installed` };
      case 'timed-out':
        return { ran: false, missing: false, reason: `${cmd} did not finish within ${Math.round(this.#timeoutMs / 1000)} s` };
      case 'crashed':
      case 'failed-to-start':
        return { ran: false, missing: false, reason: `${cmd} could not be run: ${firstLine(result.stderr) || result.failure}` };
      case undefined:
        break;
    }
    if (result.code === COMMAND_NOT_FOUND) return { ran: false, missing: true, reason: `${cmd} is not installed` };
    return { ran: true, code: result.code, stdout: result.stdout, stderr: result.stderr };
  }

  /**
   * Runs a tool whose success is exit status 0 and returns null on success or the reason it did
   * not succeed (not installed, its own error message).
   */
  async runToSuccess(cmd: string, args: readonly string[]): Promise<string | null> {
    const run = await this.run(cmd, args);
    return run.ran ? (run.code === 0 ? null : exitReason([cmd, ...args].join(' '), run)) : run.reason;
  }
}

/** "`what` exited with code N: <its first line of output>". */
export function exitReason(what: string, run: { readonly code: number | null; readonly stdout: string; readonly stderr: string }): string {
  const message = firstLine(run.stderr) || firstLine(run.stdout);
  return `${what} exited with code ${run.code ?? 'none'}${message === '' ? '' : `: ${message}`}`;
}

/** The first non-empty line of a tool's output, cut to 300 characters. */
export function firstLine(text: string): string {
  const line = text.split(/\r?\n/).find((candidate) => candidate.trim() !== '');
  return line === undefined ? '' : line.trim().slice(0, 300);
}
