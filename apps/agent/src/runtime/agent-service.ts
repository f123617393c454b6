import { uptime } from 'node:os';
import { rm } from 'node:fs/promises';
import { Type, type Static } from '@sinclair/typebox';
import { AgentCommand, agentApiPrefix, CheckInResponse, NoisePushOffer, protocolLimits, RenewResponse, type AppReport, type CommandResult, type ConfigurationReport } from '@ward/agent-protocol';
import type { AppManager } from '../apps/app-manager.js';
import { refusedAppReports } from '../apps/refused-app-reports.js';
import { CommandInbox, type InboxEntry } from '../commands/command-inbox.js';
import type { CommandOutcome } from '../commands/command-outcome.js';
import { CommandProcessor } from '../commands/command-processor.js';
import { commandSigningKey } from '../commands/command-signing-key.js';
import { CompletedLedger } from '../commands/completed-ledger.js';
import { executeCommand } from '../commands/execute-command.js';
import { ResultOutbox } from '../commands/result-outbox.js';
import type { AgentConfig } from '../config/agent-config.js';
import type { AgentPaths } from '../config/agent-paths.js';
import type { AgentPlatform } from '../config/agent-platform.js';
import type { ConfigurationManager } from '../configuration/configuration-manager.js';
import { certificateSerial } from '../identity/certificate-serial.js';
import { createDeviceKey } from '../identity/create-device-key.js';
import type { DeviceIdentity } from '../identity/device-identity.js';
import { IdentityStore } from '../identity/identity-store.js';
import { noisePushOfferFile, NoisePushOfferStore } from '../identity/noise-push-offer-store.js';
import type { InventoryCollector, InventorySnapshot } from '../inventory/inventory-snapshot.js';
import type { Logger } from '../logging/logger.js';
import { matchesSchema } from '../protocol/matches-schema.js';
import { AgentHttpClient, type ClientCredentials } from '../transport/agent-http-client.js';
import { AgentRequestError } from '../transport/agent-request-error.js';
import { NoisePushConnection } from '../transport/noise-push-connection.js';
import { PushConnection } from '../transport/push-connection.js';
import { agentVersion } from '../version.js';
import { AgentStateStore } from './agent-state-store.js';
import { backoffDelay } from './backoff-delay.js';
import { buildCheckInRequest } from './build-check-in-request.js';
import { jitteredInterval } from './jittered-interval.js';
import { PushChannelSwitch, type PushVia } from './push-channel-switch.js';
import { refusedProfileReports } from './refused-profile-reports.js';
import { unknownCommandIds } from './unknown-command-ids.js';

/** What the service runs with. */
export interface AgentServiceOptions {
  readonly paths: AgentPaths;
  readonly config: AgentConfig;
  readonly platform: AgentPlatform;
  readonly identity: DeviceIdentity;
  readonly collectInventory: InventoryCollector;
  /** Applies the configuration profiles check-in answers carry and keeps the reports the next check-ins send. */
  readonly configuration: Pick<ConfigurationManager, 'apply' | 'pendingReports' | 'allReports' | 'acknowledge'>;
  /** Installs and removes the apps check-in answers carry, in the background, and keeps the reports the next check-ins send. */
  readonly apps?: Pick<AppManager, 'accept' | 'pendingReports' | 'allReports' | 'acknowledge' | 'onReport' | 'removeAll' | 'stop'>;
  readonly log: Logger;
  readonly clock?: () => Date;
  readonly random?: () => number;
  /** When the host last booted; tells an interrupted `restart` that did reboot from one that did not. */
  readonly bootTime?: () => Date;
}

/** How {@link AgentService.run} ended. */
export type AgentServiceEnd = 'stopped' | 'retired';

// A check-in prompted by a wake-up reuses an inventory collected this recently.
const INVENTORY_REUSE_MS = 60_000;
// While retiring, a server that never acknowledges must not keep the identity on the machine forever.
const RETIRE_DELIVERY_ATTEMPTS = 20;
// Answers in a row that carried configuration, each followed at once by a check-in with the
// reports: past this, a server that keeps sending what the agent just reported on (a version it
// cannot accept) waits for the regular interval instead of spinning the loop.
const CONFIGURATION_ROUNDS = 5;
// After the Noise push channel fell back, the check-in that asks for a new offer comes this soon,
// jittered by up to ASK_JITTER_MS so a fleet that lost its channel together does not ask together.
const ASK_DELAY_MS = 1000;
const ASK_JITTER_MS = 4000;

