import type { RunCommand, RunResult } from '../../src/run-command.js';

/** One served command: matched on the program and its joined arguments. */
export interface ServedCommand {
  readonly cmd: string;
  /** Matches the arguments joined with single spaces; a string must match exactly. */
  readonly args?: string | RegExp;
  readonly result: Partial<RunResult> | (() => Promise<RunResult>);
}

/** The calls a fixture runner saw, for assertions. */
export interface FixtureRunner {
  readonly run: RunCommand;
  readonly calls: { cmd: string; args: readonly string[] }[];
}

/**
 * A RunCommand that serves captured outputs instead of running programs: the stand-in for
 * machines (and tools) this test host does not have. Programs without an entry are "not found",
 * as execFileRun reports a missing binary.
 */
export function fixtureRunner(served: readonly ServedCommand[]): FixtureRunner {
  const calls: { cmd: string; args: readonly string[] }[] = [];
  const run: RunCommand = async (cmd, args) => {
    calls.push({ cmd, args });
    const joined = args.join(' ');
    const hit = served.find((entry) => entry.cmd === cmd && (entry.args === undefined || (typeof entry.args === 'string' ? entry.args === joined : entry.args.test(joined))));
    if (hit === undefined) return { stdout: '', stderr: `spawn ${cmd} ENOENT`, code: null, failure: 'not-found' };
    if (typeof hit.result === 'function') return hit.result();
    return { stdout: '', stderr: '', code: 0, ...hit.result };
  };
  return { run, calls };
}
