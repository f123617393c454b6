import { createAppAssertionJws } from './app-assertion.js';
import { backoffDelayMs } from './backoff.js';
import { checkInBody, utcDay } from './check-in-body.js';
import { ClipboardGuard, ManagedClipboard, type SystemClipboard } from './clipboard-guard.js';
import { evaluateConditionalLaunch, type LaunchFindings } from './conditional-launch.js';
import { CorporateVault, type OpenVault, type SealedShare, type VaultMode } from './corporate-vault.js';
import { base64UrlEncode, fromUtf8, randomBytes, sameBytes, utf8, type Bytes } from './crypto/bytes.js';
import { exportPrivateJwk, generateRegistrationKey, importPrivateJwk, publicJwkOf, publicJwkOfPrivate, signEs256Base64Url, type PublicJwk } from './crypto/registration-key.js';
import type { VaultKeys } from './crypto/vault-keys.js';
import { CorporateStore, PersonalStore, type DataStore } from './data-stores.js';
import { installDomGuards, type DomGuards } from './dom-guards.js';
import { WardSdkError } from './errors.js';
import type { Identity } from './identity.js';
import { parseRegistrationRecord, serializeRegistrationRecord, type RegistrationRecord } from './registration-record.js';
import { sdkFlags, type BlockReason, type SdkFlag, type WipeReason } from './sdk-flags.js';
import { isCryptoKey, type SdkStorage } from './storage/sdk-storage.js';
import { SDK_VERSION } from './version.js';
import { instantAt } from './wire/answer-invalid.js';
import { postJson, type FetchLike, type PostOutcome } from './wire/post-json.js';
import type { ProtectionPolicy } from './wire/protection-policy.js';
import { parseCheckInAnswer, parseRegistrationAnswer, parseServerError, type AppConfiguration, type CheckInAnswer, type RegistrationAnswer } from './wire/sdk-answers.js';
import { sdkWireLimits } from './wire/sdk-limits.js';

/** The platform the SDK reports at registration. */
export type Platform = 'web' | 'electron' | 'node';

/** Where the app wants to save corporate data: its own corporate location, a personal one, or the local disk. */
export type SaveLocation = 'corporate' | 'personal' | 'local';

/** Hooks into the app's UI platform. */
export interface SdkUi {
  /** The system clipboard; default `navigator.clipboard` where there is one, else none. */
  readonly clipboard?: SystemClipboard | null;
  /** What the system clipboard gets instead of corporate text that may not leave the app. */
  readonly clipboardNotice?: string;
  /**
   * Turns the platform's screen capture protection on or off (Electron:
   * `win.setContentProtection(blocked)`). Without it screen capture is reported `notApplicable`.
   */
  readonly setScreenCaptureProtection?: (blocked: boolean) => void | Promise<void>;
}

/** Options of {@link WardSdk.start}. */
export interface WardSdkOptions {
  /** Ward's base URL (`https://ward.example.com`); the SDK calls `<serverUrl>/sdk/v1/…`. */
  readonly serverUrl: string;
  /** The app's catalog identifier (`com.ward.notes-demo`). */
  readonly appId: string;
  /** The app's own version, compared with the policy's `minAppVersion`. */
  readonly appVersion: string;
  /**
   * An access token Ward's identity provider issued to the signed-in corporate user for this app,
   * or null when nobody is signed in. Asked for only when the SDK (re-)registers.
   */
  readonly getAccessToken: () => Promise<string | null> | string | null;
  /** Where the SDK keeps its state. */
  readonly storage: SdkStorage;
  /**
   * Called after the SDK erased the corporate identity's data and keys: the app deletes its own
   * corporate data (never personal) and signs the corporate user out. A throw is reported to the
   * server as a failed wipe.
   */
  readonly onWipe?: (reason: WipeReason) => void | Promise<void>;
  /** Called whenever {@link WardSdk.state} may have changed. */
  readonly onChange?: (state: SdkState) => void;
  /**
   * The corporate account's id (as the app knows it, e.g. the id token's `sub`). When a different
   * one starts the SDK, the previous corporate identity is wiped first (`accountChanged`), and
   * {@link WardSdk.setIdentity} counts this id as corporate.
   */
  readonly corporateAccountId?: string;
  readonly ui?: SdkUi;
  /** Whether the device is jailbroken or rooted, as the app can tell; default false (browsers cannot). */
  readonly isJailbroken?: () => boolean | Promise<boolean>;
  /** What the registration reports about the installation. */
  readonly device?: { readonly name?: string; readonly osName?: string; readonly osVersion?: string };
  /** Default: detected (Electron, a browser, else Node). */
  readonly platform?: Platform;
  /** The local clock, ms since the epoch; default `Date.now`. */
  readonly now?: () => number;
  /** A number in [0, 1) for backoff jitter; default `Math.random`. */
  readonly random?: () => number;
  /** Default: the global `fetch`. */
  readonly fetch?: FetchLike;
  /** Whether the SDK checks in on its own schedule; default true. */
  readonly autoCheckIn?: boolean;
  /** How long one request may take; default 30 s. */
  readonly requestTimeoutMs?: number;
}

/** What the app's UI needs to know, from {@link WardSdk.state}. */
export interface SdkState {
  readonly registered: boolean;
  readonly registrationId: string | null;
  /** The identity the app has active. */
  readonly identity: Identity;
  /** True while corporate data cannot be read (PIN not entered, re-check due, blocked, …). */
  readonly locked: boolean;
  /** The policy requires a PIN and none is set: call {@link WardSdk.setPin}. */
  readonly needsPinSetup: boolean;
  readonly pinSet: boolean;
  /** Wrong PINs still allowed before the policy's action; null without a PIN policy. */
  readonly pinRetriesLeft: number | null;
  /** Why corporate access is blocked; empty when it is not. */
  readonly blocked: readonly BlockReason[];
  /** Conditions the policy only warns about (a jailbroken device under `warn`). */
  readonly warnings: readonly SdkFlag[];
  /** Everything the SDK reports as flagged. */
  readonly flagged: readonly SdkFlag[];
  /** The last wipe of the corporate identity, if any. */
  readonly lastWipe: { readonly reason: WipeReason; readonly at: string } | null;
  /** Whether the last request reached the server; null before the first. */
  readonly online: boolean | null;
  readonly lastCheckInAt: string | null;
  /** The last failure of a registration or check-in, cleared by the next success. */
  readonly lastError: { readonly code: string; readonly message: string } | null;
  readonly policy: ProtectionPolicy | null;
  readonly policyVersion: string | null;
  readonly configuration: AppConfiguration | null;
  /** `blocked`/`allowed`: applied through the app's hook; `notApplicable`: the platform cannot. */
  readonly screenCapture: 'blocked' | 'allowed' | 'notApplicable';
}

/** What {@link WardSdk.unlock} did. */
export type UnlockResult =
  | { readonly ok: true }
  | { readonly ok: false; readonly code: 'PIN_WRONG'; readonly retriesLeft: number }
  | { readonly ok: false; readonly code: 'PIN_NOT_SET' | 'PIN_RETRIES_EXCEEDED' | 'CHECK_IN_REQUIRED' | 'KEY_SHARE_UNAVAILABLE' | 'BLOCKED' | 'WIPED' | 'NOT_REGISTERED' };