// The envelope of a check-in answer with commands and configuration items checked one by one, so
// one malformed command cannot block every check-in (and with them the delivery of results), and
// one malformed profile is reported failed rather than making the whole answer unreadable.
const CheckInEnvelope = Type.Object({
  ...CheckInResponse.properties,
  commands: Type.Array(Type.Unknown(), { maxItems: 1000 }),
  configuration: Type.Optional(Type.Object({ install: Type.Array(Type.Unknown(), { maxItems: 10_000 }), remove: Type.Array(Type.Unknown(), { maxItems: 10_000 }) })),
  // Apps likewise: an entry of a source kind this agent does not know is reported failed.
  apps: Type.Optional(Type.Object({ install: Type.Array(Type.Unknown(), { maxItems: 10_000 }), remove: Type.Array(Type.Unknown(), { maxItems: 10_000 }) })),
  // A malformed Noise push offer is ignored (the TLS push connection stays) rather than failing the check-in.
  noisePush: Type.Optional(Type.Unknown()),
});
type CheckInEnvelope = Static<typeof CheckInEnvelope>;

/**
 * The agent's service loop (`ward-agent run`): checks in at start and then every
 * `checkInIntervalSeconds` ±20%, at once on every push wake-up and whenever a command finishes;
 * backs off exponentially with full jitter while the server is unreachable; keeps one push
 * WebSocket (the Noise channel once the server offered one over mTLS; the mTLS one only once a
 * check-in that asked brought no offer: see {@link PushChannelSwitch}) and checks in over it while
 * it is open (HTTPS otherwise); runs commands through the
 * crash-safe {@link CommandProcessor}; applies the configuration profiles answers carry and
 * reports on them in the next check-in (every report after a start, so the server's view is
 * rebuilt from the device's); hands the apps answers carry to the app manager, which installs them
 * in the background and reports the same way; renews its certificate when the server asks; and after `retire`,
 * removes every profile Ward applied, delivers the last results and deletes its identity.
 */
export class AgentService {
  readonly #options: AgentServiceOptions;
  readonly #clock: () => Date;
  readonly #random: () => number;
  readonly #identityStore: IdentityStore;
  readonly #state: AgentStateStore;
  readonly #outbox: ResultOutbox;
  readonly #ledger: CompletedLedger;
  readonly #processor: CommandProcessor;
  #identity: DeviceIdentity;
  #http: AgentHttpClient;
  // The serial number of #identity's certificate: the one a Noise push offer is stored under.
  #certificateSerial: string;
  readonly #tlsPush: PushConnection;
  // Which push connection runs: the Noise one while a usable offer is stored, #tlsPush otherwise.
  readonly #push: PushChannelSwitch;
  #timer: NodeJS.Timeout | undefined;
  // The check-in the push switch asked for soon (see PushChannelSwitchOptions.askSoon).
  #askTimer: NodeJS.Timeout | undefined;
  #inFlight: Promise<void> | undefined;
  #again = false;
  #failures = 0;
  #retireAttempts = 0;
  #stopping = false;
  #requestAbort = new AbortController();
  #inventory: { at: number; snapshot: InventorySnapshot } | undefined;
  #end: ((end: AgentServiceEnd) => void) | undefined;
  // Profiles whose report goes to the server once after a start, acknowledged or not, so its view
  // is rebuilt from the device's (a lost answer, a restored database). Filled at the first check-in.
  #resync: Set<string> | undefined;
  // The same for apps.
  #appResync: Set<string> | undefined;
  #configurationRounds = 0;

