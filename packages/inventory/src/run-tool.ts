import { clipText } from './clip-text.js';
import { describeError } from './describe-error.js';
import type { RunCommand, RunResult } from './run-command.js';
import { available, unavailable, type SectionResult } from './section-result.js';

/** What a collector needs to run tools. */
export interface ToolContext {
  /** Runs one program; see {@link RunCommand}. */
  readonly run: RunCommand;
  /** Time limit of one command, in milliseconds. */
  readonly timeoutMs: number;
  /** Standard output kept of one command; the rest is cut. */
  readonly maxOutputBytes: number;
}

/** A command that ran to its end (or to the output cap). */
export interface ToolOutput {
  readonly stdout: string;
  readonly stderr: string;
  /** The exit code; null when the command was stopped at the output cap. */
  readonly code: number | null;
  /** Standard output was cut at the cap: line-based parsers drop the last, partial line. */
  readonly truncated: boolean;
}

/** Exit status 127 is what a shell-based or remote runner reports for a missing program. */
const commandNotFound = 127;

function isMissingBinary(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'code' in error && error.code === 'ENOENT';
}

/**
 * Runs `cmd` through the context's runner and turns everything that is not a finished run (missing
 * binary, time-out, crash, a runner that throws or returns nonsense) into a reason. The exit code
 * is left to the caller because tools use it differently (`firewall-cmd --state` says "not running"
 * with 252). Standard output is cut at the context's cap even if the runner did not cut it.
 */
export async function runTool(ctx: ToolContext, cmd: string, args: readonly string[], timeoutMs: number = ctx.timeoutMs): Promise<SectionResult<ToolOutput>> {
  let result: RunResult;
  try {
    result = await ctx.run(cmd, args, { timeoutMs, maxOutputBytes: ctx.maxOutputBytes });
  } catch (error) {
    return unavailable(isMissingBinary(error) ? `${cmd} is not installed` : `${cmd} could not be run: ${describeError(error)}`);
  }
  // The runner is injectable, so its answer is checked like any other input.
  const shape: unknown = result;
  if (typeof shape !== 'object' || shape === null || typeof result.stdout !== 'string') {
    return unavailable(`${cmd}: the command runner returned no output`);
  }
  const stderr = typeof result.stderr === 'string' ? clipText(result.stderr, 2000) : '';
  switch (result.failure) {
    case 'not-found':
      return unavailable(`${cmd} is not installed`);
    case 'timed-out':
      return unavailable(`${cmd} did not finish within ${timeoutMs} ms`);
    case 'crashed':
    case 'failed-to-start':
      return unavailable(`${cmd} could not be run: ${firstLine(stderr) || result.failure}`);
    case undefined:
      break;
  }
  const code = typeof result.code === 'number' ? result.code : null;
  if (code === commandNotFound) return unavailable(`${cmd} is not installed`);
  const overCap = result.stdout.length > ctx.maxOutputBytes;
  const stdout = overCap ? result.stdout.slice(0, ctx.maxOutputBytes) : result.stdout;
  const truncated = overCap || result.truncated === true;
  if (code === null && !truncated) return unavailable(`${cmd} ended without an exit code`);
  return available({ stdout, stderr, code, truncated });
}

/** The first non-empty line of a tool's message, for a reason. */
export function firstLine(text: string): string {
  const line = text.split(/\r?\n/).find((candidate) => candidate.trim() !== '');
  return line === undefined ? '' : clipText(line.trim(), 300);
}

/**
 * Accepts a finished run that exited 0 (or that was stopped at the output cap, whose output is
 * still worth parsing) and turns any other exit into a reason naming the tool's own message.
 */
export function requireSuccess(cmd: string, output: ToolOutput): SectionResult<ToolOutput> {
  if (output.code === 0 || (output.code === null && output.truncated)) return available(output);
  const message = firstLine(output.stderr) || firstLine(output.stdout);
  return unavailable(`${cmd} exited with code ${output.code ?? 'none'}${message === '' ? '' : `: ${message}`}`);
}
