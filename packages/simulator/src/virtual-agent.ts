import type { KeyObject } from 'node:crypto';
import type { ConnectionOptions } from 'node:tls';
import { agentApiPrefix, protocolLimits, type AgentCommand, type CheckInRequest, type CommandResult, type NoisePushOffer } from '@ward/agent-protocol';
import { Client, type buildConnector } from 'undici';
import WebSocket from 'ws';
import { checkCommandAuthenticity, commandSigningKey } from './command-authenticity.js';
import { DeviceTls } from './device-tls.js';
import type { FleetCounters } from './fleet-stats.js';
import type { Limiter } from './limiter.js';
import { NoisePushChannel, noisePushOfferProblem, type NoisePushFailure } from './noise-push-channel.js';
import { protocolChecks, type CheckInEnvelope } from './protocol-checks.js';
import { SimulatedConfiguration } from './simulated-configuration.js';
import { backoffDelay, jitteredInterval } from './timing.js';

/** The agent version virtual agents report, so their check-ins are told apart from real ones. */
export const simulatorAgentVersion = '0.1.0-simulator';

/** An enrolled virtual device: what a real agent keeps in its state directory. */
export interface VirtualIdentity {
  /** Its place in the fleet, from 0. */
  readonly index: number;
  readonly hardwareId: string;
  readonly deviceId: string;
  /** The device key, PKCS#8 PEM. */
  readonly privateKeyPem: string;
  /** The device certificate then its issuing chain, PEM: what it presents over mTLS. */
  readonly certificateChainPem: string;
  /** The command-signing public key pinned at enrollment, PEM. */
  readonly commandSigningKeyPem: string;
  readonly checkInIntervalSeconds: number;
  /**
   * Whether the full report (facts, inventory, software) was sent already, so the first check-in
   * after a start sends only deltas, as a real agent that kept its state does. Absent: not yet.
   */
  readonly reported?: boolean;
}

/** How fast the fleet checks in: on schedule, or back to back until `steadyUntil` (epoch ms). */
export interface FleetPace {
  steadyUntil: number;
  /** Check-ins answered while `steadyUntil` was ahead. */
  steadyCheckIns: number;
}

/** What the virtual agents of one process share. */
export interface VirtualAgentContext {
  /** The server's base URL, `https://host:port`. */
  readonly server: URL;
  /** The root pinned at enrollment: the server's TLS certificate must chain to it. */
  readonly caPem: string;
  /** Bounds the check-in connections of this process (one per agent checking in). */
  readonly checkIns: Limiter;
  /** Bounds push handshakes in progress, so a fleet starting or reconnecting comes in waves the server can take. */
  readonly connects: Limiter;
  readonly counters: FleetCounters;
  readonly pace: FleetPace;
  readonly random: () => number;
  /** Connect, header and body timeout of each request, and the push handshake timeout. */
  readonly requestTimeoutMs: number;
  /** Check in over the push socket while it is open (HTTPS otherwise, as the real agent); false: always HTTPS. */
  readonly checkInOverPush: boolean;
  /**
   * The push channel to keep: 'noise' asks for the Noise push offer over HTTPS before opening any
   * push channel and opens the Noise channel directly once offered (the TLS socket only while the
   * server offers none, asking again at its check-ins there); 'tls' never asks.
   */
  readonly pushChannel: PushChannelKind;
}

/** The push channels an agent can keep: the Noise channel over plain TCP, or the WebSocket over mTLS. */
export type PushChannelKind = 'noise' | 'tls';

/** A result waiting for the server's acknowledgement, and its command's type (for the counts). */
interface OutboxEntry {
  readonly type: AgentCommand['type'];
  readonly result: CommandResult;
}

/** A check-in sent on the push socket, waiting for the answer with its id. */
interface PendingPushCheckIn {
  readonly id: number;
  readonly socket: WebSocket;
  readonly settle: (answer: unknown) => void;
}