  constructor(options: AgentServiceOptions) {
    this.#options = options;
    this.#clock = options.clock ?? (() => new Date());
    this.#random = options.random ?? Math.random;
    this.#identity = options.identity;
    const { paths, log } = options;
    this.#identityStore = new IdentityStore(paths);
    this.#state = new AgentStateStore(paths.stateFile);
    this.#outbox = new ResultOutbox(paths.outboxDir, (file) => {
      log.error(`${file} is not a valid result; set aside as ${file}.corrupt`);
    });
    this.#ledger = new CompletedLedger(paths.ledgerFile);
    this.#http = this.#createHttpClient();
    this.#certificateSerial = certificateSerial(this.#identity.certificateChainPem);
    const onWake = (reason: string | undefined): void => {
      log.info(`wake-up${reason === undefined ? '' : ` (${reason})`}`);
      this.#trigger();
    };
    this.#tlsPush = new PushConnection({
      url: pushUrl(this.#identity.serverUrl),
      trust: { ca: this.#identity.rootCertificatePem },
      credentials: this.#credentials(),
      onWake,
      log,
      random: this.#random,
    });
    this.#push = new PushChannelSwitch({
      tls: this.#tlsPush,
      openNoise: (offer, events) =>
        new NoisePushConnection({ offer, trust: { ca: this.#identity.rootCertificatePem }, onWake, ...events, log, random: this.#random }),
      offers: new NoisePushOfferStore(noisePushOfferFile(paths.stateDir)),
      certificateSerial: () => this.#certificateSerial,
      askSoon: () => {
        this.#askSoon();
      },
      clock: this.#clock,
      log,
    });
    this.#processor = new CommandProcessor({
      inbox: new CommandInbox(paths.inboxDir),
      outbox: this.#outbox,
      ledger: this.#ledger,
      deviceId: this.#identity.deviceId,
      signingKey: commandSigningKey(this.#identity.commandSigningKeyPem),
      execute: (command, signal) =>
        executeCommand(command, {
          paths,
          config: options.config,
          platform: options.platform,
          refreshInventory: () => this.#refreshInventory(),
          beginRetire: () => this.#beginRetire(),
        }, signal),
      resolveInterrupted: (entry) => this.#resolveInterrupted(entry),
      onResult: (result: CommandResult) => {
        log.debug(`result for ${result.commandId} stored`);
        this.#trigger();
      },
      log,
      clock: this.#clock,
    });
    options.apps?.onReport(() => {
      // An install or removal changes the software list: the check-in that reports it carries a fresh one.
      this.#inventory = undefined;
      this.#trigger();
    });
  }

  /** Runs until {@link stop} or until the device retired. */
  async run(): Promise<AgentServiceEnd> {
    const ended = new Promise<AgentServiceEnd>((resolve) => {
      this.#end = resolve;
    });
    const { log } = this.#options;
    log.info(`ward-agent ${agentVersion} running as device ${this.#identity.deviceId} for ${this.#identity.serverUrl}`);
    const state = await this.#state.get();
    if (state.retiring) {
      log.warn('the device is retiring: delivering the last results, then deleting the identity');
      this.#processor.stopAccepting();
    }
    await this.#processor.recover();
    // A stop that arrived while starting (a service manager stopping at once, SIGTERM during
    // recovery) already ended the run: opening the push connection now would hold the process.
    if (this.#stopping) return 'stopped';
    if (!state.retiring) await this.#push.start();
    this.#trigger();
    return ended;
  }

  /** Stops cleanly: no new check-ins, the push connection closed, a running command interrupted and reported. */
  async stop(): Promise<void> {
    if (this.#stopping) return;
    this.#stopping = true;
    clearTimeout(this.#timer);
    clearTimeout(this.#askTimer);
    this.#push.stop();
    this.#requestAbort.abort();
    await this.#processor.stop();
    await this.#options.apps?.stop();
    await this.#inFlight;
    this.#http.close();
    this.#end?.('stopped');
  }

  /** Checks in within a few seconds (jittered) unless one is already due that soon. */
  #askSoon(): void {
    if (this.#stopping || this.#askTimer !== undefined) return;
    this.#askTimer = setTimeout(() => {
      this.#askTimer = undefined;
      this.#trigger();
    }, ASK_DELAY_MS + this.#random() * ASK_JITTER_MS);
  }

  /** Checks in now, or right after the check-in in progress. */
  #trigger(): void {
    if (this.#stopping) return;
    if (this.#inFlight !== undefined) {
      this.#again = true;
      return;
    }
    clearTimeout(this.#timer);
    this.#inFlight = this.#cycle()
      .catch((error: unknown) => {
        // A bug or a broken state dir, not a server problem: keep the service alive and retry.
        this.#options.log.error(`check-in cycle failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
        if (!this.#stopping) {
          this.#timer = setTimeout(() => {
            this.#trigger();
          }, backoffDelay(this.#failures++, this.#random));
        }
      })
      .finally(() => {
        this.#inFlight = undefined;
      });
  }

  async #cycle(): Promise<void> {
    const { log } = this.#options;
    let delay: number;
    try {
      const { more } = await this.#checkIn();
      this.#failures = 0;
      delay = more ? 0 : jitteredInterval((await this.#state.get()).checkInIntervalSeconds, this.#random);
    } catch (error) {
      if (this.#stopping) return;
      const message = error instanceof Error ? error.message : String(error);
      if ((await this.#state.get()).retiring && (error instanceof AgentRequestError && error.isAuthenticationFailure || ++this.#retireAttempts >= RETIRE_DELIVERY_ATTEMPTS)) {
        // The server no longer accepts this identity (it retired the device) or cannot be reached
        // for long: the results cannot be delivered anymore, and the identity must still go.
        log.warn(`retiring without delivering the last results: ${message}`);
        await this.#finishRetire();
        return;
      }
      delay = backoffDelay(this.#failures, this.#random);
      this.#failures++;
      log.warn(`check-in failed: ${message}; retrying in ${(delay / 1000).toFixed(1)} s`);
      await this.#state.update((s) => ({ ...s, lastError: message.slice(0, 500) })).catch(() => undefined);
    }
    if (this.#stopping) return;
    if ((await this.#state.get()).retiring && (await this.#outbox.count()) === 0) {
      await this.#finishRetire();
      return;
    }
    if (this.#again) {
      this.#again = false;
      delay = 0;
    }
    this.#timer = setTimeout(() => {
      this.#trigger();
    }, delay);
  }

  async #checkIn(): Promise<{ more: boolean }> {
    const { log } = this.#options;
    // Results before state: a refreshInventory result is stored after its full-report request, so
    // the check-in that carries the result also carries the full report.
    const results = await this.#outbox.list(protocolLimits.resultsPerCheckIn + 1);
    const state = await this.#state.get();
    const requestedAt = state.fullReportRequestedAt;
    const snapshot = await this.#snapshot();
    const configuration = this.#options.configuration;
    const apps = this.#options.apps;
    // Asked for over HTTPS or the TLS push connection only: while an offer is usable the Noise
    // channel runs and asks nothing.
    const noisePush = !state.retiring && this.#push.wantsOffer();
    const serial = this.#certificateSerial;
    const plan = buildCheckInRequest({ agentVersion, snapshot, state, results, reports: state.retiring ? [] : this.#reportsToSend(), appReports: state.retiring ? [] : this.#appReportsToSend(), noisePush });
    if (plan.deferred.length > 0) log.warn(`${plan.deferred.join(' and ')} too large for this check-in; sent later`);
    let body: CheckInEnvelope;
    let via: PushVia | 'HTTPS';
    try {
      // Over the push connection when it is open; over HTTPS when it is not, or was lost meanwhile.
      const overPush = await this.#push.checkIn(plan.request, CheckInEnvelope, this.#requestAbort.signal);
      if (overPush !== undefined) ({ answer: body, via } = overPush);
      else {
        via = 'HTTPS';
        ({ body } = await this.#http.postJson(`${agentApiPrefix}/check-in`, plan.request, CheckInEnvelope, this.#requestAbort.signal));
      }
    } catch (error) {
      const refused = unknownCommandIds(error, plan.request.results);
      if (refused.length > 0) {
        // The server never sent these commands to this device (a restored backup of the state dir,
        // a server that lost its queue): it will never accept their results, and holding them would
        // block every check-in. Drop them, say so, and check in again at once.
        log.error(`the server does not know commands ${refused.join(', ')}; their results are dropped`);
        await this.#outbox.remove(refused);
        return { more: true };
      }
      const disowned = refusedProfileReports(error, plan.sentReports);
      if (disowned.length > 0) {
        // The server keeps no record of these profiles for this device (it already took their
        // removal and the answer was lost, or its database was restored): it will never accept
        // these reports, and resending them would block every check-in. Drop them and go on.
        await this.#dropReports(disowned);
        return { more: true };
      }
      const unknownApps = refusedAppReports(error, plan.sentAppReports);
      if (unknownApps.length > 0 && apps !== undefined) {
        // As with profiles: the server keeps no record of these apps for this device.
        log.error(`the server does not know apps ${unknownApps.map((r) => r.id).join(', ')} for this device; their reports are dropped`);
        for (const report of unknownApps) this.#appResync?.delete(report.id);
        await apps.acknowledge(unknownApps);
        return { more: true };
      }
      // No offer: the TLS push connection stands in (without one the agent would wait for its poll).
      if (plan.request.noisePush === 'wanted') this.#push.noOfferCame('check-in failed');
      throw error;
    }

    await this.#state.update((s) => ({
      ...s,
      lastCheckInAt: this.#clock().toISOString(),
      lastError: undefined,
      checkInIntervalSeconds: body.checkInIntervalSeconds,
      sentHashes: { ...s.sentHashes, ...plan.sentHashes },
      ...(plan.sentFacts === undefined ? {} : { sentFacts: plan.sentFacts }),
      // Cleared only if no newer refresh arrived while this check-in was in flight.
      fullReportRequestedAt: plan.deferred.length === 0 && s.fullReportRequestedAt === requestedAt ? undefined : s.fullReportRequestedAt,
    }));
    // Any acknowledged id counts, not only this batch's: the answer that acknowledged an earlier
    // batch may have been lost.
    const acknowledged = body.acknowledgedResults.filter((id) => id !== '' && id.length <= 64);
    if (acknowledged.length > 0) {
      // The ledger first: at no moment is a completed command in neither the outbox nor the ledger.
      await this.#ledger.add(acknowledged);
      await this.#outbox.remove(acknowledged);
    }
    const commands: AgentCommand[] = [];
    for (const command of body.commands) {
      if (matchesSchema(AgentCommand, command)) commands.push(command);
      else log.error('the server sent a command that does not match the protocol; ignored');
    }
    // The answer acknowledges the reports the request carried.
    if (plan.sentReports.length > 0) await configuration.acknowledge(plan.sentReports);
    for (const report of plan.sentReports) this.#resync?.delete(report.id);
    if (plan.sentAppReports.length > 0) await apps?.acknowledge(plan.sentAppReports);
    for (const report of plan.sentAppReports) this.#appResync?.delete(report.id);
    const items = body.configuration;
    const appPlan = apps === undefined ? undefined : body.apps;
    log.info(
      `checked in over ${via}: ${plan.request.results.length} results sent, ${acknowledged.length} acknowledged, ${commands.length} commands received` +
        (plan.sentReports.length === 0 ? '' : `, ${plan.sentReports.length} configuration reports sent`) +
        (items === undefined ? '' : `, ${items.install.length} profiles to apply and ${items.remove.length} to remove`) +
        (plan.sentAppReports.length === 0 ? '' : `, ${plan.sentAppReports.length} app reports sent`) +
        (appPlan === undefined ? '' : `, ${appPlan.install.length} apps to install and ${appPlan.remove.length} to remove`),
    );
    await this.#processor.accept(commands);
    const offered = body.noisePush !== undefined && (await this.#acceptNoisePushOffer(body.noisePush, via, serial));
    if (plan.request.noisePush === 'wanted' && via !== 'Noise push' && !offered) this.#push.noOfferCame(body.noisePush === undefined ? 'not offered' : 'unusable offer');
    if (body.renewCertificate) {
      await this.#renew().catch((error: unknown) => {
        log.warn(`certificate renewal failed: ${(error as Error).message}; the server will ask again`);
      });
    }
    let reportNow = false;
    if ((items !== undefined || appPlan !== undefined) && !(await this.#state.get()).retiring) {
      if (items !== undefined) await configuration.apply(items);
      // Apps install in the background, one at a time; each report triggers a check-in of its own.
      if (appPlan !== undefined) await apps?.accept(appPlan);
      // As with results: the server learns what happened at once rather than at the next poll.
      reportNow = configuration.pendingReports().length > 0 || (apps?.pendingReports().length ?? 0) > 0;
      // Only answers that left reports count: apps resent while a long install runs leave none.
      this.#configurationRounds = reportNow ? this.#configurationRounds + 1 : 0;
      if (reportNow && this.#configurationRounds > CONFIGURATION_ROUNDS) {
        log.warn(`the server sent configuration ${this.#configurationRounds} times in a row; the reports go with the next regular check-in`);
        reportNow = false;
      }
    } else {
      this.#configurationRounds = 0;
    }
    return { more: plan.moreResults || plan.moreReports || plan.moreAppReports || reportNow };
  }

  /**
   * Keeps a Noise push offer that came where the device certificate authenticated the check-in, and
   * switches to it. False when it was ignored or could not be stored.
   */
  async #acceptNoisePushOffer(offer: unknown, via: PushVia | 'HTTPS', serial: string): Promise<boolean> {
    const { log } = this.#options;
    if (via === 'Noise push') {
      log.warn('the server offered a Noise push channel over the Noise push channel; ignored');
      return false;
    }
    if (!matchesSchema(NoisePushOffer, offer)) {
      log.warn('the server offered a Noise push channel that does not match the protocol; ignored');
      return false;
    }
    return this.#push.acceptOffer(offer, serial).then(
      () => true,
      (error: unknown) => {
        log.warn(`cannot store the Noise push offer: ${(error as Error).message}; the next check-in asks again`);
        return false;
      },
    );
  }

  /** The reports not acknowledged yet, and after a start those of every profile held until each went once. */
  #reportsToSend(): ConfigurationReport[] {
    const { configuration } = this.#options;
    this.#resync ??= new Set(configuration.allReports().map((r) => r.id));
    const pending = configuration.pendingReports();
    if (this.#resync.size === 0) return pending;
    const pendingIds = new Set(pending.map((r) => r.id));
    const resync = this.#resync;
    return [...pending, ...configuration.allReports().filter((r) => resync.has(r.id) && !pendingIds.has(r.id))];
  }

  /** The app reports not acknowledged yet, and after a start those of every app held until each went once. */
  #appReportsToSend(): AppReport[] {
    const { apps } = this.#options;
    if (apps === undefined) return [];
    this.#appResync ??= new Set(apps.allReports().map((r) => r.id));
    const pending = apps.pendingReports();
    if (this.#appResync.size === 0) return pending;
    const pendingIds = new Set(pending.map((r) => r.id));
    const resync = this.#appResync;
    return [...pending, ...apps.allReports().filter((r) => resync.has(r.id) && !pendingIds.has(r.id))];
  }

  /** Forgets reports the server refused for profiles it does not know, so they block nothing. */
  async #dropReports(reports: readonly ConfigurationReport[]): Promise<void> {
    const ids = reports.map((r) => r.id);
    this.#options.log.error(`the server does not know configuration profiles ${ids.join(', ')} for this device; their reports are dropped`);
    for (const id of ids) this.#resync?.delete(id);
    await this.#options.configuration.acknowledge(reports);
  }

  async #snapshot(fresh = false): Promise<InventorySnapshot | undefined> {
    const now = Date.now();
    if (!fresh && this.#inventory !== undefined && now - this.#inventory.at < INVENTORY_REUSE_MS) return this.#inventory.snapshot;
    try {
      const snapshot = await this.#options.collectInventory();
      this.#inventory = { at: now, snapshot };
      return snapshot;
    } catch (error) {
      if (fresh) throw error;
      this.#options.log.warn(`inventory collection failed: ${(error as Error).message}`);
      return this.#inventory?.snapshot;
    }
  }

  async #refreshInventory(): Promise<InventorySnapshot> {
    const snapshot = await this.#snapshot(true);
    if (snapshot === undefined) throw new Error('no inventory collected');
    await this.#state.update((s) => ({ ...s, fullReportRequestedAt: this.#clock().toISOString() }));
    return snapshot;
  }

  async #renew(): Promise<void> {
    const key = await createDeviceKey(this.#identity.hardwareId);
    await this.#identityStore.beginRenewal(key.privateKeyPem);
    try {
      const { body } = await this.#http.postJson(`${agentApiPrefix}/renew`, { protocolVersion: 1, csrPem: key.csrPem }, RenewResponse, this.#requestAbort.signal);
      const chain = `${body.certificatePem.trimEnd()}\n${body.chainPem.trimEnd()}\n`;
      await this.#identityStore.completeRenewal(chain);
      this.#identity = { ...this.#identity, privateKeyPem: key.privateKeyPem, certificateChainPem: chain };
    } catch (error) {
      await this.#identityStore.abandonRenewal();
      throw error;
    }
    this.#http.close();
    this.#http = this.#createHttpClient();
    this.#certificateSerial = certificateSerial(this.#identity.certificateChainPem);
    this.#tlsPush.useCredentials(this.#credentials());
    // A Noise push offer obtained under the old certificate is not used anymore: the next check-in asks again.
    this.#push.refresh();
    this.#options.log.info('device certificate renewed');
  }

  async #beginRetire(): Promise<void> {
    // Before the device counts as retiring: a crash in between runs the retire command again.
    await this.#removeApps();
    await this.#removeConfiguration();
    await this.#state.update((s) => ({ ...s, retiring: true }));
    this.#processor.stopAccepting();
    this.#push.stop();
  }

  /** Takes away every app Ward installed, as retiring a device must (corporate apps leave with the enrollment). */
  async #removeApps(): Promise<void> {
    const { apps, log } = this.#options;
    if (apps === undefined) return;
    if (apps.allReports().length === 0) return;
    await apps.removeAll();
    log.info('removed the apps Ward installed');
  }

  /** Takes away every profile Ward applied, as retiring a device must. */
  async #removeConfiguration(): Promise<void> {
    const { configuration, log } = this.#options;
    const held = configuration.allReports().filter((r) => r.status !== 'removed').map((r) => r.id);
    if (held.length === 0) return;
    await configuration.apply({ install: [], remove: held });
    log.info(`removed ${held.length} configuration profiles`);
  }

  async #finishRetire(): Promise<void> {
    const { paths, log } = this.#options;
    this.#stopping = true;
    clearTimeout(this.#timer);
    clearTimeout(this.#askTimer);
    this.#push.stop();
    this.#http.close();
    await this.#processor.stop();
    await this.#options.apps?.stop();
    // The identity, the pinned root and signing key, results, state: nothing of the enrollment stays.
    await rm(paths.stateDir, { recursive: true, force: true });
    log.warn('device retired: Ward configuration and identity deleted; the agent stops');
    this.#end?.('retired');
  }

  async #resolveInterrupted(entry: InboxEntry): Promise<CommandOutcome | undefined> {
    const startedAt = Date.parse(entry.startedAt ?? '');
    if (entry.command.type === 'restart') {
      const booted = this.#options.bootTime?.() ?? new Date(Date.now() - uptime() * 1000);
      if (startedAt < booted.getTime()) return { status: 'succeeded', output: `the host restarted at ${booted.toISOString()}` };
    }
    if (entry.command.type === 'retire' && (await this.#state.get()).retiring) return { status: 'succeeded', output: 'Ward configuration removed; the agent unenrolls' };
    return undefined;
  }

  #createHttpClient(): AgentHttpClient {
    return new AgentHttpClient(this.#identity.serverUrl, { ca: this.#identity.rootCertificatePem }, this.#credentials());
  }

  #credentials(): ClientCredentials {
    return { key: this.#identity.privateKeyPem, cert: this.#identity.certificateChainPem };
  }
}

/** The push endpoint for a server URL: same host and prefix, `wss:`. */
export function pushUrl(serverUrl: string): string {
  const url = new URL(`${serverUrl.replace(/\/+$/, '')}${agentApiPrefix}/push`);
  url.protocol = 'wss:';
  return url.toString();
}

