import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { chachaPolyEncrypt } from './noise-chacha-poly.js';
import { NnPsk0Handshake } from './noise-handshake.js';
import { noisePushProtocolName } from './noise-push-constants.js';
import { noisePushPrologue } from './noise-push-prologue.js';
import { NoiseSession } from './noise-session.js';

// dissononce, an independent Python implementation of Noise, as Debian packages it
// (python3-dissononce) for the system interpreter, not for whichever python3 is first on PATH.
const python = '/usr/bin/python3';
const peerScript = fileURLToPath(new URL('./dissononce-peer.py', import.meta.url));

interface PeerHandshakeResult {
  readonly protocolName: string;
  readonly message1: string;
  readonly message2: string;
  readonly handshakeHash: string;
  readonly initiatorCiphertexts: string[];
  readonly responderCiphertexts: string[];
  readonly initiatorDecrypted: string[];
  readonly responderDecrypted: string[];
}

const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');

function runPeer(request: object): unknown {
  let output: string;
  try {
    output = execFileSync(python, [peerScript], { input: JSON.stringify(request), encoding: 'utf8', stdio: ['pipe', 'pipe', 'pipe'] });
  } catch (error) {
    throw new Error(`the dissononce peer failed (this test needs ${python} with Debian's python3-dissononce)`, { cause: error });
  }
  return JSON.parse(output);
}

const runHandshakePeer = (request: object): PeerHandshakeResult => runPeer(request) as PeerHandshakeResult;

interface CipherVector {
  readonly key: Buffer;
  readonly nonce: bigint;
  readonly ad: Buffer;
  readonly plaintext: Buffer;
}

/** ENCRYPT(k, n, ad, plaintext) by the peer, for each vector. */
function peerEncrypt(vectors: readonly CipherVector[]): string[] {
  const request = { cipherVectors: vectors.map((v) => ({ key: hex(v.key), nonce: v.nonce.toString(), ad: hex(v.ad), plaintext: hex(v.plaintext) })) };
  return (runPeer(request) as { ciphertexts: string[] }).ciphertexts;
}

interface Vector {
  readonly name: string;
  readonly psk: Buffer;
  readonly prologue: Buffer;
  readonly initiatorEphemeral: Buffer;
  readonly responderEphemeral: Buffer;
  readonly payload1: Buffer;
  readonly payload2: Buffer;
  readonly initiatorSends: Buffer[];
  readonly responderSends: Buffer[];
}

function randomVector(name: string, payloads: boolean): Vector {
  return {
    name,
    psk: randomBytes(32),
    prologue: noisePushPrologue(randomBytes(96).toString('base64url')),
    initiatorEphemeral: randomBytes(32),
    responderEphemeral: randomBytes(32),
    payload1: payloads ? randomBytes(40) : Buffer.alloc(0),
    payload2: payloads ? Buffer.from('{"hello":"agent"}') : Buffer.alloc(0),
    initiatorSends: [Buffer.from('\x00{"type":"checkIn"}'), Buffer.alloc(0), randomBytes(65519)],
    responderSends: [Buffer.from('\x00{"type":"wake"}'), randomBytes(1000)],
  };
}

const vectors: Vector[] = [
  randomVector('empty payloads, as the push channel uses', false),
  randomVector('handshake payloads', true),
  randomVector('another set of keys', false),
];

