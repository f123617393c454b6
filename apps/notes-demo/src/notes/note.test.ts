import { describe, expect, it } from 'vitest';
import { maxNoteLength, newNote, parseNote, parseNotes } from './note.js';

describe('notes', () => {
  const now = new Date('2026-11-29T10:00:00Z');

  it('makes a note from trimmed text, and refuses empty or oversized text', () => {
    const made = newNote('  Quarterly numbers  ', now);
    expect(made).toMatchObject({ ok: true, note: { text: 'Quarterly numbers', createdAt: '2026-11-29T10:00:00.000Z' } });
    expect(newNote('   ', now)).toEqual({ ok: false, problem: 'Write something first.' });
    expect(newNote('x'.repeat(maxNoteLength + 1), now).ok).toBe(false);
  });

  it('reads back only well-formed notes, newest first', () => {
    const older = { id: 'a', text: 'old', createdAt: '2026-01-01T00:00:00.000Z' };
    const newer = { id: 'b', text: 'new', createdAt: '2026-02-01T00:00:00.000Z' };
    expect(parseNotes([older, newer, null, 'x', { id: '', text: 't', createdAt: older.createdAt }, { id: 'c', text: 't', createdAt: 'yesterday' }, { id: 'd', text: 'x'.repeat(maxNoteLength + 1), createdAt: older.createdAt }])).toEqual([newer, older]);
    expect(parseNotes({ length: 1, 0: older })).toEqual([]);
    expect(parseNote({ id: 'x'.repeat(65), text: 't', createdAt: older.createdAt })).toBeUndefined();
  });
});
