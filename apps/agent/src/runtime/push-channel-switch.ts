import type { Static, TSchema } from '@sinclair/typebox';
import type { CheckInRequest, NoisePushOffer } from '@ward/agent-protocol';
import { isUsableNoisePushOffer, type NoisePushOfferStore, type StoredNoisePushOffer } from '../identity/noise-push-offer-store.js';
import type { Logger } from '../logging/logger.js';

/** A push connection as the switch drives it: the TLS one or the Noise one. */
export interface PushChannel {
  /** Opens it (and keeps it open until {@link stop}). */
  start(): void;
  /** Closes it and stops reconnecting. */
  stop(): void;
  /** Sends a check-in on it; undefined when none can go this way (the caller uses HTTPS). */
  checkIn<S extends TSchema>(request: unknown, schema: S, signal?: AbortSignal): Promise<Static<S> | undefined>;
}

/** How a Noise channel tells the switch it cannot be used. */
export interface NoisePushEvents {
  /** The server refused the ticket (401/403) or the URL is unusable: drop the offer. */
  onRefused(status: number): void;
  /** Attempts in a row failed before the handshake (the network blocks it): use TLS for a while. */
  onUnreachable(): void;
}

/** What a {@link PushChannelSwitch} needs. */
export interface PushChannelSwitchOptions {
  /** The TLS push connection (mTLS): the fallback, and the channel while the server offers no Noise channel. */
  readonly tls: PushChannel;
  /** Creates the Noise push connection for an offer; called again for every new offer or retry. */
  readonly openNoise: (offer: NoisePushOffer, events: NoisePushEvents) => PushChannel;
  readonly offers: Pick<NoisePushOfferStore, 'load' | 'save' | 'remove'>;
  /** The serial number of the device certificate in use now. */
  readonly certificateSerial: () => string;
  /**
   * Asks the owner for a check-in soon (within seconds, jittered so a fleet does not come at once):
   * the Noise channel fell back, or its offer stopped being usable, and no push connection runs
   * until a check-in asked for an offer ({@link PushChannelSwitch.wantsOffer}).
   */
  readonly askSoon: () => void;
  readonly clock: () => Date;
  readonly log: Logger;
  /** How long the TLS push connection stands in after the Noise channel proved unreachable twice; 15 min by default. */
  readonly unreachableFallbackMs?: number;
}

/** Which push connection carried a check-in. */
export type PushVia = 'push' | 'Noise push';

/** Why a check-in that asked for an offer brought none the switch could use. */
export type NoOffer =
  /** Answered over mTLS without one: the server runs no Noise channel. */
  | 'not offered'
  /** The offer did not match the protocol, or could not be stored. */
  | 'unusable offer'
  /** The check-in failed. */
  | 'check-in failed';

const FALLBACK_MS = 15 * 60 * 1000;

/**
 * Chooses the agent's one push connection (docs/protocols/agent-v1.md, "The Noise push channel"):
 * the Noise channel while a usable offer is stored (same certificate, good for more than a day).
 * Without one, no push connection runs until a check-in (over HTTPS) asked for an offer
 * ({@link wantsOffer}): the server then never holds an idle TLS socket for an agent it is about to
 * offer the Noise channel to. An answer without an offer, or a failed check-in
 * ({@link noOfferCame}), starts the TLS push connection, whose check-ins keep asking.
 *
 * Fallbacks: an offer refused at the upgrade is dropped and a check-in soon asks for a new one. A
 * Noise channel that fails before its handshake again and again (unreachable) is held back while a
 * check-in soon asks whether the server still offers it (a server back from a restart does, and
 * the agent goes straight back to Noise); unreachable again within 15 minutes of that, it gives way
 * to the TLS push connection for 15 minutes, during which nothing is asked. At most one of the two
 * connections runs at a time.
 */
