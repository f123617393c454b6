import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { protocolLimits } from '@ward/agent-protocol';
import type { AgentPlatform } from '../config/agent-platform.js';
import { runBounded } from '../process/run-bounded.js';
import { ensurePrivateDir } from '../storage/ensure-private-dir.js';
import { fileNameForId } from '../storage/file-name-for-id.js';
import { writeFileAtomic } from '../storage/write-file-atomic.js';
import type { CommandOutcome } from './command-outcome.js';
import type { ScriptInterpreter, ScriptPayload } from './parse-script-payload.js';

/** Where and how to run a script. */
export interface RunScriptContext {
  readonly commandId: string;
  /** The 0700 folder scripts are written to. */
  readonly scriptsDir: string;
  readonly platform: AgentPlatform;
  /** Aborted when the agent stops: the script is killed and reported interrupted. */
  readonly signal: AbortSignal;
}

/**
 * Runs a verified script: writes it to a 0700 file in the state dir (a file rather than standard
 * input, so the script may read its own standard input and PowerShell runs it as a script), runs
 * the interpreter on it in its own process group, kills the group at the time limit, and reports
 * the exit code and up to `protocolLimits.commandOutputBytes` of combined output.
 */
export async function runScript(payload: ScriptPayload, context: RunScriptContext): Promise<CommandOutcome> {
  await ensurePrivateDir(context.scriptsDir);
  const file = join(context.scriptsDir, `${fileNameForId(context.commandId)}${payload.interpreter === 'powershell' ? '.ps1' : '.sh'}`);
  await writeFileAtomic(file, payload.script, 0o700);
  try {
    const run = await runBounded(interpreterArgv(payload.interpreter, context.platform, file), {
      timeoutMs: payload.timeoutSeconds * 1000,
      maxOutputBytes: protocolLimits.commandOutputBytes,
      signal: context.signal,
      cwd: context.scriptsDir,
    });
    const output = { output: run.output, ...(run.outputTruncated ? { outputTruncated: true } : {}) };
    if (run.failure !== undefined) return { status: 'failed', ...output, error: run.failure.message };
    if (run.exitCode === 0) return { status: 'succeeded', exitCode: 0, ...output };
    return { status: 'failed', ...(run.exitCode === null ? {} : { exitCode: run.exitCode }), ...output, error: `the script exited with status ${run.exitCode ?? 'unknown'}` };
  } finally {
    await rm(file, { force: true });
  }
}

/** The command line that runs `file` with `interpreter` on `platform`. */
export function interpreterArgv(interpreter: ScriptInterpreter, platform: AgentPlatform, file: string): [string, ...string[]] {
  switch (interpreter) {
    case 'sh':
    case 'bash':
    case 'zsh':
      return [interpreter, file];
    case 'powershell':
      // Windows PowerShell ships with Windows; elsewhere PowerShell 7 is `pwsh`.
      return platform === 'windows'
        ? ['powershell.exe', '-NoLogo', '-NoProfile', '-NonInteractive', '-ExecutionPolicy', 'Bypass', '-File', file]
        : ['pwsh', '-NoLogo', '-NoProfile', '-NonInteractive', '-File', file];
  }
}
