/** The exit statuses both Ward commands share; each may add its own above these. */
export const baseExitCodes = {
  ok: 0,
  /** The command ran and found a problem or failed. */
  failure: 1,
  /** The command could not run as asked: bad arguments or configuration. */
  usage: 2,
} as const;

/**
 * Ends a command with an exit status and lines for standard error. Commands throw it instead of
 * calling `process.exit`, so `main` can close what is open and tests can run commands in-process.
 */
export class CliExit extends Error {
  readonly exitCode: number;
  readonly lines: readonly string[];

  constructor(exitCode: number, lines: readonly string[], options?: { cause?: unknown }) {
    super(lines.join('\n'), options);
    this.name = 'CliExit';
    this.exitCode = exitCode;
    this.lines = lines;
  }
}
