import { describe, expect, it } from 'vitest';
import { runBounded } from './run-bounded.js';

describe.runIf(process.platform !== 'win32')('runBounded', () => {
  it('reports the exit status and the interleaved output', async () => {
    const run = await runBounded(['sh', '-c', 'echo out; echo err >&2; exit 3'], { timeoutMs: 10_000, maxOutputBytes: 1024 });
    expect(run.exitCode).toBe(3);
    expect(run.output.split('\n').sort()).toEqual(['', 'err', 'out']);
    expect(run.outputTruncated).toBe(false);
    expect(run.failure).toBeUndefined();
  });

  it('keeps at most the byte limit and says the output was cut', async () => {
    const run = await runBounded(['sh', '-c', 'head -c 300000 /dev/zero | tr "\\0" x'], { timeoutMs: 10_000, maxOutputBytes: 1000 });
    expect(run.exitCode).toBe(0);
    expect(run.output).toBe('x'.repeat(1000));
    expect(run.outputTruncated).toBe(true);
  });

  it('does not cut a multi-byte character in half at the limit', async () => {
    const run = await runBounded(['sh', '-c', 'printf "aéé"'], { timeoutMs: 10_000, maxOutputBytes: 4 });
    expect(run.output).toBe('aé');
    expect(run.outputTruncated).toBe(true);
  });

  it('kills the whole process group at the time limit', async () => {
    const started = Date.now();
    // The child sleeps in the background and holds the pipes: only a group kill ends it in time.
    const run = await runBounded(['sh', '-c', 'echo started; sleep 30 & sleep 30; echo never'], { timeoutMs: 300, maxOutputBytes: 1024 });
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(run.exitCode).toBeNull();
    expect(run.output).toBe('started\n');
    expect(run.failure).toEqual({ kind: 'timeout', message: 'timed out after 0 s' });
  });

  it('stops when aborted', async () => {
    const controller = new AbortController();
    setTimeout(() => {
      controller.abort();
    }, 200);
    const run = await runBounded(['sleep', '30'], { timeoutMs: 10_000, maxOutputBytes: 1024, signal: controller.signal });
    expect(run.failure).toEqual({ kind: 'aborted', message: 'interrupted: agent stopped' });
  });

  it('reports a program that does not exist', async () => {
    const run = await runBounded(['/nonexistent/program'], { timeoutMs: 10_000, maxOutputBytes: 1024 });
    expect(run.failure?.kind).toBe('spawn');
    expect(run.exitCode).toBeNull();
  });
});
