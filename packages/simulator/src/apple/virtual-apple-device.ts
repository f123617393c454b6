import { createHash, randomBytes, randomUUID, type KeyObject } from 'node:crypto';
import { encodePlist, parsePlist, type PlistDict, type PlistValue } from '@ward/apple';
import { Agent, request, type Dispatcher } from 'undici';
import { answerCommand, readInstallableProfile, type AppDownload, type AppleChannel, type AppleDeviceEvent } from './answer-command.js';
import { createAppleHardware, type AppleDeviceKind } from './apple-hardware.js';
import { initialAppleDeviceState, type AppleDeviceState, type AppleErrorChainItem, type StoreApp } from './apple-device-state.js';
import { authenticateMessage, checkOutMessage, idleReport, tokenUpdateMessage } from './check-in-messages.js';
import { signMdmMessage } from './mdm-signature.js';
import { isPlainDict, plistFields } from './plist-fields.js';
import { fetchEnrollmentProfile, readEnrollmentProfile, type EnrollmentProfile } from './read-enrollment-profile.js';
import type { DeviceDigest } from './rsa-identity.js';
import { enrollOverScep, type ScepAlgorithms, type ScepIdentity } from './scep-client.js';

const checkInContentType = 'application/x-apple-aspen-mdm-checkin';
const commandContentType = 'application/x-apple-aspen-mdm';
// A command session longer than this is a server that never says "nothing to do": stop rather than spin.
const maxCommandsPerSession = 1000;
// Bounds on what the device downloads for InstallApplication: a manifest is a small plist.
const maxManifestBytes = 256 * 1024;
const maxPackageBytes = 512 * 1024 * 1024;

/** What a request made with the device identity got back (see {@link VirtualAppleDevice.fetchWithIdentity}). */
export interface IdentityFetch {
  readonly status: number;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly body: Uint8Array;
}

/** How the device proves who it is on check-in and command requests. */
export type AppleDeviceAuthentication =
  /** The `Mdm-Signature` header (requires SignMessage in the profile, else mTLS is used). */
  | 'signature'
  /** The SCEP identity as TLS client certificate. */
  | 'mtls'
  | 'both';

/** How a virtual Apple device is made and where it enrolls. */
export interface VirtualAppleDeviceOptions {
  readonly kind: AppleDeviceKind;
  /** Its place in the fleet; with `seed`, fixes its UDID, serial and names. */
  readonly index: number;
  readonly seed?: string;
  readonly supervised?: boolean;
  /** The enrollment profile: downloaded from a URL, or given as bytes. */
  readonly enrollment: { readonly url: URL } | { readonly profile: Uint8Array };
  /** Roots the profile's signer must chain to (absent: signature checked, chain not). */
  readonly profileTrustAnchorsDer?: readonly Uint8Array[];
  /** Roots the server's TLS certificate must chain to, PEM (added to the profile's anchor payloads). */
  readonly serverCaPem?: string;
  /**
   * Pool for the profile download and SCEP, and for check-ins and commands signed with
   * Mdm-Signature (an mTLS device needs a pool of its own); one built from `serverCaPem` when absent.
   */
  readonly dispatcher?: Dispatcher;
  /** The SCEP key, made beforehand (e.g. outside a benchmark's timed phase); a fresh one when absent. */
  readonly scepPrivateKey?: KeyObject;
  readonly authentication?: AppleDeviceAuthentication;
  /** Mdm-Signature digest: SHA-256 as current releases, SHA-1 as older iOS. */
  readonly signatureDigest?: DeviceDigest;
  readonly scepAlgorithms?: ScepAlgorithms;
  readonly timeoutMs?: number;
  readonly clock?: () => Date;
  /** Told about restarts, shutdowns, erasure and unenrollment. */
  readonly onEvent?: (event: AppleDeviceEvent, device: VirtualAppleDevice) => void;
  /** Told about every command session that ran to its end (a wake may run several), e.g. to count round trips. */
  readonly onSession?: (session: CommandSession, device: VirtualAppleDevice) => void;
}

