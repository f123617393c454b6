import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync, existsSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFsAppPackageBlobs, incomingDirectoryName, type FsAppPackageBlobs } from './fs-app-package-blobs.js';

const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

/** A source of `chunks` that counts what was pulled and whether it was told to stop. */
function source(chunks: readonly Uint8Array[], failAfter?: number): AsyncIterable<Uint8Array> & { pulled: number; returned: boolean } {
  const state = { pulled: 0, returned: false };
  return Object.assign(state, {
    [Symbol.asyncIterator]: () => ({
      next: (): Promise<IteratorResult<Uint8Array>> => {
        if (failAfter !== undefined && state.pulled >= failAfter) return Promise.reject(new Error('client went away'));
        const chunk = chunks[state.pulled];
        if (chunk === undefined) return Promise.resolve({ done: true, value: undefined });
        state.pulled += 1;
        return Promise.resolve({ done: false, value: chunk });
      },
      return: (): Promise<IteratorResult<Uint8Array>> => {
        state.returned = true;
        return Promise.resolve({ done: true, value: undefined });
      },
    }),
  });
}

async function collect(bytes: AsyncIterable<Uint8Array>): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const chunk of bytes) parts.push(Buffer.from(chunk));
  return Buffer.concat(parts);
}

let directory: string;
let blobs: FsAppPackageBlobs;
beforeEach(() => {
  directory = mkdtempSync(join(tmpdir(), 'ward-blobs-'));
  blobs = createFsAppPackageBlobs(join(directory, 'packages'));
});
afterEach(() => {
  rmSync(directory, { recursive: true, force: true });
});

const incomingFiles = (): string[] => (existsSync(join(blobs.directory, incomingDirectoryName)) ? readdirSync(join(blobs.directory, incomingDirectoryName)) : []);

