import { NOT_ENROLLED_EXIT_CODE } from '../service/render-systemd-unit.js';

/** Exit statuses of the `ward-agent` command. */
export const exitCodes = {
  ok: 0,
  /** The command ran and failed (enrollment refused, server unreachable, a service command failed). */
  failure: 1,
  /** The command could not run as asked: bad arguments or configuration. */
  usage: 2,
  /** `run` or `status` on a machine that is not enrolled; the service manager does not restart for it. */
  notEnrolled: NOT_ENROLLED_EXIT_CODE,
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
