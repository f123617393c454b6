import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { noiseCode } from './noise-code.test-support.js';
import { NnPsk0Handshake, type NnPsk0HandshakeOptions } from './noise-handshake.js';
import { noisePushLimits, noisePushProtocolName } from './noise-push-constants.js';
import { noisePushPrologue } from './noise-push-prologue.js';
import { SymmetricState } from './noise-symmetric-state.js';

const psk = randomBytes(32);
const prologue = noisePushPrologue('dGlja2V0');
const options: NnPsk0HandshakeOptions = { psk, prologue };

function flipBit(message: Uint8Array, index: number): Buffer {
  const copy = Buffer.from(message);
  copy[index] = copy[index]! ^ 0x01;
  return copy;
}

/** A responder that has read a valid message 1, and the initiator that wrote it. */
function afterMessage1(): { initiator: NnPsk0Handshake; responder: NnPsk0Handshake; message1: Buffer } {
  const initiator = NnPsk0Handshake.initiator(options);
  const responder = NnPsk0Handshake.responder(options);
  const message1 = initiator.writeMessage();
  responder.readMessage(message1);
  return { initiator, responder, message1 };
}

describe('NnPsk0Handshake', () => {
  it('reproduces a fixed vector computed with dissononce', () => {
    const fixed = { psk: Buffer.alloc(32, 0x11), prologue: Buffer.from('hi') };
    const initiator = NnPsk0Handshake.initiator({ ...fixed, ephemeralPrivateKey: Buffer.alloc(32, 0x22) });
    const responder = NnPsk0Handshake.responder({ ...fixed, ephemeralPrivateKey: Buffer.alloc(32, 0x33) });
    const message1 = initiator.writeMessage();
    expect(message1.toString('hex')).toBe('0faa684ed28867b97f4a6a2dee5df8ce974e76b7018e3f22a1c4cf2678570f209bd54d730f6cddda9d765e026a9640ce');
    responder.readMessage(message1);
    const message2 = responder.writeMessage();
    expect(message2.toString('hex')).toBe('7b0d47d93427f8311160781c7c733fd89f88970aef490d8aa0ee19a4cb8a1b149d0f2a940fa6aff1d1be7fe6514d9c1b');
    initiator.readMessage(message2);
    expect(initiator.handshakeHash.toString('hex')).toBe('a10e54c7c4a146843af9f7d9333ee4214b111e1e9e98bc8758f83179d3fafbdd');
    expect(initiator.split().encrypt(Buffer.from('hello')).toString('hex')).toBe('fc06bcc2820f6e4d303adea4bcc59c7dc12bebec65');
    expect(responder.split().encrypt(Buffer.from('world')).toString('hex')).toBe('ce4420bfa9c4d944386ab96745f0c511cc7623fef7');
  });

  it('completes with 48-byte messages, equal handshake hashes and matching sessions', () => {
    const initiator = NnPsk0Handshake.initiator(options);
    const responder = NnPsk0Handshake.responder(options);
    const message1 = initiator.writeMessage();
    expect(message1).toHaveLength(noisePushLimits.handshakeMessageBytes);
    expect(responder.readMessage(message1)).toEqual(Buffer.alloc(0));
    expect(responder.complete).toBe(false);
    const message2 = responder.writeMessage();
    expect(message2).toHaveLength(noisePushLimits.handshakeMessageBytes);
    expect(initiator.readMessage(message2)).toEqual(Buffer.alloc(0));
    expect(initiator.complete && responder.complete).toBe(true);
    expect(initiator.handshakeHash).toEqual(responder.handshakeHash);

    const agent = initiator.split();
    const server = responder.split();
    expect(server.decrypt(agent.encrypt(Buffer.from('to the server')))).toEqual(Buffer.from('to the server'));
    expect(agent.decrypt(server.encrypt(Buffer.from('to the agent')))).toEqual(Buffer.from('to the agent'));
  });

  it('carries handshake payloads encrypted', () => {
    const initiator = NnPsk0Handshake.initiator(options);
    const responder = NnPsk0Handshake.responder(options);
    const message1 = initiator.writeMessage(Buffer.from('hello responder'));
    expect(message1).toHaveLength(48 + 15);
    expect(message1.includes(Buffer.from('hello'))).toBe(false);
    expect(responder.readMessage(message1)).toEqual(Buffer.from('hello responder'));
    expect(initiator.readMessage(responder.writeMessage(Buffer.from('hi')))).toEqual(Buffer.from('hi'));
  });

  it('uses a fresh ephemeral key for every handshake', () => {
    const first = NnPsk0Handshake.initiator(options).writeMessage();
    const second = NnPsk0Handshake.initiator(options).writeMessage();
    expect(first.subarray(0, 32)).not.toEqual(second.subarray(0, 32));
  });

  it('refuses a psk that is not 32 bytes', () => {
    expect(noiseCode(() => NnPsk0Handshake.initiator({ psk: randomBytes(31), prologue }))).toBe('NOISE_HANDSHAKE_FAILED');
    expect(noiseCode(() => NnPsk0Handshake.responder({ psk: randomBytes(33), prologue }))).toBe('NOISE_HANDSHAKE_FAILED');
  });

  it('fails message 1 under a different psk or prologue', () => {
    const message1 = NnPsk0Handshake.initiator(options).writeMessage();
    expect(noiseCode(() => NnPsk0Handshake.responder({ psk: randomBytes(32), prologue }).readMessage(message1))).toBe('NOISE_HANDSHAKE_FAILED');
    expect(noiseCode(() => NnPsk0Handshake.responder({ psk, prologue: noisePushPrologue('b3RoZXI') }).readMessage(message1))).toBe('NOISE_HANDSHAKE_FAILED');
  });

  it('fails a message 2 spliced in from another handshake', () => {
    const { initiator } = afterMessage1();
    const other = afterMessage1();
    expect(noiseCode(() => initiator.readMessage(other.responder.writeMessage()))).toBe('NOISE_HANDSHAKE_FAILED');
  });

  it.each([
    ['truncated to 47 bytes', (m: Buffer) => m.subarray(0, 47)],
    ['truncated to nothing', () => Buffer.alloc(0)],
    ['without its tag', (m: Buffer) => m.subarray(0, 32)],
    ['extended by a byte', (m: Buffer) => Buffer.concat([m, Buffer.of(0)])],
    ['with a bit flipped in the ephemeral key', (m: Buffer) => flipBit(m, 5)],
    ['with a bit flipped in the tag', (m: Buffer) => flipBit(m, 47)],
  ])('fails message 1 %s', (_name, tamper) => {
    const message1 = NnPsk0Handshake.initiator(options).writeMessage();
    const responder = NnPsk0Handshake.responder(options);
    expect(noiseCode(() => responder.readMessage(tamper(message1)))).toBe('NOISE_HANDSHAKE_FAILED');
    // The handshake is over: even the genuine message is refused now.
    expect(noiseCode(() => responder.readMessage(message1))).toBe('NOISE_STATE');
    expect(noiseCode(() => responder.writeMessage())).toBe('NOISE_STATE');
  });

  it.each([
    ['truncated to 47 bytes', (m: Buffer) => m.subarray(0, 47)],
    ['extended by a byte', (m: Buffer) => Buffer.concat([m, Buffer.of(0)])],
    ['with a bit flipped in the ephemeral key', (m: Buffer) => flipBit(m, 0)],
    ['with a bit flipped in the tag', (m: Buffer) => flipBit(m, 40)],
    ['with an all-zero (low-order) ephemeral key', (m: Buffer) => Buffer.concat([Buffer.alloc(32), m.subarray(32)])],
  ])('fails message 2 %s', (_name, tamper) => {
    const { initiator, responder } = afterMessage1();
    const message2 = responder.writeMessage();
    expect(noiseCode(() => initiator.readMessage(tamper(message2)))).toBe('NOISE_HANDSHAKE_FAILED');
    expect(initiator.complete).toBe(false);
    expect(noiseCode(() => initiator.readMessage(message2))).toBe('NOISE_STATE');
    expect(noiseCode(() => initiator.split())).toBe('NOISE_STATE');
  });

  it('refuses an oversized handshake message', () => {
    const responder = NnPsk0Handshake.responder(options);
    expect(noiseCode(() => responder.readMessage(Buffer.alloc(65536)))).toBe('NOISE_MESSAGE_TOO_LARGE');
    expect(noiseCode(() => responder.readMessage(NnPsk0Handshake.initiator(options).writeMessage()))).toBe('NOISE_STATE');
    const initiator = NnPsk0Handshake.initiator(options);
    expect(noiseCode(() => initiator.writeMessage(Buffer.alloc(65535 - 48 + 1)))).toBe('NOISE_MESSAGE_TOO_LARGE');
    expect(initiator.writeMessage(Buffer.alloc(65535 - 48))).toHaveLength(65535);
  });

  it('refuses a peer whose ephemeral key is a low-order point, even with a valid message 1', () => {
    // Only a holder of the psk can build this message; the responder must still refuse the DH.
    const forged = new SymmetricState(noisePushProtocolName);
    forged.mixHash(prologue);
    forged.mixKeyAndHash(psk);
    const zero = Buffer.alloc(32);
    forged.mixHash(zero);
    forged.mixKey(zero);
    const message1 = Buffer.concat([zero, forged.encryptAndHash(Buffer.alloc(0))]);
    const responder = NnPsk0Handshake.responder(options);
    responder.readMessage(message1);
    expect(noiseCode(() => responder.writeMessage())).toBe('NOISE_HANDSHAKE_FAILED');
    expect(noiseCode(() => responder.split())).toBe('NOISE_STATE');
  });

  it('refuses messages out of turn without changing state', () => {
    const initiator = NnPsk0Handshake.initiator(options);
    const responder = NnPsk0Handshake.responder(options);
    expect(noiseCode(() => initiator.readMessage(Buffer.alloc(48)))).toBe('NOISE_STATE');
    expect(noiseCode(() => responder.writeMessage())).toBe('NOISE_STATE');
    const message1 = initiator.writeMessage();
    expect(noiseCode(() => initiator.writeMessage())).toBe('NOISE_STATE');
    responder.readMessage(message1);
    expect(noiseCode(() => responder.readMessage(message1))).toBe('NOISE_STATE');
    const message2 = responder.writeMessage();
    expect(noiseCode(() => responder.writeMessage())).toBe('NOISE_STATE');
    initiator.readMessage(message2);
    expect(noiseCode(() => initiator.readMessage(message2))).toBe('NOISE_STATE');
    expect(noiseCode(() => initiator.writeMessage())).toBe('NOISE_STATE');
    // None of the refused calls disturbed the handshake.
    expect(responder.split().decrypt(initiator.split().encrypt(Buffer.from('ok')))).toEqual(Buffer.from('ok'));
  });

  it('splits only once and only when complete', () => {
    const { initiator, responder } = afterMessage1();
    expect(noiseCode(() => initiator.split())).toBe('NOISE_STATE');
    expect(noiseCode(() => responder.split())).toBe('NOISE_STATE');
    initiator.readMessage(responder.writeMessage());
    initiator.split();
    expect(initiator.complete).toBe(true);
    expect(noiseCode(() => initiator.split())).toBe('NOISE_STATE');
  });

  it('orients the sessions by role', () => {
    const { initiator, responder } = afterMessage1();
    initiator.readMessage(responder.writeMessage());
    const agent = initiator.split();
    const server = responder.split();
    // A message sent by the agent cannot be read by the agent's own receive direction.
    const frame = agent.encrypt(Buffer.from('x'));
    expect(noiseCode(() => agent.decrypt(frame))).toBe('NOISE_DECRYPT_FAILED');
    expect(server.decrypt(frame)).toEqual(Buffer.from('x'));
  });
});
