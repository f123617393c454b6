import { CommanderError, type Command } from 'commander';
import { baseExitCodes, CliExit } from './cli-exit.js';
import type { CliIo } from './cli-io.js';

/** How a program reports what went wrong. */
export interface RunProgramOptions {
  /** The command's name, prefixed to an unexpected error's line. */
  readonly name: string;
  /** One line for people about an unexpected error. */
  readonly describeError: (error: unknown) => string;
}

/**
 * Prepares a commander program to write through `io` and to throw rather than exit, so that
 * `runProgram` decides the status after open resources have closed.
 */
export function configureProgram(program: Command, io: CliIo): Command {
  return program
    .showHelpAfterError('(run with --help for usage)')
    .configureOutput({ writeOut: (text) => void io.stdout.write(text), writeErr: (text) => void io.stderr.write(text) })
    .exitOverride();
}

/**
 * Runs a program on `argv` (as `process.argv`: node, script, then arguments), sets
 * `process.exitCode` and returns it: a `CliExit` gives its own status and lines, help and version 0,
 * a usage error (already printed by commander) 2, anything else 1 with one line (and the stack when
 * WARD_DEBUG is set).
 */
export async function runProgram(program: Command, argv: readonly string[], io: CliIo, options: RunProgramOptions): Promise<number> {
  let code: number = baseExitCodes.ok;
  try {
    await program.parseAsync([...argv]);
  } catch (error) {
    if (error instanceof CliExit) {
      for (const line of error.lines) io.stderr.write(`${line}\n`);
      code = error.exitCode;
    } else if (error instanceof CommanderError) {
      code = error.exitCode === 0 ? baseExitCodes.ok : baseExitCodes.usage;
    } else {
      io.stderr.write(`${options.name}: ${options.describeError(error)}\n`);
      if (error instanceof Error && error.stack !== undefined && io.env.WARD_DEBUG !== undefined) io.stderr.write(`${error.stack}\n`);
      code = baseExitCodes.failure;
    }
  }
  process.exitCode = code;
  return code;
}
