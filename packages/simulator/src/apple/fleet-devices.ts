import { createPrivateKey, X509Certificate } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { Agent } from 'undici';
import { Limiter } from '../limiter.js';
import type { AppleDeviceKind } from './apple-hardware.js';
import { AppleFleetCounters, type AppleFleetStats } from './fleet-stats.js';
import type { DeviceDigest } from './rsa-identity.js';
import type { ScepAlgorithms } from './scep-client.js';
import { VirtualAppleDevice } from './virtual-apple-device.js';

/** A share of a virtual Apple fleet: plain data, so it crosses a process boundary. */
export interface AppleFleetOptions {
  /** Ward's `/mdm/enroll?token=…` URL: each download is a profile with a fresh one-time SCEP challenge. */
  readonly enrollmentUrl: string;
  /** Ward's root CA, PEM: trusted for TLS and as the anchor of the profile's signature. */
  readonly serverCaPem: string;
  /** Index of the first device; with `seed`, fixes each device's UDID and serial number. */
  readonly firstIndex: number;
  readonly seed: string;
  /** One SCEP key per device (PKCS#8 PEM), made beforehand (see loadDeviceKeyPool). */
  readonly keysPem: readonly string[];
  readonly kind?: AppleDeviceKind;
  /**
   * Requests in flight at once from this share, which is also the size of its one keep-alive
   * connection pool: devices sign their messages (Mdm-Signature), so they need no TLS identity
   * of their own and can share connections, as a process cannot hold one socket per device.
   */
  readonly concurrency: number;
  /** SCEP as an iPhone (SHA-1, 3DES; the default) or the strongest the server offers. */
  readonly scepAlgorithms?: ScepAlgorithms;
  /** Mdm-Signature digest (default SHA-256, as current iOS). */
  readonly signatureDigest?: DeviceDigest;
  readonly timeoutMs?: number;
}

/** What enrolling a share did. */
export interface AppleFleetEnrollment {
  /** Hex APNs tokens of the devices that enrolled, as the server pushes to them. */
  readonly pushTokens: readonly string[];
  readonly failures: number;
  readonly seconds: number;
}

/** A window of back-to-back Idle sessions. */
export interface AppleIdleReport {
  /** Requests to the ServerURL completed within the window. */
  readonly roundTrips: number;
  readonly seconds: number;
  readonly failures: number;
}

/**
 * Many virtual Apple devices in one process, for load tests and `npm run bench -- apple`: they
 * enroll from the same enrollment URL a bounded number at a time, run a command session on every
 * push handed to {@link wake} (at most `concurrency` sessions at once; a push for a device
 * already in a session makes that session go round again, as a device does), and count what they
 * did in {@link stats}.
 */
export class AppleFleetDevices {
  readonly #counters = new AppleFleetCounters();
  readonly #devices: readonly VirtualAppleDevice[];
  readonly #byToken = new Map<string, VirtualAppleDevice>();
  readonly #limiter: Limiter;
  readonly #dispatcher: Agent;
  readonly #waiting = new Set<VirtualAppleDevice>();
  readonly #running = new Set<VirtualAppleDevice>();
  readonly #inFlight = new Set<Promise<void>>();

