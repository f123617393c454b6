import { ApnsClient, type ApnsClientOptions, type ApnsNotification } from '@ward/apple';
import type { ActivePushCertificate, DeviceId, TenantId } from '@ward/core';

/** A device's APNs channel, as its last TokenUpdate left it. */
export interface ApplePushTarget {
  readonly deviceId: DeviceId;
  /** Hex of the TokenUpdate `Token`. */
  readonly deviceToken: string;
  readonly pushMagic: string;
  /** The Topic the device enrolled with. */
  readonly topic: string;
}

/** Where the dispatcher finds devices' push channels, and forgets those APNs no longer knows. */
export interface ApplePushTargets {
  /** The push channels of those of `deviceIds` that have one (others are left out). */
  targetsOf(tenantId: TenantId, deviceIds: readonly DeviceId[]): Promise<readonly ApplePushTarget[]>;
  /** Clears `deviceToken` of the device (only if it is still its token): APNs answered 410 or BadDeviceToken. */
  forgetToken(tenantId: TenantId, deviceId: DeviceId, deviceToken: string): Promise<void>;
}

/** What became of one batch. */
export interface ApnsDispatchReport {
  readonly sent: number;
  /** Tokens APNs no longer knows; forgotten. */
  readonly unregistered: number;
  readonly failed: number;
  /** Devices without a channel, with another topic than the tenant's certificate, or a tenant without an active certificate. */
  readonly skipped: number;
}

/** The structural part of a pino logger the dispatcher writes to. */
export interface ApnsDispatcherLog {
  warn(fields: Record<string, unknown>, message: string): void;
}

/** Construction options of {@link ApnsDispatcher}. */
export interface ApnsDispatcherOptions {
  readonly targets: ApplePushTargets;
  /** The tenant's active push certificate and key (core's `getActivePushCredential`), or null. */
  readonly credentialOf: (tenantId: TenantId) => Promise<ActivePushCertificate | null>;
  /** Wake-ups of one tenant arriving within this many ms go out as one batch (default 200). */
  readonly windowMs?: number;
  /** Options of every APNs client but the credential (origin and ca for tests; retry policy). */
  readonly client?: Omit<ApnsClientOptions, 'certificatePem' | 'privateKeyPem'>;
  readonly log?: ApnsDispatcherLog;
}

interface Batch {
  readonly deviceIds: Set<DeviceId>;
  readonly timer: NodeJS.Timeout;
  readonly settle: ((report: ApnsDispatchReport) => void)[];
  readonly reject: ((error: unknown) => void)[];
}

const noTargets: ApnsDispatchReport = { sent: 0, unregistered: 0, failed: 0, skipped: 0 };

/**
 * Wakes Apple devices through APNs (issue 5 §7–8). Wake-ups of one tenant that arrive within a
 * short window are coalesced into one `push` of all their devices (one assignment change can wake
 * thousands), sent with the tenant's active push certificate; tokens APNs reports unregistered
 * are forgotten so they are not pushed again. One APNs client (a small HTTP/2 pool) is kept per
 * tenant and replaced when the certificate is renewed.
 */
export class ApnsDispatcher {
  readonly #options: ApnsDispatcherOptions;
  readonly #windowMs: number;
  readonly #batches = new Map<TenantId, Batch>();
  readonly #clients = new Map<TenantId, { readonly key: string; readonly client: ApnsClient }>();
  readonly #inFlight = new Set<Promise<unknown>>();
  #closed = false;

  constructor(options: ApnsDispatcherOptions) {
    this.#options = options;
    this.#windowMs = options.windowMs ?? 200;
  }

