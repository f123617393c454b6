import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { MemoryStorage } from '../src/index.js';
import { NodeFileStorage, type StorageSealer } from '../src/node.js';

const dirs: string[] = [];
async function tempDir(): Promise<string> {
  const d = await mkdtemp(join(tmpdir(), 'ward-sdk-'));
  dirs.push(d);
  return join(d, 'store');
}
afterEach(async () => {
  for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
});

describe('MemoryStorage', () => {
  it('keeps strings, bytes and CryptoKeys, copies bytes, lists by prefix', async () => {
    const s = new MemoryStorage();
    const bytes = new Uint8Array([1, 2, 3]);
    await s.set('corp/a', bytes);
    bytes[0] = 9;
    expect(await s.get('corp/a')).toEqual(new Uint8Array([1, 2, 3]));
    const key = await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, ['encrypt']);
    await s.set('ward/k', key);
    expect(await s.get('ward/k')).toBe(key);
    await s.set('personal/x', 'hi');
    expect((await s.keys('corp/')).sort()).toEqual(['corp/a']);
    await s.delete('corp/a');
    await s.delete('corp/absent');
    expect(await s.get('corp/a')).toBeUndefined();
  });
});

describe('NodeFileStorage', () => {
  it('writes 0600 files in a 0700 directory, atomically, and reads them back', async () => {
    const dir = await tempDir();
    const s = await NodeFileStorage.open(dir);
    expect(s.holdsCryptoKeys).toBe(false);
    await s.set('corp/data/abc', new Uint8Array([0, 255, 7]));
    await s.set('ward/device-tag', 'tag-é');
    await s.set('ward/device-tag', 'tag-2');
    expect(await s.get('corp/data/abc')).toEqual(new Uint8Array([0, 255, 7]));
    expect(await s.get('ward/device-tag')).toBe('tag-2');
    expect(await s.get('nothing')).toBeUndefined();
    expect((await s.keys('corp/')).sort()).toEqual(['corp/data/abc']);
    expect((await stat(dir)).mode & 0o777).toBe(0o700);
    const files = await readdir(dir);
    expect(files.every((f) => f.endsWith('.ward'))).toBe(true); // no temporary file left behind
    for (const f of files) expect((await stat(join(dir, f))).mode & 0o777).toBe(0o600);
    await s.delete('corp/data/abc');
    await s.delete('corp/data/abc');
    expect(await s.keys('')).toEqual(['ward/device-tag']);
  });

  it('refuses a CryptoKey and a file of unknown format', async () => {
    const dir = await tempDir();
    const s = await NodeFileStorage.open(dir);
    const key = await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, ['encrypt']);
    await expect(s.set('k', key)).rejects.toThrow(/CryptoKey/);
    await s.set('x', 'v');
    const [file] = await readdir(dir);
    await writeFile(join(dir, file!), Buffer.from('zgarbage'));
    await expect(s.get('x')).rejects.toThrow(/unknown format/);
  });

  it('seals every file with the sealer when one is given', async () => {
    const dir = await tempDir();
    const xor = (b: Uint8Array) => b.map((x) => x ^ 0x5a);
    const sealer: StorageSealer = { seal: (b) => Promise.resolve(xor(b)), open: (b) => Promise.resolve(xor(b)) };
    const s = await NodeFileStorage.open(dir, { sealer });
    await s.set('ward/registration-key', 'private-jwk-text');
    const [file] = await readdir(dir);
    expect((await readFile(join(dir, file!))).toString('latin1')).not.toContain('private-jwk-text');
    expect(await s.get('ward/registration-key')).toBe('private-jwk-text');
  });
});