describe('the file system package blob store', () => {
  it('stores bytes under their SHA-256 in a two-digit subdirectory, and stores the same bytes once', async () => {
    const content = Buffer.from('a package of a few bytes');
    const hash = sha256(content);
    const first = await blobs.write(source([content.subarray(0, 5), content.subarray(5)]), { maxBytes: 1000 });
    expect(first).toEqual({ ok: true, value: { sha256: hash, size: content.length, created: true } });
    expect(readFileSync(join(blobs.directory, hash.slice(0, 2), hash))).toEqual(content);
    expect(blobs.pathOf(hash)).toBe(join(blobs.directory, hash.slice(0, 2), hash));

    const again = await blobs.write(source([content]), { maxBytes: 1000 });
    expect(again).toEqual({ ok: true, value: { sha256: hash, size: content.length, created: false } });
    expect(readdirSync(join(blobs.directory, hash.slice(0, 2)))).toEqual([hash]);
    expect(incomingFiles()).toEqual([]);
    expect(await blobs.stat(hash)).toEqual({ sha256: hash, size: content.length, modifiedAt: expect.any(Date) });
  });

  it('stops reading at the limit without draining or closing the source, and keeps nothing', async () => {
    const chunk = new Uint8Array(400);
    const input = source([chunk, chunk, chunk, chunk, chunk]);
    const result = await blobs.write(input, { maxBytes: 1000 });
    expect(result).toMatchObject({ ok: false, code: 'PAYLOAD_TOO_LARGE', details: { maxBytes: 1000 } });
    expect(input.pulled).toBe(3);
    expect(input.returned).toBe(false);
    expect(incomingFiles()).toEqual([]);
    expect(readdirSync(blobs.directory)).toEqual([incomingDirectoryName]);
  });

  it('accepts exactly the limit', async () => {
    const result = await blobs.write(source([new Uint8Array(600), new Uint8Array(400)]), { maxBytes: 1000 });
    expect(result.ok && result.value.size).toBe(1000);
  });

  it('refuses bytes that do not hash to the declared SHA-256, and keeps nothing', async () => {
    const content = Buffer.from('what was sent');
    const declared = sha256(Buffer.from('what was meant'));
    const result = await blobs.write(source([content]), { maxBytes: 1000, expectedSha256: declared });
    expect(result).toEqual({ ok: false, code: 'APP_PACKAGE_DIGEST_MISMATCH', message: expect.any(String), details: { expected: declared, actual: sha256(content) } });
    expect(await blobs.stat(sha256(content))).toBeUndefined();
    expect(incomingFiles()).toEqual([]);

    const matching = await blobs.write(source([content]), { maxBytes: 1000, expectedSha256: sha256(content) });
    expect(matching.ok).toBe(true);
  });

  it('leaves no partial file when the source fails midway', async () => {
    await expect(blobs.write(source([new Uint8Array(10), new Uint8Array(10)], 1), { maxBytes: 1000 })).rejects.toThrow('client went away');
    expect(incomingFiles()).toEqual([]);
    expect(readdirSync(blobs.directory)).toEqual([incomingDirectoryName]);
  });

  it('replaces a stored blob of the wrong size (a lost write) instead of trusting it', async () => {
    const content = Buffer.from('the real bytes');
    const hash = sha256(content);
    mkdirSync(join(blobs.directory, hash.slice(0, 2)), { recursive: true });
    writeFileSync(blobs.pathOf(hash), 'short');
    const result = await blobs.write(source([content]), { maxBytes: 1000 });
    expect(result).toEqual({ ok: true, value: { sha256: hash, size: content.length, created: false } });
    expect(readFileSync(blobs.pathOf(hash))).toEqual(content);
  });

  it('reads a blob whole, by range, and at offsets', async () => {
    const content = Buffer.from('0123456789abcdef');
    const written = await blobs.write(source([content]), { maxBytes: 100 });
    if (!written.ok) throw new Error(written.message);
    const hash = written.value.sha256;

    const whole = await blobs.open(hash);
    expect(whole?.size).toBe(16);
    expect((await collect(whole?.bytes ?? source([]))).toString()).toBe('0123456789abcdef');

    const middle = await blobs.open(hash, { start: 4, end: 9 });
    expect((await collect(middle?.bytes ?? source([]))).toString()).toBe('456789');
    const last = await blobs.open(hash, { start: 15, end: 15 });
    expect((await collect(last?.bytes ?? source([]))).toString()).toBe('f');

    await expect(blobs.open(hash, { start: 10, end: 16 })).rejects.toThrow(RangeError);
    await expect(blobs.open(hash, { start: 5, end: 4 })).rejects.toThrow(RangeError);
    await expect(blobs.open(hash, { start: -1, end: 4 })).rejects.toThrow(RangeError);

    const reader = await blobs.openReader(hash);
    if (reader === undefined) throw new Error('no reader');
    try {
      expect(reader.size).toBe(16);
      expect(Buffer.from(await reader.read(10, 4)).toString()).toBe('abcd');
      expect(Buffer.from(await reader.read(14, 100)).toString()).toBe('ef');
      expect((await reader.read(100, 4)).length).toBe(0);
      await expect(reader.read(-1, 4)).rejects.toThrow(RangeError);
    } finally {
      await reader.close();
    }
  });

  it('stores and serves an empty blob', async () => {
    const written = await blobs.write(source([]), { maxBytes: 100 });
    expect(written).toEqual({ ok: true, value: { sha256: sha256(new Uint8Array()), size: 0, created: true } });
    const opened = await blobs.open(sha256(new Uint8Array()));
    expect(opened?.size).toBe(0);
    expect((await collect(opened?.bytes ?? source([]))).length).toBe(0);
  });

  it('knows nothing of names that are not SHA-256s, so no path can escape the directory', async () => {
    writeFileSync(join(directory, 'secret'), 'outside');
    for (const name of ['../secret', `../../${'a'.repeat(62)}`, 'A'.repeat(64), `${'a'.repeat(63)}/`, '']) {
      expect(await blobs.stat(name)).toBeUndefined();
      expect(await blobs.open(name)).toBeUndefined();
      expect(await blobs.openReader(name)).toBeUndefined();
      expect(await blobs.delete(name)).toBe(false);
      expect(() => blobs.pathOf(name)).toThrow(TypeError);
    }
    expect(readFileSync(join(directory, 'secret'), 'utf8')).toBe('outside');
  });

  it('answers undefined for a blob it does not hold', async () => {
    const absent = sha256(Buffer.from('never stored'));
    expect(await blobs.stat(absent)).toBeUndefined();
    expect(await blobs.open(absent)).toBeUndefined();
    expect(await blobs.openReader(absent)).toBeUndefined();
    expect(await blobs.delete(absent)).toBe(false);
  });

  it('lists and deletes blobs, and sweeps only stale unfinished uploads', async () => {
    const hashes: string[] = [];
    for (const text of ['one', 'two', 'three']) {
      const written = await blobs.write(source([Buffer.from(text)]), { maxBytes: 100 });
      if (written.ok) hashes.push(written.value.sha256);
    }
    const listed: string[] = [];
    for await (const blob of blobs.list()) {
      listed.push(blob.sha256);
      expect(blob.modifiedAt).toBeInstanceOf(Date);
    }
    expect(listed.sort()).toEqual([...hashes].sort());

    expect(await blobs.delete(hashes[0] ?? '')).toBe(true);
    expect(await blobs.delete(hashes[0] ?? '')).toBe(false);
    expect(await blobs.stat(hashes[0] ?? '')).toBeUndefined();

    const incoming = join(blobs.directory, incomingDirectoryName);
    writeFileSync(join(incoming, 'old.part'), 'x');
    writeFileSync(join(incoming, 'fresh.part'), 'x');
    const longAgo = new Date(Date.now() - 2 * 86_400_000);
    utimesSync(join(incoming, 'old.part'), longAgo, longAgo);
    expect(await blobs.removeStaleUploads(new Date(Date.now() - 86_400_000))).toBe(1);
    expect(readdirSync(incoming)).toEqual(['fresh.part']);
  });

  it('lists nothing before the directory exists', async () => {
    const fresh = createFsAppPackageBlobs(join(directory, 'not-yet'));
    const listed: unknown[] = [];
    for await (const blob of fresh.list()) listed.push(blob);
    expect(listed).toEqual([]);
    expect(await fresh.removeStaleUploads(new Date())).toBe(0);
  });
});
