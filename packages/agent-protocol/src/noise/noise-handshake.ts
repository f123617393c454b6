import { noiseTagLength } from './noise-chacha-poly.js';
import { NoiseError } from './noise-error.js';
import { noisePushLimits, noisePushProtocolName } from './noise-push-constants.js';
import { NoiseSession } from './noise-session.js';
import { SymmetricState } from './noise-symmetric-state.js';
import { generateX25519KeyPair, noiseDhLength, x25519, x25519KeyPairFromPrivateKey, type X25519KeyPair } from './noise-x25519.js';

const pskLength = 32;
/** The smallest handshake message: an ephemeral key and the tag of an empty payload. */
const minHandshakeMessageBytes = noiseDhLength + noiseTagLength;

/** What both ends of an NNpsk0 handshake must agree on. */
export interface NnPsk0HandshakeOptions {
  /** The 32-byte pre-shared key. Read during construction and not kept. */
  readonly psk: Uint8Array;
  /** Bytes both sides bind into the handshake; see `noisePushPrologue`. */
  readonly prologue: Uint8Array;
  /** Tests only: a fixed 32-byte ephemeral private key, to compare against another implementation. */
  readonly ephemeralPrivateKey?: Uint8Array;
}

/** Which message is due next: message 1 (`-> psk, e`), message 2 (`<- e, ee`), then none. */
type Progress = 'message1' | 'message2' | 'complete' | 'split' | 'failed';

/**
 * One side of a `Noise_NNpsk0_25519_ChaChaPoly_SHA256` handshake (Noise rev 34, §7.4 and §9):
 *
 *     NNpsk0:
 *       -> psk, e
 *       <- e, ee
 *
 * Because the pattern has a psk, every `e` token also does MixKey(e), so both payloads are encrypted
 * and even empty ones carry a tag: each message is 48 bytes plus the payload. Any failure ends the
 * handshake: secrets are wiped and every later call throws `NOISE_STATE`. Calls out of turn throw
 * `NOISE_STATE` and change nothing.
 */
export class NnPsk0Handshake {
  readonly #initiator: boolean;
  readonly #symmetric: SymmetricState;
  #ephemeral: X25519KeyPair | undefined;
  #remoteEphemeral: Buffer | undefined;
  #progress: Progress = 'message1';

  /** The agent's side: writes message 1, reads message 2. */
  static initiator(options: NnPsk0HandshakeOptions): NnPsk0Handshake {
    return new NnPsk0Handshake(true, options);
  }

  /** The server's side: reads message 1, writes message 2. */
  static responder(options: NnPsk0HandshakeOptions): NnPsk0Handshake {
    return new NnPsk0Handshake(false, options);
  }

  private constructor(initiator: boolean, options: NnPsk0HandshakeOptions) {
    if (options.psk.length !== pskLength) throw new NoiseError('NOISE_HANDSHAKE_FAILED', `the psk is ${pskLength} bytes`);
    this.#initiator = initiator;
    this.#ephemeral = options.ephemeralPrivateKey === undefined ? undefined : x25519KeyPairFromPrivateKey(options.ephemeralPrivateKey);
    this.#symmetric = new SymmetricState(noisePushProtocolName);
    this.#symmetric.mixHash(options.prologue);
    // The psk token opens message 1 and nothing but the prologue comes before it, so both sides can
    // process it now and need not hold the psk while they wait.
    this.#symmetric.mixKeyAndHash(options.psk);
  }

  /** Whether both messages have been processed, so {@link NnPsk0Handshake.split} may be called. */
  get complete(): boolean {
    return this.#progress === 'complete' || this.#progress === 'split';
  }

  /** h: once complete, the same on both sides and unique to this handshake (for channel binding and tests). */
  get handshakeHash(): Buffer {
    return this.#symmetric.handshakeHash;
  }

