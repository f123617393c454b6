import { createPrivateKey, generateKeyPairSync, randomBytes, sign, type KeyObject } from 'node:crypto';
import { request, type Dispatcher } from 'undici';
import {
  readCheckInAnswer,
  readRefusal,
  readRegistrationAnswer,
  type SdkCheckInAnswer,
  type SdkConfiguration,
  type SdkPrivateJwk,
  type SdkProtectionPolicy,
  type SdkPublicJwk,
  type SdkRegistrationAnswer,
  type SdkWipeRequest,
} from './sdk-answers.js';

/** Where the SDK protocol is served (docs/protocols/sdk-v1.md). */
export const sdkProtocolPrefix = '/sdk/v1';

/** The SDK version virtual apps report, so their check-ins are told apart from the real SDK's. */
export const simulatorSdkVersion = '1.0.0-simulator';

/** Platforms the contract names. */
export type SdkAppPlatform = 'web' | 'electron' | 'node';

/**
 * A registration made elsewhere that a virtual app takes over: seeded straight into the database
 * by a benchmark, or made by another virtual app. The app signs with the key it was made with.
 */
export interface SdkAppRegistration {
  readonly registrationId: string;
  /** The highest sequence the server accepted (0 for a new registration). */
  readonly sequence: number;
  /** What the app applies now; null before it received any. */
  readonly policyVersion: string | null;
  readonly configurationVersion: string | null;
}

/** How a virtual SDK app is made. */
export interface VirtualSdkAppOptions {
  /** The server's base URL, `https://host:port`. */
  readonly server: URL;
  /** Carries the app's requests; apps of one process share one keep-alive pool (their requests are signed, not bound to a TLS identity). */
  readonly dispatcher: Dispatcher;
  /** The catalog identifier the app registers as (the SDK's `appId`). */
  readonly appId: string;
  readonly appVersion?: string;
  readonly sdkVersion?: string;
  readonly platform?: SdkAppPlatform;
  /** The installation's random tag; 16 random bytes, base64url, when absent. */
  readonly deviceTag?: string;
  /** The ECDSA P-256 registration key; a new one when absent. */
  readonly privateKey?: KeyObject;
  /** A registration to take over instead of registering. */
  readonly registration?: SdkAppRegistration;
  /** Launches each check-in reports (today, UTC); default 1, as an app used between two check-ins. */
  readonly launchesPerCheckIn?: number;
  /** The app's clock in epoch milliseconds (tests move it); default `Date.now`. */
  readonly now?: () => number;
  /** Headers and body timeout of each request; default 30 s. */
  readonly timeoutMs?: number;
}

/** One check-in as signed: the exact body bytes and the signature over them. */
export interface SignedSdkCheckIn {
  readonly registrationId: string;
  readonly sequence: number;
  readonly bytes: Buffer;
  /** base64url of the ES256 signature r‖s (64 bytes). */
  readonly signature: string;
  /** The wipe this check-in confirms, if any. */
  readonly confirmsWipe: string | null;
}

/** What one check-in came to. */
export type SdkCheckInOutcome =
  | { readonly ok: true; readonly status: 200; readonly answer: SdkCheckInAnswer; readonly policyChanged: boolean; readonly configurationChanged: boolean }
  | { readonly ok: false; readonly status: number; readonly code: string; readonly details: Readonly<Record<string, unknown>> };

/** What one registration came to. */
export type SdkRegisterOutcome =
  | { readonly ok: true; readonly status: 200 | 201; readonly answer: SdkRegistrationAnswer }
  | { readonly ok: false; readonly status: number; readonly code: string; readonly details: Readonly<Record<string, unknown>> };

/** A new ECDSA P-256 key as the SDK makes one for its registration. */
export function createSdkAppKey(): KeyObject {
  return generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey;
}

/** The private JWK of a P-256 key (to hand a key pool to worker processes). */
export function sdkPrivateJwk(key: KeyObject): SdkPrivateJwk {
  const jwk = key.export({ format: 'jwk' });
  if (jwk.kty !== 'EC' || jwk.crv !== 'P-256' || jwk.x === undefined || jwk.y === undefined || jwk.d === undefined) throw new Error('an SDK app key is an ECDSA P-256 private key');
  return { kty: 'EC', crv: 'P-256', x: jwk.x, y: jwk.y, d: jwk.d };
}

/** The public JWK the SDK registers, from a private key or its JWK. */
export function sdkPublicJwk(key: KeyObject | SdkPrivateJwk): SdkPublicJwk {
  const jwk = 'd' in key ? key : sdkPrivateJwk(key);
  return { kty: 'EC', crv: 'P-256', x: jwk.x, y: jwk.y };
}

/** The KeyObject of a private JWK. */
export function sdkKeyFromJwk(jwk: SdkPrivateJwk): KeyObject {
  return createPrivateKey({ key: { ...jwk }, format: 'jwk' });
}

