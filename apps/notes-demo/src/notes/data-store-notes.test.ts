import type { DataStore, StoreValue } from '@ward/sdk';
import { describe, expect, it } from 'vitest';
import { createDataStoreNotes } from './data-store-notes.js';

/** A DataStore in memory, as the SDK's stores behave towards the app. */
function memoryStore(): DataStore & { values: Map<string, StoreValue> } {
  const values = new Map<string, StoreValue>();
  return {
    values,
    get: (name) => Promise.resolve(values.get(name)),
    getText: (name) => {
      const value = values.get(name);
      return Promise.resolve(typeof value === 'string' ? value : undefined);
    },
    set: (name, value) => {
      values.set(name, value);
      return Promise.resolve();
    },
    delete: (name) => {
      values.delete(name);
      return Promise.resolve();
    },
    list: () => Promise.resolve([...values.keys()].sort()),
  };
}

describe('notes in an SDK store', () => {
  it('keeps one value per note, lists newest first, removes one', async () => {
    const store = memoryStore();
    const notes = createDataStoreNotes(store);
    await notes.add({ id: 'a', text: 'Budget review', createdAt: '2026-11-29T09:00:00.000Z' });
    await notes.add({ id: 'b', text: 'Hiring plan', createdAt: '2026-11-29T10:00:00.000Z' });
    expect([...store.values.keys()]).toEqual(['note/a', 'note/b']);
    expect((await notes.list()).map((n) => n.text)).toEqual(['Hiring plan', 'Budget review']);
    await notes.remove('a');
    expect((await notes.list()).map((n) => n.id)).toEqual(['b']);
  });

  it('leaves out values that are not its notes', async () => {
    const store = memoryStore();
    await store.set('note/x', '{not json');
    await store.set('note/y', JSON.stringify({ id: 'y', text: 42, createdAt: '2026-11-29T09:00:00.000Z' }));
    await store.set('note/z', Uint8Array.from([1, 2, 3]));
    await store.set('settings', JSON.stringify({ id: 's', text: 't', createdAt: '2026-11-29T09:00:00.000Z' }));
    expect(await createDataStoreNotes(store).list()).toEqual([]);
  });

  it('refuses to store something that is not a note', async () => {
    const notes = createDataStoreNotes(memoryStore());
    await expect(notes.add({ id: '', text: 'x', createdAt: '2026-11-29T09:00:00.000Z' })).rejects.toThrow('Not a note.');
  });
});