export class PushChannelSwitch {
  readonly #options: PushChannelSwitchOptions;
  #stored: StoredNoisePushOffer | undefined;
  #loaded = false;
  #running = false;
  #tlsRunning = false;
  // The TLS push connection is called for until a Noise channel opens: a check-in that asked
  // brought no offer, or failed.
  #tlsWanted = false;
  #noise: { readonly channel: PushChannel; readonly offer: NoisePushOffer } | undefined;
  // Set while the stored offer waits for a check-in to show the server still offers the channel,
  // after it proved unreachable.
  #probing = false;
  #lastProbeAt: number | undefined;
  // Set while the Noise channel is held off after it proved unreachable twice.
  #holdTimer: NodeJS.Timeout | undefined;

  constructor(options: PushChannelSwitchOptions) {
    this.#options = options;
  }

  /**
   * Loads the stored offer and opens the Noise channel when it is usable. Without one nothing
   * runs yet: the owner's first check-in (over HTTPS) asks for an offer.
   */
  async start(): Promise<void> {
    if (this.#running) return;
    this.#running = true;
    if (!this.#loaded) {
      const stored = await this.#options.offers.load().catch((error: unknown) => {
        this.#options.log.warn(`cannot read the Noise push offer: ${(error as Error).message}; the next check-in asks for a new one`);
        return undefined;
      });
      // An offer accepted while loading is newer than the file's.
      this.#stored ??= stored;
      this.#loaded = true;
    }
    this.#select();
  }

  /** Closes whichever push connection is open. */
  stop(): void {
    this.#running = false;
    clearTimeout(this.#holdTimer);
    this.#holdTimer = undefined;
    this.#noise?.channel.stop();
    this.#noise = undefined;
    if (this.#tlsRunning) this.#options.tls.stop();
    this.#tlsRunning = false;
  }

  /**
   * Whether the next check-in, which then goes over HTTPS or the TLS push connection, should carry
   * `noisePush: 'wanted'`: no usable offer is stored, or the stored one waits to be confirmed after
   * it proved unreachable. Also closes the Noise channel when the offer just stopped being usable
   * (expiring, or the certificate was renewed), so the answer never goes over Noise.
   */
  wantsOffer(): boolean {
    if (!this.#loaded) return false;
    this.#select();
    return this.#probing || !this.#usable();
  }

  /**
   * Sends a check-in over the open push connection. Over Noise, never with `noisePush`: an offer is
   * asked for and handed out only where the device certificate authenticated the request.
   * Undefined when no push connection can take it (the caller uses HTTPS).
   *
   * @throws AgentRequestError as the push connections do.
   */
  async checkIn<S extends TSchema>(request: CheckInRequest, schema: S, signal?: AbortSignal): Promise<{ answer: Static<S>; via: PushVia } | undefined> {
    const noise = this.#noise;
    if (noise !== undefined) {
      const { noisePush, ...withoutAsking } = request;
      const answer = await noise.channel.checkIn(noisePush === undefined ? request : withoutAsking, schema, signal);
      return answer === undefined ? undefined : { answer, via: 'Noise push' };
    }
    if (!this.#tlsRunning) return undefined;
    const answer = await this.#options.tls.checkIn(request, schema, signal);
    return answer === undefined ? undefined : { answer, via: 'push' };
  }

  /**
   * Stores an offer that came over TLS under certificate `serial`, and opens the Noise channel with
   * it when usable (the TLS push connection otherwise).
   */
  async acceptOffer(offer: NoisePushOffer, serial: string): Promise<void> {
    const stored: StoredNoisePushOffer = { offer, certificateSerial: serial };
    await this.#options.offers.save(stored);
    this.#stored = stored;
    this.#loaded = true;
    this.#probing = false;
    this.#options.log.info(`Noise push channel offered at ${offer.url} until ${offer.expiresAt}`);
    this.#select();
    // An offer already unusable (the certificate expires within a day, or changed meanwhile) is no offer.
    if (this.#running && this.#noise === undefined) this.#useTls();
  }

  /**
   * A check-in that asked for an offer ({@link wantsOffer}) brought none: the TLS push connection
   * starts (its check-ins keep asking). An answer over mTLS without an offer also drops an offer
   * held back after it proved unreachable: the server no longer runs the channel.
   */
  noOfferCame(why: NoOffer): void {
    if (!this.#running) return;
    if (why === 'not offered' && this.#probing) {
      this.#probing = false;
      this.#dropOffer();
    }
    this.#useTls();
  }

  /**
   * Opens the connection the offer and the certificate call for now. After a renewal the Noise
   * channel closes, and a check-in soon asks for an offer under the new certificate.
   */
  refresh(): void {
    this.#select();
    this.#askIfIdle();
  }

  #usable(): boolean {
    return isUsableNoisePushOffer(this.#stored, this.#options.certificateSerial(), this.#options.clock());
  }

  #select(): void {
    if (!this.#running) return;
    const stored = this.#stored;
    if (this.#holdTimer === undefined && !this.#probing && isUsableNoisePushOffer(stored, this.#options.certificateSerial(), this.#options.clock())) {
      if (this.#noise !== undefined && sameOffer(this.#noise.offer, stored.offer)) return;
      this.#noise?.channel.stop();
      if (this.#tlsRunning) this.#options.tls.stop();
      this.#tlsRunning = false;
      this.#tlsWanted = false;
      const offer = stored.offer;
      const channel: PushChannel = this.#options.openNoise(offer, {
        onRefused: (status) => {
          this.#refused(channel, status);
        },
        onUnreachable: () => {
          this.#unreachable(channel);
        },
      });
      this.#noise = { channel, offer };
      channel.start();
      return;
    }
    if (this.#noise !== undefined) {
      this.#noise.channel.stop();
      this.#noise = undefined;
    }
    // A TLS push connection already open stays (its check-ins ask); none opens before a check-in asked.
    if (!this.#tlsRunning && (this.#tlsWanted || this.#holdTimer !== undefined)) {
      this.#tlsRunning = true;
      this.#options.tls.start();
    }
  }

  #useTls(): void {
    this.#tlsWanted = true;
    this.#select();
  }

  /** Nothing runs: a check-in soon asks for an offer rather than waiting for the poll interval. */
  #askIfIdle(): void {
    if (this.#running && this.#noise === undefined && !this.#tlsRunning) this.#options.askSoon();
  }

  #dropOffer(): void {
    const { log, offers } = this.#options;
    this.#stored = undefined;
    offers.remove().catch((error: unknown) => {
      log.warn(`cannot remove the Noise push offer: ${(error as Error).message}`);
    });
  }

  #refused(channel: PushChannel, status: number): void {
    if (this.#noise?.channel !== channel) return;
    this.#options.log.warn(`the Noise push ticket was refused (${status === 0 ? 'unusable URL' : status}); a check-in asks for a new offer`);
    this.#dropOffer();
    this.#select();
    this.#askIfIdle();
  }

  #unreachable(channel: PushChannel): void {
    if (this.#noise?.channel !== channel) return;
    const { clock, log } = this.#options;
    const fallbackMs = this.#options.unreachableFallbackMs ?? FALLBACK_MS;
    const now = clock().getTime();
    if (this.#lastProbeAt === undefined || now - this.#lastProbeAt >= fallbackMs) {
      // Often the server itself was away (a restart): ask whether it still offers the channel
      // before standing a TLS socket in for it.
      this.#lastProbeAt = now;
      this.#probing = true;
      log.warn('the Noise push channel is unreachable; a check-in asks whether the server still offers it');
      this.#select();
      this.#askIfIdle();
      return;
    }
    // Offered again and unreachable again: the network lets only HTTPS through.
    log.warn(`the Noise push channel is unreachable again; using the TLS push connection for ${Math.round(fallbackMs / 60_000)} min`);
    this.#holdTimer = setTimeout(() => {
      this.#holdTimer = undefined;
      this.#select();
    }, fallbackMs);
    this.#select();
  }
}

function sameOffer(a: NoisePushOffer, b: NoisePushOffer): boolean {
  return a.url === b.url && a.ticket === b.ticket && a.psk === b.psk;
}