/**
 * A virtual app with the Ward SDK, speaking the SDK protocol (docs/protocols/sdk-v1.md) as
 * `packages/sdk` does, minus the enforcement on the device: it holds a P-256 key, registers with a
 * user's access token (or takes over a registration made elsewhere), signs every check-in with
 * ES256 over the exact body bytes it sends, raises its `sequence` by one before each one (kept
 * even when the check-in fails, as the SDK keeps it on disk), applies the policy, configuration
 * and key share the answers carry, confirms a wipe at the next check-in, and corrects its clock
 * from a `SDK_CHECK_IN_STALE` refusal. Requests go through the dispatcher it is given, so many
 * apps share one keep-alive pool.
 */
export class VirtualSdkApp {
  readonly appId: string;
  readonly appVersion: string;
  readonly sdkVersion: string;
  readonly platform: SdkAppPlatform;
  readonly deviceTag: string;
  readonly #server: URL;
  readonly #dispatcher: Dispatcher;
  readonly #key: KeyObject;
  readonly #launches: number;
  readonly #now: () => number;
  readonly #timeoutMs: number;
  #registrationId: string | null;
  #sequence: number;
  #policyVersion: string | null;
  #configurationVersion: string | null;
  #policy: SdkProtectionPolicy | null = null;
  #configuration: SdkConfiguration | null = null;
  #keyShare: string | null = null;
  #pendingWipe: SdkWipeRequest | null = null;
  #wiped = false;
  #skewMs = 0;
  #checkInIntervalSeconds: number | null = null;

