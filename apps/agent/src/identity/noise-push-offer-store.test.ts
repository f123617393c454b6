import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTempRoot, type TempRoot } from '../test-support/temp-root.js';
import { isUsableNoisePushOffer, noisePushOfferFile, NoisePushOfferStore, type StoredNoisePushOffer } from './noise-push-offer-store.js';

const now = new Date('2026-03-01T00:00:00Z');
const offer = { url: 'ws://push.example:8443/agent/v1/noise-push', ticket: 'dGlja2V0LWZvci10ZXN0cw', psk: 'A'.repeat(43), expiresAt: '2026-06-01T00:00:00.000Z' };
const stored: StoredNoisePushOffer = { offer, certificateSerial: '0A1B2C' };

describe('NoisePushOfferStore', () => {
  let temp: TempRoot;
  let file: string;
  beforeEach(async () => {
    temp = await createTempRoot();
    await mkdir(temp.paths.stateDir, { recursive: true, mode: 0o700 });
    file = noisePushOfferFile(temp.paths.stateDir);
  });
  afterEach(() => temp.remove());

  it('keeps the offer in the state dir, mode 0600, and forgets it on remove', async () => {
    const store = new NoisePushOfferStore(file);
    expect(await store.load()).toBeUndefined();
    await store.save(stored);
    expect(file.startsWith(temp.paths.stateDir)).toBe(true);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(await new NoisePushOfferStore(file).load()).toEqual(stored);
    await store.remove();
    expect(await store.load()).toBeUndefined();
    await store.remove();
  });

  it('orders a removal and a later save as they were asked for', async () => {
    const store = new NoisePushOfferStore(file);
    await store.save(stored);
    const removing = store.remove();
    const saving = store.save({ ...stored, certificateSerial: 'FF' });
    await Promise.all([removing, saving]);
    expect((await store.load())?.certificateSerial).toBe('FF');
  });

  it('keeps only the known fields', async () => {
    await writeFile(file, JSON.stringify({ certificateSerial: '01', offer: { ...offer, extra: 'x' }, more: 1 }));
    expect(await new NoisePushOfferStore(file).load()).toEqual({ certificateSerial: '01', offer });
  });

  it.each([
    ['malformed JSON', '{"certificateSerial":'],
    ['an array', '[]'],
    ['no serial', JSON.stringify({ offer })],
    ['an empty serial', JSON.stringify({ certificateSerial: '', offer })],
    ['an oversized serial', JSON.stringify({ certificateSerial: 'A'.repeat(129), offer })],
    ['no offer', JSON.stringify({ certificateSerial: '01' })],
    ['a short psk', JSON.stringify({ certificateSerial: '01', offer: { ...offer, psk: 'A'.repeat(42) } })],
    ['a psk that is not base64url', JSON.stringify({ certificateSerial: '01', offer: { ...offer, psk: `${'A'.repeat(42)}+` } })],
    ['an oversized ticket', JSON.stringify({ certificateSerial: '01', offer: { ...offer, ticket: 'a'.repeat(513) } })],
    ['an oversized url', JSON.stringify({ certificateSerial: '01', offer: { ...offer, url: `ws://x/${'a'.repeat(2048)}` } })],
    ['a date that is not one', JSON.stringify({ certificateSerial: '01', offer: { ...offer, expiresAt: 'soon' } })],
  ])('treats a file with %s as no offer', async (_what, content) => {
    await writeFile(file, content);
    expect(await new NoisePushOfferStore(file).load()).toBeUndefined();
    // Damaged, not deleted: the next save replaces it.
    expect(await readFile(file, 'utf8')).toBe(content);
  });
});

describe('isUsableNoisePushOffer', () => {
  const day = 24 * 60 * 60 * 1000;
  const at = (ms: number): StoredNoisePushOffer => ({ ...stored, offer: { ...offer, expiresAt: new Date(now.getTime() + ms).toISOString() } });

  it('accepts an offer for this certificate good for more than a day', () => {
    expect(isUsableNoisePushOffer(stored, '0A1B2C', now)).toBe(true);
    expect(isUsableNoisePushOffer(at(day + 1000), '0A1B2C', now)).toBe(true);
    expect(isUsableNoisePushOffer({ ...stored, offer: { ...offer, url: 'wss://push.example/agent/v1/noise-push' } }, '0A1B2C', now)).toBe(true);
  });

  it('refuses none, another certificate, and an offer expiring within a day', () => {
    expect(isUsableNoisePushOffer(undefined, '0A1B2C', now)).toBe(false);
    expect(isUsableNoisePushOffer(stored, '0A1B2D', now)).toBe(false);
    expect(isUsableNoisePushOffer(at(day), '0A1B2C', now)).toBe(false);
    expect(isUsableNoisePushOffer(at(-1000), '0A1B2C', now)).toBe(false);
  });

  it.each(['http://push.example/agent/v1/noise-push', 'file:///etc/passwd', 'ws://push.example/agent/v1/noise-push#frag', 'not a url'])('refuses the URL %s', (url) => {
    expect(isUsableNoisePushOffer({ ...stored, offer: { ...offer, url } }, '0A1B2C', now)).toBe(false);
  });
});