  /** WriteMessage(payload): this side's next handshake message (48 bytes with an empty payload). */
  writeMessage(payload: Uint8Array = Buffer.alloc(0)): Buffer {
    const message = this.#turn(true);
    if (minHandshakeMessageBytes + payload.length > noisePushLimits.maxTransportMessageBytes) {
      throw new NoiseError('NOISE_MESSAGE_TOO_LARGE', `a handshake message is at most ${noisePushLimits.maxTransportMessageBytes} bytes`);
    }
    return this.#guard(() => {
      const ephemeral = this.#ephemeral ?? generateX25519KeyPair();
      this.#ephemeral = ephemeral;
      this.#mixEphemeral(ephemeral.publicKey);
      if (message === 'message2') this.#mixEe();
      const ciphertext = this.#symmetric.encryptAndHash(payload);
      this.#advance();
      return Buffer.concat([ephemeral.publicKey, ciphertext]);
    });
  }

  /** ReadMessage(message): the payload of the peer's handshake message. */
  readMessage(message: Uint8Array): Buffer {
    const due = this.#turn(false);
    return this.#guard(() => {
      if (message.length > noisePushLimits.maxTransportMessageBytes) {
        throw new NoiseError('NOISE_MESSAGE_TOO_LARGE', `a handshake message is at most ${noisePushLimits.maxTransportMessageBytes} bytes`);
      }
      if (message.length < minHandshakeMessageBytes) throw new NoiseError('NOISE_HANDSHAKE_FAILED', 'the handshake message is too short');
      this.#remoteEphemeral = Buffer.from(message.subarray(0, noiseDhLength));
      this.#mixEphemeral(this.#remoteEphemeral);
      if (due === 'message2') this.#mixEe();
      const payload = this.#symmetric.decryptAndHash(message.subarray(noiseDhLength));
      if (payload === undefined) throw new NoiseError('NOISE_HANDSHAKE_FAILED', 'the handshake message failed to authenticate');
      this.#advance();
      return payload;
    });
  }

  /**
   * Split(): the transport session, oriented by role (the initiator sends with the first key, the
   * responder with the second). Only once complete, and only once: it wipes the handshake's secrets.
   */
  split(): NoiseSession {
    if (this.#progress !== 'complete') {
      throw new NoiseError('NOISE_STATE', this.#progress === 'split' ? 'the handshake was already split' : 'the handshake is not complete');
    }
    const [initiatorToResponder, responderToInitiator] = this.#symmetric.split();
    this.#progress = 'split';
    const session = this.#initiator ? new NoiseSession(initiatorToResponder, responderToInitiator) : new NoiseSession(responderToInitiator, initiatorToResponder);
    initiatorToResponder.fill(0);
    responderToInitiator.fill(0);
    return session;
  }

  /** The message this call may process, or NOISE_STATE when it is not this side's turn to write (or read). */
  #turn(writing: boolean): 'message1' | 'message2' {
    const progress = this.#progress;
    if (progress === 'failed') throw new NoiseError('NOISE_STATE', 'the handshake failed and cannot continue');
    if (progress === 'message1' || progress === 'message2') {
      const ours = (progress === 'message1') === this.#initiator;
      if (ours === writing) return progress;
    }
    throw new NoiseError('NOISE_STATE', `${writing ? 'writing' : 'reading'} a handshake message out of turn`);
  }

  /** The `e` token, with the psk modifier's extra MixKey(e). */
  #mixEphemeral(publicKey: Buffer): void {
    this.#symmetric.mixHash(publicKey);
    this.#symmetric.mixKey(publicKey);
  }

  /** The `ee` token: the last use of the local ephemeral private key, which is dropped after it. */
  #mixEe(): void {
    if (this.#ephemeral === undefined || this.#remoteEphemeral === undefined) throw new NoiseError('NOISE_STATE', 'ee without both ephemeral keys');
    const shared = x25519(this.#ephemeral.privateKey, this.#remoteEphemeral);
    this.#ephemeral = undefined;
    this.#symmetric.mixKey(shared);
    shared.fill(0);
  }

  #advance(): void {
    this.#progress = this.#progress === 'message1' ? 'message2' : 'complete';
  }

  /** Runs one message's processing; a failure anywhere in it ends the handshake. */
  #guard<T>(step: () => T): T {
    try {
      return step();
    } catch (error) {
      this.#progress = 'failed';
      this.#ephemeral = undefined;
      this.#symmetric.wipe();
      throw error instanceof NoiseError ? error : new NoiseError('NOISE_HANDSHAKE_FAILED', 'the handshake failed', { cause: error });
    }
  }
}
