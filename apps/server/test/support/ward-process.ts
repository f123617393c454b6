import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** The compiled CLI launcher, as `npx ward` runs it. `npm test` builds dist/ first. */
export const wardBin = fileURLToPath(new URL('../../bin/ward.js', import.meta.url));
/** The repository root, the working directory of the processes. */
export const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));

/** Environment for a Ward process: the test's variables over a clean base without any WARD_* leaking in from outside. */
export function wardEnv(extra: Readonly<Record<string, string>> = {}): Record<string, string> {
  const base: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) if (value !== undefined && !key.startsWith('WARD_')) base[key] = value;
  return { ...base, WARD_LOG_FORMAT: 'json', ...extra };
}

/** The outcome of a finished command. */
export interface WardRun {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** A running `ward` process whose output is collected as it arrives. */
export class WardProcess {
  readonly child: ChildProcess;
  stdout = '';
  stderr = '';
  readonly exited: Promise<WardRun>;
  #closed = false;
  #waiters: (() => void)[] = [];

  constructor(args: readonly string[], env: Readonly<Record<string, string>>) {
    this.child = spawn(process.execPath, [wardBin, ...args], { cwd: repoRoot, env, stdio: ['ignore', 'pipe', 'pipe'] });
    this.child.stdout?.setEncoding('utf8').on('data', (text: string) => {
      this.stdout += text;
      this.#notify();
    });
    this.child.stderr?.setEncoding('utf8').on('data', (text: string) => {
      this.stderr += text;
      this.#notify();
    });
    this.exited = new Promise((resolve) => {
      this.child.on('close', (code, signal) => {
        this.#closed = true;
        this.#notify();
        resolve({ code, signal, stdout: this.stdout, stderr: this.stderr });
      });
    });
  }

  /** Waits until `pattern` matches the collected output of `stream`; fails on exit or timeout with what was seen. */
  async waitFor(pattern: RegExp, stream: 'stdout' | 'stderr' = 'stdout', timeoutMs = 30_000): Promise<RegExpMatchArray> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const match = this[stream].match(pattern);
      if (match !== null) return match;
      if (this.#closed) throw new Error(`ward exited (${this.child.exitCode}) before ${pattern} appeared.\nstdout:\n${this.stdout}\nstderr:\n${this.stderr}`);
      if (Date.now() > deadline) throw new Error(`${pattern} did not appear within ${timeoutMs} ms.\nstdout:\n${this.stdout}\nstderr:\n${this.stderr}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 250);
        this.#waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /** Sends a signal and waits for the exit. */
  async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<WardRun> {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill(signal);
    return this.exited;
  }

  #notify(): void {
    for (const wake of this.#waiters.splice(0)) wake();
  }
}

/** Runs a `ward` command to its end. */
export function runWard(args: readonly string[], env: Readonly<Record<string, string>>): Promise<WardRun> {
  return new WardProcess(args, env).exited;
}