  /**
   * Asks for `deviceIds` to be woken. Resolves, once the batch they joined has been sent, with
   * that batch's report; rejects only if the batch failed as a whole (the target source threw).
   */
  wake(tenantId: TenantId, deviceIds: readonly DeviceId[]): Promise<ApnsDispatchReport> {
    if (this.#closed) return Promise.reject(new Error('ApnsDispatcher closed'));
    return new Promise<ApnsDispatchReport>((resolve, reject) => {
      let batch = this.#batches.get(tenantId);
      if (batch === undefined) {
        batch = { deviceIds: new Set(), timer: setTimeout(() => { this.#flushTenant(tenantId); }, this.#windowMs), settle: [], reject: [] };
        this.#batches.set(tenantId, batch);
      }
      for (const id of deviceIds) batch.deviceIds.add(id);
      batch.settle.push(resolve);
      batch.reject.push(reject);
    });
  }

  /** Sends every waiting batch now and waits for all batches in flight. */
  async flush(): Promise<void> {
    for (const tenantId of [...this.#batches.keys()]) this.#flushTenant(tenantId);
    await Promise.allSettled([...this.#inFlight]);
  }

  /** Sends what waits, then closes every APNs connection. */
  async close(): Promise<void> {
    await this.flush();
    this.#closed = true;
    const clients = [...this.#clients.values()];
    this.#clients.clear();
    await Promise.all(clients.map((c) => c.client.close()));
  }

  #flushTenant(tenantId: TenantId): void {
    const batch = this.#batches.get(tenantId);
    if (batch === undefined) return;
    this.#batches.delete(tenantId);
    clearTimeout(batch.timer);
    const running = this.#dispatch(tenantId, [...batch.deviceIds]).then(
      (report) => {
        for (const settle of batch.settle) settle(report);
      },
      (error: unknown) => {
        for (const reject of batch.reject) reject(error);
      },
    );
    this.#inFlight.add(running);
    void running.finally(() => this.#inFlight.delete(running));
  }

  async #dispatch(tenantId: TenantId, deviceIds: readonly DeviceId[]): Promise<ApnsDispatchReport> {
    if (deviceIds.length === 0) return noTargets;
    const targets = await this.#options.targets.targetsOf(tenantId, deviceIds);
    const withoutChannel = deviceIds.length - new Set(targets.map((t) => t.deviceId)).size;
    const credential = await this.#options.credentialOf(tenantId);
    if (credential === null) {
      if (targets.length > 0) this.#options.log?.warn({ tenantId, devices: targets.length }, 'Apple devices not woken: the tenant has no active APNs push certificate');
      return { ...noTargets, skipped: deviceIds.length };
    }
    const matching = targets.filter((t) => t.topic === credential.topic);
    if (matching.length < targets.length) {
      this.#options.log?.warn({ tenantId, topic: credential.topic, devices: targets.length - matching.length }, 'Apple devices not woken: they enrolled with another push topic than the active certificate');
    }
    const byToken = new Map<string, ApplePushTarget>();
    for (const target of matching) byToken.set(target.deviceToken.toLowerCase(), target);
    const notifications: ApnsNotification[] = matching.map((t) => ({ deviceToken: t.deviceToken, pushMagic: t.pushMagic }));
    const outcomes = await this.#clientFor(tenantId, credential).push(notifications, credential.topic);

    let sent = 0;
    let unregistered = 0;
    let failed = 0;
    for (const outcome of outcomes) {
      if (outcome.status === 'sent') sent++;
      else if (outcome.status === 'unregistered') {
        unregistered++;
        const target = byToken.get(outcome.deviceToken.toLowerCase());
        if (target !== undefined) await this.#options.targets.forgetToken(tenantId, target.deviceId, target.deviceToken);
      } else {
        failed++;
        this.#options.log?.warn({ tenantId, deviceId: byToken.get(outcome.deviceToken.toLowerCase())?.deviceId, reason: outcome.reason, httpStatus: outcome.httpStatus }, 'APNs push failed');
      }
    }
    return { sent, unregistered, failed, skipped: withoutChannel + (targets.length - matching.length) };
  }

  #clientFor(tenantId: TenantId, credential: ActivePushCertificate): ApnsClient {
    const key = `${credential.publicKeySha256}:${credential.serialNumber}`;
    const current = this.#clients.get(tenantId);
    if (current?.key === key) return current.client;
    // Renewed certificate: new connections with the new one; the old pool drains and closes.
    if (current !== undefined) void current.client.close();
    const client = new ApnsClient({ ...this.#options.client, certificatePem: credential.certificatePem, privateKeyPem: credential.privateKeyPem });
    this.#clients.set(tenantId, { key, client });
    return client;
  }
}