/** What one command session did. */
export interface CommandSession {
  /** Commands answered, by status. */
  readonly answered: Readonly<Record<string, number>>;
  /** RequestTypes in the order they came. */
  readonly requestTypes: readonly string[];
  /** Some command got NotNow: the device owes the server an Idle later. */
  readonly deferred: boolean;
  readonly event?: AppleDeviceEvent;
}

function describe(message: PlistDict): string {
  const kind = message.MessageType ?? message.Status;
  return typeof kind === 'string' ? kind : 'the message';
}

function toPem(der: Uint8Array, label: string): string {
  const lines = Buffer.from(der).toString('base64').match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
}

/**
 * A virtual Apple device (iPhone on iOS 18.1, iPad, Mac on macOS 15.1 with a user channel, or a
 * user enrollment) that enrolls from a .mobileconfig — profile download and signature check, SCEP
 * (RFC 8894), Authenticate, TokenUpdate — and then runs command sessions when woken: Idle, each
 * command answered by {@link answerCommand}, until the server answers with an empty body.
 * It stands in for a real device in tests and benchmarks; it is not a fake of Ward.
 */
export class VirtualAppleDevice {
  /** The device's current state (profiles, lock, scripted behaviour…). */
  state: AppleDeviceState;
  /** The APNs token it registered: 32 bytes; `pushTokenHex` is what APNs paths carry. */
  readonly pushToken: Uint8Array = randomBytes(32);
  readonly pushMagic: string = randomUUID().toUpperCase();
  readonly userPushToken: Uint8Array = randomBytes(32);
  readonly userPushMagic: string = randomUUID().toUpperCase();
  readonly unlockToken: Uint8Array = randomBytes(64);
  private profileValue: EnrollmentProfile | undefined;
  private identityValue: ScepIdentity | undefined;
  private mdmDispatcher: Dispatcher | undefined;
  private downloadDispatcher: Dispatcher | undefined;
  private readonly ownDispatchers: Dispatcher[] = [];
  private session: Promise<CommandSession> | undefined;
  private wakeAgain = false;
  private enrolled = false;
  private poweredOn = true;

  constructor(private readonly options: VirtualAppleDeviceOptions) {
    this.state = initialAppleDeviceState(createAppleHardware(options.kind, options.index, options.seed), { supervised: options.supervised ?? false });
  }

  /** The hex APNs device token, as the push path carries it. */
  get pushTokenHex(): string {
    return Buffer.from(this.pushToken).toString('hex');
  }

  /** The enrollment profile it accepted; undefined before {@link enroll}. */
  get profile(): EnrollmentProfile | undefined {
    return this.profileValue;
  }

  /** The SCEP identity; undefined before {@link enroll}. */
  get identity(): ScepIdentity | undefined {
    return this.identityValue;
  }

  /** Enrolled and not since erased, unenrolled or checked out. */
  get isEnrolled(): boolean {
    return this.enrolled;
  }

  private now(): Date {
    return this.options.clock?.() ?? new Date();
  }

