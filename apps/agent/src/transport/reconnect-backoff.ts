import { backoffDelay } from '../runtime/backoff-delay.js';

// A connection that lived this long was healthy: the next failure starts the backoff from scratch.
const HEALTHY_AFTER_MS = 30_000;

/**
 * When a push connection reconnects: exponential backoff with full jitter over the failures in a
 * row, starting again from the first step after a connection that stayed up long enough.
 */
export class ReconnectBackoff {
  readonly #random: () => number;
  #attempt = 0;

  constructor(random: () => number) {
    this.#random = random;
  }

  /**
   * The delay before the next attempt.
   *
   * @param upForMs how long the connection that just closed was up (undefined: it never opened).
   */
  next(upForMs: number | undefined): number {
    if (upForMs !== undefined && upForMs >= HEALTHY_AFTER_MS) this.#attempt = 0;
    return backoffDelay(this.#attempt++, this.#random);
  }
}
