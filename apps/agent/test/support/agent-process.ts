import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The compiled CLI launcher, as the service runs it. `npx tsc -b apps/agent` builds dist/ first. */
export const agentBin = fileURLToPath(new URL('../../bin/ward-agent.js', import.meta.url));
/** Where agent processes start, so relative paths in a test mean the same from either app's tests. */
const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));
/** The compiled entry point the launcher loads. */
export const agentDistMain = fileURLToPath(new URL('../../dist/cli/main.js', import.meta.url));

/** Fails with a clear message when the agent has not been compiled: these tests run the real process. */
export function assertAgentBuilt(): void {
  if (!existsSync(agentDistMain)) throw new Error(`${agentDistMain} is missing: run \`npx tsc -b apps/agent\` before these tests`);
}

/** Environment for an agent process: the test's variables over a clean base without WARD_* from outside. */
export function agentEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) if (value !== undefined && !key.startsWith('WARD_')) env[key] = value;
  return env;
}

/** The outcome of a finished agent process. */
export interface AgentRun {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** A running `ward-agent` process whose output is collected as it arrives. */
export class AgentProcess {
  readonly child: ChildProcess;
  stdout = '';
  stderr = '';
  readonly exited: Promise<AgentRun>;

  constructor(args: readonly string[]) {
    this.child = spawn(process.execPath, [agentBin, ...args], { cwd: repoRoot, env: agentEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
    this.child.stdout?.setEncoding('utf8').on('data', (text: string) => {
      this.stdout += text;
    });
    this.child.stderr?.setEncoding('utf8').on('data', (text: string) => {
      this.stderr += text;
    });
    this.exited = new Promise((resolve) => {
      this.child.on('close', (code, signal) => {
        resolve({ code, signal, stdout: this.stdout, stderr: this.stderr });
      });
    });
  }

  /** Sends a signal and waits for the exit. */
  async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<AgentRun> {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill(signal);
    return this.exited;
  }
}

/** Runs a `ward-agent` command to its end. */
export function runAgent(args: readonly string[]): Promise<AgentRun> {
  return new AgentProcess(args).exited;
}