  /**
   * Enrolls: reads the profile, gets the identity over SCEP, installs the profile, sends
   * Authenticate then TokenUpdate (and a Mac's user-channel TokenUpdate).
   * @throws Error when any step is refused; the device stays unenrolled.
   */
  async enroll(): Promise<void> {
    const { options } = this;
    const timeoutMs = options.timeoutMs ?? 30_000;
    const setupDispatcher = options.dispatcher ?? (options.serverCaPem ? new Agent({ connect: { ca: options.serverCaPem } }) : undefined);
    if (setupDispatcher && setupDispatcher !== options.dispatcher) this.ownDispatchers.push(setupDispatcher);
    const readOptions = { now: this.now(), ...(options.profileTrustAnchorsDer ? { trustAnchorsDer: options.profileTrustAnchorsDer } : {}) };
    const bytesGiven = 'profile' in options.enrollment ? options.enrollment.profile : undefined;
    const profile =
      bytesGiven !== undefined
        ? readEnrollmentProfile(bytesGiven, readOptions)
        : await fetchEnrollmentProfile((options.enrollment as { url: URL }).url, { ...readOptions, timeoutMs, ...(setupDispatcher ? { dispatcher: setupDispatcher } : {}) });
    const identity = await enrollOverScep({
      url: profile.scep.url,
      subject: profile.scep.subject,
      keySize: profile.scep.keySize,
      now: this.now(),
      timeoutMs,
      ...(profile.scep.challenge !== undefined ? { challenge: profile.scep.challenge } : {}),
      ...(options.scepAlgorithms ? { algorithms: options.scepAlgorithms } : {}),
      ...(options.scepPrivateKey ? { privateKey: options.scepPrivateKey } : {}),
      ...(setupDispatcher ? { dispatcher: setupDispatcher } : {}),
    });
    this.profileValue = profile;
    this.identityValue = identity;
    this.mdmDispatcher = this.buildMdmDispatcher(profile, identity, setupDispatcher);
    this.state = {
      ...this.state,
      certificates: [...this.state.certificates, { CommonName: 'MDM identity', IsIdentity: true, Data: identity.certificateDer }],
    };
    this.installEnrollmentProfile(bytesGiven, profile);
    await this.checkIn(authenticateMessage(this.state, profile.mdm.topic));
    await this.checkIn(tokenUpdateMessage(this.state, { topic: profile.mdm.topic, channel: 'device', token: this.pushToken, pushMagic: this.pushMagic, ...(this.state.hardware.kind === 'Mac' ? {} : { unlockToken: this.unlockToken }) }));
    if (this.state.hardware.user) {
      await this.checkIn(tokenUpdateMessage(this.state, { topic: profile.mdm.topic, channel: 'user', token: this.userPushToken, pushMagic: this.userPushMagic }));
    }
    this.enrolled = true;
  }

  private installEnrollmentProfile(bytes: Uint8Array | undefined, profile: EnrollmentProfile): void {
    // The enrollment profile shows in ProfileList as the user installed it (IsManaged false).
    const source = bytes ?? Buffer.from(encodePlist(profile.plist), 'utf8');
    const installed = readInstallableProfile(source, { now: this.now() }, false);
    if (installed.outcome === 'installed') {
      const signed = profile.signerCertificateDer ? { ...installed.profile, SignerCertificates: [profile.signerCertificateDer] } : installed.profile;
      this.state = { ...this.state, profiles: [...this.state.profiles, signed], certificates: [...this.state.certificates, ...installed.certificates] };
    }
  }

  private buildMdmDispatcher(profile: EnrollmentProfile, identity: ScepIdentity, fallback: Dispatcher | undefined): Dispatcher | undefined {
    const ca = [this.options.serverCaPem ?? '', ...profile.anchorCertificatesDer.map((der) => toPem(der, 'CERTIFICATE'))].filter((pem) => pem !== '');
    const mtls = this.authentication(profile) !== 'signature';
    if (!mtls) return fallback;
    const agent = new Agent({
      connect: {
        ...(ca.length > 0 ? { ca } : {}),
        cert: [toPem(identity.certificateDer, 'CERTIFICATE'), ...identity.chainDer.map((der) => toPem(der, 'CERTIFICATE'))].join(''),
        key: identity.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
      },
    });
    this.ownDispatchers.push(agent);
    return agent;
  }

  private authentication(profile: EnrollmentProfile): AppleDeviceAuthentication {
    const wanted = this.options.authentication ?? (profile.mdm.signMessage ? 'signature' : 'mtls');
    return wanted === 'signature' && !profile.mdm.signMessage ? 'mtls' : wanted;
  }