// What a pending push check-in settles with when no answer can come: the socket closed (the
// check-in goes over HTTPS instead), or the server stayed silent too long.
const socketLost = Symbol('socket lost');
const noAnswer = Symbol('no answer');
// A push connection that lived this long was healthy: the next failure restarts the backoff.
const healthyAfterMs = 30_000;
// Check-ins one burst may make (a wake-up: commands, then their results, then what those brought):
// bounded so a server that never acknowledges cannot keep an agent spinning.
const maxCheckInsPerBurst = 5;
// Command ids remembered after their result was acknowledged, so a redelivery is not run twice.
const ledgerSize = 64;
// The offer is asked for again when it expires within this (the spec's "within a day").
const offerRenewalMs = 86_400_000;
// Failed attempts in a row to reopen a Noise channel that had worked, before going back to TLS.
const noiseAttemptsBeforeFallback = 3;

/** A check-in the server answered with an error: its stable code and details, as the real agent keeps them. */
class CheckInRefused extends Error {
  readonly code: string;
  readonly details: Readonly<Record<string, unknown>> | undefined;

  constructor(message: string, code: string, details: Readonly<Record<string, unknown>> | undefined) {
    super(message);
    this.name = 'CheckInRefused';
    this.code = code;
    this.details = details;
  }
}

// What a virtual machine reports in its first check-in after start, as the real agent reports its
// collected facts and full inventory then, and only deltas afterwards.
const firstReport = {
  facts: { osVersion: '24.04', osBuild: '6.8.0-sim', encrypted: true, passcodeSet: true, firewallOn: true, screenLockSeconds: 300, secureBoot: true, totalStorageBytes: 512e9, freeStorageBytes: 200e9, memoryBytes: 16e9, agentVersion: simulatorAgentVersion },
  inventory: { os: { name: 'Ubuntu', version: '24.04' }, hardware: { vendor: 'Ward', product: 'Virtual Machine' } },
  software: [
    { name: 'openssl', version: '3.0.13', source: 'dpkg' },
    { name: 'openssh-server', version: '9.6p1', source: 'dpkg' },
    { name: 'ward-agent', version: simulatorAgentVersion, source: 'dpkg' },
  ],
} satisfies Partial<CheckInRequest>;

/**
 * One virtual Ward agent. It speaks the real protocol over the real transports: it keeps one push
 * channel, checks in on every wake-up, and sends its check-ins on that channel while it is open;
 * otherwise they are JSON over HTTPS with the device certificate, on a connection of its own that
 * it closes when the burst is over (resuming its TLS session next time). With `pushChannel: 'tls'`
 * the channel is the push WebSocket over mTLS. With 'noise', an agent holding no offer makes its
 * check-in over HTTPS asking for one before it opens any channel: an offer → the Noise channel,
 * none (or a first handshake that fails) → the TLS socket, whose check-ins ask again and move to
 * Noise once offered. So a fleet connecting never holds a TLS socket per agent on the server. When
 * an open Noise channel is refused or keeps failing, the agent asks over HTTPS again the same way.
 * It polls on the server's interval with the agent's ±20 % jitter
 * and backs off with full jitter on failures. Every command's signature is verified against the key
 * pinned at enrollment before it "runs", and a command that fails the check is reported failed.
 * Nothing runs for real: sync succeeds at once (its check-in is the sync), the others report a
 * simulated success; configuration profiles are "applied" and reported succeeded in the next
 * check-in, removals reported removed.
 */
