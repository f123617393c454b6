import { describe, expect, it } from 'vitest';
import { ClipboardGuard, ManagedClipboard } from '../src/clipboard-guard.js';
import { installDomGuards, PRINT_BLOCKED_ATTRIBUTE } from '../src/dom-guards.js';
import type { Identity, ProtectionPolicy } from '../src/index.js';
import { basePolicy } from './ward-test-peer.js';

// The smallest DOM the guards touch: elements with attributes, parents and text-field selection,
// a document that dispatches to capture listeners, a selection, and a <head>. No jsdom needed.

class El {
  readonly attrs = new Map<string, string>();
  readonly dispatched: string[] = [];
  value = '';
  selectionStart: number | null = null;
  selectionEnd: number | null = null;
  readOnly = false;
  id = '';
  textContent = '';
  removed = false;
  constructor(readonly tagName: string, readonly parentElement: El | null = null, attrs: Record<string, string> = {}) {
    for (const [k, v] of Object.entries(attrs)) this.attrs.set(k, v);
  }
  getAttribute(n: string): string | null { return this.attrs.get(n) ?? null; }
  setAttribute(n: string, v: string): void { this.attrs.set(n, v); }
  removeAttribute(n: string): void { this.attrs.delete(n); }
  closest(selector: string): El | null {
    const name = /^\[([a-z-]+)/.exec(selector)?.[1] ?? '';
    for (let e = this as El | null; e !== null; e = e.parentElement) if (e.attrs.has(name) && !(selector.includes(':not') && e.attrs.get(name) === 'false')) return e;
    return null;
  }
  dispatchEvent(e: Event): boolean { this.dispatched.push(e.type); return true; }
  setRangeText(text: string, start: number, end: number): void {
    this.value = this.value.slice(0, start) + text + this.value.slice(end);
    this.selectionStart = this.selectionEnd = start + text.length;
  }
  remove(): void { this.removed = true; }
}

class Doc {
  readonly documentElement = new El('HTML');
  readonly body = new El('BODY', this.documentElement);
  readonly styles: El[] = [];
  readonly head = { appendChild: (e: El) => { this.styles.push(e); } };
  readonly listeners = new Map<string, ((e: unknown) => void)[]>();
  readonly windowListeners = new Map<string, (() => void)[]>();
  readonly defaultView = {
    addEventListener: (t: string, f: () => void) => { this.windowListeners.set(t, [...(this.windowListeners.get(t) ?? []), f]); },
    removeEventListener: (t: string, f: () => void) => { this.windowListeners.set(t, (this.windowListeners.get(t) ?? []).filter((g) => g !== f)); },
  };
  selection: { isCollapsed: boolean; anchorNode: El | null; focusNode: El | null; text: string } = { isCollapsed: true, anchorNode: null, focusNode: null, text: '' };
  addEventListener(t: string, f: (e: unknown) => void, capture: boolean): void {
    expect(capture).toBe(true);
    this.listeners.set(t, [...(this.listeners.get(t) ?? []), f]);
  }
  removeEventListener(t: string, f: (e: unknown) => void): void { this.listeners.set(t, (this.listeners.get(t) ?? []).filter((g) => g !== f)); }
  getSelection() { const s = this.selection; return { ...s, toString: () => s.text, deleteFromDocument: () => { s.text = ''; } }; }
  createElement(tag: string): El { return new El(tag.toUpperCase()); }
  getElementById(id: string): El | null { return this.styles.find((s) => s.id === id && !s.removed) ?? null; }
  fire(type: string, target: El, clipboardText?: string) {
    const data = new Map<string, string>(clipboardText === undefined ? [] : [['text/plain', clipboardText]]);
    const event = {
      type, target, defaultPrevented: false,
      preventDefault() { this.defaultPrevented = true; },
      clipboardData: { setData: (k: string, v: string) => { data.set(k, v); }, getData: (k: string) => data.get(k) ?? '' },
    };
    for (const f of this.listeners.get(type) ?? []) f(event);
    return { prevented: event.defaultPrevented, data };
  }
}

function setup(policy: ProtectionPolicy | null, active: Identity = 'personal') {
  const doc = new Doc();
  const corp = new El('DIV', doc.body, { 'data-ward-identity': 'corporate' });
  const corpText = new El('P', corp);
  const corpField = new El('TEXTAREA', corp);
  const personal = new El('DIV', doc.body, { 'data-ward-identity': 'personal' });
  const personalField = new El('INPUT', personal);
  const managed = new ManagedClipboard('NOTICE');
  const host = { policy: () => policy, activeIdentity: () => active };
  const clipboard = new ClipboardGuard({ clipboardLevel: () => policy?.clipboard ?? null, activeIdentity: () => active }, managed, null);
  const guards = installDomGuards(doc as unknown as Document, { ...host, clipboard });
  return { doc, corp, corpText, corpField, personal, personalField, managed, guards, setActive: (i: Identity) => { active = i; } };
}

describe('DOM guards', () => {
  it('keep a corporate copy in the managed clipboard and paste it only into corporate places', () => {
    const t = setup(basePolicy);
    t.doc.selection = { isCollapsed: false, anchorNode: t.corpText, focusNode: t.corpText, text: 'Q3 revenue' };
    const copy = t.doc.fire('copy', t.corpText);
    expect(copy.prevented).toBe(true);
    expect(copy.data.get('text/plain')).toBe('NOTICE');
    expect(t.managed.resolve('NOTICE')).toEqual({ source: 'managed', text: 'Q3 revenue' });
    t.corpField.value = 'Total: ';
    t.corpField.selectionStart = t.corpField.selectionEnd = 7;
    const paste = t.doc.fire('paste', t.corpField, 'NOTICE');
    expect(paste.prevented).toBe(true);
    expect(t.corpField.value).toBe('Total: Q3 revenue');
    expect(t.corpField.dispatched).toEqual(['input']);
    // In a personal field the browser pastes what the system clipboard holds: the notice.
    expect(t.doc.fire('paste', t.personalField, 'NOTICE').prevented).toBe(false);
  });

  it('treat a selection that starts in corporate content as corporate wherever the event lands', () => {
    const t = setup(basePolicy);
    t.doc.selection = { isCollapsed: false, anchorNode: t.corpText, focusNode: t.personalField, text: 'mixed' };
    expect(t.doc.fire('copy', t.personalField).prevented).toBe(true);
  });

  it('leave personal content and an allApps policy alone', () => {
    const t = setup(basePolicy);
    t.doc.selection = { isCollapsed: false, anchorNode: t.personalField, focusNode: t.personalField, text: 'mine' };
    expect(t.doc.fire('copy', t.personalField).prevented).toBe(false);
    const open = setup({ ...basePolicy, clipboard: 'allApps' });
    open.doc.selection = { isCollapsed: false, anchorNode: open.corpText, focusNode: open.corpText, text: 'x' };
    expect(open.doc.fire('copy', open.corpText).prevented).toBe(false);
  });

  it('follow the active identity for unmarked content', () => {
    const t = setup(basePolicy, 'corporate');
    const loose = new El('SPAN', t.doc.body);
    t.doc.selection = { isCollapsed: false, anchorNode: loose, focusNode: loose, text: 'x' };
    expect(t.doc.fire('copy', loose).prevented).toBe(true);
    t.setActive('personal');
    expect(t.doc.fire('copy', loose).prevented).toBe(false);
  });

  it('refuse outside text in corporate places unless the policy allows paste-in', () => {
    const t = setup(basePolicy);
    t.corpField.value = 'a';
    t.corpField.selectionStart = t.corpField.selectionEnd = 1;
    expect(t.doc.fire('paste', t.corpField, 'from another app').prevented).toBe(true);
    expect(t.corpField.value).toBe('a');
    const pasteIn = setup({ ...basePolicy, clipboard: 'managedAppsWithPasteIn' });
    expect(pasteIn.doc.fire('paste', pasteIn.corpField, 'from another app').prevented).toBe(false);
  });

  it('cut from a corporate field removes the text and keeps it managed', () => {
    const t = setup({ ...basePolicy, clipboard: 'blocked' });
    t.corpField.value = 'secret plan';
    t.corpField.selectionStart = 0;
    t.corpField.selectionEnd = 6;
    t.doc.selection = { isCollapsed: true, anchorNode: null, focusNode: null, text: '' };
    expect(t.doc.fire('cut', t.corpField).prevented).toBe(true);
    expect(t.corpField.value).toBe(' plan');
    expect(t.managed.resolve(undefined)).toEqual({ source: 'managed', text: 'secret' });
  });

  it('block the context menu and dragging of corporate content, and drops from outside', () => {
    const t = setup(basePolicy);
    expect(t.doc.fire('contextmenu', t.corpText).prevented).toBe(true);
    expect(t.doc.fire('contextmenu', t.personalField).prevented).toBe(false);
    t.doc.selection = { isCollapsed: false, anchorNode: t.corpText, focusNode: t.corpText, text: 'x' };
    expect(t.doc.fire('dragstart', t.corpText).prevented).toBe(true);
    expect(t.doc.fire('drop', t.corpField).prevented).toBe(true);
    const open = setup({ ...basePolicy, clipboard: 'allApps', saveAsBlocked: false, shareToUnmanagedBlocked: false, printBlocked: false });
    expect(open.doc.fire('contextmenu', open.corpText).prevented).toBe(false);
    expect(open.doc.fire('drop', open.corpField).prevented).toBe(false);
  });

  it('hide corporate content from printouts and clean up on uninstall', () => {
    const t = setup(basePolicy, 'corporate');
    expect(t.doc.styles).toHaveLength(1);
    expect(t.doc.styles[0]!.textContent).toContain('@media print');
    expect(t.doc.documentElement.getAttribute(PRINT_BLOCKED_ATTRIBUTE)).toBe('all');
    t.setActive('personal');
    for (const f of t.doc.windowListeners.get('beforeprint') ?? []) f();
    expect(t.doc.documentElement.getAttribute(PRINT_BLOCKED_ATTRIBUTE)).toBe('marked');
    t.guards.uninstall();
    expect(t.doc.documentElement.getAttribute(PRINT_BLOCKED_ATTRIBUTE)).toBeNull();
    expect(t.doc.styles[0]!.removed).toBe(true);
    expect([...t.doc.listeners.values()].every((l) => l.length === 0)).toBe(true);
    const free = setup({ ...basePolicy, printBlocked: false }, 'corporate');
    expect(free.doc.documentElement.getAttribute(PRINT_BLOCKED_ATTRIBUTE)).toBeNull();
  });
});
