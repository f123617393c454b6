import { newNote, type Note, type NoteStore } from '../notes/note.js';
import { el } from './element.js';

/** Whose notes a section shows: the organisation's (protected by the SDK) or the user's own. */
export type Identity = 'corporate' | 'personal';

export interface NotesPanelOptions {
  readonly identity: Identity;
  /** The noun for one note in labels: "work note", "personal note". */
  readonly noun: string;
  readonly store: NoteStore;
  /** Copies a note's text as this identity's data; answers what happened, in words. */
  copy(text: string): Promise<string>;
}

/**
 * One identity's notes: a form to add one, the list, and per note Copy and Delete. It sits in a
 * section marked `data-ward-identity`, which the SDK's DOM guards read to decide whether a
 * selection copied from it is corporate data.
 */
export function notesPanel(options: NotesPanelOptions): HTMLElement {
  const id = `${options.identity}-notes`;
  const list = el('ul', { class: 'notes', 'aria-label': `${options.noun[0]?.toUpperCase() ?? ''}${options.noun.slice(1)}s`, 'data-testid': id });
  const status = el('p', { role: 'status', 'data-testid': `${id}-status` });
  const textarea = el('textarea', { id: `${id}-new`, name: 'text', rows: '3', maxlength: '10000', 'aria-describedby': `${id}-error` });
  const error = el('p', { id: `${id}-error`, class: 'field-error' });

  const say = (text: string): void => {
    status.textContent = text;
  };

  const item = (note: Note): HTMLElement =>
    el('li', { 'data-note-id': note.id },
      el('p', { class: 'note-text' }, note.text),
      el('div', { class: 'note-actions' },
        el('button', {
          type: 'button',
          'aria-label': `Copy ${options.noun}`,
          onclick: () => {
            void options.copy(note.text).then(say, (cause: unknown) => { say(messageOf(cause)); });
          },
        }, 'Copy'),
        el('button', {
          type: 'button',
          'aria-label': `Delete ${options.noun}`,
          onclick: () => {
            void options.store.remove(note.id).then(refresh, (cause: unknown) => { say(messageOf(cause)); });
          },
        }, 'Delete'),
      ),
    );

  async function refresh(): Promise<void> {
    const notes = await options.store.list();
    list.replaceChildren(...notes.map(item));
    if (notes.length === 0) list.append(el('li', { class: 'empty' }, `No ${options.noun}s yet.`));
  }

  const form = el('form', {
    onsubmit: (event) => {
      event.preventDefault();
      const made = newNote(textarea.value, new Date());
      if (!made.ok) {
        error.textContent = made.problem;
        textarea.setAttribute('aria-invalid', 'true');
        return;
      }
      error.textContent = '';
      textarea.removeAttribute('aria-invalid');
      void options.store.add(made.note).then(async () => {
        textarea.value = '';
        say(`Saved the ${options.noun}.`);
        await refresh();
      }, (cause: unknown) => { say(messageOf(cause)); });
    },
  },
    el('p', {}, el('label', { for: textarea.id }, `New ${options.noun}`), el('br'), textarea),
    error,
    el('p', {}, el('button', { type: 'submit' }, `Add ${options.noun}`)),
  );

  const panel = el('div', { class: 'notes-panel' }, form, status, list);
  void refresh().catch((cause: unknown) => { say(messageOf(cause)); });
  return panel;
}

/** Words for an error, for the status line. */
export function messageOf(cause: unknown): string {
  return cause instanceof Error ? cause.message : String(cause);
}
