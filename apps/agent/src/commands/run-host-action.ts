import { protocolLimits } from '@ward/agent-protocol';
import type { Argv } from '../config/agent-config.js';
import { runBounded } from '../process/run-bounded.js';
import type { CommandOutcome } from './command-outcome.js';

// Lock and restart return at once (they ask the session manager or init to act).
const HOST_ACTION_TIMEOUT_MS = 60_000;

/** Runs a configured host action (`config.actions.lock`, `.restart`) and reports its exit status and output. */
export async function runHostAction(argv: Argv, signal: AbortSignal): Promise<CommandOutcome> {
  const run = await runBounded(argv, { timeoutMs: HOST_ACTION_TIMEOUT_MS, maxOutputBytes: protocolLimits.commandOutputBytes, signal });
  const output = run.output === '' ? {} : { output: run.output, ...(run.outputTruncated ? { outputTruncated: true } : {}) };
  if (run.failure !== undefined) return { status: 'failed', ...output, error: run.failure.message };
  if (run.exitCode === 0) return { status: 'succeeded', exitCode: 0, ...output };
  return { status: 'failed', ...(run.exitCode === null ? {} : { exitCode: run.exitCode }), ...output, error: `${argv.join(' ')} exited with status ${run.exitCode ?? 'unknown'}` };
}
