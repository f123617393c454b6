import type { Failure } from '@ward/core';
import { CliExit, exitCodes } from './cli-exit.js';

/** Ends a command with a core use case's refusal: its message and stable code, status 2 for bad input, else 1. */
export function exitOnFailure(failure: Failure): never {
  const usage = failure.code === 'VALIDATION_FAILED' || failure.code === 'GROUP_NOT_FOUND' || failure.code === 'USER_NOT_FOUND';
  throw new CliExit(usage ? exitCodes.usage : exitCodes.failure, [`${failure.message} (${failure.code})`]);
}
