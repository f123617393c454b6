import { afterEach, expect } from 'vitest';
import { MemoryStorage, WardSdk, type SdkStorage, type WardSdkOptions, type WipeReason } from '../src/index.js';
import { WardTestPeer } from './ward-test-peer.js';

/** A clock the test moves by hand, shared by the SDK and (unless a test skews it) the peer. */
export class TestClock {
  t = Date.parse('2026-11-29T09:00:00.000Z');
  readonly now = (): number => this.t;
  advance(ms: number): void {
    this.t += ms;
  }
}

export const MINUTE = 60_000;
export const DAY = 86_400_000;

const running: { peers: WardTestPeer[]; sdks: WardSdk[] } = { peers: [], sdks: [] };
afterEach(async () => {
  for (const sdk of running.sdks.splice(0)) sdk.stop();
  for (const peer of running.peers.splice(0)) await peer.stop();
});

export interface Harness {
  readonly peer: WardTestPeer;
  readonly clock: TestClock;
  readonly storage: MemoryStorage;
  readonly wipes: WipeReason[];
  /** Starts an SDK over the harness's storage (a restart of the app when called again). */
  start(options?: Partial<WardSdkOptions>): Promise<WardSdk>;
}

export async function harness(): Promise<Harness> {
  const peer = await new WardTestPeer().start();
  running.peers.push(peer);
  const clock = new TestClock();
  peer.clock = clock.now;
  const storage = new MemoryStorage();
  const wipes: WipeReason[] = [];
  return {
    peer,
    clock,
    storage,
    wipes,
    start: async (options = {}) => {
      const sdk = await WardSdk.start({
        serverUrl: peer.url,
        appId: 'com.ward.notes-demo',
        appVersion: '1.2.0',
        getAccessToken: () => 'token-alice',
        storage: options.storage ?? storage,
        autoCheckIn: false,
        now: clock.now,
        onWipe: (reason) => { wipes.push(reason); },
        ui: { clipboard: null },
        ...options,
      });
      running.sdks.push(sdk);
      return sdk;
    },
  };
}

/** Asserts that no stored value contains any of `needles` (as UTF-8 bytes or text). */
export async function expectNoPlaintext(storage: SdkStorage & { entries?: () => [string, unknown][] }, needles: readonly string[], prefix = 'corp/'): Promise<void> {
  const keys = await storage.keys(prefix);
  expect(keys.length).toBeGreaterThan(0);
  for (const key of keys) {
    const value = await storage.get(key);
    const text = typeof value === 'string' ? value : value instanceof Uint8Array ? Buffer.from(value).toString('latin1') : '';
    for (const needle of needles) {
      expect(key).not.toContain(needle);
      expect(text).not.toContain(needle);
      expect(text).not.toContain(Buffer.from(needle, 'utf8').toString('latin1'));
    }
  }
}

/** A check-in body as the SDK sends it. */
export interface SentCheckIn {
  readonly registrationId: string;
  readonly sequence: number;
  readonly sentAt: string;
  readonly policyVersion: string;
  readonly configurationVersion: string;
  readonly state: { readonly pinSet: boolean; readonly encrypted: boolean; readonly jailbroken: boolean; readonly flagged: string[] };
  readonly usage: { readonly launches: number; readonly activeDays: string[]; readonly lastUsedAt: string | null };
  readonly wipeConfirmation?: { readonly wipeId: string; readonly outcome: string; readonly error?: string };
}

/** The check-in bodies the peer accepted, parsed. */
export function acceptedCheckIns(peer: WardTestPeer): SentCheckIn[] {
  return peer.checkIns.filter((c) => c.status === 200).map((c) => c.body as unknown as SentCheckIn);
}
