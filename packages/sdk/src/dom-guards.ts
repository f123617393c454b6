import type { ClipboardGuard } from './clipboard-guard.js';
import { copyDestination, mayPaste } from './clipboard-guard.js';
import type { Identity } from './identity.js';
import type { ProtectionPolicy } from './wire/protection-policy.js';

/** The attribute that marks an element's data as belonging to an identity. */
export const IDENTITY_ATTRIBUTE = 'data-ward-identity';
/** The attribute the guards set on `<html>` while printing is blocked: `marked` or `all`. */
export const PRINT_BLOCKED_ATTRIBUTE = 'data-ward-print-blocked';

const STYLE_ID = 'ward-sdk-print-guard';
const PRINT_CSS = `@media print {
  html[${PRINT_BLOCKED_ATTRIBUTE}="marked"] [${IDENTITY_ATTRIBUTE}="corporate"] { display: none !important; }
  html[${PRINT_BLOCKED_ATTRIBUTE}="all"] body > * { display: none !important; }
  html[${PRINT_BLOCKED_ATTRIBUTE}] body::after { content: "Printing this content is blocked by your organization's policy."; }
}`;

/** What the DOM guards ask of the SDK. */
export interface DomGuardHost {
  policy(): ProtectionPolicy | null;
  activeIdentity(): Identity;
  readonly clipboard: ClipboardGuard;
}

/** Handle of installed guards. */
export interface DomGuards {
  /** Re-applies the policy (the SDK calls it when the policy or the active identity changes). */
  refresh(): void;
  /** Removes every listener and the print style. */
  uninstall(): void;
}

function elementOf(node: unknown): Element | null {
  if (typeof node !== 'object' || node === null) return null;
  if (typeof (node as Element).closest === 'function') return node as Element;
  const parent = (node as Node).parentElement;
  return parent ?? null;
}

/** The identity of the data at `node`: its nearest marked ancestor's, else the active identity. */
export function identityAt(node: unknown, active: Identity): Identity {
  const marked = elementOf(node)?.closest(`[${IDENTITY_ATTRIBUTE}]`)?.getAttribute(IDENTITY_ATTRIBUTE);
  if (marked === 'corporate') return 'corporate';
  if (marked === 'personal') return 'personal';
  return active;
}

type TextField = HTMLInputElement | HTMLTextAreaElement;

function textFieldOf(node: unknown): TextField | null {
  const el = elementOf(node);
  if (el === null) return null;
  const tag = el.tagName.toUpperCase();
  if (tag !== 'INPUT' && tag !== 'TEXTAREA') return null;
  const field = el as TextField;
  return typeof field.selectionStart === 'number' && typeof field.setRangeText === 'function' ? field : null;
}

/**
 * Installs listeners (capture phase) on `root` that hold copy, cut, paste, drag and drop, the
 * context menu and printing of corporate content to the policy. Corporate content is what sits in
 * an element marked `data-ward-identity="corporate"`, or anything unmarked while the app's active
 * identity is corporate. A browser cannot cancel printing: the guards hide corporate content from
 * the printout with a print style instead.
 */
