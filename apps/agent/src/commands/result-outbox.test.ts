import { readdir, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { CommandResult } from '@ward/agent-protocol';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTempRoot, type TempRoot } from '../test-support/temp-root.js';
import { ResultOutbox } from './result-outbox.js';

function result(commandId: string, finishedAt = '2026-01-01T00:00:00.000Z', status: CommandResult['status'] = 'succeeded'): CommandResult {
  return { commandId, status, finishedAt };
}

describe('ResultOutbox', () => {
  let temp: TempRoot;
  let outbox: ResultOutbox;
  let corrupt: string[];
  beforeEach(async () => {
    temp = await createTempRoot();
    corrupt = [];
    outbox = new ResultOutbox(temp.paths.outboxDir, (file) => corrupt.push(file));
  });
  afterEach(() => temp.remove());

  it('keeps results until they are removed, oldest first', async () => {
    await outbox.put(result('b', '2026-01-01T00:00:02.000Z'));
    await outbox.put(result('a', '2026-01-01T00:00:01.000Z'));
    expect((await outbox.list()).map((r) => r.commandId)).toEqual(['a', 'b']);
    expect(await outbox.count()).toBe(2);
    expect(await outbox.list(1)).toHaveLength(1);

    // A fresh instance (a restarted agent) sees the same results.
    expect((await new ResultOutbox(temp.paths.outboxDir).list()).map((r) => r.commandId)).toEqual(['a', 'b']);

    await outbox.remove(['a', 'never-stored']);
    expect((await outbox.list()).map((r) => r.commandId)).toEqual(['b']);
  });

  it('keeps the first result when a command id comes twice', async () => {
    expect(await outbox.put(result('dup', '2026-01-01T00:00:01.000Z', 'succeeded'))).toBe(true);
    expect(await outbox.put(result('dup', '2026-01-01T00:00:09.000Z', 'failed'))).toBe(false);
    expect(await outbox.list()).toEqual([result('dup', '2026-01-01T00:00:01.000Z', 'succeeded')]);
    expect(await outbox.has('dup')).toBe(true);
  });

  it('ignores a temporary file left by a crash between write and rename, and cleans it up', async () => {
    await outbox.put(result('done'));
    // What writeFileAtomic leaves when the process dies after writing, before renaming.
    await writeFile(join(temp.paths.outboxDir, '.crashed.json.3f2a1b9c0d4e.tmp'), '{"commandId":"crashed","sta');
    expect((await outbox.list()).map((r) => r.commandId)).toEqual(['done']);
    expect(await outbox.has('crashed')).toBe(false);
    expect(await outbox.count()).toBe(1);
    await outbox.removeLeftovers();
    expect(await readdir(temp.paths.outboxDir)).toEqual(['done.json']);
    // The command was never reported done, so its result can still be stored.
    expect(await outbox.put(result('crashed'))).toBe(true);
  });

  it('sets aside a file that is not a valid result instead of sending it or blocking', async () => {
    await outbox.put(result('ok'));
    await writeFile(join(temp.paths.outboxDir, 'bad.json'), '{"commandId":"bad"}');
    expect((await outbox.list()).map((r) => r.commandId)).toEqual(['ok']);
    expect(corrupt).toEqual([join(temp.paths.outboxDir, 'bad.json')]);
    expect((await readdir(temp.paths.outboxDir)).sort()).toEqual(['bad.json.corrupt', 'ok.json']);
  });

  it('stores ids that are not safe file names under a hash', async () => {
    await outbox.put(result('../../etc/passwd'));
    const names = await readdir(temp.paths.outboxDir);
    expect(names).toHaveLength(1);
    expect(names[0]).toMatch(/^~[0-9a-f]{64}\.json$/);
    expect(await outbox.has('../../etc/passwd')).toBe(true);
    expect((await outbox.list())[0]?.commandId).toBe('../../etc/passwd');
  });

  it('writes result files readable by the owner only', async () => {
    await outbox.put(result('private'));
    expect((await stat(join(temp.paths.outboxDir, 'private.json'))).mode & 0o777).toBe(0o600);
    expect((await stat(temp.paths.outboxDir)).mode & 0o777).toBe(0o700);
  });
});