  constructor(options: AppleFleetOptions) {
    this.#limiter = new Limiter(options.concurrency);
    this.#dispatcher = new Agent({ connect: { ca: options.serverCaPem }, connections: options.concurrency, keepAliveTimeout: 60_000 });
    const anchor = new Uint8Array(new X509Certificate(options.serverCaPem).raw);
    this.#devices = options.keysPem.map((pem, i) => new VirtualAppleDevice({
      kind: options.kind ?? 'iPhone',
      index: options.firstIndex + i,
      seed: options.seed,
      enrollment: { url: new URL(options.enrollmentUrl) },
      profileTrustAnchorsDer: [anchor],
      serverCaPem: options.serverCaPem,
      dispatcher: this.#dispatcher,
      scepPrivateKey: createPrivateKey(pem),
      authentication: 'signature',
      signatureDigest: options.signatureDigest ?? 'sha256',
      scepAlgorithms: options.scepAlgorithms ?? 'iphone',
      ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
      onSession: (session) => {
        this.#counters.countSession(session);
      },
    }));
    this.#counters.devices = this.#devices.length;
  }

  /** Enrolls every device, `concurrency` at a time; a device that fails is counted and left out. */
  async enroll(): Promise<AppleFleetEnrollment> {
    const started = performance.now();
    const pushTokens: string[] = [];
    await Promise.all(this.#devices.map((device) => this.#limiter.run(async () => {
      try {
        await device.enroll();
        this.#byToken.set(device.pushTokenHex, device);
        pushTokens.push(device.pushTokenHex);
        this.#counters.enrolled += 1;
      } catch (error) {
        this.#counters.enrollFailures += 1;
        this.#counters.noteError(error);
      }
    })));
    return { pushTokens, failures: this.#counters.enrollFailures, seconds: (performance.now() - started) / 1000 };
  }

  /** Delivers pushes (hex device tokens); tokens of other devices are ignored. */
  wake(tokens: readonly string[]): void {
    for (const token of tokens) {
      const device = this.#byToken.get(token.toLowerCase());
      if (device === undefined) continue;
      this.#counters.wakes += 1;
      // Still waiting for a slot: the session it will run sees the server's queue as it is then.
      if (this.#waiting.has(device)) continue;
      // Its failure, if any, is counted by the session that is running.
      if (this.#running.has(device)) void device.wake().catch(() => undefined);
      else this.#track(this.#session(device));
    }
  }

  /**
   * Every enrolled device runs Idle sessions back to back for `durationMs` (no command is queued,
   * so each is one round trip answered with an empty body); counts the round trips completed
   * within the window. A device whose session fails stops there.
   */
  async idle(durationMs: number): Promise<AppleIdleReport> {
    const end = performance.now() + durationMs;
    const trips = this.#counters.roundTrips;
    const failures = this.#counters.sessionFailures;
    let tripsAtEnd: number | undefined;
    const timer = setTimeout(() => {
      tripsAtEnd = this.#counters.roundTrips;
    }, durationMs);
    await Promise.all(this.#devices.filter((d) => d.isEnrolled).map(async (device) => {
      while (performance.now() < end) if (!(await this.#session(device))) return;
    }));
    clearTimeout(timer);
    return { roundTrips: (tripsAtEnd ?? this.#counters.roundTrips) - trips, seconds: durationMs / 1000, failures: this.#counters.sessionFailures - failures };
  }

  stats(): AppleFleetStats {
    return this.#counters.snapshot();
  }

  /** Waits for sessions under way (bounded by the devices' timeouts), then closes the pool. */
  async close(): Promise<void> {
    await Promise.allSettled([...this.#inFlight]);
    await Promise.allSettled(this.#devices.map((device) => device.close()));
    await this.#dispatcher.close();
  }

  #track(session: Promise<unknown>): void {
    const done = session.then(() => undefined);
    this.#inFlight.add(done);
    void done.finally(() => this.#inFlight.delete(done));
  }

  /** One wake of `device` in a limiter slot; resolves false when the session failed. */
  async #session(device: VirtualAppleDevice): Promise<boolean> {
    this.#waiting.add(device);
    this.#counters.busy += 1;
    try {
      return await this.#limiter.run(async () => {
        this.#waiting.delete(device);
        this.#running.add(device);
        try {
          await device.wake();
          return true;
        } catch (error) {
          this.#counters.sessionFailures += 1;
          this.#counters.noteError(error);
          return false;
        } finally {
          this.#running.delete(device);
        }
      });
    } finally {
      this.#counters.busy -= 1;
    }
  }
}
