import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadMasterKey } from './load-master-key.js';

describe('loadMasterKey', () => {
  const dirs: string[] = [];
  const tempDir = (): string => {
    const dir = mkdtempSync(join(tmpdir(), 'ward-key-'));
    dirs.push(dir);
    return dir;
  };
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('generates a key once, readable only by the owner, and reads the same key afterwards', () => {
    const dir = tempDir();
    const first = loadMasterKey(undefined, dir);
    expect(first.source).toBe('generated');
    expect(first.key).toHaveLength(32);
    expect(statSync(join(dir, 'master.key')).mode & 0o777).toBe(0o600);
    const second = loadMasterKey(undefined, dir);
    expect(second.source).toBe('file');
    expect(Buffer.from(second.key).equals(Buffer.from(first.key))).toBe(true);
    expect(readFileSync(join(dir, 'master.key'), 'utf8').trim()).toBe(Buffer.from(first.key).toString('base64'));
  });

  it('prefers the configured key and writes no file', () => {
    const dir = tempDir();
    const configured = Buffer.alloc(32, 7).toString('hex');
    const loaded = loadMasterKey(configured, dir);
    expect(loaded.source).toBe('config');
    expect(Buffer.from(loaded.key).equals(Buffer.alloc(32, 7))).toBe(true);
    expect(() => statSync(join(dir, 'master.key'))).toThrow();
  });
});
