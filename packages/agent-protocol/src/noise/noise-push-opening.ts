import { NoiseError } from './noise-error.js';
import { NnPsk0Handshake } from './noise-handshake.js';
import { noisePushLimits } from './noise-push-constants.js';
import { sealNoisePushMessage } from './noise-push-frames.js';
import { noisePushPrologue } from './noise-push-prologue.js';
import type { NoiseSession } from './noise-session.js';

/** The agent's end of opening the channel: the first frame now, the session once the server answered. */
export interface NoisePushOpening {
  /** `-> psk, e` with an empty payload: the 48-byte frame to send first. */
  readonly firstMessage: Buffer;
  /**
   * Reads the server's answer (`<- e, ee`, exactly 48 bytes, empty payload): the session, and the
   * key confirmation to send at once (the empty message the server waits for before it counts the
   * channel). NoiseError on any other answer.
   */
  finish(answer: Uint8Array): { readonly session: NoiseSession; readonly confirmation: Buffer[] };
}

function exactHandshakeMessage(message: Uint8Array, whose: string): void {
  if (message.length !== noisePushLimits.handshakeMessageBytes) {
    throw new NoiseError('NOISE_HANDSHAKE_FAILED', `${whose} is ${message.length} bytes, not ${noisePushLimits.handshakeMessageBytes}`);
  }
}

function emptyPayload(payload: Buffer, whose: string): void {
  if (payload.length !== 0) throw new NoiseError('NOISE_HANDSHAKE_FAILED', `${whose} carries a payload`);
}

/**
 * Starts the agent's side of the Noise push channel (docs/protocols/agent-v1.md, "Opening the
 * channel") for an offer: its base64url key and the ticket the prologue binds. NoiseError
 * (`NOISE_HANDSHAKE_FAILED`) when the key is not 32 bytes.
 */
export function openNoisePush(offer: { readonly ticket: string; readonly psk: string }): NoisePushOpening {
  const handshake = NnPsk0Handshake.initiator({ psk: Buffer.from(offer.psk, 'base64url'), prologue: noisePushPrologue(offer.ticket) });
  const firstMessage = handshake.writeMessage();
  return {
    firstMessage,
    finish(answer) {
      exactHandshakeMessage(answer, 'the handshake answer');
      emptyPayload(handshake.readMessage(answer), 'the handshake answer');
      const session = handshake.split();
      return { session, confirmation: sealNoisePushMessage(session, '') };
    },
  };
}

/**
 * The server's side of the handshake: reads the agent's first frame (exactly 48 bytes, empty
 * payload) under the ticket's key and prologue; the answer to send and the session. NoiseError on
 * anything else.
 */
export function acceptNoisePush(psk: Uint8Array, ticket: string, firstMessage: Uint8Array): { readonly reply: Buffer; readonly session: NoiseSession } {
  exactHandshakeMessage(firstMessage, 'the first frame');
  const handshake = NnPsk0Handshake.responder({ psk, prologue: noisePushPrologue(ticket) });
  emptyPayload(handshake.readMessage(firstMessage), 'the first frame');
  const reply = handshake.writeMessage();
  return { reply, session: handshake.split() };
}