  constructor(options: VirtualSdkAppOptions) {
    this.appId = options.appId;
    this.appVersion = options.appVersion ?? '1.0.0';
    this.sdkVersion = options.sdkVersion ?? simulatorSdkVersion;
    this.platform = options.platform ?? 'node';
    this.deviceTag = options.deviceTag ?? randomBytes(16).toString('base64url');
    this.#server = options.server;
    this.#dispatcher = options.dispatcher;
    this.#key = options.privateKey ?? createSdkAppKey();
    if (this.#key.type !== 'private' || this.#key.asymmetricKeyDetails?.namedCurve !== 'prime256v1') throw new Error('a virtual SDK app signs with an ECDSA P-256 private key');
    this.#launches = options.launchesPerCheckIn ?? 1;
    this.#now = options.now ?? Date.now;
    this.#timeoutMs = options.timeoutMs ?? 30_000;
    this.#registrationId = options.registration?.registrationId ?? null;
    this.#sequence = options.registration?.sequence ?? 0;
    this.#policyVersion = options.registration?.policyVersion ?? null;
    this.#configurationVersion = options.registration?.configurationVersion ?? null;
  }

  /** The registration id; null before the app registered. */
  get registrationId(): string | null {
    return this.#registrationId;
  }

  /** The sequence of the last check-in signed. */
  get sequence(): number {
    return this.#sequence;
  }

  get policyVersion(): string | null {
    return this.#policyVersion;
  }

  get configurationVersion(): string | null {
    return this.#configurationVersion;
  }

  /** The protection policy last received (null when none came since the app started). */
  get policy(): SdkProtectionPolicy | null {
    return this.#policy;
  }

  get configuration(): SdkConfiguration | null {
    return this.#configuration;
  }

  /** The server's key share as last answered; null while withheld (a wipe pending, a disabled user). */
  get keyShare(): string | null {
    return this.#keyShare;
  }

  /** A wipe received and not yet confirmed. */
  get pendingWipe(): SdkWipeRequest | null {
    return this.#pendingWipe;
  }

  /** The registration is wiped: its check-ins are refused from now on. */
  get wiped(): boolean {
    return this.#wiped;
  }

  /** The interval the server asked for in its last answer, in seconds. */
  get checkInIntervalSeconds(): number | null {
    return this.#checkInIntervalSeconds;
  }

  /** The public half of the registration key, as registration sends it. */
  get publicJwk(): SdkPublicJwk {
    return sdkPublicJwk(this.#key);
  }

  /**
   * `POST /sdk/v1/registrations` with a user's access token from Ward's identity provider. On
   * success the app holds the registration (its sequence starts again from 0) and what came with it.
   */
  async register(accessToken: string, device: { readonly deviceName?: string; readonly osName?: string; readonly osVersion?: string } = {}): Promise<SdkRegisterOutcome> {
    const body = JSON.stringify({ appId: this.appId, appVersion: this.appVersion, sdkVersion: this.sdkVersion, platform: this.platform, deviceTag: this.deviceTag, ...device, publicKey: this.publicJwk });
    const { status, json } = await this.#post('/registrations', body, { authorization: `Bearer ${accessToken}` });
    if (status !== 200 && status !== 201) return { ok: false, status, ...readRefusal(status, json) };
    const answer = readRegistrationAnswer(json);
    if (answer === undefined) return { ok: false, status, code: 'ANSWER_INVALID', details: {} };
    this.#registrationId = answer.registrationId;
    this.#sequence = 0;
    this.#policy = answer.policy;
    this.#policyVersion = answer.policyVersion;
    this.#configuration = answer.configuration;
    this.#configurationVersion = answer.configurationVersion;
    this.#keyShare = answer.keyShare;
    this.#checkInIntervalSeconds = answer.checkInIntervalSeconds;
    this.#pendingWipe = null;
    this.#wiped = false;
    this.#skewMs = Date.parse(answer.serverTime) - this.#now();
    return { ok: true, status, answer };
  }

  /**
   * Signs the next check-in: raises the sequence first (so the same sequence is never signed
   * twice, whatever becomes of this one), reports the versions the app applies, its state and one
   * launch, and confirms a pending wipe.
   */
  prepareCheckIn(): SignedSdkCheckIn {
    const registrationId = this.#registrationId;
    if (registrationId === null) throw new Error('the virtual SDK app is not registered');
    const now = this.#now() + this.#skewMs;
    this.#sequence += 1;
    const used = this.#launches > 0;
    const wipe = this.#pendingWipe;
    // Field for field what the SDK's checkInBody writes.
    const body = {
      registrationId,
      sequence: this.#sequence,
      sentAt: new Date(now).toISOString(),
      appVersion: this.appVersion,
      sdkVersion: this.sdkVersion,
      policyVersion: this.#policyVersion,
      configurationVersion: this.#configurationVersion,
      state: { pinSet: true, encrypted: true, jailbroken: false, flagged: [] },
      usage: { launches: this.#launches, activeDays: used ? [new Date(now).toISOString().slice(0, 10)] : [], lastUsedAt: used ? new Date(now).toISOString() : null },
      ...(wipe === null ? {} : { wipeConfirmation: { wipeId: wipe.wipeId, outcome: 'succeeded' } }),
    };
    const bytes = Buffer.from(JSON.stringify(body), 'utf8');
    const signature = sign('sha256', bytes, { key: this.#key, dsaEncoding: 'ieee-p1363' }).toString('base64url');
    return { registrationId, sequence: this.#sequence, bytes, signature, confirmsWipe: wipe?.wipeId ?? null };
  }

  /** Signs and sends the next check-in, and applies its answer. */
  checkIn(): Promise<SdkCheckInOutcome> {
    return this.send(this.prepareCheckIn());
  }

  /**
   * Sends a signed check-in as it is (tests send one twice, or altered) and applies the answer:
   * the policy and configuration when sent, the key share, a wipe to confirm; a refusal as the SDK
   * takes it (wiped; the server's highest sequence after a replay; the clock's skew after stale).
   */
  async send(signed: SignedSdkCheckIn): Promise<SdkCheckInOutcome> {
    const { status, json } = await this.#post('/check-in', signed.bytes, { 'ward-registration': signed.registrationId, 'ward-signature': signed.signature });
    if (status !== 200) {
      const refusal = readRefusal(status, json);
      this.#refused(status, refusal.code, refusal.details);
      return { ok: false, status, ...refusal };
    }
    const answer = readCheckInAnswer(json);
    if (answer === undefined) return { ok: false, status, code: 'ANSWER_INVALID', details: {} };
    const policyChanged = answer.policy !== null && answer.policyVersion !== this.#policyVersion;
    const configurationChanged = answer.configuration !== null && answer.configurationVersion !== this.#configurationVersion;
    if (answer.policy !== null) {
      this.#policy = answer.policy;
      this.#policyVersion = answer.policyVersion;
    }
    if (answer.configuration !== null) {
      this.#configuration = answer.configuration;
      this.#configurationVersion = answer.configurationVersion;
    }
    this.#keyShare = answer.keyShare;
    this.#checkInIntervalSeconds = answer.checkInIntervalSeconds;
    this.#skewMs = Date.parse(answer.serverTime) - this.#now();
    if (signed.confirmsWipe !== null && signed.confirmsWipe === this.#pendingWipe?.wipeId) {
      // Confirmed: the server ends the registration with this answer.
      this.#pendingWipe = null;
      this.#wiped = true;
    } else if (answer.wipe !== null) {
      this.#pendingWipe = answer.wipe;
    }
    return { ok: true, status: 200, answer, policyChanged, configurationChanged };
  }

  #refused(status: number, code: string, details: Readonly<Record<string, unknown>>): void {
    if (status === 410 && code === 'SDK_REGISTRATION_WIPED') this.#wiped = true;
    const highest = details.sequence;
    if (status === 409 && code === 'SDK_CHECK_IN_REPLAYED' && typeof highest === 'number' && Number.isSafeInteger(highest) && highest > this.#sequence) this.#sequence = highest;
    const serverTime = typeof details.serverTime === 'string' ? Date.parse(details.serverTime) : Number.NaN;
    if (status === 400 && code === 'SDK_CHECK_IN_STALE' && Number.isFinite(serverTime)) this.#skewMs = serverTime - this.#now();
  }

  async #post(path: string, body: string | Buffer, headers: Record<string, string>): Promise<{ status: number; json: unknown }> {
    const res = await request(new URL(`${sdkProtocolPrefix}${path}`, this.#server), {
      dispatcher: this.#dispatcher,
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json', ...headers },
      body,
      headersTimeout: this.#timeoutMs,
      bodyTimeout: this.#timeoutMs,
    });
    const text = await res.body.text();
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    return { status: res.statusCode, json };
  }
}