export class VirtualAgent {
  readonly identity: VirtualIdentity;
  readonly #context: VirtualAgentContext;
  readonly #tls: DeviceTls;
  readonly #connect: buildConnector.connector;
  readonly #signingKey: KeyObject;
  readonly #pushUrl: string;
  readonly #outbox = new Map<string, OutboxEntry>();
  readonly #ledger = new Set<string>();
  readonly #configuration = new SimulatedConfiguration();
  // The TLS push socket (while the agent keeps that channel, and during a move to Noise).
  #socket: WebSocket | undefined;
  // Which channel the agent keeps: 'tls' until a Noise channel opened, 'noise' until it falls back.
  #pushKind: PushChannelKind = 'tls';
  // The Noise push offer, in memory only: asked for again after every start.
  #offer: NoisePushOffer | undefined;
  #noise: NoisePushChannel | undefined;
  // Push channels open now (2 only while moving to Noise): the fleet's pushOpen counts agents, not sockets.
  #channelsOpen = 0;
  #noiseFailuresInRow = 0;
  // No push channel, and the next check-in (over HTTPS) asks for an offer: its answer picks the channel.
  #seekingOffer = false;
  // Set once a check-in asking for the offer was answered, whether or not one came.
  #offerAnswered = false;
  #pushCheckIn: PendingPushCheckIn | undefined;
  #lastRequestId = 0;
  #pongDue = false;
  #pushAttempt = 0;
  #pushTimer: NodeJS.Timeout | undefined;
  #pollTimer: NodeJS.Timeout | undefined;
  #inFlight: Promise<void> | undefined;
  #again = false;
  // Whether a check-in was asked for by something other than the steady-state run since the last began.
  #realTrigger = false;
  #failures = 0;
  #firstCheckInDue = false;
  #interval: number;
  #fullReportDue: boolean;
  #stopped = true;

  constructor(identity: VirtualIdentity, context: VirtualAgentContext) {
    this.identity = identity;
    this.#context = context;
    this.#tls = new DeviceTls({ key: identity.privateKeyPem, cert: identity.certificateChainPem, ca: context.caPem });
    this.#connect = this.#tls.connector(context.counters, context.requestTimeoutMs);
    this.#signingKey = commandSigningKey(identity.commandSigningKeyPem);
    this.#interval = identity.checkInIntervalSeconds;
    this.#fullReportDue = identity.reported !== true;
    const push = new URL(`${agentApiPrefix}/push`, context.server);
    push.protocol = 'wss:';
    this.#pushUrl = push.toString();
  }

  /** Whether it is checking in now (or waiting for a slot to). */
  get busy(): boolean {
    return this.#inFlight !== undefined;
  }

  /** Whether a push channel is open (the TLS socket, or the Noise channel with its handshake done). */
  get connected(): boolean {
    return this.#socket?.readyState === WebSocket.OPEN || this.#noise?.open === true;
  }

  /** The push channel it keeps now: 'noise' once a Noise channel opened (until it falls back), else 'tls'. */
  get pushChannel(): PushChannelKind {
    return this.#pushKind;
  }

  /** Results not yet acknowledged. */
  get unacknowledged(): number {
    return this.#outbox.size;
  }

  /** Configuration profiles it holds ("applied" and not removed since). */
  get profilesHeld(): number {
    return this.#configuration.held;
  }

