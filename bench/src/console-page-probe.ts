// What runs inside the console's page to time it. Bench compiles without the DOM library, so the
// page-side functions name the structural subset of the DOM they touch; Playwright sends their
// source to the page, so they must not close over anything in this module.

/** Something the page must show: the first element matching `selector`, with `text` when given. */
export interface Watch {
  /** The mark recorded when it shows. */
  readonly name: string;
  readonly selector: string;
  /** The element's trimmed text must equal this; without it, any non-empty text will do. */
  readonly text?: string;
  /** Only counts once this mark exists (an interaction's start), so stale content cannot satisfy it. */
  readonly after?: string;
}

/** What the init script needs: the console session to start with and what to watch from the first byte. */
export interface ProbeSetup {
  readonly sessionJson: string;
  readonly watches: readonly Watch[];
}

/** The probe as the page holds it: marks in `performance.now()` milliseconds since navigation start. */
export interface Probe {
  readonly marks: Record<string, number>;
  watch(watch: Watch): void;
  /** Records `name` at the first `type` event after this call, in the capture phase (before any handler). */
  markNext(type: string, name: string): void;
}

interface ProbeElement { readonly textContent: string | null }
interface ProbeDocument {
  querySelectorAll(selector: string): Iterable<ProbeElement>;
  addEventListener(type: string, listener: () => void, options: { capture: boolean }): void;
  removeEventListener(type: string, listener: () => void, options: { capture: boolean }): void;
}
interface ProbeGlobal {
  readonly document: ProbeDocument;
  readonly performance: { now(): number };
  readonly sessionStorage: { setItem(key: string, value: string): void };
  readonly MutationObserver: new (callback: () => void) => { observe(target: ProbeDocument, options: Readonly<Record<string, boolean>>): void };
  wardProbe?: Probe;
}

/**
 * The init script: runs before the console's own script on every navigation. It starts the
 * session the console keeps in sessionStorage (as its sign-in form would) and records the time
 * each watched element first appears, checked on every DOM mutation, before the frame is painted.
 */
export function installProbe(setup: ProbeSetup): void {
  const page = globalThis as unknown as ProbeGlobal;
  page.sessionStorage.setItem('ward.session', setup.sessionJson);
  const marks: Record<string, number> = {};
  let pending: Watch[] = [...setup.watches];
  const shows = (w: Watch): boolean => {
    if (w.after !== undefined && marks[w.after] === undefined) return false;
    for (const element of page.document.querySelectorAll(w.selector)) {
      const text = (element.textContent ?? '').trim();
      if (w.text === undefined ? text !== '' : text === w.text) return true;
    }
    return false;
  };
  const check = () => {
    if (pending.length === 0) return;
    const now = page.performance.now();
    pending = pending.filter((w) => {
      if (!shows(w)) return true;
      marks[w.name] = now;
      return false;
    });
  };
  new page.MutationObserver(check).observe(page.document, { childList: true, subtree: true, characterData: true, attributes: true });
  page.wardProbe = {
    marks,
    watch(w) {
      pending.push(w);
      check();
    },
    markNext(type, name) {
      const listener = () => {
        marks[name] = page.performance.now();
        page.document.removeEventListener(type, listener, { capture: true });
      };
      page.document.addEventListener(type, listener, { capture: true });
    },
  };
}

/** Page side of `page.evaluate`: adds a watch and arms the mark of the interaction that should satisfy it. */
export function armInteraction(arg: { readonly event: string; readonly start: string; readonly watch: Watch }): void {
  const probe = (globalThis as unknown as ProbeGlobal).wardProbe;
  if (probe === undefined) throw new Error('the probe is not installed');
  probe.markNext(arg.event, arg.start);
  probe.watch(arg.watch);
}

/** Page side of `page.evaluate`: the marks so far. */
export function readMarks(): Record<string, number> {
  return { ...(globalThis as unknown as ProbeGlobal).wardProbe?.marks };
}

/**
 * Page side of `page.evaluate`: first contentful paint, the bytes the page fetched apart from the
 * API, and the longest API call that had started by `before` (ms since navigation start), to tell
 * the server's share of the wait from the browser's.
 */
export function readLoadFacts(before: number): { fcp: number | undefined; assetBytes: number; slowestApiMs: number } {
  interface Entry { readonly name: string; readonly startTime: number; readonly duration: number; readonly transferSize?: number }
  const perf = (globalThis as unknown as { performance: { getEntriesByName(n: string): Entry[]; getEntriesByType(t: string): Entry[] } }).performance;
  const fcp = perf.getEntriesByName('first-contentful-paint')[0]?.startTime;
  const entries = [...perf.getEntriesByType('navigation'), ...perf.getEntriesByType('resource')];
  const isApi = (e: Entry) => new URL(e.name).pathname.startsWith('/api/');
  const assetBytes = entries.filter((e) => !isApi(e)).reduce((sum, e) => sum + (e.transferSize ?? 0), 0);
  const slowestApiMs = entries.filter((e) => isApi(e) && e.startTime < before).reduce((max, e) => Math.max(max, e.duration), 0);
  return { fcp, assetBytes, slowestApiMs };
}
