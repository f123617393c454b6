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
  /** The TLS push connection (mTLS): the fallback, and the channel while there is no usable offer. */
  readonly tls: PushChannel;
  /** Creates the Noise push connection for an offer; called again for every new offer or retry. */
  readonly openNoise: (offer: NoisePushOffer, events: NoisePushEvents) => PushChannel;
  readonly offers: Pick<NoisePushOfferStore, 'load' | 'save' | 'remove'>;
  /** The serial number of the device certificate in use now. */
  readonly certificateSerial: () => string;
  readonly clock: () => Date;
  readonly log: Logger;
  /** How long the TLS push connection stands in after the Noise channel proved unreachable; 15 min by default. */
  readonly unreachableFallbackMs?: number;
}

/** Which push connection carried a check-in. */
export type PushVia = 'push' | 'Noise push';

const FALLBACK_MS = 15 * 60 * 1000;

/**
 * Chooses the agent's one push connection (docs/protocols/agent-v1.md, "The Noise push channel"):
 * the Noise channel while a usable offer is stored (same certificate, good for more than a day),
 * the TLS push connection otherwise, and then check-ins over TLS ask for an offer
 * ({@link wantsOffer}). An offer refused at the upgrade is dropped; a Noise channel that fails
 * before its handshake again and again gives way to the TLS connection for 15 minutes. Exactly one
 * of the two runs at a time.
 */
export class PushChannelSwitch {
  readonly #options: PushChannelSwitchOptions;
  #stored: StoredNoisePushOffer | undefined;
  #loaded = false;
  #running = false;
  #tlsRunning = false;
  #noise: { readonly channel: PushChannel; readonly offer: NoisePushOffer } | undefined;
  // Set while the Noise channel is held off after it proved unreachable.
  #holdTimer: NodeJS.Timeout | undefined;

  constructor(options: PushChannelSwitchOptions) {
    this.#options = options;
  }

  /** Loads the stored offer and opens the push connection it calls for. */
  async start(): Promise<void> {
    if (this.#running) return;
    this.#running = true;
    if (!this.#loaded) {
      const stored = await this.#options.offers.load().catch((error: unknown) => {
        this.#options.log.warn(`cannot read the Noise push offer: ${(error as Error).message}; using the TLS push connection`);
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
   * Whether the next check-in, which then goes over TLS, should carry `noisePush: 'wanted'`: no
   * usable offer is stored. Also switches to the TLS connection when the offer just stopped being
   * usable (expiring, or the certificate was renewed), so the answer never goes over Noise.
   */
  wantsOffer(): boolean {
    if (!this.#loaded) return false;
    this.#select();
    return !this.#usable();
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

  /** Stores an offer that came over TLS under certificate `serial`, and opens the Noise channel with it when usable. */
  async acceptOffer(offer: NoisePushOffer, serial: string): Promise<void> {
    const stored: StoredNoisePushOffer = { offer, certificateSerial: serial };
    await this.#options.offers.save(stored);
    this.#stored = stored;
    this.#loaded = true;
    this.#options.log.info(`Noise push channel offered at ${offer.url} until ${offer.expiresAt}`);
    this.#select();
  }

  /** Opens the connection the offer and the certificate call for now (after a renewal: the TLS one). */
  refresh(): void {
    this.#select();
  }

  #usable(): boolean {
    return isUsableNoisePushOffer(this.#stored, this.#options.certificateSerial(), this.#options.clock());
  }

  #select(): void {
    if (!this.#running) return;
    const stored = this.#stored;
    if (this.#holdTimer === undefined && isUsableNoisePushOffer(stored, this.#options.certificateSerial(), this.#options.clock())) {
      if (this.#noise !== undefined && sameOffer(this.#noise.offer, stored.offer)) return;
      this.#noise?.channel.stop();
      if (this.#tlsRunning) this.#options.tls.stop();
      this.#tlsRunning = false;
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
    if (!this.#tlsRunning) {
      this.#tlsRunning = true;
      this.#options.tls.start();
    }
  }

  #refused(channel: PushChannel, status: number): void {
    if (this.#noise?.channel !== channel) return;
    const { log, offers } = this.#options;
    log.warn(`the Noise push ticket was refused (${status === 0 ? 'unusable URL' : status}); using the TLS push connection, and the next check-in asks for a new offer`);
    this.#stored = undefined;
    offers.remove().catch((error: unknown) => {
      log.warn(`cannot remove the Noise push offer: ${(error as Error).message}`);
    });
    this.#select();
  }

  #unreachable(channel: PushChannel): void {
    if (this.#noise?.channel !== channel) return;
    const fallbackMs = this.#options.unreachableFallbackMs ?? FALLBACK_MS;
    this.#options.log.warn(`the Noise push channel is unreachable; using the TLS push connection for ${Math.round(fallbackMs / 60_000)} min`);
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
