import { spawn, spawnSync } from 'node:child_process';
import { CappedOutput } from './capped-output.js';

/** How to run a bounded process. */
export interface RunBoundedOptions {
  /** Killed (with its whole process group) after this long. */
  readonly timeoutMs: number;
  /** Output kept, stdout and stderr interleaved as they arrive. */
  readonly maxOutputBytes: number;
  /** Aborting kills the process group, e.g. when the agent stops. */
  readonly signal?: AbortSignal;
  readonly cwd?: string;
  /** Written to standard input, which is then closed; without it standard input is empty. */
  readonly input?: string;
  /** Variables set on top of the agent's own environment (e.g. `DEBIAN_FRONTEND` for package tools). */
  readonly env?: Readonly<Record<string, string>>;
}

/** What a bounded process did. */
export interface BoundedRun {
  /** The exit status, or null when the process was killed or never started. */
  readonly exitCode: number | null;
  /** Combined stdout and stderr, at most `maxOutputBytes` bytes. */
  readonly output: string;
  readonly outputTruncated: boolean;
  /** Why the process did not end on its own: it timed out, was aborted, or could not start. */
  readonly failure?: { readonly kind: 'timeout' | 'aborted' | 'spawn'; readonly message: string };
}

// After the main process exits, background children may hold the pipes open; wait this long for
// the rest of the output, then stop reading rather than hang until they end.
const DRAIN_AFTER_EXIT_MS = 250;

/**
 * Runs `argv` without a shell in its own process group, collects capped output, and kills the whole
 * group on timeout or abort: a script's children must not outlive its time limit.
 */
export function runBounded(argv: readonly [string, ...string[]], options: RunBoundedOptions): Promise<BoundedRun> {
  const [program, ...args] = argv;
  const output = new CappedOutput(options.maxOutputBytes);
  return new Promise((resolve) => {
    if (options.signal?.aborted === true) {
      resolve({ exitCode: null, output: '', outputTruncated: false, failure: { kind: 'aborted', message: 'aborted before start' } });
      return;
    }
    const child = spawn(program, args, {
      cwd: options.cwd,
      ...(options.env === undefined ? {} : { env: { ...process.env, ...options.env } }),
      // A new process group (POSIX) so the group can be killed at once; hidden console on Windows.
      detached: process.platform !== 'win32',
      windowsHide: true,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let failure: BoundedRun['failure'];
    let exitCode: number | null = null;
    let settled = false;
    const finish = (): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      clearTimeout(drainTimer);
      options.signal?.removeEventListener('abort', onAbort);
      child.stdout.destroy();
      child.stderr.destroy();
      resolve({ exitCode, output: output.text(), outputTruncated: output.truncated, ...(failure === undefined ? {} : { failure }) });
    };
    const kill = (kind: 'timeout' | 'aborted', message: string): void => {
      failure ??= { kind, message };
      killProcessGroup(child.pid);
    };
    const onAbort = (): void => {
      kill('aborted', 'interrupted: agent stopped');
    };
    const timer = setTimeout(() => {
      kill('timeout', `timed out after ${Math.round(options.timeoutMs / 1000)} s`);
    }, options.timeoutMs);
    let drainTimer: NodeJS.Timeout | undefined;
    options.signal?.addEventListener('abort', onAbort, { once: true });

    child.stdout.on('data', (chunk: Buffer) => {
      output.push(chunk);
    });
    child.stderr.on('data', (chunk: Buffer) => {
      output.push(chunk);
    });
    child.stdin.on('error', () => undefined); // a process that exits without reading its input
    child.stdin.end(options.input ?? '');
    child.on('error', (error) => {
      failure ??= { kind: 'spawn', message: `could not start ${program}: ${error.message}` };
      finish();
    });
    child.on('exit', (code) => {
      exitCode = code;
      drainTimer = setTimeout(finish, DRAIN_AFTER_EXIT_MS);
    });
    child.on('close', finish);
  });
}

function killProcessGroup(pid: number | undefined): void {
  if (pid === undefined) return;
  if (process.platform === 'win32') {
    // Windows has no process groups to signal; taskkill /T walks the tree.
    spawnSync('taskkill', ['/pid', String(pid), '/T', '/F'], { windowsHide: true, stdio: 'ignore' });
    return;
  }
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // Already gone.
  }
}
