import type { Identity } from './identity.js';
import type { ClipboardLevel } from './wire/protection-policy.js';

/** The system clipboard as the app can reach it (in browsers, `navigator.clipboard`). */
export interface SystemClipboard {
  readText(): Promise<string>;
  writeText(text: string): Promise<void>;
}

/** What became of a copy. */
export type CopyOutcome =
  /** `system`: on the system clipboard; `managed`: only on the SDK's managed clipboard. */
  | { readonly ok: true; readonly destination: 'system' | 'managed' }
  | { readonly ok: false; readonly code: 'CLIPBOARD_UNAVAILABLE' };

/** What a paste yields. */
export type PasteOutcome =
  | { readonly ok: true; readonly text: string; readonly source: 'managed' | 'system' }
  /** `CLIPBOARD_PASTE_BLOCKED`: the policy forbids this paste; `CLIPBOARD_EMPTY`: nothing to paste. */
  | { readonly ok: false; readonly code: 'CLIPBOARD_PASTE_BLOCKED' | 'CLIPBOARD_EMPTY' | 'CLIPBOARD_UNAVAILABLE' };

/**
 * Where a copy from `from` goes. A browser cannot tell which app will read the system clipboard,
 * so corporate text reaches it only under `allApps`; otherwise it stays in the SDK's managed
 * clipboard, which serves pastes inside this (managed) app. An unknown policy is the strictest.
 */
export function copyDestination(level: ClipboardLevel | null, from: Identity): 'system' | 'managed' {
  return from === 'personal' || level === 'allApps' ? 'system' : 'managed';
}

/**
 * Whether text from `source` may be pasted into `into`: corporate text goes anywhere corporate,
 * and to personal places only under `allApps`; outside text comes into corporate places only
 * under `allApps` and `managedAppsWithPasteIn` (outside apps are unmanaged, as far as a browser knows).
 */
export function mayPaste(level: ClipboardLevel | null, source: 'managed' | 'external', into: Identity): boolean {
  if (source === 'managed') return into === 'corporate' || level === 'allApps';
  return into === 'personal' || level === 'allApps' || level === 'managedAppsWithPasteIn';
}

/** The SDK's in-process clipboard for corporate text. */
export class ManagedClipboard {
  private entry: string | null = null;

  constructor(readonly notice: string) {}

  /** Holds `text` as the corporate clipboard content. */
  put(text: string): void {
    this.entry = text;
  }

  /** Forgets the content (on wipe). */
  clear(): void {
    this.entry = null;
  }

  /**
   * Which content a paste sees, given what the system clipboard holds now (undefined when it cannot
   * be read): the managed text while the system clipboard still holds what the SDK left there (the
   * notice, the same text, or nothing), else the system's text, which something outside put there.
   */
  resolve(systemText: string | undefined): { readonly source: 'managed' | 'external'; readonly text: string } | null {
    const managed = this.entry;
    if (managed !== null && (systemText === undefined || systemText === '' || systemText === this.notice || systemText === managed)) return { source: 'managed', text: managed };
    if (systemText === undefined || systemText === '') return null;
    return { source: 'external', text: systemText };
  }
}

/** What {@link ClipboardGuard} asks of the SDK. */
export interface ClipboardHost {
  /** The policy's clipboard level, null before a policy is known. */
  clipboardLevel(): ClipboardLevel | null;
  /** The identity the app has active. */
  activeIdentity(): Identity;
}

/**
 * `sdk.clipboard`: copy and paste that the app routes through, deciding by the policy's clipboard
 * level and the identity of the data. Corporate text that may not leave is kept in the managed
 * clipboard, and the system clipboard gets a notice instead so a paste elsewhere shows why.
 */
export class ClipboardGuard {
  constructor(
    private readonly host: ClipboardHost,
    private readonly managed: ManagedClipboard,
    private readonly system: SystemClipboard | null,
  ) {}

  /** Copies `text` that belongs to `identity` (default: the active identity). */
  async copy(text: string, options: { readonly identity?: Identity } = {}): Promise<CopyOutcome> {
    const identity = options.identity ?? this.host.activeIdentity();
    if (copyDestination(this.host.clipboardLevel(), identity) === 'system') {
      if (this.system === null) return { ok: false, code: 'CLIPBOARD_UNAVAILABLE' };
      try {
        await this.system.writeText(text);
      } catch {
        return { ok: false, code: 'CLIPBOARD_UNAVAILABLE' };
      }
      return { ok: true, destination: 'system' };
    }
    this.managed.put(text);
    // Best effort: without clipboard permission the old system content stays, which leaks nothing.
    await this.system?.writeText(this.managed.notice).catch(() => undefined);
    return { ok: true, destination: 'managed' };
  }

  /**
   * Pastes into a place of `identity` (default: the active identity). `systemText` is the system
   * clipboard's text when the app already has it (from a paste event); otherwise the SDK reads it.
   */
  async paste(options: { readonly identity?: Identity; readonly systemText?: string } = {}): Promise<PasteOutcome> {
    const identity = options.identity ?? this.host.activeIdentity();
    let systemText = options.systemText;
    if (systemText === undefined && this.system !== null) systemText = await this.system.readText().catch(() => undefined);
    return this.decidePaste(identity, systemText);
  }

  /** The decision of {@link paste} for a known system text, synchronously (for DOM paste events). */
  decidePaste(identity: Identity, systemText: string | undefined): PasteOutcome {
    const content = this.managed.resolve(systemText);
    if (content === null) return { ok: false, code: 'CLIPBOARD_EMPTY' };
    if (!mayPaste(this.host.clipboardLevel(), content.source, identity)) return { ok: false, code: 'CLIPBOARD_PASTE_BLOCKED' };
    return { ok: true, text: content.text, source: content.source === 'managed' ? 'managed' : 'system' };
  }

  /** Keeps corporate text from a DOM copy event in the managed clipboard (no system write: the event carries the notice). */
  keepManaged(text: string): void {
    this.managed.put(text);
  }

  /** The text the system clipboard gets instead of corporate text. */
  get notice(): string {
    return this.managed.notice;
  }
}