/** What {@link WardSdk.setPin} did. */
export type SetPinResult =
  | { readonly ok: true }
  | { readonly ok: false; readonly code: 'PIN_TOO_SHORT' | 'PIN_TOO_LONG' | 'PIN_NOT_NUMERIC' | 'LOCKED' | 'KEY_SHARE_UNAVAILABLE' | 'BLOCKED' | 'WIPED' | 'NOT_REGISTERED' };

/** What a registration or check-in did. `code` is Ward's error code, or the SDK's own for transport trouble. */
export type ExchangeResult =
  | { readonly ok: true }
  | { readonly ok: false; readonly code: string; readonly message: string };

/** The longest PIN or passcode accepted. */
export const MAX_PIN_LENGTH = 64;

const DEVICE_TAG = 'ward/device-tag';
const REGISTRATION = 'ward/registration';
const REGISTRATION_KEY = 'ward/registration-key';
const REGISTRATION_PUBLIC = 'ward/registration-public';
const WIPED = 'ward/wiped';
const WIPE_IN_PROGRESS = 'ward/wipe-in-progress';
const BACKOFF_BASE_MS = 2_000;
const DEFAULT_INTERVAL_SECONDS = 900;

interface WipeNote {
  readonly reason: WipeReason;
  readonly at: number;
  readonly wipeId: string | null;
}

function detectPlatform(): Platform {
  const g = globalThis as { process?: { versions?: { electron?: unknown } }; document?: unknown };
  if (typeof g.process?.versions?.electron === 'string') return 'electron';
  if (typeof g.document === 'object' && g.document !== null) return 'web';
  return 'node';
}

function defaultClipboard(): SystemClipboard | null {
  const clipboard = (globalThis as { navigator?: { clipboard?: Partial<SystemClipboard> } }).navigator?.clipboard;
  const read = clipboard?.readText;
  const write = clipboard?.writeText;
  if (clipboard === undefined || typeof read !== 'function' || typeof write !== 'function') return null;
  return { readText: () => read.call(clipboard), writeText: (t) => write.call(clipboard, t) };
}

function parseWipeNote(raw: unknown): WipeNote | null {
  if (typeof raw !== 'string') return null;
  try {
    const v = JSON.parse(raw) as Record<string, unknown>;
    const reasons: readonly WipeReason[] = ['adminWipe', 'registrationWiped', 'pinRetriesExceeded', 'offlineTooLong', 'jailbroken', 'accountChanged'];
    if (!reasons.includes(v.reason as WipeReason) || typeof v.at !== 'number') return null;
    return { reason: v.reason as WipeReason, at: v.at, wipeId: typeof v.wipeId === 'string' && sdkWireLimits.idPattern.test(v.wipeId) ? v.wipeId : null };
  } catch {
    return null;
  }
}

function failure(code: string, message: string): ExchangeResult {
  return { ok: false, code, message: message.slice(0, 500) };
}

/**
 * The Ward app protection SDK (docs/protocols/sdk-v1.md). One instance per app installation:
 * {@link WardSdk.start} loads or registers the installation, and from then on the SDK checks in,
 * enforces the app protection policy, and wipes the corporate identity when told to.
 *
 * Every method is safe to call concurrently: state changes run one at a time.
 */
export class WardSdk {
  /** The corporate identity's encrypted store. Throws {@link WardSdkError} `LOCKED`/`BLOCKED`/… when closed. */
  readonly corporateStore: DataStore;
  /** The personal identity's plain store: never encrypted, never wiped. */
  readonly personalStore: DataStore;
  /** Copy and paste routed through the policy's clipboard level. */
  readonly clipboard: ClipboardGuard;

  private readonly serverUrl: string;
  private readonly storage: SdkStorage;
  private readonly vault: CorporateVault;
  private readonly managedClipboard: ManagedClipboard;
  private readonly now: () => number;
  private readonly random: () => number;
  private readonly fetchFn: FetchLike;
  private readonly platform: Platform;

  private deviceTag = '';
  private record: RegistrationRecord | null = null;
  private signingKey: CryptoKey | null = null;
  private publicKey: PublicJwk | null = null;
  private wipedNote: WipeNote | null = null;
  private lastWipe: WipeNote | null = null;
  /** The key share from this session's last check-in. */
  private keyShare: SealedShare | null = null;
  private keyShareWithheld = false;
  private opened: OpenVault | null = null;
  private vaultMode: VaultMode | null = null;
  private pinFailures = 0;
  private lastActivity = 0;
  private activeIdentity: Identity = 'corporate';
  private jailbroken = false;
  private jailbreakWipeDone = false;
  private online: boolean | null = null;
  private lastError: { code: string; message: string } | null = null;
  private failures = 0;
  private replayJump = 1024;
  private pendingLaunch = true;
  private stopped = false;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private lockTimer: ReturnType<typeof setTimeout> | null = null;
  private chain: Promise<unknown> = Promise.resolve();
  private checkInFlight: Promise<ExchangeResult> | null = null;
  private registerFlight: Promise<ExchangeResult> | null = null;
  private readonly wipeFollowUps: WipeNote[] = [];
  private readonly listeners = new Set<(state: SdkState) => void>();
  private readonly guards = new Set<DomGuards>();
  private screenCaptureApplied: boolean | null = null;
  private lastEmitted = '';

