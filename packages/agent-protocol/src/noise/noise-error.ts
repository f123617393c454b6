/**
 * The stable codes with which the Noise push channel refuses input or misuse. Callers match on these,
 * never on the message; every one of them ends the connection (close 1008). See
 * docs/protocols/agent-v1.md, "The Noise push channel".
 */
export const noiseErrorCodes = [
  /** A handshake message failed to decrypt or had the wrong shape, a key was unusable, or the psk is not 32 bytes. */
  'NOISE_HANDSHAKE_FAILED',
  /** A transport message failed to authenticate (wrong key, tampered, replayed, reordered, truncated, empty). */
  'NOISE_DECRYPT_FAILED',
  /** A Noise message over 65535 bytes, a plaintext that would make one, or a reassembled message over the receiver's cap. */
  'NOISE_MESSAGE_TOO_LARGE',
  /** A transport plaintext without a flag byte or with a flag other than 0x00 (last) and 0x01 (more). */
  'NOISE_FRAGMENT_INVALID',
  /** A call out of turn: a handshake message in the wrong direction, split() too early, or any use after a failure or at the reserved nonce. */
  'NOISE_STATE',
] as const;

export type NoiseErrorCode = (typeof noiseErrorCodes)[number];

/** The one error class of the Noise push channel. `code` is stable; `cause` keeps a crypto error when there was one. */
export class NoiseError extends Error {
  override readonly name = 'NoiseError';

  constructor(
    readonly code: NoiseErrorCode,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}
