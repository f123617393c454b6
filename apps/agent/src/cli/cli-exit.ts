import { baseExitCodes } from '@ward/cli-kit';
import { NOT_ENROLLED_EXIT_CODE } from '../service/render-systemd-unit.js';

export { CliExit } from '@ward/cli-kit';

/** Exit statuses of the `ward-agent` command. */
export const exitCodes = {
  // 1: the command ran and failed (enrollment refused, server unreachable, a service command failed);
  // 2: it could not run as asked (bad arguments or configuration).
  ...baseExitCodes,
  /** `run` or `status` on a machine that is not enrolled; the service manager does not restart for it. */
  notEnrolled: NOT_ENROLLED_EXIT_CODE,
} as const;