  private constructor(private readonly options: WardSdkOptions) {
    let url: URL;
    try {
      url = new URL(options.serverUrl);
    } catch (error) {
      throw new WardSdkError('INVALID_ARGUMENT', 'serverUrl is not a URL.', { cause: error });
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new WardSdkError('INVALID_ARGUMENT', 'serverUrl must be an http(s) URL.');
    if (!sdkWireLimits.appIdentifierPattern.test(options.appId)) throw new WardSdkError('INVALID_ARGUMENT', 'appId must be 1 to 255 visible ASCII characters.');
    if (!sdkWireLimits.appVersionPattern.test(options.appVersion)) throw new WardSdkError('INVALID_ARGUMENT', 'appVersion must be 1 to 64 letters, digits, dots, plus signs, dashes or underscores.');
    this.serverUrl = url.href.replace(/\/+$/, '');
    this.storage = options.storage;
    this.vault = new CorporateVault(options.storage);
    this.now = options.now ?? Date.now;
    this.random = options.random ?? Math.random;
    const globalFetch = (globalThis as { fetch?: FetchLike }).fetch;
    const fetchFn = options.fetch ?? (globalFetch === undefined ? undefined : (u: string, init: Parameters<FetchLike>[1]) => globalFetch(u, init));
    if (fetchFn === undefined) throw new WardSdkError('INVALID_ARGUMENT', 'No fetch: pass options.fetch.');
    this.fetchFn = fetchFn;
    this.platform = options.platform ?? detectPlatform();
    this.managedClipboard = new ManagedClipboard(options.ui?.clipboardNotice ?? 'This content is protected by your organization and can only be pasted in its managed apps.');
    const system = options.ui?.clipboard === undefined ? defaultClipboard() : options.ui.clipboard;
    this.clipboard = new ClipboardGuard({ clipboardLevel: () => this.policy()?.clipboard ?? null, activeIdentity: () => this.activeIdentity }, this.managedClipboard, system);
    this.personalStore = new PersonalStore(options.storage);
    this.corporateStore = new CorporateStore(options.storage, (use) => this.withVault(use));
  }

  /**
   * Starts the SDK: loads the installation (device tag, registration key, registration), finishes
   * a wipe a crash interrupted, registers when there is no registration (asking `getAccessToken`),
   * or checks in when there is one, then keeps checking in on the server's schedule. Resolves once
   * the first exchange is done, whether or not the server was reachable: an unreachable server is
   * reported in `state().online` and `state().lastError`, and the SDK keeps trying with backoff.
   */
  static async start(options: WardSdkOptions): Promise<WardSdk> {
    const sdk = new WardSdk(options);
    await sdk.initialize();
    return sdk;
  }

  // ---- lifecycle ------------------------------------------------------------------------------

  private async initialize(): Promise<void> {
    await this.exclusive(async () => {
      const interrupted = parseWipeNote(await this.storage.get(WIPE_IN_PROGRESS));
      if (interrupted !== null) await this.eraseCorporateLocked(interrupted.reason, interrupted.wipeId);
      this.deviceTag = await this.loadDeviceTag();
      this.wipedNote = parseWipeNote(await this.storage.get(WIPED));
      const raw = await this.storage.get(REGISTRATION);
      this.record = typeof raw === 'string' ? parseRegistrationRecord(raw) : null;
      if (raw !== undefined && this.record === null) this.lastError = { code: 'STORAGE_CORRUPT', message: 'The stored registration was unreadable; registering anew.' };
      const r = this.record;
      const foreign = r !== null && (r.serverUrl !== this.serverUrl || r.appId !== this.options.appId);
      const otherAccount = r?.accountId != null && this.options.corporateAccountId !== undefined && r.accountId !== this.options.corporateAccountId;
      if (foreign || otherAccount) {
        await this.eraseCorporateLocked('accountChanged', null);
        await this.dropRegistrationLocked();
      }
      if (this.record !== null && !(await this.loadSigningKeyLocked())) await this.dropRegistrationLocked();
      try {
        this.vaultMode = await this.vault.mode();
      } catch (error) {
        if (!(error instanceof WardSdkError)) throw error;
        // Unreadable key material cannot be opened by anyone: drop it rather than refuse to start.
        await this.vault.erase();
        this.vaultMode = null;
        this.lastError = { code: error.code, message: error.message };
      }
      this.pinFailures = await this.vault.pinFailures();
      this.jailbroken = await this.probeJailbroken();
      if (this.record !== null) await this.noteLaunchLocked();
    });
    await this.completeWipes();
    if (this.record !== null) await this.checkInNow();
    else if (this.wipedNote === null) await this.register();
    await this.exclusive(() => this.enforceLocked());
    await this.completeWipes();
    this.emit();
  }

  /** Stops the schedule and timers (the SDK stays usable; {@link checkInNow} still works). */
  stop(): void {
    this.stopped = true;
    if (this.timer !== null) clearTimeout(this.timer);
    if (this.lockTimer !== null) clearTimeout(this.lockTimer);
    this.timer = null;
    this.lockTimer = null;
  }

  /** Calls `listener` whenever the state may have changed; returns the function that unsubscribes. */
  subscribe(listener: (state: SdkState) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  // ---- the state ------------------------------------------------------------------------------

  /** A snapshot for the app's UI. */
  state(): SdkState {
    this.lockIfDue();
    const policy = this.policy();
    const record = this.record;
    const hook = this.options.ui?.setScreenCaptureProtection;
    return {
      registered: record !== null && this.wipedNote === null,
      registrationId: record?.registrationId ?? null,
      identity: this.activeIdentity,
      locked: this.isLocked(),
      needsPinSetup: this.needsPinSetup(),
      pinSet: this.vaultMode === 'pin',
      pinRetriesLeft: policy === null || this.vaultMode !== 'pin' ? null : Math.max(policy.pin.maxRetries - this.pinFailures, 0),
      blocked: this.blockReasons(),
      warnings: this.launch().warn,
      flagged: this.flags(),
      lastWipe: this.lastWipe === null ? null : { reason: this.lastWipe.reason, at: new Date(this.lastWipe.at).toISOString() },
      online: this.online,
      lastCheckInAt: record === null ? null : new Date(record.lastCheckInAt).toISOString(),
      lastError: this.lastError,
      policy,
      policyVersion: record?.policyVersion ?? null,
      configuration: record?.configuration ?? null,
      screenCapture: hook === undefined ? 'notApplicable' : this.screenCaptureWanted() ? 'blocked' : 'allowed',
    };
  }

  /** Whether corporate data is closed right now (evaluates the PIN re-check and the offline rule). */
  isLocked(): boolean {
    this.lockIfDue();
    return this.opened === null || this.needsPinSetup() || this.blockReasons().length > 0;
  }

  private policy(): ProtectionPolicy | null {
    return this.record?.policy ?? null;
  }

  private serverNow(): number {
    return this.now() + (this.record?.skewMs ?? 0);
  }

  private launch(): LaunchFindings {
    const policy = this.policy();
    if (policy === null) return { flagged: [], block: [], warn: [], wipe: null };
    return evaluateConditionalLaunch(policy, { appVersion: this.options.appVersion, sdkVersion: SDK_VERSION, jailbroken: this.jailbroken });
  }

  private offlineTooLong(): boolean {
    const policy = this.policy();
    if (policy === null || this.record === null) return false;
    return this.serverNow() - this.record.lastCheckInAt > policy.offline.accessCheckAfterMinutes * 60_000;
  }

  private offlineWipeDue(): boolean {
    const policy = this.policy();
    if (policy === null || this.record === null) return false;
    return this.serverNow() - this.record.lastCheckInAt > policy.offline.wipeAfterDays * 86_400_000;
  }

  private pinRetriesExceeded(): boolean {
    const policy = this.policy();
    return policy !== null && this.pinFailures >= policy.pin.maxRetries;
  }

  private flags(): SdkFlag[] {
    const raised = new Set<SdkFlag>(this.launch().flagged);
    if (this.pinRetriesExceeded()) raised.add('pinRetriesExceeded');
    if (this.offlineTooLong()) raised.add('offlineTooLong');
    return sdkFlags.filter((f) => raised.has(f));
  }

  private blockReasons(): BlockReason[] {
    if (this.wipedNote !== null || this.record?.pendingWipe != null) return ['wiped'];
    if (this.record === null) return ['notRegistered'];
    const reasons: BlockReason[] = [...this.launch().block];
    if (this.pinRetriesExceeded()) reasons.push('pinRetriesExceeded');
    if (this.offlineTooLong()) reasons.push('offlineTooLong');
    if (this.keyShareWithheld) reasons.push('keyShareWithheld');
    return reasons;
  }

  private needsPinSetup(): boolean {
    const policy = this.policy();
    return policy !== null && policy.pin.required && this.vaultMode !== 'pin' && this.blockReasons().length === 0;
  }

  private recheckDue(): boolean {
    const policy = this.policy();
    if (this.opened?.mode !== 'pin' || policy === null || policy.pin.recheckAfterMinutes === 0) return false;
    return this.now() - this.lastActivity >= policy.pin.recheckAfterMinutes * 60_000;
  }

  /** Closes the vault when the PIN re-check is due or access is blocked. */
  private lockIfDue(): void {
    if (this.opened !== null && (this.recheckDue() || this.blockReasons().length > 0)) this.closeVault();
  }

  private closeVault(): void {
    this.opened?.secret.fill(0);
    this.opened = null;
    if (this.lockTimer !== null) clearTimeout(this.lockTimer);
    this.lockTimer = null;
  }

  private touch(): void {
    this.lastActivity = this.now();
    this.noteUse();
    this.armLockTimer();
  }

  private armLockTimer(): void {
    if (this.lockTimer !== null) clearTimeout(this.lockTimer);
    this.lockTimer = null;
    const minutes = this.policy()?.pin.recheckAfterMinutes ?? 0;
    if (this.stopped || this.opened?.mode !== 'pin' || minutes === 0) return;
    // Only to tell the app in time: the lock itself is evaluated on every access.
    this.lockTimer = unref(setTimeout(() => { this.emit(); }, minutes * 60_000 + 50));
  }

  // ---- identity and guards --------------------------------------------------------------------

  /**
   * Tells the SDK which identity the app shows: `corporate`, `personal`, or an account id (the
   * corporate account's id counts as corporate, any other as personal).
   */
  setIdentity(identity: string): void {
    const next: Identity = identity === 'corporate' || (this.options.corporateAccountId !== undefined && identity === this.options.corporateAccountId) ? 'corporate' : 'personal';
    if (next === this.activeIdentity) return;
    this.activeIdentity = next;
    this.emit();
  }

  /** The identity the app has active. */
  identity(): Identity {
    return this.activeIdentity;
  }

  /** Whether data of `identity` (default: the active one) may be saved to `location`. */
  canSaveAs(location: SaveLocation, options: { readonly identity?: Identity } = {}): boolean {
    if ((options.identity ?? this.activeIdentity) === 'personal') return true;
    const policy = this.policy();
    return location === 'corporate' || (policy !== null && !policy.saveAsBlocked);
  }

  /** Whether data of `identity` may be shared with (opened in) the app `targetAppId`. */
  canShare(targetAppId: string, options: { readonly identity?: Identity } = {}): boolean {
    if ((options.identity ?? this.activeIdentity) === 'personal') return true;
    const policy = this.policy();
    if (policy === null) return false;
    const target = targetAppId.toLowerCase();
    const managed = target === this.options.appId.toLowerCase() || policy.managedApps.some((a) => a.toLowerCase() === target);
    return managed || !policy.shareToUnmanagedBlocked;
  }

  /** Whether data of `identity` may be printed. */
  canPrint(options: { readonly identity?: Identity } = {}): boolean {
    if ((options.identity ?? this.activeIdentity) === 'personal') return true;
    const policy = this.policy();
    return policy !== null && !policy.printBlocked;
  }

  /**
   * Guards a browser document (or one subtree): copy, cut, paste, drag and drop and the context
   * menu of corporate content follow the policy, and printing hides it. See `dom-guards.ts`.
   */
  installDomGuards(root?: Document | HTMLElement): DomGuards {
    const target = root ?? (globalThis as { document?: Document }).document;
    if (target === undefined) throw new WardSdkError('INVALID_ARGUMENT', 'No document to guard: pass a root element.');
    const guards = installDomGuards(target, { policy: () => this.policy(), activeIdentity: () => this.activeIdentity, clipboard: this.clipboard });
    this.guards.add(guards);
    return {
      refresh: () => { guards.refresh(); },
      uninstall: () => {
        this.guards.delete(guards);
        guards.uninstall();
      },
    };
  }

  private screenCaptureWanted(): boolean {
    return this.activeIdentity === 'corporate' && (this.policy()?.screenCaptureBlocked ?? true);
  }

  private emit(): void {
    const hook = this.options.ui?.setScreenCaptureProtection;
    const wanted = this.screenCaptureWanted();
    if (hook !== undefined && wanted !== this.screenCaptureApplied) {
      this.screenCaptureApplied = wanted;
      void Promise.resolve().then(() => hook(wanted)).catch(() => { this.screenCaptureApplied = null; });
    }
    for (const g of this.guards) g.refresh();
    const state = this.state();
    // Store reads and writes emit too; listeners hear only of real changes.
    const fingerprint = JSON.stringify(state);
    if (fingerprint === this.lastEmitted) return;
    this.lastEmitted = fingerprint;
    for (const listener of [this.options.onChange, ...this.listeners]) {
      try {
        listener?.(state);
      } catch {
        // A listener's failure is the app's; it must not stop the SDK.
      }
    }
  }

  // ---- PIN gate -------------------------------------------------------------------------------

  private blockedCode(): 'WIPED' | 'NOT_REGISTERED' | 'CHECK_IN_REQUIRED' | 'KEY_SHARE_UNAVAILABLE' | 'PIN_RETRIES_EXCEEDED' | 'BLOCKED' | null {
    const reasons = this.blockReasons();
    if (reasons.length === 0) return null;
    if (reasons.includes('wiped')) return 'WIPED';
    if (reasons.includes('notRegistered')) return 'NOT_REGISTERED';
    if (reasons.some((r) => r !== 'offlineTooLong' && r !== 'keyShareWithheld' && r !== 'pinRetriesExceeded')) return 'BLOCKED';
    if (reasons.includes('pinRetriesExceeded')) return 'PIN_RETRIES_EXCEEDED';
    if (reasons.includes('offlineTooLong')) return 'CHECK_IN_REQUIRED';
    return 'KEY_SHARE_UNAVAILABLE';
  }

  /**
   * Opens the corporate store with the PIN (or, when the policy requires none, with the device's
   * own secret: `pin` is then ignored). Every attempt counts against `pin.maxRetries` before the
   * PIN is checked, so quitting the app does not reset the count; at the limit the policy's
   * `conditionalLaunch.maxPinRetries` blocks (until {@link resetPin}) or wipes.
   */
  async unlock(pin?: string): Promise<UnlockResult> {
    return this.run(async (): Promise<UnlockResult> => {
      this.lockIfDue();
      const blocked = this.blockedCode();
      if (blocked !== null) return { ok: false, code: blocked };
      const policy = this.policy();
      if (policy === null) return { ok: false, code: 'NOT_REGISTERED' };
      if (this.vaultMode !== 'pin') {
        if (policy.pin.required) return { ok: false, code: 'PIN_NOT_SET' };
        await this.autoOpenLocked();
        return this.opened === null ? { ok: false, code: 'KEY_SHARE_UNAVAILABLE' } : { ok: true };
      }
      if (this.opened !== null) {
        this.touch();
        return { ok: true };
      }
      if (typeof pin !== 'string' || pin.length === 0 || pin.length > MAX_PIN_LENGTH) return this.wrongPinLocked(await this.countPinAttemptLocked());
      const attempt = await this.countPinAttemptLocked();
      const secret = await this.vault.secretOf(pin);
      if (secret === null) return { ok: false, code: 'PIN_NOT_SET' };
      const sealed = await this.vault.openSealedShare(secret);
      if (sealed !== null && this.keyShare === null && this.serverNow() - sealed.at > policy.offline.accessCheckAfterMinutes * 60_000) {
        // The PIN is right, but the offline copy is too old to use: that is not a wrong PIN.
        await this.setPinFailuresLocked(0);
        return { ok: false, code: 'CHECK_IN_REQUIRED' };
      }
      const opened = await this.vault.open(secret, this.sharesToTry(sealed));
      if (opened !== null) {
        this.opened = opened;
        await this.setPinFailuresLocked(0);
        await this.syncShareLocked(sealed);
        this.touch();
        return { ok: true };
      }
      if (sealed !== null) {
        await this.setPinFailuresLocked(0);
        return { ok: false, code: 'KEY_SHARE_UNAVAILABLE' };
      }
      return this.wrongPinLocked(attempt);
    });
  }

  private async countPinAttemptLocked(): Promise<number> {
    await this.setPinFailuresLocked(this.pinFailures + 1);
    return this.pinFailures;
  }

  private async setPinFailuresLocked(n: number): Promise<void> {
    this.pinFailures = n;
    await this.vault.setPinFailures(n);
  }

  private async wrongPinLocked(failures: number): Promise<UnlockResult> {
    const policy = this.policy();
    if (policy === null) return { ok: false, code: 'NOT_REGISTERED' };
    if (failures < policy.pin.maxRetries) return { ok: false, code: 'PIN_WRONG', retriesLeft: policy.pin.maxRetries - failures };
    if (policy.conditionalLaunch.maxPinRetries === 'wipe') await this.eraseCorporateLocked('pinRetriesExceeded', null);
    return { ok: false, code: 'PIN_RETRIES_EXCEEDED' };
  }

  private sharesToTry(sealed: SealedShare | null): Bytes[] {
    const shares: Bytes[] = [];
    if (this.keyShare !== null) shares.push(this.keyShare.share);
    // The sealed copy only while no check-in of this session released a share, or to open data
    // wrapped under an older share; never while the server withholds it.
    if (sealed !== null && !this.keyShareWithheld && !shares.some((s) => sameBytes(s, sealed.share))) shares.push(sealed.share);
    return shares;
  }

  /** Checks a PIN against the policy's rules. */
  private pinProblem(pin: string, policy: ProtectionPolicy): 'PIN_TOO_SHORT' | 'PIN_TOO_LONG' | 'PIN_NOT_NUMERIC' | null {
    if (typeof pin !== 'string' || pin.length < policy.pin.minLength) return 'PIN_TOO_SHORT';
    if (pin.length > MAX_PIN_LENGTH) return 'PIN_TOO_LONG';
    if (policy.pin.type === 'numeric' && !/^[0-9]+$/.test(pin)) return 'PIN_NOT_NUMERIC';
    return null;
  }

  /**
   * Sets the PIN: the first time (the policy requires one and none is set), or to change it while
   * unlocked. The corporate data keys are re-wrapped under the new PIN; the data is not touched.
   */
  async setPin(pin: string): Promise<SetPinResult> {
    return this.run(async (): Promise<SetPinResult> => {
      this.lockIfDue();
      const blocked = this.blockedCode();
      if (blocked === 'WIPED' || blocked === 'NOT_REGISTERED') return { ok: false, code: blocked };
      if (blocked === 'CHECK_IN_REQUIRED' || blocked === 'KEY_SHARE_UNAVAILABLE') return { ok: false, code: 'KEY_SHARE_UNAVAILABLE' };
      if (blocked !== null) return { ok: false, code: 'BLOCKED' };
      const policy = this.policy();
      if (policy === null) return { ok: false, code: 'NOT_REGISTERED' };
      const problem = this.pinProblem(pin, policy);
      if (problem !== null) return { ok: false, code: problem };
      if (this.vaultMode === null) {
        if (this.keyShare === null) return { ok: false, code: 'KEY_SHARE_UNAVAILABLE' };
        this.opened = await this.vault.create('pin', pin, this.keyShare);
      } else {
        if (this.opened === null && this.vaultMode === 'device') await this.autoOpenLocked();
        if (this.opened === null) return { ok: false, code: this.vaultMode === 'device' ? 'KEY_SHARE_UNAVAILABLE' : 'LOCKED' };
        this.opened = await this.vault.rewrap(this.opened, { mode: 'pin', pin, share: this.keyShare ?? { share: this.opened.share, at: this.record?.lastCheckInAt ?? 0 } });
      }
      this.vaultMode = 'pin';
      await this.setPinFailuresLocked(0);
      this.touch();
      return { ok: true };
    });
  }

  /**
   * Forgets the PIN after the user signed in again (the SDK asks `getAccessToken` and refuses
   * without a token). The PIN is an input of the key that protects corporate data, so the SDK's
   * corporate store is erased with it: the user sets a new PIN and the app fetches its data anew.
   * Clears a `pinRetriesExceeded` block.
   */
  async resetPin(): Promise<{ readonly ok: true } | { readonly ok: false; readonly code: 'SIGN_IN_REQUIRED' | 'WIPED' | 'NOT_REGISTERED' }> {
    const token = await this.accessToken();
    if (token === null) return { ok: false, code: 'SIGN_IN_REQUIRED' };
    return this.run(async () => {
      if (this.wipedNote !== null || this.record?.pendingWipe != null) return { ok: false, code: 'WIPED' } as const;
      if (this.record === null) return { ok: false, code: 'NOT_REGISTERED' } as const;
      this.closeVault();
      await this.vault.erase();
      this.vaultMode = null;
      this.pinFailures = 0;
      await this.autoOpenLocked();
      return { ok: true } as const;
    });
  }

  /** Closes the corporate store now (the PIN is asked again). */
  lock(): void {
    if (this.opened === null) return;
    this.closeVault();
    this.emit();
  }

  /** The vault keys for one store operation, after the PIN gate and the policy said yes. */
  private async withVault<T>(use: (keys: VaultKeys) => Promise<T>): Promise<T> {
    return this.run(async () => {
      await this.enforceLocked();
      this.lockIfDue();
      const blocked = this.blockedCode();
      if (blocked === 'WIPED') throw new WardSdkError('WIPED', 'The corporate identity was wiped.');
      if (blocked === 'NOT_REGISTERED') throw new WardSdkError('NOT_REGISTERED', 'The app is not registered with Ward.');
      if (blocked !== null) throw new WardSdkError('BLOCKED', `Corporate access is blocked: ${this.blockReasons().join(', ')}.`);
      if (this.opened === null) await this.autoOpenLocked();
      const opened = this.opened;
      if (opened === null || this.needsPinSetup()) throw new WardSdkError('LOCKED', 'The corporate store is locked: unlock it with the PIN.');
      this.touch();
      return use(opened.keys);
    });
  }

  /**
   * Without a required PIN, opens (or on first use creates) the vault with the device's own secret
   * and the key share, within the offline rule.
   */
  private async autoOpenLocked(): Promise<void> {
    const policy = this.policy();
    if (policy === null || this.opened !== null || this.blockReasons().length > 0 || this.vaultMode === 'pin') return;
    if (this.vaultMode === null) {
      if (policy.pin.required || this.keyShare === null) return;
      this.opened = await this.vault.create('device', null, this.keyShare);
      this.vaultMode = 'device';
      return;
    }
    const secret = await this.vault.secretOf(null);
    if (secret === null) return;
    const sealed = await this.vault.openSealedShare(secret);
    if (this.keyShare === null && (sealed === null || this.serverNow() - sealed.at > policy.offline.accessCheckAfterMinutes * 60_000)) return;
    this.opened = await this.vault.open(secret, this.sharesToTry(sealed));
    if (this.opened !== null) await this.syncShareLocked(sealed);
  }

  /**
   * After the vault opened or a check-in brought a share: re-wraps under the current share when the
   * vault was wrapped under another, and re-seals the offline copy with the latest check-in time.
   */
  private async syncShareLocked(sealed: SealedShare | null = null): Promise<void> {
    const opened = this.opened;
    if (opened === null) return;
    const current = this.keyShare;
    if (current === null) return;
    if (!sameBytes(opened.share, current.share)) this.opened = await this.vault.rewrap(opened, { mode: opened.mode, pin: null, share: current });
    else if (sealed === null || sealed.at !== current.at) await this.vault.reseal(opened, current);
  }

  // ---- registration ---------------------------------------------------------------------------

  private async accessToken(): Promise<string | null> {
    try {
      const token = await this.options.getAccessToken();
      return typeof token === 'string' && token.length > 0 && !/[\r\n]/.test(token) ? token : null;
    } catch {
      return null;
    }
  }

  /**
   * Registers this installation for the signed-in corporate user (`POST /sdk/v1/registrations`),
   * e.g. after a wipe once the user signed in again. Registering again with the same user keeps
   * the registration (the server replaces its key); after a wipe a new one is made.
   */
  async register(): Promise<ExchangeResult> {
    this.registerFlight ??= this.doRegister().finally(() => { this.registerFlight = null; });
    return this.registerFlight;
  }

  private async doRegister(): Promise<ExchangeResult> {
    let result = await this.registerOnce();
    // The server counts a registration for conditional access only once it checked in: at once.
    if (result.ok) result = await this.checkInOnce(true);
    this.afterExchange(result);
    await this.completeWipes();
    this.emit();
    return result;
  }

  private async registerOnce(): Promise<ExchangeResult> {
    const token = await this.accessToken();
    if (token === null) return this.failed(failure('SIGN_IN_REQUIRED', 'No access token: the corporate user must sign in.'), null);
    const publicKey = await this.exclusive(() => this.ensureKeyLocked());
    const d = this.options.device;
    const body = {
      appId: this.options.appId,
      appVersion: this.options.appVersion,
      sdkVersion: SDK_VERSION,
      platform: this.platform,
      deviceTag: this.deviceTag,
      ...(d?.name === undefined ? {} : { deviceName: d.name.slice(0, 200) }),
      ...(d?.osName === undefined ? {} : { osName: d.osName.slice(0, 64) }),
      ...(d?.osVersion === undefined ? {} : { osVersion: d.osVersion.slice(0, 64) }),
      publicKey,
    };
    const outcome = await this.post('/sdk/v1/registrations', utf8(JSON.stringify(body)), { authorization: `Bearer ${token}` });
    if (outcome.kind !== 'answered') return this.transportFailure(outcome);
    if (outcome.status !== 200 && outcome.status !== 201) {
      const error = parseServerError(outcome.json);
      return this.failed(failure(error.code ?? `HTTP_${outcome.status}`, `The registration was refused (${outcome.status}).`), outcome.status < 500);
    }
    const answer = parseRegistrationAnswer(outcome.json);
    if (!answer.ok) return this.failed(failure('ANSWER_INVALID', `The registration answer is malformed: ${answer.reason}`), true);
    await this.exclusive(() => this.applyRegistrationLocked(answer.value));
    return { ok: true };
  }

  private async applyRegistrationLocked(answer: RegistrationAnswer): Promise<void> {
    const previous = this.record;
    const same = previous?.registrationId === answer.registrationId;
    this.record = {
      registrationId: answer.registrationId,
      serverUrl: this.serverUrl,
      appId: this.options.appId,
      accountId: this.options.corporateAccountId ?? null,
      policy: answer.policy,
      policyVersion: answer.policyVersion,
      configuration: answer.configuration,
      configurationVersion: answer.configurationVersion,
      checkInIntervalSeconds: answer.checkInIntervalSeconds,
      lastCheckInAt: answer.serverTime,
      skewMs: answer.serverTime - this.now(),
      sequence: same ? previous.sequence : 0,
      usage: previous?.usage ?? { launches: 0, activeDays: [], lastReportedDay: null, lastUsedAt: null },
      pendingWipe: null,
      offlineWipedFor: null,
    };
    this.wipedNote = null;
    await this.storage.delete(WIPED);
    await this.noteLaunchLocked();
    await this.adoptKeyShareLocked(answer.keyShare, answer.serverTime);
    await this.enforceLocked();
  }

  private async ensureKeyLocked(): Promise<PublicJwk> {
    if (this.signingKey !== null && this.publicKey !== null) return this.publicKey;
    if (await this.loadSigningKeyLocked() && this.publicKey !== null) return this.publicKey;
    const pair = await generateRegistrationKey(!this.storage.holdsCryptoKeys);
    const publicKey = await publicJwkOf(pair.publicKey);
    if (this.storage.holdsCryptoKeys) {
      await this.storage.set(REGISTRATION_KEY, pair.privateKey);
      await this.storage.set(REGISTRATION_PUBLIC, JSON.stringify(publicKey));
      this.signingKey = pair.privateKey;
    } else {
      const jwk = await exportPrivateJwk(pair.privateKey);
      await this.storage.set(REGISTRATION_KEY, utf8(JSON.stringify(jwk)));
      this.signingKey = await importPrivateJwk(jwk);
    }
    this.publicKey = publicKey;
    return publicKey;
  }

  /** Loads the registration key; false when there is none usable. */
  private async loadSigningKeyLocked(): Promise<boolean> {
    const stored = await this.storage.get(REGISTRATION_KEY);
    try {
      if (isCryptoKey(stored)) {
        const pub = await this.storage.get(REGISTRATION_PUBLIC);
        const jwk = typeof pub === 'string' ? publicJwkOfPrivate({ ...(JSON.parse(pub) as JsonWebKey) }) : null;
        if (jwk === null) return false;
        this.signingKey = stored;
        this.publicKey = jwk;
        return true;
      }
      if (stored instanceof Uint8Array) {
        const jwk = JSON.parse(fromUtf8(stored)) as JsonWebKey;
        const pub = publicJwkOfPrivate(jwk);
        if (pub === null) return false;
        this.signingKey = await importPrivateJwk(jwk);
        this.publicKey = pub;
        return true;
      }
    } catch {
      // A corrupt key is as good as none: the SDK makes a new one and registers again.
    }
    return false;
  }

  private async dropRegistrationLocked(): Promise<void> {
    this.record = null;
    this.signingKey = null;
    this.publicKey = null;
    this.keyShare = null;
    this.keyShareWithheld = false;
    for (const key of [REGISTRATION, REGISTRATION_KEY, REGISTRATION_PUBLIC]) await this.storage.delete(key);
  }

  private async loadDeviceTag(): Promise<string> {
    const stored = await this.storage.get(DEVICE_TAG);
    if (typeof stored === 'string' && /^[A-Za-z0-9_-]{22,64}$/.test(stored)) return stored;
    const tag = base64UrlEncode(randomBytes(16));
    await this.storage.set(DEVICE_TAG, tag);
    return tag;
  }

  private async saveRecordLocked(): Promise<void> {
    if (this.record !== null) await this.storage.set(REGISTRATION, serializeRegistrationRecord(this.record));
  }

  private async noteLaunchLocked(): Promise<void> {
    if (!this.pendingLaunch || this.record === null) return;
    this.pendingLaunch = false;
    this.record.usage.launches += 1;
    this.noteUse();
    await this.saveRecordLocked();
  }

  /** Counts today as an active day (once) and now as the last use; saved with the next check-in. */
  private noteUse(): void {
    const usage = this.record?.usage;
    if (usage === undefined) return;
    const now = this.serverNow();
    const day = utcDay(now);
    usage.lastUsedAt = now;
    if (day !== usage.lastReportedDay && !usage.activeDays.includes(day)) {
      usage.activeDays.push(day);
      if (usage.activeDays.length > sdkWireLimits.activeDays) usage.activeDays.splice(0, usage.activeDays.length - sdkWireLimits.activeDays);
    }
  }

  private async probeJailbroken(): Promise<boolean> {
    try {
      return (await this.options.isJailbroken?.()) === true;
    } catch {
      // A probe that fails cannot clear the device; it does not accuse it either.
      return false;
    }
  }

  // ---- check-in -------------------------------------------------------------------------------

  /**
   * Checks in now (`POST /sdk/v1/check-in`), signed by the registration key, and applies the
   * answer: policy, configuration, key share, wipe. Concurrent calls share one check-in.
   */
  async checkInNow(): Promise<ExchangeResult> {
    this.checkInFlight ??= this.doCheckIn().finally(() => { this.checkInFlight = null; });
    return this.checkInFlight;
  }

  private async doCheckIn(): Promise<ExchangeResult> {
    this.jailbroken = await this.probeJailbroken();
    let result = await this.checkInOnce(true);
    // Offline too long, or a jailbreak the policy wipes for: applied whether or not this one got through.
    await this.exclusive(() => this.enforceLocked());
    // A wipe from this answer is confirmed at once rather than a whole interval later.
    if (await this.completeWipes() && result.ok && this.record?.pendingWipe != null) result = await this.checkInOnce(true);
    this.afterExchange(result);
    this.emit();
    return result;
  }

  private async checkInOnce(mayRetry: boolean): Promise<ExchangeResult> {
    const prepared = await this.exclusive(async () => {
      const record = this.record;
      if (record === null || this.signingKey === null) return null;
      this.noteUse();
      record.sequence += 1;
      // The sequence is on disk before the request leaves: a crash cannot make us reuse it.
      await this.saveRecordLocked();
      const body = checkInBody({
        registrationId: record.registrationId,
        sequence: record.sequence,
        sentAtMs: this.serverNow(),
        appVersion: this.options.appVersion,
        sdkVersion: SDK_VERSION,
        policyVersion: record.policyVersion,
        configurationVersion: record.configurationVersion,
        pinSet: this.vaultMode === 'pin',
        encrypted: true,
        jailbroken: this.jailbroken,
        flagged: this.flags(),
        usage: record.usage,
        wipeConfirmation: record.pendingWipe,
      });
      return { ...body, registrationId: record.registrationId, key: this.signingKey, confirming: record.pendingWipe };
    });
    if (prepared === null) return failure('NOT_REGISTERED', 'The app is not registered with Ward.');
    const signature = await signEs256Base64Url(prepared.key, prepared.bytes);
    const outcome = await this.post('/sdk/v1/check-in', prepared.bytes, { 'ward-registration': prepared.registrationId, 'ward-signature': signature });
    if (outcome.kind !== 'answered') return this.transportFailure(outcome);
    if (outcome.status === 200) {
      const answer = parseCheckInAnswer(outcome.json);
      if (!answer.ok) return this.failed(failure('ANSWER_INVALID', `The check-in answer is malformed: ${answer.reason}`), true);
      await this.exclusive(() => this.applyCheckInLocked(answer.value, prepared));
      return { ok: true };
    }
    const error = parseServerError(outcome.json);
    const code = error.code ?? `HTTP_${outcome.status}`;
    if (outcome.status === 400 && code === 'SDK_CHECK_IN_STALE') {
      let serverTime: number | null = null;
      try {
        serverTime = instantAt(error.details.serverTime, 'serverTime');
      } catch {
        serverTime = null;
      }
      if (serverTime !== null) {
        await this.exclusive(async () => {
          if (this.record === null) return;
          this.record.skewMs = serverTime - this.now();
          await this.saveRecordLocked();
        });
        if (mayRetry) return this.checkInOnce(false);
      }
    }
    if (outcome.status === 409 && code === 'SDK_CHECK_IN_REPLAYED') {
      // Our counter is behind the server's (storage restored from a backup, say). Ward names the
      // highest sequence it accepted; without that, jump ahead, further each time.
      const highest = error.details.sequence;
      await this.exclusive(async () => {
        if (this.record === null) return;
        if (typeof highest === 'number' && Number.isSafeInteger(highest) && highest >= this.record.sequence && highest < Number.MAX_SAFE_INTEGER) this.record.sequence = highest;
        else {
          this.record.sequence += this.replayJump;
          this.replayJump = Math.min(this.replayJump * 2, 2 ** 40);
        }
        await this.saveRecordLocked();
      });
      if (mayRetry && typeof highest === 'number') return this.checkInOnce(false);
    }
    if (outcome.status === 410 && code === 'SDK_REGISTRATION_WIPED') {
      await this.exclusive(async () => {
        if (this.record?.pendingWipe == null) await this.eraseCorporateLocked('registrationWiped', null);
        await this.markServerWipedLocked('registrationWiped');
      });
      return failure(code, 'The registration was wiped: the user must sign in and register again.');
    }
    if ((outcome.status === 404 && code === 'SDK_REGISTRATION_NOT_FOUND') || (outcome.status === 401 && code === 'SDK_SIGNATURE_INVALID')) {
      // The server lost the registration, or holds another key for it: register again. The
      // corporate data stays; it re-wraps under the new key share at the next unlock.
      if (outcome.status === 404) await this.exclusive(async () => {
        this.record = null;
        this.keyShare = null;
        await this.storage.delete(REGISTRATION);
      });
      const again = await this.registerOnce();
      return again.ok ? this.checkInOnce(false) : this.failed(again, true);
    }
    return this.failed(failure(code, `The check-in was refused (${outcome.status}).`), outcome.status < 500);
  }

  private async applyCheckInLocked(answer: CheckInAnswer, sent: { readonly sent: { readonly launches: number; readonly activeDays: readonly string[] }; readonly confirming: RegistrationRecord['pendingWipe'] }): Promise<void> {
    const record = this.record;
    if (record === null) return;
    record.skewMs = answer.serverTime - this.now();
    record.lastCheckInAt = answer.serverTime;
    record.checkInIntervalSeconds = answer.checkInIntervalSeconds;
    record.usage.launches = Math.max(record.usage.launches - sent.sent.launches, 0);
    record.usage.activeDays = record.usage.activeDays.filter((d) => !sent.sent.activeDays.includes(d));
    const lastDay = sent.sent.activeDays.at(-1);
    if (lastDay !== undefined) record.usage.lastReportedDay = lastDay;
    if (answer.policy !== null) {
      record.policy = answer.policy.value;
      record.policyVersion = answer.policy.version;
    }
    if (answer.configuration !== null) {
      record.configuration = answer.configuration.value;
      record.configurationVersion = answer.configuration.version;
    }
    if (sent.confirming !== null && record.pendingWipe?.wipeId === sent.confirming.wipeId) {
      // The server recorded the confirmation and marked the registration wiped: it is done.
      record.pendingWipe = null;
      await this.markServerWipedLocked('adminWipe');
      return;
    }
    await this.saveRecordLocked();
    if (answer.wipe !== null) {
      const known = record.pendingWipe?.wipeId === answer.wipe.wipeId || this.wipeFollowUps.some((w) => w.wipeId === answer.wipe?.wipeId);
      if (!known) await this.eraseCorporateLocked('adminWipe', answer.wipe.wipeId);
      return;
    }
    if (answer.keyShare === null) {
      this.keyShare = null;
      this.keyShareWithheld = true;
      this.closeVault();
    } else {
      await this.adoptKeyShareLocked(answer.keyShare, answer.serverTime);
    }
    await this.enforceLocked();
  }

  private async adoptKeyShareLocked(share: Bytes, at: number): Promise<void> {
    this.keyShare = { share, at };
    this.keyShareWithheld = false;
    if (this.opened !== null) await this.syncShareLocked();
    else await this.autoOpenLocked();
  }

  /** The registration is wiped on the server: forget it (a new sign-in registers anew). */
  private async markServerWipedLocked(reason: WipeReason): Promise<void> {
    this.wipedNote = { reason, at: this.now(), wipeId: null };
    await this.storage.set(WIPED, JSON.stringify(this.wipedNote));
    await this.dropRegistrationLocked();
  }

  private async post(path: string, body: Bytes, headers: Record<string, string>): Promise<PostOutcome> {
    // Every field is bounded before it gets here; a larger body would be a bug of the SDK.
    if (body.byteLength > sdkWireLimits.requestBytes) throw new Error(`A ${path} body of ${body.byteLength} bytes is over the protocol's limit.`);
    return postJson(this.fetchFn, this.serverUrl + path, body, headers, { timeoutMs: this.options.requestTimeoutMs ?? 30_000, answerBytes: sdkWireLimits.answerBytes });
  }

  private transportFailure(outcome: Exclude<PostOutcome, { kind: 'answered' }>): ExchangeResult {
    if (outcome.kind === 'unreachable') return this.failed(failure('UNREACHABLE', outcome.reason), false);
    return this.failed(failure('ANSWER_TOO_LARGE', outcome.reason), true);
  }

  /** Notes a failed exchange: `reached` says whether the server answered at all. */
  private failed(result: ExchangeResult, reached: boolean | null): ExchangeResult {
    if (reached !== null) this.online = reached;
    if (!result.ok) this.lastError = { code: result.code, message: result.message };
    return result;
  }

  private afterExchange(result: ExchangeResult): void {
    if (result.ok) {
      this.online = true;
      this.lastError = null;
      this.failures = 0;
      this.replayJump = 1024;
    } else {
      this.failures += 1;
    }
    this.scheduleNext(result.ok);
  }

  private intervalMs(): number {
    const seconds = this.record?.checkInIntervalSeconds ?? DEFAULT_INTERVAL_SECONDS;
    return Math.min(Math.max(seconds, sdkWireLimits.minCheckInSeconds), sdkWireLimits.maxCheckInSeconds) * 1000;
  }

  private scheduleNext(succeeded: boolean): void {
    if (this.stopped || this.options.autoCheckIn === false) return;
    if (this.timer !== null) clearTimeout(this.timer);
    const delay = succeeded ? this.intervalMs() : Math.max(backoffDelayMs(this.failures, { baseMs: BACKOFF_BASE_MS, capMs: this.intervalMs(), random: this.random }), 1000);
    this.timer = unref(setTimeout(() => {
      this.timer = null;
      if (this.record !== null) void this.checkInNow();
      else if (this.wipedNote === null) void this.register();
    }, delay));
  }

  // ---- conditional launch, offline rule, wipe -------------------------------------------------

  /** Applies what the policy asks of the current facts: the offline wipe, a jailbreak wipe. */
  private async enforceLocked(): Promise<void> {
    const record = this.record;
    if (record === null || record.pendingWipe !== null) return;
    if (this.offlineWipeDue() && record.offlineWipedFor !== record.lastCheckInAt) {
      record.offlineWipedFor = record.lastCheckInAt;
      await this.saveRecordLocked();
      await this.eraseCorporateLocked('offlineTooLong', null);
    }
    if (this.launch().wipe !== null && !this.jailbreakWipeDone) {
      this.jailbreakWipeDone = true;
      await this.eraseCorporateLocked('jailbroken', null);
    }
    this.lockIfDue();
  }

  /**
   * Erases the corporate identity's keys and data (idempotent; a marker makes a crash resume it at
   * the next start) and queues the app's `onWipe`, which runs outside the lock.
   */
  private async eraseCorporateLocked(reason: WipeReason, wipeId: string | null): Promise<void> {
    const note: WipeNote = { reason, at: this.now(), wipeId };
    await this.storage.set(WIPE_IN_PROGRESS, JSON.stringify(note));
    this.closeVault();
    this.managedClipboard.clear();
    await this.vault.erase();
    this.vaultMode = null;
    this.pinFailures = 0;
    this.lastWipe = note;
    if (wipeId !== null) this.keyShare = null;
    this.wipeFollowUps.push(note);
  }

  /** Runs the app's `onWipe` for each erase, then records the outcome for confirmation. True when any ran. */
  private async completeWipes(): Promise<boolean> {
    let ran = false;
    for (let note = this.wipeFollowUps.shift(); note !== undefined; note = this.wipeFollowUps.shift()) {
      ran = true;
      let outcome: 'succeeded' | 'failed' = 'succeeded';
      let error: string | undefined;
      try {
        await this.options.onWipe?.(note.reason);
      } catch (e) {
        outcome = 'failed';
        error = (e instanceof Error ? e.message : String(e)).slice(0, sdkWireLimits.wipeErrorLength);
      }
      const done = note;
      await this.exclusive(async () => {
        if (done.wipeId !== null && this.record !== null) {
          this.record.pendingWipe = error === undefined ? { wipeId: done.wipeId, outcome } : { wipeId: done.wipeId, outcome, error };
          await this.saveRecordLocked();
        }
        if (this.wipeFollowUps.length === 0) await this.storage.delete(WIPE_IN_PROGRESS);
      });
    }
    return ran;
  }

  /** Runs `fn` under the lock, then any `onWipe` it queued, then tells listeners. */
  private async run<T>(fn: () => Promise<T>): Promise<T> {
    try {
      return await this.exclusive(fn);
    } finally {
      await this.completeWipes();
      this.emit();
    }
  }

  private exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const result = this.chain.then(fn, fn);
    this.chain = result.catch(() => undefined);
    return result;
  }

  // ---- conditional access ---------------------------------------------------------------------

  /**
   * An app assertion for a sign-in at `issuer` that requires app protection (the contract's
   * conditional access section): a compact JWS signed by the registration key, valid 5 minutes.
   */
  async createAppAssertion(issuer: string): Promise<string> {
    if (typeof issuer !== 'string' || issuer.length === 0 || issuer.length > 2000) throw new WardSdkError('INVALID_ARGUMENT', 'issuer must be the identity provider\'s issuer URL.');
    const record = this.record;
    if (this.wipedNote !== null || record?.pendingWipe != null) throw new WardSdkError('WIPED', 'The corporate identity was wiped.');
    if (record === null || this.signingKey === null) throw new WardSdkError('NOT_REGISTERED', 'The app is not registered with Ward.');
    return createAppAssertionJws({ registrationId: record.registrationId, issuer, nowMs: this.serverNow(), privateKey: this.signingKey });
  }
}

/** Lets Node exit while only the SDK's timers are pending (browsers have no `unref`). */
function unref<T>(timer: T): T {
  const t = timer as { unref?: () => void };
  if (typeof t.unref === 'function') t.unref();
  return timer;
}
