import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { NoisePushOffer } from '@ward/agent-protocol';
import { matchesSchema } from '../protocol/matches-schema.js';
import { isRecord } from '../storage/is-record.js';
import { readJsonFile } from '../storage/read-json-file.js';
import { writeFileAtomic } from '../storage/write-file-atomic.js';

/** A Noise push offer and the device certificate it came under. */
export interface StoredNoisePushOffer {
  readonly offer: NoisePushOffer;
  /** Serial number of the device certificate the check-in that brought the offer went with. */
  readonly certificateSerial: string;
}

/** The offer's file in the state dir; retiring and enrolling again delete it with the rest of that dir. */
export function noisePushOfferFile(stateDir: string): string {
  return join(stateDir, 'noise-push-offer.json');
}

// Ask again this long before the offer expires (the spec: "expires within a day").
const RENEW_BEFORE_MS = 24 * 60 * 60 * 1000;

/**
 * Whether `stored` may open the Noise push channel for the device certificate `serial` at `now`:
 * it came under that certificate (a renewed or re-enrolled device has a new ticket to ask for), it
 * is good for more than a day, and its URL is one a WebSocket client can open. When it is not, the
 * agent asks for a new offer and uses the TLS push connection meanwhile.
 */
export function isUsableNoisePushOffer(stored: StoredNoisePushOffer | undefined, serial: string, now: Date): stored is StoredNoisePushOffer {
  if (stored === undefined || stored.certificateSerial !== serial) return false;
  if (!(Date.parse(stored.offer.expiresAt) - now.getTime() > RENEW_BEFORE_MS)) return false;
  let url: URL;
  try {
    url = new URL(stored.offer.url);
  } catch {
    return false;
  }
  return (url.protocol === 'ws:' || url.protocol === 'wss:') && url.hash === '';
}

/**
 * The Noise push offer in the state dir, mode 0600 like the device key (the pre-shared key and the
 * ticket are secrets), written atomically. Writes are serialised, so a removal and a later save end
 * in the order they were asked for.
 */
export class NoisePushOfferStore {
  readonly #file: string;
  #writes: Promise<void> = Promise.resolve();

  constructor(file: string) {
    this.#file = file;
  }

  /**
   * The stored offer; undefined when there is none or the file is damaged (the agent then asks for
   * a new one, which replaces it).
   *
   * @throws Error when the file exists but cannot be read (permissions, I/O).
   */
  async load(): Promise<StoredNoisePushOffer | undefined> {
    await this.#writes;
    let record: unknown;
    try {
      record = await readJsonFile(this.#file);
    } catch (error) {
      if (error instanceof Error && error.cause instanceof SyntaxError) return undefined;
      throw error;
    }
    if (!isRecord(record) || typeof record.certificateSerial !== 'string' || record.certificateSerial === '' || record.certificateSerial.length > 128) return undefined;
    if (!matchesSchema(NoisePushOffer, record.offer)) return undefined;
    const { url, ticket, psk, expiresAt } = record.offer;
    return { offer: { url, ticket, psk, expiresAt }, certificateSerial: record.certificateSerial };
  }

  /** Stores `stored`, replacing any earlier offer. */
  async save(stored: StoredNoisePushOffer): Promise<void> {
    const { url, ticket, psk, expiresAt } = stored.offer;
    const text = `${JSON.stringify({ certificateSerial: stored.certificateSerial, offer: { url, ticket, psk, expiresAt } }, null, 2)}\n`;
    await this.#serialise(() => writeFileAtomic(this.#file, text, 0o600));
  }

  /** Forgets the offer (refused by the server). */
  async remove(): Promise<void> {
    await this.#serialise(() => rm(this.#file, { force: true }));
  }

  async #serialise(write: () => Promise<void>): Promise<void> {
    const run = this.#writes.then(write);
    this.#writes = run.catch(() => undefined);
    await run;
  }
}
