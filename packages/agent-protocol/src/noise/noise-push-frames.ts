import { NoiseError } from './noise-error.js';
import { noisePushLimits } from './noise-push-constants.js';
import type { NoiseSession } from './noise-session.js';

/** The flag byte that opens every transport plaintext. */
const fragmentFlag = { last: 0x00, more: 0x01 } as const;

/**
 * The frames that carry one message: each is one Noise transport message whose plaintext is a flag
 * byte (0x00 last, 0x01 more follow) and up to 65518 bytes of the message's UTF-8. An empty message
 * is one frame with just the flag. Send them in order, as separate binary WebSocket frames.
 */
export function sealNoisePushMessage(session: NoiseSession, text: string): Buffer[] {
  const data = Buffer.from(text, 'utf8');
  const frames: Buffer[] = [];
  let offset = 0;
  do {
    const end = Math.min(offset + noisePushLimits.maxFragmentDataBytes, data.length);
    const plaintext = Buffer.allocUnsafe(1 + end - offset);
    plaintext[0] = end < data.length ? fragmentFlag.more : fragmentFlag.last;
    data.copy(plaintext, 1, offset, end);
    frames.push(session.encrypt(plaintext));
    offset = end;
  } while (offset < data.length);
  return frames;
}

// Strict, so that bytes which are not UTF-8 are refused rather than silently replaced; a BOM is kept
// as the peer sent it.
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * Reassembles the messages a peer sends with {@link sealNoisePushMessage}, one connection's frames
 * in arrival order. Any error ends the assembler: every later call throws `NOISE_STATE` (the
 * connection is closed with 1008 anyway).
 */
export class NoisePushAssembler {
  // Unset between messages, so an idle connection holds no array.
  #fragments: Buffer[] | undefined;
  #pendingBytes = 0;
  #failed = false;

  /** `maxMessageBytes`: the largest reassembled message (UTF-8 bytes) this receiver accepts. */
  constructor(readonly maxMessageBytes: number) {
    if (!Number.isSafeInteger(maxMessageBytes) || maxMessageBytes < 0) throw new RangeError('maxMessageBytes must be a non-negative integer');
  }

  /**
   * Decrypts one frame with `session`: the message text when this frame completes one, `undefined`
   * while more fragments are due. Throws NoiseError on a bad frame, a bad flag, a message over the cap
   * or one that is not UTF-8.
   */
  accept(session: NoiseSession, frame: Uint8Array): string | undefined {
    if (this.#failed) throw new NoiseError('NOISE_STATE', 'the assembler failed and cannot be used again');
    try {
      return this.#accept(session.decrypt(frame));
    } catch (error) {
      this.#failed = true;
      this.#fragments = undefined;
      throw error;
    }
  }

  #accept(plaintext: Buffer): string | undefined {
    const flag = plaintext[0];
    if (flag !== fragmentFlag.last && flag !== fragmentFlag.more) {
      throw new NoiseError('NOISE_FRAGMENT_INVALID', flag === undefined ? 'a transport message without a flag byte' : `unknown fragment flag 0x${flag.toString(16).padStart(2, '0')}`);
    }
    const data = plaintext.subarray(1);
    const total = this.#pendingBytes + data.length;
    if (total > this.maxMessageBytes) throw new NoiseError('NOISE_MESSAGE_TOO_LARGE', `a message is at most ${this.maxMessageBytes} bytes`);
    if (flag === fragmentFlag.more) {
      (this.#fragments ??= []).push(data);
      this.#pendingBytes = total;
      return undefined;
    }
    const message = this.#fragments === undefined ? data : Buffer.concat([...this.#fragments, data], total);
    this.#fragments = undefined;
    this.#pendingBytes = 0;
    try {
      return utf8.decode(message);
    } catch (error) {
      throw new NoiseError('NOISE_FRAGMENT_INVALID', 'a message that is not UTF-8', { cause: error });
    }
  }
}
