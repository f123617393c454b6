import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { noiseCode } from './noise-code.test-support.js';
import { NnPsk0Handshake } from './noise-handshake.js';
import { NoisePushAssembler } from './noise-push-frames.js';
import { acceptNoisePush, openNoisePush } from './noise-push-opening.js';
import { noisePushPrologue } from './noise-push-prologue.js';

const psk = randomBytes(32);
const offer = { ticket: 'AbC_dEf-123', psk: psk.toString('base64url') };

describe('opening the Noise push channel', () => {
  it('gives both ends one session, and the agent the key confirmation the server reads as an empty message', () => {
    const opening = openNoisePush(offer);
    expect(opening.firstMessage).toHaveLength(48);
    const accepted = acceptNoisePush(psk, offer.ticket, opening.firstMessage);
    expect(accepted.reply).toHaveLength(48);
    const { session, confirmation } = opening.finish(accepted.reply);
    const assembler = new NoisePushAssembler(1024);
    expect(confirmation.map((frame) => assembler.accept(accepted.session, frame))).toEqual(['']);
    expect(new NoisePushAssembler(1024).accept(session, accepted.session.encrypt(Buffer.of(0, 0x7b, 0x7d)))).toBe('{}');
  });

  it('refuses a key that is not 32 bytes, and first frames or answers that are not exactly the empty 48-byte messages', () => {
    expect(noiseCode(() => openNoisePush({ ticket: offer.ticket, psk: randomBytes(16).toString('base64url') }))).toBe('NOISE_HANDSHAKE_FAILED');
    const first = openNoisePush(offer).firstMessage;
    for (const bad of [first.subarray(0, 47), Buffer.concat([first, Buffer.of(0)]), Buffer.alloc(0)]) {
      expect(noiseCode(() => acceptNoisePush(psk, offer.ticket, bad))).toBe('NOISE_HANDSHAKE_FAILED');
    }
    expect(noiseCode(() => acceptNoisePush(psk, 'another-ticket', first))).toBe('NOISE_HANDSHAKE_FAILED');
    // A first message with a payload is longer than 48 bytes.
    const withPayload = NnPsk0Handshake.initiator({ psk, prologue: noisePushPrologue(offer.ticket) }).writeMessage(Buffer.of(1));
    expect(noiseCode(() => acceptNoisePush(psk, offer.ticket, withPayload))).toBe('NOISE_HANDSHAKE_FAILED');

    const opening = openNoisePush(offer);
    const responder = NnPsk0Handshake.responder({ psk, prologue: noisePushPrologue(offer.ticket) });
    responder.readMessage(opening.firstMessage);
    expect(noiseCode(() => opening.finish(responder.writeMessage(Buffer.of(1))))).toBe('NOISE_HANDSHAKE_FAILED');
    expect(noiseCode(() => openNoisePush(offer).finish(randomBytes(48)))).toBe('NOISE_HANDSHAKE_FAILED');
    expect(noiseCode(() => openNoisePush(offer).finish(randomBytes(49)))).toBe('NOISE_HANDSHAKE_FAILED');
  });
});
