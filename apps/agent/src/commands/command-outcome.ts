import type { CommandResult } from '@ward/agent-protocol';

/** What running a command came to, before it is stamped into a {@link CommandResult}. */
export interface CommandOutcome {
  readonly status: 'succeeded' | 'failed';
  readonly exitCode?: number;
  readonly output?: string;
  readonly outputTruncated?: boolean;
  readonly error?: string;
}

// The protocol's limit on `error`.
const MAX_ERROR_LENGTH = 2000;

/** The result to report for `commandId`, with the error text cut to the protocol's limit. */
export function toCommandResult(commandId: string, outcome: CommandOutcome, finishedAt: Date): CommandResult {
  return {
    commandId,
    status: outcome.status,
    ...(outcome.exitCode === undefined ? {} : { exitCode: outcome.exitCode }),
    ...(outcome.output === undefined ? {} : { output: outcome.output }),
    ...(outcome.outputTruncated === true ? { outputTruncated: true } : {}),
    ...(outcome.error === undefined ? {} : { error: outcome.error.slice(0, MAX_ERROR_LENGTH) }),
    finishedAt: finishedAt.toISOString(),
  };
}
