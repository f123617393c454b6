import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { noiseCode } from './noise-code.test-support.js';
import type { NoiseErrorCode } from './noise-error.js';
import { noisePushLimits } from './noise-push-constants.js';
import { NoisePushAssembler, sealNoisePushMessage } from './noise-push-frames.js';
import { NoiseSession } from './noise-session.js';

function sessionPair(): { sender: NoiseSession; receiver: NoiseSession } {
  const k1 = randomBytes(32);
  const k2 = randomBytes(32);
  return { sender: new NoiseSession(k1, k2), receiver: new NoiseSession(k2, k1) };
}

/** Feeds every frame to the assembler and returns what each call returned. */
function acceptAll(assembler: NoisePushAssembler, receiver: NoiseSession, frames: readonly Buffer[]): (string | undefined)[] {
  return frames.map((frame) => assembler.accept(receiver, frame));
}

const cap = 1024 * 1024;

describe('sealNoisePushMessage and NoisePushAssembler', () => {
  it('sends a small message as one frame', () => {
    const { sender, receiver } = sessionPair();
    const frames = sealNoisePushMessage(sender, '{"type":"wake"}');
    expect(frames).toHaveLength(1);
    expect(frames[0]).toHaveLength(1 + 15 + 16);
    expect(new NoisePushAssembler(cap).accept(receiver, frames[0]!)).toBe('{"type":"wake"}');
  });

  it('fragments a 200 KB message into frames of at most 65535 bytes and reassembles it', () => {
    const { sender, receiver } = sessionPair();
    // Multi-byte characters, so fragment boundaries fall inside UTF-8 sequences.
    const message = JSON.stringify({ type: 'checkIn', body: 'é€😀x'.repeat(20_000) });
    const bytes = Buffer.byteLength(message);
    expect(bytes).toBeGreaterThan(200_000);
    const frames = sealNoisePushMessage(sender, message);
    expect(frames).toHaveLength(Math.ceil(bytes / noisePushLimits.maxFragmentDataBytes));
    for (const frame of frames) expect(frame.length).toBeLessThanOrEqual(noisePushLimits.maxTransportMessageBytes);
    expect(frames[0]).toHaveLength(noisePushLimits.maxTransportMessageBytes);
    const results = acceptAll(new NoisePushAssembler(cap), receiver, frames);
    expect(results.slice(0, -1).every((result) => result === undefined)).toBe(true);
    expect(results.at(-1)).toBe(message);
  });

  it('fills fragments exactly at the boundary without an empty trailing fragment', () => {
    const { sender, receiver } = sessionPair();
    const message = 'a'.repeat(noisePushLimits.maxFragmentDataBytes * 2);
    const frames = sealNoisePushMessage(sender, message);
    expect(frames.map((frame) => frame.length)).toEqual([65535, 65535]);
    expect(acceptAll(new NoisePushAssembler(cap), receiver, frames)).toEqual([undefined, message]);
  });

  it('carries an empty message and several messages in a row', () => {
    const { sender, receiver } = sessionPair();
    const assembler = new NoisePushAssembler(cap);
    const long = 'z'.repeat(70_000);
    const frames = [...sealNoisePushMessage(sender, ''), ...sealNoisePushMessage(sender, long), ...sealNoisePushMessage(sender, '{}')];
    expect(acceptAll(assembler, receiver, frames)).toEqual(['', undefined, long, '{}']);
  });

  it('accepts a message of exactly the cap and refuses one byte more', () => {
    const { sender, receiver } = sessionPair();
    const assembler = new NoisePushAssembler(100_000);
    expect(acceptAll(assembler, receiver, sealNoisePushMessage(sender, 'x'.repeat(100_000))).at(-1)).toHaveLength(100_000);
    const frames = sealNoisePushMessage(sender, 'x'.repeat(100_001));
    expect(assembler.accept(receiver, frames[0]!)).toBeUndefined();
    expect(noiseCode(() => assembler.accept(receiver, frames[1]!))).toBe('NOISE_MESSAGE_TOO_LARGE');
  });

  it('refuses a single fragment over a small cap before waiting for more', () => {
    const { sender, receiver } = sessionPair();
    const assembler = new NoisePushAssembler(10);
    expect(noiseCode(() => assembler.accept(receiver, sealNoisePushMessage(sender, 'y'.repeat(11))[0]!))).toBe('NOISE_MESSAGE_TOO_LARGE');
  });

  it('refuses an endless stream of "more" fragments once it passes the cap', () => {
    const { sender, receiver } = sessionPair();
    const assembler = new NoisePushAssembler(200_000);
    const fragment = Buffer.concat([Buffer.of(0x01), Buffer.alloc(60_000, 0x61)]);
    for (let i = 0; i < 3; i += 1) expect(assembler.accept(receiver, sender.encrypt(fragment))).toBeUndefined();
    expect(noiseCode(() => assembler.accept(receiver, sender.encrypt(fragment)))).toBe('NOISE_MESSAGE_TOO_LARGE');
  });

  it.each([
    ['no flag byte (an empty plaintext)', Buffer.alloc(0)],
    ['flag 0x02', Buffer.from([0x02, 0x7b, 0x7d])],
    ['flag 0xff', Buffer.from([0xff])],
    ['flag 0x80', Buffer.from([0x80, 0x7b])],
  ])('refuses a fragment with %s', (_name, plaintext) => {
    const { sender, receiver } = sessionPair();
    const assembler = new NoisePushAssembler(cap);
    expect(noiseCode(() => assembler.accept(receiver, sender.encrypt(plaintext)))).toBe('NOISE_FRAGMENT_INVALID');
  });

  it('refuses a message that is not UTF-8, even split across fragments', () => {
    const { sender, receiver } = sessionPair();
    const assembler = new NoisePushAssembler(cap);
    // 0xe2 0x82 starts a three-byte sequence that 0x41 does not continue.
    expect(assembler.accept(receiver, sender.encrypt(Buffer.from([0x01, 0x7b, 0xe2, 0x82])))).toBeUndefined();
    expect(noiseCode(() => assembler.accept(receiver, sender.encrypt(Buffer.from([0x00, 0x41, 0x7d]))))).toBe('NOISE_FRAGMENT_INVALID');
  });

  it.each<[string, (frames: Buffer[]) => Buffer[], NoiseErrorCode]>([
    ['a replayed fragment', (f) => [f[0]!, f[0]!], 'NOISE_DECRYPT_FAILED'],
    ['reordered fragments (the second first)', (f) => [f[1]!], 'NOISE_DECRYPT_FAILED'],
    ['a dropped fragment', (f) => [f[0]!, f[2]!], 'NOISE_DECRYPT_FAILED'],
    ['a bit-flipped fragment', (f) => [f[0]!, Buffer.from(f[1]!.map((byte, i) => (i === 9 ? byte ^ 4 : byte)))], 'NOISE_DECRYPT_FAILED'],
    ['an empty frame', () => [Buffer.alloc(0)], 'NOISE_DECRYPT_FAILED'],
    ['a frame over 65535 bytes', (f) => [Buffer.concat([f[0]!, Buffer.of(0)])], 'NOISE_MESSAGE_TOO_LARGE'],
  ])('refuses %s, and everything after it', (_name, tamper, code) => {
    const { sender, receiver } = sessionPair();
    const assembler = new NoisePushAssembler(cap);
    const frames = sealNoisePushMessage(sender, 'q'.repeat(noisePushLimits.maxFragmentDataBytes * 2 + 10));
    expect(frames).toHaveLength(3);
    const tampered = tamper(frames);
    const last = tampered.pop()!;
    for (const frame of tampered) assembler.accept(receiver, frame);
    expect(noiseCode(() => assembler.accept(receiver, last))).toBe(code);
    expect(noiseCode(() => assembler.accept(receiver, frames[2]!))).toBe('NOISE_STATE');
  });

  it('stays failed after an invalid fragment even for valid frames', () => {
    const { sender, receiver } = sessionPair();
    const assembler = new NoisePushAssembler(cap);
    expect(noiseCode(() => assembler.accept(receiver, sender.encrypt(Buffer.of(0x05))))).toBe('NOISE_FRAGMENT_INVALID');
    expect(noiseCode(() => assembler.accept(receiver, sealNoisePushMessage(sender, '{}')[0]!))).toBe('NOISE_STATE');
  });

  it('refuses a cap that is not a non-negative integer', () => {
    expect(() => new NoisePushAssembler(-1)).toThrow(RangeError);
    expect(() => new NoisePushAssembler(Number.NaN)).toThrow(RangeError);
  });
});