describe('interoperability with dissononce (Noise_NNpsk0_25519_ChaChaPoly_SHA256)', () => {
  it.each(vectors)('produces byte-identical messages in both roles: $name', (vector) => {
    // Our two sides, with the same pinned ephemeral keys as the peer's.
    const initiator = NnPsk0Handshake.initiator({ psk: vector.psk, prologue: vector.prologue, ephemeralPrivateKey: vector.initiatorEphemeral });
    const responder = NnPsk0Handshake.responder({ psk: vector.psk, prologue: vector.prologue, ephemeralPrivateKey: vector.responderEphemeral });
    const message1 = initiator.writeMessage(vector.payload1);
    expect(responder.readMessage(message1)).toEqual(vector.payload1);
    const message2 = responder.writeMessage(vector.payload2);
    expect(initiator.readMessage(message2)).toEqual(vector.payload2);
    const agent = initiator.split();
    const server = responder.split();
    const ourInitiatorCiphertexts = vector.initiatorSends.map((plaintext) => agent.encrypt(plaintext));
    const ourResponderCiphertexts = vector.responderSends.map((plaintext) => server.encrypt(plaintext));

    const peer = runHandshakePeer({
      psk: hex(vector.psk),
      prologue: hex(vector.prologue),
      initiatorEphemeral: hex(vector.initiatorEphemeral),
      responderEphemeral: hex(vector.responderEphemeral),
      payload1: hex(vector.payload1),
      payload2: hex(vector.payload2),
      initiatorSends: vector.initiatorSends.map(hex),
      responderSends: vector.responderSends.map(hex),
      // The peer decrypts what we encrypted, each direction with its own receiving CipherState.
      initiatorReceives: ourResponderCiphertexts.map(hex),
      responderReceives: ourInitiatorCiphertexts.map(hex),
    });

    expect(peer.protocolName).toBe(noisePushProtocolName);
    expect(hex(message1)).toBe(peer.message1);
    expect(hex(message2)).toBe(peer.message2);
    expect(hex(initiator.handshakeHash)).toBe(peer.handshakeHash);
    expect(hex(responder.handshakeHash)).toBe(peer.handshakeHash);
    expect(ourInitiatorCiphertexts.map(hex)).toEqual(peer.initiatorCiphertexts);
    expect(ourResponderCiphertexts.map(hex)).toEqual(peer.responderCiphertexts);
    expect(peer.responderDecrypted).toEqual(vector.initiatorSends.map(hex));
    expect(peer.initiatorDecrypted).toEqual(vector.responderSends.map(hex));

    // And each of our sides reads the peer's messages as the other end would.
    const ourResponder = NnPsk0Handshake.responder({ psk: vector.psk, prologue: vector.prologue, ephemeralPrivateKey: vector.responderEphemeral });
    expect(ourResponder.readMessage(Buffer.from(peer.message1, 'hex'))).toEqual(vector.payload1);
    const ourInitiator = NnPsk0Handshake.initiator({ psk: vector.psk, prologue: vector.prologue, ephemeralPrivateKey: vector.initiatorEphemeral });
    ourInitiator.writeMessage(vector.payload1);
    expect(ourInitiator.readMessage(Buffer.from(peer.message2, 'hex'))).toEqual(vector.payload2);
    ourResponder.writeMessage(vector.payload2);
    const ourServer = ourResponder.split();
    const ourAgent = ourInitiator.split();
    expect(peer.initiatorCiphertexts.map((c) => hex(ourServer.decrypt(Buffer.from(c, 'hex'))))).toEqual(vector.initiatorSends.map(hex));
    expect(peer.responderCiphertexts.map((c) => hex(ourAgent.decrypt(Buffer.from(c, 'hex'))))).toEqual(vector.responderSends.map(hex));
  });

  it('fails to read the peer\'s message 1 under another psk or prologue', () => {
    const vector = vectors[0]!;
    const peer = runHandshakePeer({
      psk: hex(vector.psk),
      prologue: hex(vector.prologue),
      initiatorEphemeral: hex(vector.initiatorEphemeral),
      responderEphemeral: hex(vector.responderEphemeral),
    });
    const message1 = Buffer.from(peer.message1, 'hex');
    expect(() => NnPsk0Handshake.responder({ psk: randomBytes(32), prologue: vector.prologue }).readMessage(message1)).toThrow(/authenticate/);
    expect(() => NnPsk0Handshake.responder({ psk: vector.psk, prologue: noisePushPrologue('x') }).readMessage(message1)).toThrow(/authenticate/);
    expect(NnPsk0Handshake.responder({ psk: vector.psk, prologue: vector.prologue }).readMessage(message1)).toEqual(Buffer.alloc(0));
  });

  it('encodes large nonces as dissononce does, up to the last usable one', () => {
    const key = randomBytes(32);
    const nonces = [0n, 1n, 255n, 256n, 2n ** 32n - 1n, 2n ** 32n, 2n ** 63n + 12345n, 2n ** 64n - 2n];
    const plaintext = Buffer.from('nonce check');
    const ad = randomBytes(32);
    const expected = peerEncrypt(nonces.map((nonce) => ({ key, nonce, ad, plaintext })));
    expect(nonces.map((nonce) => hex(chachaPolyEncrypt(key, nonce, ad, plaintext)))).toEqual(expected);
    // The session's transport encryption (empty AD) lines up as well at the last usable counter.
    const [last] = peerEncrypt([{ key, nonce: 2n ** 64n - 2n, ad: Buffer.alloc(0), plaintext }]);
    const session = new NoiseSession(key, randomBytes(32), { send: 2n ** 64n - 2n, receive: 0n });
    expect(hex(session.encrypt(plaintext))).toBe(last);
  });
});
