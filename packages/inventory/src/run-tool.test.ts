import { describe, expect, it } from 'vitest';
import { execFileRun } from './exec-file-run.js';
import { inventoryLimits } from './inventory-limits.js';
import type { RunCommand, RunResult } from './run-command.js';
import { requireSuccess, runTool, type ToolContext } from './run-tool.js';

const context = (run: RunCommand, maxOutputBytes = 100): ToolContext => ({ run, timeoutMs: 50, maxOutputBytes });
const answer = (result: RunResult): RunCommand => () => Promise.resolve(result);

describe('runTool', () => {
  it.each<[string, RunCommand, string]>([
    ['a runner that rejects with ENOENT', () => Promise.reject(Object.assign(new Error('spawn nft ENOENT'), { code: 'ENOENT' })), 'nft is not installed'],
    ['a runner that rejects otherwise', () => Promise.reject(new Error('boom')), 'nft could not be run: boom'],
    ['a runner that throws synchronously', () => { throw new Error('sync boom'); }, 'nft could not be run: sync boom'],
    ['a runner that returns nonsense', () => Promise.resolve(null as unknown as RunResult), 'nft: the command runner returned no output'],
    ['a missing binary', answer({ stdout: '', stderr: '', code: null, failure: 'not-found' }), 'nft is not installed'],
    ['a shell-style 127', answer({ stdout: '', stderr: 'sh: nft: not found', code: 127 }), 'nft is not installed'],
    ['a time-out', answer({ stdout: 'partial', stderr: '', code: null, failure: 'timed-out' }), 'nft did not finish within 50 ms'],
    ['a crash', answer({ stdout: '', stderr: 'killed by SIGSEGV', code: null, failure: 'crashed' }), 'nft could not be run: killed by SIGSEGV'],
  ])('turns %s into a reason', async (_name, run, reason) => {
    expect(await runTool(context(run), 'nft', [])).toEqual({ ok: false, reason });
  });

  it('cuts at the default 16 MiB cap', async () => {
    const ctx = { ...context(answer({ stdout: 'z'.repeat(inventoryLimits.maxOutputBytes + 4096), stderr: '', code: 0 })), maxOutputBytes: inventoryLimits.maxOutputBytes };
    const result = await runTool(ctx, 'yes', []);
    expect(result.ok && result.value.stdout.length).toBe(16 * 1024 * 1024);
    expect(result.ok && result.value.truncated).toBe(true);
  });

  it('cuts output the runner did not cut', async () => {
    const result = await runTool(context(answer({ stdout: 'y'.repeat(10_000), stderr: '', code: 0 })), 'yes', []);
    expect(result).toMatchObject({ ok: true, value: { truncated: true, code: 0 } });
    expect(result.ok && result.value.stdout).toHaveLength(100);
  });

  it('leaves exit codes to the caller, and requireSuccess names the tool’s message', async () => {
    const result = await runTool(context(answer({ stdout: '', stderr: '\nERROR: You need to be root\n', code: 1 })), 'ufw', ['status']);
    if (!result.ok) throw new Error(result.reason);
    expect(requireSuccess('ufw', result.value)).toEqual({ ok: false, reason: 'ufw exited with code 1: ERROR: You need to be root' });
  });
});

// These run real processes (node itself, so they work wherever the tests do).
describe('execFileRun', () => {
  const node = process.execPath;

  it('returns output and exit code, without a shell', async () => {
    const result = await execFileRun(node, ['-e', 'process.stdout.write(process.argv[1] ?? ""); process.exit(3)', '$(echo injected); rm -rf /'], { timeoutMs: 10_000 });
    expect(result).toEqual({ stdout: '$(echo injected); rm -rf /', stderr: '', code: 3 });
  });

  it('forces the C locale so tool messages are the English ones the parsers match', async () => {
    const result = await execFileRun(node, ['-e', 'process.stdout.write(process.env.LC_ALL ?? "")'], { timeoutMs: 10_000 });
    expect(result.stdout).toBe('C');
  });

  it('reports a missing binary as not-found instead of rejecting', async () => {
    expect(await execFileRun('ward-no-such-tool', ['--version'], { timeoutMs: 10_000 })).toMatchObject({ code: null, failure: 'not-found' });
  });

  it('kills a command at its time limit', async () => {
    const started = Date.now();
    expect(await execFileRun(node, ['-e', 'setTimeout(() => {}, 60_000)'], { timeoutMs: 300 })).toMatchObject({ code: null, failure: 'timed-out' });
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('cuts output at the cap and says so', async () => {
    const result = await execFileRun(node, ['-e', 'process.stdout.write("x".repeat(1 << 16))'], { timeoutMs: 10_000, maxOutputBytes: 1000 });
    expect(result.truncated).toBe(true);
    expect(result.stdout).toHaveLength(1000);
  });
});
