/** Options for one command run. */
export interface RunOptions {
  /** Kill the command after this many milliseconds. */
  readonly timeoutMs: number;
  /** Keep at most this many bytes of standard output (and of standard error). */
  readonly maxOutputBytes?: number;
}

/** Why a command produced no exit code of its own. */
export type RunFailure = 'not-found' | 'timed-out' | 'crashed' | 'failed-to-start';

/** What a command did. */
export interface RunResult {
  readonly stdout: string;
  readonly stderr: string;
  /** The exit code, or null when the command was killed or never started. */
  readonly code: number | null;
  /** Set when the command never ran to its own end. */
  readonly failure?: RunFailure;
  /** Set when standard output was cut at `maxOutputBytes`. */
  readonly truncated?: boolean;
}

/**
 * Runs one external program with an argument vector, never through a shell. Collectors take this
 * as a parameter so tests (and the agent's temporary-root mode) can serve captured outputs instead
 * of touching the host. It may reject; the collectors treat a rejection as "section unavailable".
 */
export type RunCommand = (cmd: string, args: readonly string[], options: RunOptions) => Promise<RunResult>;