  /** Opens the push channel and checks in, as the real agent does when its service starts. */
  start(): void {
    if (!this.#stopped) return;
    this.#stopped = false;
    this.#pushKind = 'tls';
    this.#offer = undefined;
    this.#noiseFailuresInRow = 0;
    if (this.#context.pushChannel === 'noise') {
      // As after a restart of the real agent's service with no offer kept: ask over HTTPS first.
      this.#seekOffer();
      return;
    }
    // The first check-in waits for the push socket's first attempt, so it can go over the socket,
    // as a real agent's does once its inventory is collected; it goes over HTTPS if the attempt fails.
    this.#firstCheckInDue = true;
    this.#openPush();
  }

  /** The first check-in after start, once the push socket opened or failed to. */
  #startCheckingIn(): void {
    if (!this.#firstCheckInDue) return;
    this.#firstCheckInDue = false;
    this.trigger();
  }

  /** Stops checking in and closes the push socket; waits for a check-in in flight. */
  async stop(): Promise<void> {
    this.#stopped = true;
    clearTimeout(this.#pollTimer);
    clearTimeout(this.#pushTimer);
    this.#socket?.terminate();
    this.#socket = undefined;
    const noise = this.#noise;
    this.#noise = undefined;
    noise?.close();
    await this.#inFlight;
  }

  /** Checks in now, or right after the check-in in progress: a wake-up, a poll, a start. */
  trigger(): void {
    this.#realTrigger = true;
    this.#request();
  }

  /**
   * Checks in for the steady-state run only: if the run is over by the time a connection slot is
   * free, the check-in is skipped (a real agent would have had no reason to make it).
   */
  triggerSteady(): void {
    this.#request();
  }

  #request(): void {
    if (this.#stopped) return;
    if (this.#inFlight !== undefined) {
      this.#again = true;
      return;
    }
    clearTimeout(this.#pollTimer);
    const steadyOnly = !this.#realTrigger;
    this.#realTrigger = false;
    const { counters } = this.#context;
    counters.busy++;
    this.#inFlight = this.#cycle(steadyOnly).finally(() => {
      counters.busy--;
      this.#inFlight = undefined;
    });
  }

  /**
   * One keepalive round, called by the fleet for all its agents from one timer (rather than a timer
   * per agent): a socket that did not answer the previous ping is dead and is dropped (and
   * reconnected); a live one is pinged. The real agent does the same every minute.
   */
  ping(): void {
    const socket = this.#noise?.open === true ? this.#noise.socket : this.#socket;
    if (socket?.readyState !== WebSocket.OPEN) return;
    if (this.#pongDue) {
      socket.terminate();
      return;
    }
    this.#pongDue = true;
    socket.ping();
  }

  async #cycle(steadyOnly: boolean): Promise<void> {
    const { checkIns, counters, pace, random } = this.#context;
    let delay: number;
    let failed = false;
    try {
      await checkIns.run(() => (steadyOnly && Date.now() >= pace.steadyUntil ? Promise.resolve() : this.#burst()));
      this.#failures = 0;
      delay = jitteredInterval(this.#interval, random);
    } catch (error) {
      if (this.#stopped) return;
      failed = true;
      counters.checkInFailures++;
      counters.fail(`check-in of ${this.identity.deviceId}: ${(error as Error).message}`);
      delay = backoffDelay(this.#failures++, random);
    }
    // The channel the answer picked is opened within the cycle that got it, so the fleet counts
    // the agent busy until the Noise channel opened or the attempt failed.
    if (!this.#stopped) await this.#afterCheckIns();
    if (this.#stopped) return;
    if (this.#again || (!failed && Date.now() < pace.steadyUntil)) {
      // At once, for whoever asked meanwhile (a wake-up keeps its claim) or for the steady-state run.
      this.#again = false;
      this.#pollTimer = setTimeout(() => {
        this.#request();
      }, 0);
      return;
    }
    this.#pollTimer = setTimeout(() => {
      this.trigger();
    }, delay);
  }

  /**
   * Check-ins until nothing is left to report: over the push socket while it is open, else over one
   * HTTPS connection opened for the burst (only if needed) and closed after it.
   */
  async #burst(): Promise<void> {
    let client: Client | undefined;
    const connection = (): Client => {
      const timeout = this.#context.requestTimeoutMs;
      client ??= new Client(this.#context.server.origin, { connect: this.#connect, pipelining: 1, headersTimeout: timeout, bodyTimeout: timeout });
      return client;
    };
    try {
      for (let round = 0; round < maxCheckInsPerBurst && !this.#stopped; round++) {
        if (!(await this.#checkIn(connection))) break;
      }
    } finally {
      // Closed rather than kept alive: ten thousand idle keep-alive sockets beside ten thousand push
      // sockets would exhaust the server's file descriptors, and the next burst resumes the session.
      const used = client;
      if (used !== undefined) await used.close().catch(() => used.destroy());
    }
  }

  /** One check-in; true when it produced results that the next one should deliver. */
  async #checkIn(connection: () => Client): Promise<boolean> {
    const { counters, pace } = this.#context;
    const batch = [...this.#outbox.values()].slice(0, protocolLimits.resultsPerCheckIn);
    const reports = this.#configuration.reportsToSend();
    const noise = this.#noiseForCheckIn();
    // Only a transport the device certificate authenticates (TLS push or HTTPS) may ask for the offer.
    const askOffer = noise === undefined && this.#offerDue();
    const request: CheckInRequest = {
      protocolVersion: 1,
      agentVersion: simulatorAgentVersion,
      results: batch.map((entry) => entry.result),
      ...(this.#fullReportDue ? firstReport : {}),
      ...(reports.length === 0 ? {} : { configuration: { reports } }),
      ...(askOffer ? { noisePush: 'wanted' as const } : {}),
    };
    let overPush: CheckInEnvelope | undefined;
    let parsed: CheckInEnvelope;
    try {
      overPush = await this.#checkInOverPush(request, noise);
      if (this.#stopped) return false;
      parsed = overPush ?? (await this.#checkInOverHttps(connection(), request));
    } catch (error) {
      // As the real agent: reports on profiles the server no longer knows for this device would
      // be refused forever, so they are dropped and the check-in made again without them.
      if (!(error instanceof CheckInRefused) || error.code !== 'CONFIGURATION_REPORT_UNKNOWN') throw error;
      const listed = error.details?.profileIds;
      const dropped = Array.isArray(listed) ? this.#configuration.drop(listed) : 0;
      if (dropped === 0) throw error;
      counters.profileReportsRefused += dropped;
      return true;
    }
    if (overPush !== undefined) {
      counters.checkInsOverPush++;
      if (noise !== undefined) counters.checkInsOverNoise++;
    }
    if (askOffer) {
      this.#offerAnswered = true;
      if (parsed.noisePush !== undefined) this.#adoptOffer(parsed.noisePush);
    }
    const now = Date.now();
    counters.checkIns++;
    if (now <= pace.steadyUntil) pace.steadyCheckIns++;
    this.#fullReportDue = false;
    this.#interval = parsed.checkInIntervalSeconds;
    this.#configuration.acknowledge(reports);
    counters.profileReportsAcknowledged += reports.length;

    let retired = false;
    for (const id of parsed.acknowledgedResults) {
      const entry = this.#outbox.get(id);
      if (entry === undefined) continue;
      this.#outbox.delete(id);
      this.#remember(id);
      counters.acknowledge(entry.type, entry.result.status, now);
      if (entry.type === 'retire' && entry.result.status === 'succeeded') retired = true;
    }
    if (retired) {
      // The device is gone from the server: a real agent deletes its identity and stops.
      void this.stop();
      return false;
    }

    let produced = 0;
    for (const command of parsed.commands) {
      counters.commandsReceived++;
      if (!protocolChecks.agentCommand(command)) {
        counters.commandsMalformed++;
        continue;
      }
      // Redelivered (at-least-once): its result is on its way, or was acknowledged already.
      if (this.#outbox.has(command.id) || this.#ledger.has(command.id)) continue;
      this.#outbox.set(command.id, { type: command.type, result: this.#execute(command, new Date(now)) });
      produced++;
    }
    if (parsed.configuration !== undefined) {
      const { applied, removed } = this.#configuration.apply(parsed.configuration);
      counters.profilesApplied += applied;
      counters.profilesRemoved += removed;
    }
    // Results and configuration reports go back at once, in the same burst.
    return produced > 0 || this.#outbox.size > batch.length || this.#configuration.hasPending;
  }

  /**
   * The check-in as a `checkIn` message on the Noise channel when given, else on the TLS push
   * socket. Undefined when there is no open socket, or it closed before the answer came: the caller
   * then checks in over HTTPS. A refusal or a silent server is an error, as over HTTPS.
   */
  async #checkInOverPush(request: CheckInRequest, noise: NoisePushChannel | undefined): Promise<CheckInEnvelope | undefined> {
    const socket = noise?.socket ?? this.#socket;
    if (!this.#context.checkInOverPush || socket?.readyState !== WebSocket.OPEN || this.#pushCheckIn !== undefined) return undefined;
    const id = ++this.#lastRequestId;
    const timeoutMs = this.#context.requestTimeoutMs;
    const answer = await new Promise<unknown>((resolve) => {
      const timer = setTimeout(() => {
        pending.settle(noAnswer);
        socket.terminate();
      }, timeoutMs);
      const pending: PendingPushCheckIn = {
        id,
        socket,
        settle: (value) => {
          if (this.#pushCheckIn !== pending) return;
          this.#pushCheckIn = undefined;
          clearTimeout(timer);
          resolve(value);
        },
      };
      this.#pushCheckIn = pending;
      const sent = (error?: Error | null): void => {
        // Node passes null on success, whatever the types say.
        if (error instanceof Error) pending.settle(socketLost);
      };
      const text = JSON.stringify({ type: 'checkIn', id, request });
      if (noise === undefined) socket.send(text, sent);
      else noise.send(text, sent);
    });
    if (answer === socketLost) return undefined;
    if (answer === noAnswer) throw new Error(`no check-in answer on the push socket within ${timeoutMs} ms`);
    if (protocolChecks.pushCheckInEnvelope(answer)) return answer.response;
    if (protocolChecks.pushError(answer)) throw new CheckInRefused(`check-in over push answered ${answer.error.code}`, answer.error.code, answer.error.details);
    throw new Error('the check-in answer on the push socket does not match the protocol');
  }

  /** The check-in as `POST /agent/v1/check-in` on `client`'s connection. */
  async #checkInOverHttps(client: Client, request: CheckInRequest): Promise<CheckInEnvelope> {
    const response = await client.request({
      path: `${agentApiPrefix}/check-in`,
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify(request),
    });
    const text = await response.body.text();
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = undefined;
    }
    if (response.statusCode !== 200) {
      if (protocolChecks.agentError(parsed)) throw new CheckInRefused(`check-in answered ${response.statusCode} ${parsed.error.code}`, parsed.error.code, parsed.error.details);
      throw new Error(`check-in answered ${response.statusCode}`);
    }
    if (!protocolChecks.checkInEnvelope(parsed)) throw new Error('the check-in answer does not match the protocol');
    return parsed;
  }

  /** Checks a command as the real agent does, then "runs" it. */
  #execute(command: AgentCommand, now: Date): CommandResult {
    const finishedAt = now.toISOString();
    const check = checkCommandAuthenticity(command, { deviceId: this.identity.deviceId, signingKey: this.#signingKey, now });
    if (!check.ok) {
      this.#context.counters.commandsRefused++;
      return { commandId: command.id, status: 'failed', error: check.error, finishedAt };
    }
    switch (command.type) {
      case 'sync':
        // As in the real agent: the check-in that delivers this result is the sync.
        return { commandId: command.id, status: 'succeeded', finishedAt };
      case 'refreshInventory':
        this.#fullReportDue = true;
        return { commandId: command.id, status: 'succeeded', output: 'collected 2 inventory sections and 3 software entries (simulated)', finishedAt };
      case 'runScript':
        return { commandId: command.id, status: 'succeeded', exitCode: 0, output: 'not run: virtual device', finishedAt };
      case 'lock':
      case 'restart':
      case 'retire':
        return { commandId: command.id, status: 'succeeded', output: `${command.type} simulated`, finishedAt };
    }
  }

  #remember(commandId: string): void {
    this.#ledger.add(commandId);
    if (this.#ledger.size > ledgerSize) {
      const oldest = this.#ledger.values().next();
      if (oldest.done !== true) this.#ledger.delete(oldest.value);
    }
  }

  #openPush(): void {
    if (this.#stopped) return;
    const { connects, counters, requestTimeoutMs, random } = this.#context;
    void connects.run(() => new Promise<void>((settle) => {
      // Stopped, moved to the Noise channel, or asking for an offer again while this attempt waited for its turn.
      if (this.#stopped || this.#pushKind !== 'tls' || this.#seekingOffer) {
        settle();
        return;
      }
      const options: WebSocket.ClientOptions & Pick<ConnectionOptions, 'secureContext'> = {
        secureContext: this.#tls.secureContext,
        perMessageDeflate: false,
        // Check-in answers come this way too, as large as over HTTPS. A limit, not an allocation.
        maxPayload: protocolLimits.pushAnswerBytes,
        handshakeTimeout: requestTimeoutMs,
      };
      const socket = new WebSocket(this.#pushUrl, options);
      this.#socket = socket;
      let openedAt: number | undefined;
      socket.on('open', () => {
        openedAt = Date.now();
        this.#pongDue = false;
        this.#channelOpened();
        counters.pushOpened++;
        settle();
        this.#startCheckingIn();
      });
      socket.on('pong', () => {
        this.#pongDue = false;
      });
      socket.on('message', (data, isBinary) => {
        this.#pongDue = false;
        if (isBinary) return;
        this.#onPushText(socket, rawText(data));
      });
      socket.on('unexpected-response', (_request, response) => {
        counters.fail(`push refused: ${response.statusCode ?? 0}`);
        socket.terminate();
      });
      socket.on('error', (error) => {
        counters.fail(`push: ${error.message}`);
      });
      socket.on('close', () => {
        settle();
        const pending = this.#pushCheckIn;
        if (pending?.socket === socket) pending.settle(socketLost);
        // A socket closed because the agent stopped or moved to Noise did not fail.
        if (openedAt !== undefined) this.#channelClosed();
        else if (this.#socket === socket) counters.pushFailures++;
        this.#startCheckingIn();
        if (this.#socket !== socket) return;
        this.#socket = undefined;
        if (this.#stopped) return;
        if (openedAt !== undefined && Date.now() - openedAt >= healthyAfterMs) this.#pushAttempt = 0;
        const delay = backoffDelay(this.#pushAttempt++, random);
        this.#pushTimer = setTimeout(() => {
          this.#openPush();
        }, delay);
      });
    }));
  }

  /** A message from the server on either push channel: a wake-up, or the answer to the check-in in flight. */
  #onPushText(socket: WebSocket, text: string): void {
    this.#pongDue = false;
    let message: unknown;
    try {
      message = JSON.parse(text);
    } catch {
      message = undefined;
    }
    if (protocolChecks.pushMessage(message)) {
      this.#context.counters.wakes++;
      this.trigger();
      return;
    }
    // Otherwise the answer to the check-in in flight, or nothing this agent asked for.
    const pending = this.#pushCheckIn;
    if (pending?.socket === socket && isRecord(message) && message.id === pending.id) pending.settle(message);
  }

  #channelOpened(): void {
    if (this.#channelsOpen++ === 0) this.#context.counters.pushOpen++;
  }

  #channelClosed(): void {
    if (--this.#channelsOpen === 0) this.#context.counters.pushOpen--;
  }

  /** Whether the next check-in over a TLS-authenticated transport should ask for the Noise offer. */
  #offerDue(): boolean {
    if (this.#context.pushChannel !== 'noise') return false;
    const offer = this.#offer;
    return offer === undefined || Date.parse(offer.expiresAt) - Date.now() < offerRenewalMs;
  }

  /** The Noise channel to check in over: open, and not needed aside so a TLS transport can ask for a new offer. */
  #noiseForCheckIn(): NoisePushChannel | undefined {
    const noise = this.#noise;
    return this.#context.checkInOverPush && noise?.open === true && !this.#offerDue() ? noise : undefined;
  }

  /**
   * Leaves the agent with no push channel until a check-in over HTTPS asking for the offer is
   * answered: {@link #afterCheckIns} then opens the channel the answer picks.
   */
  #seekOffer(): void {
    this.#seekingOffer = true;
    this.#offerAnswered = false;
    this.#pushKind = 'tls';
    this.trigger();
  }

  /**
   * After a cycle's check-ins: moves to an offered Noise channel, and, when the agent held no push
   * channel and asked, opens the TLS socket if no offer came or its Noise channel failed to open.
   */
  async #afterCheckIns(): Promise<void> {
    const decided = this.#seekingOffer && this.#offerAnswered;
    if (decided) {
      this.#seekingOffer = false;
      this.#offerAnswered = false;
    }
    if (this.#pushKind === 'tls' && this.#offer !== undefined && this.#noise === undefined) await this.#openNoise();
    if (decided && !this.#stopped && this.#pushKind === 'tls') this.#openPush();
  }

  /** Keeps an offer the server made (never logged: it holds the key). */
  #adoptOffer(offer: NoisePushOffer): void {
    const { counters } = this.#context;
    counters.noiseOffers++;
    const problem = noisePushOfferProblem(offer);
    if (problem === undefined) {
      this.#offer = offer;
      return;
    }
    counters.pushFailures++;
    counters.pushNoiseFailures++;
    counters.fail(`noise push offer of ${this.identity.deviceId}: ${problem}`);
  }

  /**
   * One attempt to open the Noise channel with the offer held; resolves when it opened or failed.
   * Handshakes wait for a slot like the TLS socket's.
   */
  #openNoise(): Promise<void> {
    const offer = this.#offer;
    if (this.#stopped || offer === undefined) return Promise.resolve();
    const { connects, requestTimeoutMs } = this.#context;
    return connects.run(() => new Promise<void>((settle) => {
      if (this.#stopped || this.#offer !== offer || this.#noise !== undefined) {
        settle();
        return;
      }
      let openedAt: number | undefined;
      const channel: NoisePushChannel = new NoisePushChannel(offer, { timeoutMs: requestTimeoutMs, maxMessageBytes: protocolLimits.pushAnswerBytes }, {
        opened: () => {
          openedAt = Date.now();
          settle();
          this.#noiseOpened();
        },
        message: (text) => {
          this.#onPushText(channel.socket, text);
        },
        closed: (opened, failure) => {
          settle();
          this.#noiseClosed(channel, openedAt, failure);
        },
      });
      this.#noise = channel;
      channel.socket.on('pong', () => {
        this.#pongDue = false;
      });
    }));
  }

  /** The Noise channel opened: it becomes the agent's channel and the TLS socket, if any, is closed. */
  #noiseOpened(): void {
    const { counters } = this.#context;
    this.#pongDue = false;
    this.#noiseFailuresInRow = 0;
    this.#channelOpened();
    counters.pushOpened++;
    counters.pushNoiseOpened++;
    counters.pushNoiseOpen++;
    if (this.#pushKind === 'noise') return;
    this.#pushKind = 'noise';
    this.#pushAttempt = 0;
    // No check-in can be in flight on the TLS socket: the move happens between check-ins.
    clearTimeout(this.#pushTimer);
    const tls = this.#socket;
    this.#socket = undefined;
    if (tls?.readyState === WebSocket.OPEN) tls.close(1000);
    else tls?.terminate();
  }

  /**
   * The Noise channel closed. A failed move drops the offer (the next check-in, over the TLS socket
   * the agent keeps or opens then, asks again); a channel that had worked is reopened with backoff,
   * and the agent drops it and asks for a new offer over HTTPS (see {@link #seekOffer}) when the
   * server refused the ticket or `noiseAttemptsBeforeFallback` attempts in a row failed.
   */
  #noiseClosed(channel: NoisePushChannel, openedAt: number | undefined, failure: NoisePushFailure | undefined): void {
    const { counters, random } = this.#context;
    const pending = this.#pushCheckIn;
    if (pending?.socket === channel.socket) pending.settle(socketLost);
    if (openedAt !== undefined) {
      counters.pushNoiseOpen--;
      this.#channelClosed();
    }
    if (failure !== undefined) {
      counters.pushFailures++;
      counters.pushNoiseFailures++;
      counters.fail(`noise push of ${this.identity.deviceId}: ${failure.message}`);
    }
    if (this.#noise !== channel) return;
    this.#noise = undefined;
    if (this.#stopped) return;
    if (this.#pushKind === 'tls') {
      this.#offer = undefined;
      return;
    }
    if (openedAt === undefined) this.#noiseFailuresInRow++;
    else if (Date.now() - openedAt >= healthyAfterMs) this.#pushAttempt = 0;
    const refused = failure?.code === 'NOISE_PUSH_REFUSED' && failure.status !== undefined && failure.status >= 400 && failure.status < 500;
    if (refused || this.#noiseFailuresInRow >= noiseAttemptsBeforeFallback) {
      this.#offer = undefined;
      this.#pushAttempt = 0;
      this.#noiseFailuresInRow = 0;
      this.#seekOffer();
      return;
    }
    const delay = backoffDelay(this.#pushAttempt++, random);
    this.#pushTimer = setTimeout(() => {
      void this.#openNoise();
    }, delay);
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function rawText(data: WebSocket.RawData): string {
  if (Buffer.isBuffer(data)) return data.toString('utf8');
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  return Buffer.from(data).toString('utf8');
}
