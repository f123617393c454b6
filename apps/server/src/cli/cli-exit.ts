/** Exit statuses of the `ward` command. */
export const exitCodes = {
  ok: 0,
  /** The command ran and found a problem (a failed check, a refused import, a broken chain). */
  failure: 1,
  /** The command could not run as asked: bad configuration, bad arguments, unsupported setup. */
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