  private async put(url: URL, contentType: string, message: PlistDict): Promise<Uint8Array> {
    const profile = this.profileValue;
    const identity = this.identityValue;
    if (!profile || !identity) throw new Error('the device is not enrolled');
    const body = Buffer.from(encodePlist(message), 'utf8');
    const headers: Record<string, string> = { 'content-type': contentType, 'user-agent': 'MDM/1.0' };
    if (this.authentication(profile) !== 'mtls') headers['mdm-signature'] = signMdmMessage(body, identity, this.options.signatureDigest ?? 'sha256', this.now());
    const timeout = this.options.timeoutMs ?? 30_000;
    const response = await request(url, { method: 'PUT', headers, body, headersTimeout: timeout, bodyTimeout: timeout, ...(this.mdmDispatcher ? { dispatcher: this.mdmDispatcher } : {}) });
    const answer = new Uint8Array(await response.body.arrayBuffer());
    if (response.statusCode !== 200) throw new Error(`${describe(message)} answered ${response.statusCode}`);
    return answer;
  }

  /** Sends one check-in message to the profile's CheckInURL. @throws Error when not answered 200. */
  async checkIn(message: PlistDict): Promise<void> {
    const profile = this.profileValue;
    if (!profile) throw new Error('the device has no enrollment profile');
    await this.put(profile.mdm.checkInUrl, checkInContentType, message);
  }

  /**
   * What the device does on a push (the mock APNs hookup calls it): one command session on
   * `channel`. A wake while a session runs makes that session start over once done, as a device
   * reconnects when pushed mid-session. A device that is off, erased or unenrolled ignores it.
   */
  async wake(channel: AppleChannel = 'device'): Promise<CommandSession> {
    if (this.session) {
      this.wakeAgain = true;
      return this.session;
    }
    this.session = this.runSessions(channel).finally(() => {
      this.session = undefined;
    });
    return this.session;
  }

  private async runSessions(channel: AppleChannel): Promise<CommandSession> {
    let last: CommandSession;
    do {
      this.wakeAgain = false;
      last = await this.runSession(channel);
      this.options.onSession?.(last, this);
    } while (this.takeWakeAgain() && !last.event);
    return last;
  }

  private takeWakeAgain(): boolean {
    const again = this.wakeAgain;
    this.wakeAgain = false;
    return again;
  }

  private async runSession(channel: AppleChannel): Promise<CommandSession> {
    const answered: Record<string, number> = {};
    const requestTypes: string[] = [];
    let deferred = false;
    const profile = this.profileValue;
    if (!this.enrolled || !this.poweredOn || !profile) return { answered, requestTypes, deferred };
    let reply = await this.put(profile.mdm.serverUrl, commandContentType, idleReport(this.state, channel));
    for (let count = 0; reply.length > 0 && count < maxCommandsPerSession; count += 1) {
      const command = parsePlist(reply);
      const requestType = isPlainDict(command) && isPlainDict(command.Command) && typeof command.Command.RequestType === 'string' ? command.Command.RequestType : '?';
      requestTypes.push(requestType);
      const downloads = await this.downloadsFor(command);
      const answer = answerCommand(this.state, command, {
        now: this.now(),
        channel,
        ...(downloads ? { downloads } : {}),
        ...(this.identityValue ? { identity: this.identityValue } : {}),
        ...(this.options.profileTrustAnchorsDer ? { profileTrustAnchorsDer: this.options.profileTrustAnchorsDer } : {}),
        enrollmentProfileIdentifier: profile.payloadIdentifier,
      });
      this.state = answer.state;
      const status = typeof answer.response.Status === 'string' ? answer.response.Status : '?';
      answered[status] = (answered[status] ?? 0) + 1;
      if (status === 'NotNow') deferred = true;
      reply = await this.put(profile.mdm.serverUrl, commandContentType, answer.response);
      if (answer.event) {
        await this.apply(answer.event, profile);
        return { answered, requestTypes, deferred, event: answer.event };
      }
    }
    return { answered, requestTypes, deferred };
  }

