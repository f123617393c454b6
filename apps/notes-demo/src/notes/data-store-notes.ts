import type { DataStore } from '@ward/sdk';
import { parseNote, parseNotes, type Note, type NoteStore } from './note.js';

/** Each note is one value of the store, under `note/<id>`, as JSON. */
const prefix = 'note/';

/**
 * Notes kept in one of the SDK's stores: `sdk.corporateStore` (sealed with AES-GCM under the
 * corporate data key, erased by a wipe) or `sdk.personalStore` (plain, never touched by the SDK).
 * The same code serves both identities: what protects the data is which store it goes to.
 */
export function createDataStoreNotes(store: DataStore): NoteStore {
  return {
    async list() {
      const names = (await store.list()).filter((name) => name.startsWith(prefix));
      const notes: unknown[] = [];
      for (const name of names) {
        const text = await store.getText(name);
        if (text === undefined) continue;
        try {
          notes.push(JSON.parse(text));
        } catch {
          // A value this app did not write, or a damaged one: left out rather than shown.
        }
      }
      return parseNotes(notes);
    },
    async add(note: Note) {
      const checked = parseNote(note);
      if (checked === undefined) throw new Error('Not a note.');
      await store.set(prefix + checked.id, JSON.stringify(checked));
    },
    async remove(id: string) {
      await store.delete(prefix + id);
    },
  };
}
