import { chachaPolyDecrypt, chachaPolyEncrypt, noiseReservedNonce, noiseTagLength } from './noise-chacha-poly.js';
import { NoiseError } from './noise-error.js';
import { noisePushLimits } from './noise-push-constants.js';

const sessionKeyLength = 32;
const noAssociatedData = Buffer.alloc(0);
// A counter value no CipherState ever reaches: marks a session that failed, without another field.
const failedNonce = -1n;

/** Initial counters; only tests set them, to reach the reserved nonce or match another implementation. */
export interface NoiseSessionNonces {
  readonly send: bigint;
  readonly receive: bigint;
}

/**
 * The transport phase of a Noise session: one CipherState per direction (spec §5.1), each only a
 * 32-byte key and a counter. It stays this small because an idle agent's connection must cost the
 * server little; the ChaCha20-Poly1305 cipher is made per message instead of kept.
 *
 * Transport messages are authenticated in order: a dropped, replayed or reordered one fails to
 * decrypt. Any failure of {@link NoiseSession.decrypt} ends the session: its keys are wiped and every
 * later call throws `NOISE_STATE`.
 */
export class NoiseSession {
  readonly #sendKey: Buffer;
  readonly #receiveKey: Buffer;
  #sendNonce: bigint;
  #receiveNonce: bigint;

  /**
   * Sessions come from `NnPsk0Handshake.split()`; the keys are copied. `nonces` is for tests only:
   * reusing a key with a counter that was already used destroys confidentiality.
   */
  constructor(sendKey: Uint8Array, receiveKey: Uint8Array, nonces?: NoiseSessionNonces) {
    if (sendKey.length !== sessionKeyLength || receiveKey.length !== sessionKeyLength) {
      throw new NoiseError('NOISE_STATE', `a session key is ${sessionKeyLength} bytes`);
    }
    for (const nonce of [nonces?.send, nonces?.receive]) {
      if (nonce !== undefined && (nonce < 0n || nonce > noiseReservedNonce)) throw new NoiseError('NOISE_STATE', 'a nonce is a 64-bit unsigned counter');
    }
    // Both keys share one allocation of their own. Copies into Node's shared Buffer pool would be
    // smaller on paper, but a long-lived slice keeps its whole 8 KiB pool slab alive.
    const keys = Buffer.allocUnsafeSlow(2 * sessionKeyLength);
    keys.set(sendKey, 0);
    keys.set(receiveKey, sessionKeyLength);
    this.#sendKey = keys.subarray(0, sessionKeyLength);
    this.#receiveKey = keys.subarray(sessionKeyLength);
    this.#sendNonce = nonces?.send ?? 0n;
    this.#receiveNonce = nonces?.receive ?? 0n;
  }

  /** The most plaintext one transport message can carry. */
  static readonly maxPlaintextBytes = noisePushLimits.maxTransportMessageBytes - noiseTagLength;

  #usableNonce(nonce: bigint): bigint {
    if (nonce === failedNonce) throw new NoiseError('NOISE_STATE', 'the Noise session failed and cannot be used again');
    if (nonce >= noiseReservedNonce) throw new NoiseError('NOISE_STATE', 'the Noise session has used all its nonces');
    return nonce;
  }

  /** EncryptWithAd(empty, plaintext): the next transport message to send, at most 65535 bytes. */
  encrypt(plaintext: Uint8Array): Buffer {
    const nonce = this.#usableNonce(this.#sendNonce);
    if (plaintext.length > NoiseSession.maxPlaintextBytes) {
      throw new NoiseError('NOISE_MESSAGE_TOO_LARGE', `a transport message carries at most ${NoiseSession.maxPlaintextBytes} bytes of plaintext`);
    }
    const ciphertext = chachaPolyEncrypt(this.#sendKey, nonce, noAssociatedData, plaintext);
    this.#sendNonce = nonce + 1n;
    return ciphertext;
  }

  /** DecryptWithAd(empty, ciphertext): the plaintext of the next transport message received. */
  decrypt(ciphertext: Uint8Array): Buffer {
    const nonce = this.#usableNonce(this.#receiveNonce);
    if (ciphertext.length > noisePushLimits.maxTransportMessageBytes) {
      this.#fail();
      throw new NoiseError('NOISE_MESSAGE_TOO_LARGE', `a transport message is at most ${noisePushLimits.maxTransportMessageBytes} bytes`);
    }
    const plaintext = chachaPolyDecrypt(this.#receiveKey, nonce, noAssociatedData, ciphertext);
    if (plaintext === undefined) {
      this.#fail();
      throw new NoiseError('NOISE_DECRYPT_FAILED', 'a transport message failed to authenticate');
    }
    this.#receiveNonce = nonce + 1n;
    return plaintext;
  }

  #fail(): void {
    this.#sendKey.fill(0);
    this.#receiveKey.fill(0);
    this.#sendNonce = failedNonce;
    this.#receiveNonce = failedNonce;
  }
}