  private async apply(event: AppleDeviceEvent, profile: EnrollmentProfile): Promise<void> {
    if (event === 'shutdown') this.poweredOn = false;
    if (event === 'erase') this.enrolled = false;
    if (event === 'unenroll') {
      if (profile.mdm.checkOutWhenRemoved) await this.checkIn(checkOutMessage(this.state, profile.mdm.topic));
      this.enrolled = false;
    }
    this.options.onEvent?.(event, this);
  }

  /** Switches a device that was shut down back on (it waits for the next wake). */
  powerOn(): void {
    this.poweredOn = true;
  }

  /** Answer NotNow to the next `count` commands. */
  deferNextCommands(count: number): void {
    this.state = { ...this.state, script: { ...this.state.script, notNowCount: count } };
  }

  /** Answer every `requestType` command with Error and `chain` (no chain: stop failing it). */
  failRequestType(requestType: string, chain?: readonly AppleErrorChainItem[]): void {
    const failures = Object.fromEntries(Object.entries(this.state.script.failures).filter(([type]) => type !== requestType));
    this.state = { ...this.state, script: { ...this.state.script, failures: chain ? { ...failures, [requestType]: chain } : failures } };
  }

  /** Locks or unlocks the screen, as a user would. */
  setLocked(locked: boolean): void {
    this.state = { ...this.state, locked };
  }

  /** Removes the MDM profile from the device, as a user can: CheckOut when the profile asks for it. */
  async unenroll(): Promise<void> {
    const profile = this.profileValue;
    if (!profile || !this.enrolled) return;
    await this.apply('unenroll', profile);
  }

  /** Makes an app of the App Store installable on this device by its iTunesStoreID. */
  addStoreApp(iTunesStoreId: number, app: StoreApp): void {
    this.state = { ...this.state, storeApps: { ...this.state.storeApps, [String(iTunesStoreId)]: app } };
  }

  /** Installs an app as its user would, outside MDM (unmanaged). */
  installUserApp(app: StoreApp): void {
    const installed = { Identifier: app.Identifier, Name: app.Name, Version: app.ShortVersion.replace(/\./g, ''), ShortVersion: app.ShortVersion, BundleSize: app.BundleSize, IsManaged: false };
    this.state = { ...this.state, applications: [...this.state.applications.filter((a) => a.Identifier !== app.Identifier), installed] };
  }

  /**
   * A GET with the device's MDM identity as TLS client certificate, as the device fetches app
   * manifests and packages; for tests that check what the server gives (or refuses) this device.
   */
  async fetchWithIdentity(url: URL | string, headers: Readonly<Record<string, string>> = {}): Promise<IdentityFetch> {
    const timeout = this.options.timeoutMs ?? 30_000;
    const response = await request(url, { method: 'GET', headers: { 'user-agent': 'MDM/1.0', ...headers }, headersTimeout: timeout, bodyTimeout: timeout, dispatcher: this.identityDispatcher() });
    return { status: response.statusCode, headers: response.headers, body: new Uint8Array(await response.body.arrayBuffer()) };
  }

  /** The pool that presents the MDM identity, built on first use (app downloads always use mTLS). */
  private identityDispatcher(): Dispatcher {
    const profile = this.profileValue;
    const identity = this.identityValue;
    if (!profile || !identity) throw new Error('the device is not enrolled');
    if (this.downloadDispatcher) return this.downloadDispatcher;
    const ca = [this.options.serverCaPem ?? '', ...profile.anchorCertificatesDer.map((der) => toPem(der, 'CERTIFICATE'))].filter((pem) => pem !== '');
    const agent = new Agent({
      connect: {
        ...(ca.length > 0 ? { ca } : {}),
        cert: [toPem(identity.certificateDer, 'CERTIFICATE'), ...identity.chainDer.map((der) => toPem(der, 'CERTIFICATE'))].join(''),
        key: identity.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
      },
    });
    this.ownDispatchers.push(agent);
    this.downloadDispatcher = agent;
    return agent;
  }