export function installDomGuards(root: Document | HTMLElement, host: DomGuardHost): DomGuards {
  const doc: Document = 'documentElement' in root && 'createElement' in root ? root : root.ownerDocument;
  const win = doc.defaultView;
  let internalDrag = false;

  const eventIdentity = (event: Event): Identity => {
    const active = host.activeIdentity();
    const selection = doc.getSelection();
    const ids = [identityAt(event.target, active)];
    // A selection that starts or ends in corporate content is corporate, wherever the event lands.
    if (selection !== null && !selection.isCollapsed) ids.push(identityAt(selection.anchorNode, active), identityAt(selection.focusNode, active));
    return ids.includes('corporate') ? 'corporate' : 'personal';
  };

  const selectedText = (event: Event): string => {
    const field = textFieldOf(event.target);
    if (field !== null) return field.value.slice(field.selectionStart ?? 0, field.selectionEnd ?? 0);
    return doc.getSelection()?.toString() ?? '';
  };

  const inputEvent = (field: Element) => {
    field.dispatchEvent(new Event('input', { bubbles: true }));
  };

  const onCopyOrCut = (event: Event) => {
    if (eventIdentity(event) !== 'corporate') return;
    const level = host.policy()?.clipboard ?? null;
    if (copyDestination(level, 'corporate') === 'system') return;
    const text = selectedText(event);
    event.preventDefault();
    host.clipboard.keepManaged(text);
    (event as ClipboardEvent).clipboardData?.setData('text/plain', host.clipboard.notice);
    if (event.type !== 'cut') return;
    // The default cut was cancelled, so remove the selection ourselves, as an edit the app sees.
    const field = textFieldOf(event.target);
    if (field !== null && !field.readOnly) {
      field.setRangeText('', field.selectionStart ?? 0, field.selectionEnd ?? 0, 'end');
      inputEvent(field);
    } else if (elementOf(event.target)?.closest('[contenteditable]:not([contenteditable="false"])') != null) {
      doc.getSelection()?.deleteFromDocument();
      const target = elementOf(event.target);
      if (target !== null) inputEvent(target);
    }
  };

  const onPaste = (event: Event) => {
    if (identityAt(event.target, host.activeIdentity()) !== 'corporate') return;
    const systemText = (event as ClipboardEvent).clipboardData?.getData('text/plain');
    const decision = host.clipboard.decidePaste('corporate', systemText);
    if (decision.ok && decision.source === 'system') return;
    event.preventDefault();
    if (!decision.ok) return;
    const field = textFieldOf(event.target);
    if (field !== null) {
      field.setRangeText(decision.text, field.selectionStart ?? 0, field.selectionEnd ?? 0, 'end');
      inputEvent(field);
      return;
    }
    // contenteditable: insertText keeps the browser's undo history; deprecated but universally supported.
    const legacy = doc as unknown as { execCommand?: (command: string, ui: boolean, value: string) => boolean };
    legacy.execCommand?.call(doc, 'insertText', false, decision.text);
  };

  const restricts = (): boolean => {
    const p = host.policy();
    return p === null || p.clipboard !== 'allApps' || p.saveAsBlocked || p.shareToUnmanagedBlocked || p.printBlocked;
  };

  const onContextMenu = (event: Event) => {
    if (identityAt(event.target, host.activeIdentity()) === 'corporate' && restricts()) event.preventDefault();
  };

  const onDragStart = (event: Event) => {
    internalDrag = true;
    if (eventIdentity(event) === 'corporate' && copyDestination(host.policy()?.clipboard ?? null, 'corporate') === 'managed') {
      event.preventDefault();
      internalDrag = false;
    }
  };

  const onDragEnd = () => {
    internalDrag = false;
  };

  const onDrop = (event: Event) => {
    const fromInside = internalDrag;
    internalDrag = false;
    if (fromInside || identityAt(event.target, host.activeIdentity()) !== 'corporate') return;
    if (!mayPaste(host.policy()?.clipboard ?? null, 'external', 'corporate')) event.preventDefault();
  };

  const refresh = () => {
    const p = host.policy();
    const blocked = p === null || p.printBlocked;
    const html = doc.documentElement;
    if (!blocked) html.removeAttribute(PRINT_BLOCKED_ATTRIBUTE);
    else html.setAttribute(PRINT_BLOCKED_ATTRIBUTE, host.activeIdentity() === 'corporate' ? 'all' : 'marked');
  };

  let style = doc.getElementById(STYLE_ID);
  const ownStyle = style === null;
  if (style === null) {
    style = doc.createElement('style');
    style.id = STYLE_ID;
    style.textContent = PRINT_CSS;
    doc.head.appendChild(style);
  }

  const listeners: [string, (event: Event) => void][] = [
    ['copy', onCopyOrCut], ['cut', onCopyOrCut], ['paste', onPaste], ['contextmenu', onContextMenu],
    ['dragstart', onDragStart], ['dragend', onDragEnd], ['drop', onDrop],
  ];
  for (const [type, listener] of listeners) root.addEventListener(type, listener, true);
  win?.addEventListener('beforeprint', refresh);
  refresh();

  return {
    refresh,
    uninstall: () => {
      for (const [type, listener] of listeners) root.removeEventListener(type, listener, true);
      win?.removeEventListener('beforeprint', refresh);
      doc.documentElement.removeAttribute(PRINT_BLOCKED_ATTRIBUTE);
      if (ownStyle) style.remove();
    },
  };
}
