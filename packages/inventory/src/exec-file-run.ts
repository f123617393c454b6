import { execFile } from 'node:child_process';
import { inventoryLimits } from './inventory-limits.js';
import type { RunCommand, RunResult } from './run-command.js';

/** The subset of Node's exec error the runner reads. */
interface ExecError {
  readonly code?: unknown;
  readonly killed?: boolean;
  readonly signal?: unknown;
  readonly message: string;
}

/**
 * The default {@link RunCommand}: `child_process.execFile` (no shell) with a time limit and an
 * output cap. It never rejects: a missing binary, a time-out or a crash come back as a result so a
 * collector can name the reason.
 *
 * The C locale is forced because collectors match tool messages ("Status: active"), which
 * translated installs would otherwise print in the user's language.
 */
export const execFileRun: RunCommand = (cmd, args, options) => {
  const maxBuffer = options.maxOutputBytes ?? inventoryLimits.maxOutputBytes;
  return new Promise<RunResult>((resolve) => {
    execFile(
      cmd,
      [...args],
      { encoding: 'buffer', timeout: options.timeoutMs, maxBuffer, killSignal: 'SIGKILL', windowsHide: true, env: { ...process.env, LC_ALL: 'C', LANG: 'C' } },
      (error, stdoutBytes, stderrBytes) => {
        const stdout = stdoutBytes.toString('utf8');
        const stderr = stderrBytes.toString('utf8');
        if (error === null) {
          resolve({ stdout, stderr, code: 0 });
          return;
        }
        const failure = error as ExecError;
        if (failure.code === 'ENOENT') {
          resolve({ stdout, stderr: failure.message, code: null, failure: 'not-found' });
        } else if (failure.code === 'ERR_CHILD_PROCESS_STDIO_MAXBUFFER') {
          // Node kills the child once the cap is hit and hands over what fit: keep it, marked cut.
          resolve({ stdout, stderr, code: null, truncated: true });
        } else if (typeof failure.code === 'number') {
          resolve({ stdout, stderr, code: failure.code });
        } else if (failure.killed === true) {
          // execFile itself kills the child only when the time limit passes.
          resolve({ stdout, stderr, code: null, failure: 'timed-out' });
        } else if (typeof failure.signal === 'string') {
          resolve({ stdout, stderr: `${stderr}\nkilled by ${failure.signal}`, code: null, failure: 'crashed' });
        } else {
          resolve({ stdout, stderr: failure.message, code: null, failure: 'failed-to-start' });
        }
      },
    );
  });
};
