import type { Clock, EventSubscriber } from '@ward/core';
import type { CertificateAuthority } from '@ward/pki';

/** What the CRL lists: serials of revoked, unexpired device certificates (core's `revokedCertificates`). */
export type RevokedSerials = () => Promise<readonly { readonly serialNumber: string; readonly revokedAt: Date }[]>;

/** How the CRL is kept. */
export interface CrlCacheOptions {
  readonly ca: Pick<CertificateAuthority, 'createCrl'>;
  readonly revoked: RevokedSerials;
  readonly clock: Clock;
  /** Events that may mean a new revocation; the next request rebuilds. */
  readonly events?: EventSubscriber;
  /** A CRL older than this is rebuilt on the next request; 60 s. */
  readonly maxAgeMs?: number;
  /** How far ahead `nextUpdate` is set; 1 hour. */
  readonly validityMs?: number;
}

/** The CRL source for `GET /pki/crl`, and how to stop listening. */
export interface CrlCache {
  /** The current CRL, DER. */
  crl(): Promise<Uint8Array>;
  /** Stops listening to events. */
  close(): void;
}

/**
 * Core publishes `device.changed` with every revocation (re-enrollment, retire, delete); it comes
 * from every server process on PostgreSQL, so each process's cache hears of the others' revocations.
 */
export const crlInvalidatingEvents = ['device.changed'] as const;

/**
 * The device CA's CRL, built from the stored revocations and kept for at most a minute, or until an
 * event says a device changed, whichever comes first. Building is lazy (on request) and
 * single-flight (concurrent requests share one build). A CRL is signed data and the same for
 * every process, so each process keeping its own copy is safe.
 *
 * `nextUpdate` is an hour ahead: a relying party that honours it fetches again within the hour,
 * and a server outage of less than that does not make relying parties that fail closed refuse
 * every device.
 */
export function createCrlCache(options: CrlCacheOptions): CrlCache {
  const maxAgeMs = options.maxAgeMs ?? 60_000;
  const validityMs = options.validityMs ?? 3_600_000;
  let current: { readonly der: Uint8Array; readonly builtAt: number } | undefined;
  // Bumped by every invalidating event: a build that started before an event is neither kept as
  // fresh nor shared with requests made after it.
  let generation = 0;
  let building: { readonly promise: Promise<Uint8Array>; readonly generation: number } | undefined;

  const unsubscribe = crlInvalidatingEvents.map((type) =>
    options.events?.subscribe(type, () => {
      generation += 1;
      current = undefined;
    }),
  );

  const build = async (started: number): Promise<Uint8Array> => {
    const now = options.clock.now();
    const revoked = await options.revoked();
    const crl = await options.ca.createCrl({ revoked: revoked.map((r) => ({ serialNumber: r.serialNumber, revokedAt: r.revokedAt })), now, nextUpdate: new Date(now.getTime() + validityMs) });
    if (started === generation) current = { der: crl.der, builtAt: now.getTime() };
    return crl.der;
  };

  return {
    crl(): Promise<Uint8Array> {
      const cached = current;
      if (cached !== undefined && options.clock.now().getTime() - cached.builtAt < maxAgeMs) return Promise.resolve(cached.der);
      if (building?.generation !== generation) {
        const promise = build(generation);
        const flight = { promise, generation };
        building = flight;
        const clear = (): void => {
          if (building === flight) building = undefined;
        };
        promise.then(clear, clear);
      }
      return building.promise;
    },
    close(): void {
      for (const stop of unsubscribe) stop?.();
    },
  };
}
