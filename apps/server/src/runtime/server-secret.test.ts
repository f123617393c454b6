import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ServerSecretStore } from '@ward/store';
import { loadOrCreateServerSecret, readServerSecret } from './server-secret.js';

/** An in-memory store; `beforeInsert` runs between a miss and the insert, as another process would. */
function memoryStore(beforeInsert?: (rows: Map<string, string>) => void): ServerSecretStore & { rows: Map<string, string> } {
  const rows = new Map<string, string>();
  return {
    rows,
    getServerSecret: (name) => Promise.resolve(rows.get(name)),
    putServerSecretIfAbsent(name, value) {
      beforeInsert?.(rows);
      if (rows.has(name)) return Promise.resolve(false);
      rows.set(name, value);
      return Promise.resolve(true);
    },
    putServerSecret(name, value) {
      rows.set(name, value);
      return Promise.resolve();
    },
  };
}

describe('loadOrCreateServerSecret', () => {
  const dirs: string[] = [];
  const legacyFile = (content?: object): string => {
    const dir = mkdtempSync(join(tmpdir(), 'ward-secret-'));
    dirs.push(dir);
    const path = join(dir, 'ca.json');
    if (content !== undefined) writeFileSync(path, `${JSON.stringify(content, null, 2)}\n`);
    return path;
  };
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });
  const create = (value: object) => () => Promise.resolve(JSON.stringify(value));

  it('creates the secret when there is none anywhere, then reads it from the database', async () => {
    const store = memoryStore();
    const first = await loadOrCreateServerSecret(store, 'ca-bundle', { legacyFile: legacyFile(), create: create({ n: 1 }) });
    expect(first).toEqual({ value: '{"n":1}', source: 'created' });
    const second = await loadOrCreateServerSecret(store, 'ca-bundle', { legacyFile: legacyFile(), create: create({ n: 2 }) });
    expect(second).toEqual({ value: '{"n":1}', source: 'database' });
  });

  it('moves the data directory file into the database once, leaving the file as it was', async () => {
    const store = memoryStore();
    const file = legacyFile({ n: 'from file' });
    const before = readFileSync(file, 'utf8');
    const imported = await loadOrCreateServerSecret(store, 'ca-bundle', { legacyFile: file, create: create({ n: 'new' }) });
    expect(imported).toEqual({ value: '{"n":"from file"}', source: 'imported' });
    expect(store.rows.get('ca-bundle')).toBe('{"n":"from file"}');
    expect(readFileSync(file, 'utf8')).toBe(before);
    expect(await loadOrCreateServerSecret(store, 'ca-bundle', { legacyFile: file, create: create({ n: 'new' }) })).toEqual({ value: '{"n":"from file"}', source: 'database' });
  });

  it('uses the database\'s secret over a file, and says when the file differs', async () => {
    const store = memoryStore();
    store.rows.set('ca-bundle', '{"n":"cluster"}');
    const loaded = await loadOrCreateServerSecret(store, 'ca-bundle', { legacyFile: legacyFile({ n: 'own' }), create: create({ n: 'new' }) });
    expect(loaded.value).toBe('{"n":"cluster"}');
    expect(loaded.divergentFile).toMatch(/ca\.json$/);
  });

  it('uses the value of a process that stored one first', async () => {
    const store = memoryStore((rows) => {
      if (!rows.has('ca-bundle')) rows.set('ca-bundle', '{"n":"winner"}');
    });
    expect(await loadOrCreateServerSecret(store, 'ca-bundle', { create: create({ n: 'loser' }) })).toEqual({ value: '{"n":"winner"}', source: 'database' });
  });

  it('reads without creating: the database, else the file, else nothing', async () => {
    const store = memoryStore();
    expect(await readServerSecret(store, 'ca-bundle', legacyFile())).toBeUndefined();
    const file = legacyFile({ n: 'file' });
    expect(await readServerSecret(store, 'ca-bundle', file)).toEqual({ value: '{"n":"file"}', from: 'file' });
    store.rows.set('ca-bundle', '{"n":"db"}');
    expect(await readServerSecret(store, 'ca-bundle', file)).toEqual({ value: '{"n":"db"}', from: 'database' });
    expect(store.rows.size).toBe(1);
  });
});
