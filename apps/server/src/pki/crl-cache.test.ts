import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { DomainEvent, TenantId } from '@ward/core';
import { createCertificateAuthority, loadCertificateAuthority } from '@ward/pki';
import { createCrlCache } from './crl-cache.js';

/** An event bus for one test: subscribe, and emit by hand. */
function testBus(): { subscribe(type: string, handler: (event: DomainEvent) => void): () => void; emit(event: DomainEvent): void } {
  const handlers = new Map<string, Set<(event: DomainEvent) => void>>();
  return {
    subscribe(type, handler) {
      const set = handlers.get(type) ?? new Set();
      handlers.set(type, set);
      set.add(handler);
      return () => set.delete(handler);
    },
    emit(event) {
      for (const handler of handlers.get(event.type) ?? []) handler(event);
    },
  };
}

// OpenSSL reads the CRLs: an independent judge of what relying parties will see.
const scratch = mkdtempSync(join(tmpdir(), 'ward-crl-'));

/** The CRL as OpenSSL reads it, verified against the issuing CA certificate. */
function readCrl(der: Uint8Array, issuingPem: string): { serials: string[]; lastUpdate: Date; nextUpdate: Date } {
  const caFile = join(scratch, 'issuing.pem');
  writeFileSync(caFile, issuingPem);
  const text = execFileSync('openssl', ['crl', '-inform', 'DER', '-text', '-noout', '-CAfile', caFile], { input: der, encoding: 'utf8', stdio: ['pipe', 'pipe', 'pipe'] });
  const field = (name: string): Date => new Date(/Update: (.+)\n/.exec(text.slice(text.indexOf(name)))?.[1] ?? '');
  return { serials: [...text.matchAll(/Serial Number: ([0-9A-F]+)/g)].map((m) => (m[1] ?? '').toLowerCase()).sort(), lastUpdate: field('Last Update'), nextUpdate: field('Next Update') };
}

describe('createCrlCache', async () => {
  const start = new Date('2026-03-01T12:00:00Z');
  const masterKey = new Uint8Array(32).fill(5);
  const ca = await loadCertificateAuthority(await createCertificateAuthority({ keyAlgorithm: 'ecdsa-p256', organization: 'Ward Test', masterKey, now: new Date(start.getTime() - 86_400_000) }), masterKey);
  const serials = (der: Uint8Array): string[] => readCrl(der, ca.issuingCertificatePem).serials;
  afterAll(() => { rmSync(scratch, { recursive: true, force: true }); });

  it('lists the revoked serials, keeps the CRL a minute, and rebuilds at once when a device changes', async () => {
    let t = start.getTime();
    const clock = { now: () => new Date(t) };
    const revoked = [{ serialNumber: '0a1b', revokedAt: start }];
    let queries = 0;
    const bus = testBus();
    const cache = createCrlCache({ ca, clock, events: bus, revoked: () => { queries += 1; return Promise.resolve([...revoked]); } });

    const first = await cache.crl();
    expect(serials(first)).toEqual(['0a1b']);
    const parsed = readCrl(first, ca.issuingCertificatePem);
    expect(parsed.lastUpdate.getTime()).toBe(start.getTime());
    expect(parsed.nextUpdate.getTime()).toBe(start.getTime() + 3_600_000);

    // Within the minute and with no event, the same CRL, without a query.
    revoked.push({ serialNumber: '0c2d', revokedAt: start });
    t += 30_000;
    expect(await cache.crl()).toBe(first);
    expect(queries).toBe(1);

    // An event (from this process or, on PostgreSQL, another) makes the next request rebuild.
    bus.emit({ type: 'device.changed', tenantId: 't' as TenantId, subject: 'd' });
    expect(serials(await cache.crl())).toEqual(['0a1b', '0c2d']);
    expect(queries).toBe(2);

    // After a minute it is rebuilt anyway, with a new thisUpdate.
    t += 61_000;
    const later = readCrl(await cache.crl(), ca.issuingCertificatePem);
    expect(later.lastUpdate.getTime()).toBe(t);
    expect(queries).toBe(3);
    cache.close();
  });

  it('builds once for concurrent requests, and not from a build an event overtook', async () => {
    const clock = { now: () => start };
    const bus = testBus();
    let release: (() => void) | undefined;
    let queries = 0;
    const revoked: { serialNumber: string; revokedAt: Date }[] = [];
    const cache = createCrlCache({
      ca,
      clock,
      events: bus,
      revoked: async () => {
        queries += 1;
        const snapshot = [...revoked];
        if (queries === 1) await new Promise<void>((resolve) => (release = resolve));
        return snapshot;
      },
    });
    const a = cache.crl();
    const b = cache.crl();
    await new Promise((resolve) => setImmediate(resolve));
    expect(queries).toBe(1);
    // A revocation lands while the first build is under way: later requests must not share it.
    revoked.push({ serialNumber: '0e3f', revokedAt: start });
    bus.emit({ type: 'device.changed', tenantId: 't' as TenantId, subject: 'd' });
    const c = cache.crl();
    release?.();
    expect(await a).toBe(await b);
    expect(serials(await a)).toEqual([]);
    expect(serials(await c)).toEqual(['0e3f']);
    // The overtaken build was not kept: the next request serves the newer CRL.
    expect(serials(await cache.crl())).toEqual(['0e3f']);
    expect(queries).toBe(2);
    cache.close();
  });
});