  /** For an InstallApplication with a ManifestURL: the manifest and package fetched and checked, by URL. */
  private async downloadsFor(command: PlistValue): Promise<ReadonlyMap<string, AppDownload> | undefined> {
    const body = isPlainDict(command) ? plistFields.dict(command, 'Command') : undefined;
    if (body?.RequestType !== 'InstallApplication') return undefined;
    const url = plistFields.string(body, 'ManifestURL');
    if (url === undefined || !url.startsWith('https:')) return undefined;
    return new Map([[url, await this.downloadApp(url)]]);
  }

  /**
   * Fetches a manifest (Apple's `items[0].assets` / `metadata`) and the software-package it names
   * over the device identity, and checks the bytes against `sha256s` chunk by chunk of
   * `sha256-size` (or `md5s`/`md5-size`) as a device does. Never throws: a refusal is the outcome.
   */
  private async downloadApp(manifestUrl: string): Promise<AppDownload> {
    let manifest: PlistDict;
    try {
      const fetched = await this.fetchWithIdentity(manifestUrl);
      if (fetched.status !== 200 || fetched.body.length > maxManifestBytes) return { ok: false, reason: `manifest answered ${fetched.status}` };
      const parsed = parsePlist(fetched.body);
      if (!isPlainDict(parsed)) return { ok: false, reason: 'the manifest is not a dictionary' };
      manifest = parsed;
    } catch (error) {
      return { ok: false, reason: `manifest unreadable: ${error instanceof Error ? error.message : String(error)}` };
    }
    const item = plistFields.array(manifest, 'items')?.[0];
    const metadata = item !== undefined && isPlainDict(item) ? plistFields.dict(item, 'metadata') : undefined;
    const asset = item !== undefined && isPlainDict(item) ? plistFields.array(item, 'assets')?.find((a) => isPlainDict(a) && a.kind === 'software-package') : undefined;
    const identifier = metadata ? plistFields.string(metadata, 'bundle-identifier') : undefined;
    if (!metadata || !asset || !isPlainDict(asset) || identifier === undefined || metadata.kind !== 'software') return { ok: false, reason: 'the manifest names no software package' };
    const named = { Identifier: identifier, Name: plistFields.string(metadata, 'title') ?? identifier, ShortVersion: plistFields.string(metadata, 'bundle-version') ?? '1.0' };
    const packageUrl = plistFields.string(asset, 'url');
    const chunk = plistFields.integer(asset, 'sha256-size');
    const hashes = plistFields.strings(asset, 'sha256s');
    if (packageUrl === undefined || !packageUrl.startsWith('https:') || chunk === undefined || chunk <= 0 || !hashes || hashes.length === 0) return { ok: false, reason: 'the manifest lacks the package URL or its hashes', app: named };
    try {
      const fetched = await this.fetchWithIdentity(packageUrl);
      if (fetched.status !== 200 || fetched.body.length > maxPackageBytes) return { ok: false, reason: `package answered ${fetched.status}`, app: named };
      const actual: string[] = [];
      for (let offset = 0; offset < fetched.body.length; offset += chunk) actual.push(createHash('sha256').update(fetched.body.subarray(offset, offset + chunk)).digest('hex'));
      if (actual.length !== hashes.length || actual.some((hash, i) => hash !== hashes[i]?.toLowerCase())) return { ok: false, reason: 'the package does not match the manifest hashes', app: named };
      return { ok: true, app: { ...named, BundleSize: fetched.body.length } };
    } catch (error) {
      return { ok: false, reason: `package unreadable: ${error instanceof Error ? error.message : String(error)}`, app: named };
    }
  }

  /** Closes the connection pools it opened (never the caller's). */
  async close(): Promise<void> {
    await Promise.all(this.ownDispatchers.splice(0).map((dispatcher) => dispatcher.close()));
  }
}
