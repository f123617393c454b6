import { chachaPolyDecrypt, chachaPolyEncrypt, noiseReservedNonce } from './noise-chacha-poly.js';
import { NoiseError } from './noise-error.js';
import { noiseHash, noiseHashLength, noiseHkdf2, noiseHkdf3 } from './noise-sha256.js';

/**
 * Noise's SymmetricState with its embedded CipherState (spec §5.1–5.2), for the handshake only:
 * transport keys leave through {@link SymmetricState.split} and live in a NoiseSession.
 */
export class SymmetricState {
  #chainingKey: Buffer;
  #hash: Buffer;
  #key: Buffer | undefined;
  #nonce = 0n;

  /** InitializeSymmetric(protocol_name). */
  constructor(protocolName: string) {
    const name = Buffer.from(protocolName, 'utf8');
    if (name.length <= noiseHashLength) {
      this.#hash = Buffer.alloc(noiseHashLength);
      name.copy(this.#hash);
    } else {
      this.#hash = noiseHash(name);
    }
    this.#chainingKey = Buffer.from(this.#hash);
  }

  /** h: after the handshake, a unique identifier of it that both sides share. */
  get handshakeHash(): Buffer {
    return Buffer.from(this.#hash);
  }

  /** Whether a key is set, so payloads are encrypted and carry a tag. */
  get hasKey(): boolean {
    return this.#key !== undefined;
  }

  #initializeKey(key: Buffer): void {
    this.#key?.fill(0);
    this.#key = key;
    this.#nonce = 0n;
  }

  #replaceChainingKey(chainingKey: Buffer): void {
    this.#chainingKey.fill(0);
    this.#chainingKey = chainingKey;
  }

  /** MixKey(input_key_material). */
  mixKey(inputKeyMaterial: Uint8Array): void {
    const [chainingKey, key] = noiseHkdf2(this.#chainingKey, inputKeyMaterial);
    this.#replaceChainingKey(chainingKey);
    this.#initializeKey(key);
  }

  /** MixHash(data). */
  mixHash(data: Uint8Array): void {
    this.#hash = noiseHash(this.#hash, data);
  }

  /** MixKeyAndHash(input_key_material): how a psk enters the handshake. */
  mixKeyAndHash(inputKeyMaterial: Uint8Array): void {
    const [chainingKey, hashInput, key] = noiseHkdf3(this.#chainingKey, inputKeyMaterial);
    this.#replaceChainingKey(chainingKey);
    this.mixHash(hashInput);
    this.#initializeKey(key);
  }

  #usableNonce(): bigint {
    if (this.#nonce >= noiseReservedNonce) throw new NoiseError('NOISE_STATE', 'the handshake nonce is exhausted');
    return this.#nonce;
  }

  /** EncryptAndHash(plaintext), with h as the associated data. */
  encryptAndHash(plaintext: Uint8Array): Buffer {
    let ciphertext: Buffer;
    if (this.#key === undefined) {
      ciphertext = Buffer.from(plaintext);
    } else {
      ciphertext = chachaPolyEncrypt(this.#key, this.#usableNonce(), this.#hash, plaintext);
      this.#nonce += 1n;
    }
    this.mixHash(ciphertext);
    return ciphertext;
  }

  /** DecryptAndHash(ciphertext): the plaintext, or `undefined` when it does not authenticate (h is then left unchanged). */
  decryptAndHash(ciphertext: Uint8Array): Buffer | undefined {
    let plaintext: Buffer | undefined;
    if (this.#key === undefined) {
      plaintext = Buffer.from(ciphertext);
    } else {
      plaintext = chachaPolyDecrypt(this.#key, this.#usableNonce(), this.#hash, ciphertext);
      if (plaintext === undefined) return undefined;
      this.#nonce += 1n;
    }
    this.mixHash(ciphertext);
    return plaintext;
  }

  /**
   * Split(): the two transport keys, initiator→responder first. The chaining key and handshake key
   * are wiped, so nothing more can be derived; h stays readable.
   */
  split(): [Buffer, Buffer] {
    const keys = noiseHkdf2(this.#chainingKey, Buffer.alloc(0));
    this.wipe();
    return keys;
  }

  /** Forgets the secret state (ck, k); h, which is not secret, stays. */
  wipe(): void {
    this.#chainingKey.fill(0);
    this.#key?.fill(0);
    this.#key = undefined;
  }
}
