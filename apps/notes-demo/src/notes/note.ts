/** One note, work or personal. */
export interface Note {
  readonly id: string;
  readonly text: string;
  /** ISO 8601. */
  readonly createdAt: string;
}

/** The longest note the demo keeps: notes are a few lines, and stored whole on every change. */
export const maxNoteLength = 10_000;

/** A note read back from storage, or undefined when the stored value is not one (never trust storage). */
export function parseNote(input: unknown): Note | undefined {
  if (typeof input !== 'object' || input === null) return undefined;
  const { id, text, createdAt } = input as Record<string, unknown>;
  if (typeof id !== 'string' || id.length === 0 || id.length > 64) return undefined;
  if (typeof text !== 'string' || text.length > maxNoteLength) return undefined;
  if (typeof createdAt !== 'string' || Number.isNaN(Date.parse(createdAt))) return undefined;
  return { id, text, createdAt };
}

/** A list of notes read back from storage: what parses, newest first. */
export function parseNotes(input: unknown): Note[] {
  if (!Array.isArray(input)) return [];
  return input.map(parseNote).filter((n): n is Note => n !== undefined).sort((a, b) => b.createdAt.localeCompare(a.createdAt));
}

/** A new note; the text is trimmed and must not be empty or too long. */
export function newNote(text: string, now: Date): { ok: true; note: Note } | { ok: false; problem: string } {
  const trimmed = text.trim();
  if (trimmed === '') return { ok: false, problem: 'Write something first.' };
  if (trimmed.length > maxNoteLength) return { ok: false, problem: `A note holds at most ${maxNoteLength.toLocaleString('en')} characters.` };
  return { ok: true, note: { id: crypto.randomUUID(), text: trimmed, createdAt: now.toISOString() } };
}

/** Where a list of notes is kept. */
export interface NoteStore {
  list(): Promise<Note[]>;
  add(note: Note): Promise<void>;
  remove(id: string): Promise<void>;
}
