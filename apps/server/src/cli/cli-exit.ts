import { baseExitCodes } from '@ward/cli-kit';

export { CliExit } from '@ward/cli-kit';

/** Exit statuses of the `ward` command: 1 the command ran and found a problem (a failed check, a refused import, a broken chain), 2 bad configuration, arguments or setup. */
export const exitCodes = baseExitCodes;
