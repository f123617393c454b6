/** The Noise protocol the push channel speaks (Noise Protocol Framework rev 34). */
export const noisePushProtocolName = 'Noise_NNpsk0_25519_ChaChaPoly_SHA256';

/** Path of the Noise push WebSocket (plain TCP, or TLS terminated by an operator's proxy). */
export const noisePushPath = '/agent/v1/noise-push';

/** Header carrying the ticket on the upgrade request, lower-case as Node presents header names. */
export const noisePushTicketHeader = 'ward-push-ticket';

/** Sizes and times both ends of the Noise push channel enforce. */
export const noisePushLimits = {
  /** Each handshake message: a 32-byte ephemeral key and the 16-byte tag of the empty payload. */
  handshakeMessageBytes: 48,
  /** The Noise maximum for any message, and so for every binary frame of the channel. */
  maxTransportMessageBytes: 65535,
  /** Message bytes per fragment: a whole transport message less the 16-byte tag and the flag byte. */
  maxFragmentDataBytes: 65518,
  /** The ticket the server hands out is opaque to the agent but never longer than this. */
  maxTicketChars: 512,
  /** The server closes a connection that has not sent handshake message 1 within this time. */
  handshakeTimeoutMs: 10_000,
} as const;
