import { useSyncExternalStore } from 'react';

/** A signed-in session: the bearer the API issued and who it belongs to. */
export interface Session {
  readonly token: string;
  readonly expiresAt: string;
  readonly email: string;
  readonly displayName: string;
  /** How it began: through Ward's identity provider (whose own session sign-out also ends) or the password form. */
  readonly via?: 'identityProvider' | 'password';
}

/** What the app knows about signing in: a live session, none, or one the server ended. */
export interface SessionState {
  readonly current: Session | undefined;
  /**
   * Set when the API refused the session mid-work. The page stays as it is, edits included, and
   * the app asks for the password in place; `current` still names who was signed in.
   */
  readonly expired: { readonly reason: string } | undefined;
}

// Per tab and gone with it: an admin session should not outlive the window it was opened in.
const storageKey = 'ward.session';

function read(): Session | undefined {
  try {
    const raw = window.sessionStorage.getItem(storageKey);
    if (raw === null) return undefined;
    const parsed = JSON.parse(raw) as Partial<Session>;
    if (typeof parsed.token !== 'string' || typeof parsed.expiresAt !== 'string' || typeof parsed.email !== 'string') return undefined;
    if (Date.parse(parsed.expiresAt) <= Date.now()) return undefined;
    return { token: parsed.token, expiresAt: parsed.expiresAt, email: parsed.email, displayName: parsed.displayName ?? parsed.email, ...(parsed.via === 'identityProvider' ? { via: parsed.via } : {}) };
  } catch {
    return undefined;
  }
}

let state: SessionState = { current: read(), expired: undefined };
const listeners = new Set<() => void>();

function set(next: SessionState): void {
  state = next;
  for (const listener of listeners) listener();
}

/** The session store the API client and the pages share. */
export const session = {
  get: (): Session | undefined => state.current,
  state: (): SessionState => state,
  subscribe: (listener: () => void): (() => void) => {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
  /** Keeps a new session (sign-in or sign-in again after expiry). */
  start: (next: Session): void => {
    window.sessionStorage.setItem(storageKey, JSON.stringify(next));
    set({ current: next, expired: undefined });
  },
  /** The server refused the token: keep the page and its edits, ask for the password again. */
  expire: (reason: string): void => {
    const current = state.current;
    if (current === undefined || state.expired !== undefined) return;
    window.sessionStorage.removeItem(storageKey);
    set({ current, expired: { reason } });
  },
  /** Signed out on purpose. */
  end: (): void => {
    window.sessionStorage.removeItem(storageKey);
    set({ current: undefined, expired: undefined });
  },
};

/** The session state, re-rendering on sign-in, expiry and sign-out. */
export function useSessionState(): SessionState {
  return useSyncExternalStore(session.subscribe, session.state);
}
