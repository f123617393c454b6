import { describe, expect, it } from 'vitest';
import { WardError, type ActivePushCertificate, type PendingPushRequest, type TenantId } from '@ward/core';
import { createStores } from '../src/index.js';
import { at, t0 } from './support/fixtures.js';
import { useStoreSuite } from './support/store-suite.js';
import { createTestSecretBox } from './support/test-secret-box.js';
import { nodeDigests, sequentialIds, testDialects } from './support/test-database.js';

const keyPem = (tag: string) => `-----BEGIN PRIVATE KEY-----\nsecret-${tag}\n-----END PRIVATE KEY-----\n`;

function pending(tenantId: TenantId, id: string, requestedAt = t0): PendingPushRequest {
  return { tenantId, id, csrPem: `-----BEGIN CERTIFICATE REQUEST-----\n${id}\n-----END CERTIFICATE REQUEST-----\n`, privateKeyPem: keyPem(id), publicKeySha256: `sha-${id}`, requestedAt };
}

function active(tenantId: TenantId, request: PendingPushRequest, topic = 'com.apple.mgmt.External.topic-a'): ActivePushCertificate {
  return {
    tenantId,
    topic,
    certificatePem: '-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n',
    privateKeyPem: request.privateKeyPem,
    publicKeySha256: request.publicKeySha256,
    serialNumber: '0a1b2c',
    subject: `UID=${topic}, CN=APSP:x, C=US`,
    notBefore: at(-1000),
    notAfter: at(365 * 86_400_000),
    uploadedAt: at(5000),
  };
}

describe.each(testDialects)('push certificate store on %s', (dialect) => {
  const s = useStoreSuite(dialect);

  it('holds one pending request and one active certificate per tenant, tenants apart', async () => {
    const { stores } = s.set;
    expect(await stores.getPushCertificates(s.tenant)).toEqual({ pending: null, active: null });

    const first = pending(s.tenant, 'req-1');
    await stores.putPendingPushRequest(first);
    expect(await stores.getPushCertificates(s.tenant)).toEqual({ pending: first, active: null });
    expect(await stores.getPushCertificates(s.other)).toEqual({ pending: null, active: null });

    const second = pending(s.tenant, 'req-2', at(1000));
    await stores.putPendingPushRequest(second);
    expect((await stores.getPushCertificates(s.tenant)).pending).toEqual(second);

    // The replaced request cannot be activated; nothing changes.
    expect(await stores.activatePushCertificate(active(s.tenant, first), 'req-1')).toBe(false);
    expect(await stores.getPushCertificates(s.tenant)).toEqual({ pending: second, active: null });

    const certificate = active(s.tenant, second);
    expect(await s.set.tx.transaction((tx) => tx.activatePushCertificate(certificate, 'req-2'))).toBe(true);
    expect(await stores.getPushCertificates(s.tenant)).toEqual({ pending: null, active: certificate });
    // Consumed: a second activation of the same request does nothing.
    expect(await stores.activatePushCertificate(active(s.tenant, second, 'com.apple.mgmt.External.other'), 'req-2')).toBe(false);

    // A renewal's request sits beside the active certificate.
    const renewal = pending(s.tenant, 'req-3', at(2000));
    await stores.putPendingPushRequest(renewal);
    expect(await stores.getPushCertificates(s.tenant)).toEqual({ pending: renewal, active: certificate });
  });

  it('seals both keys at rest and refuses a key moved to another tenant or read under another master key', async () => {
    const box = createTestSecretBox();
    const sealed = createStores(s.t.database, { digests: nodeDigests, ids: sequentialIds('0190b000-0000-7000-8000'), secrets: box });
    const request = pending(s.other, 'req-sealed');
    await sealed.stores.putPendingPushRequest(request);
    const certificate = active(s.other, request);
    expect(await sealed.stores.activatePushCertificate(certificate, 'req-sealed')).toBe(true);
    const next = pending(s.other, 'req-sealed-2');
    await sealed.stores.putPendingPushRequest(next);

    expect(await sealed.stores.getPushCertificates(s.other)).toEqual({ pending: next, active: certificate });
    const row = await s.t.database.db.selectFrom('push_certificates').selectAll().where('tenant_id', '=', s.other).executeTakeFirstOrThrow();
    for (const stored of [row.pending_key, row.certificate_key]) {
      expect(stored).toMatch(/^ward-sealed:/);
      expect(stored).not.toContain('secret-');
    }

    const other = createStores(s.t.database, { digests: nodeDigests, ids: sequentialIds(), secrets: createTestSecretBox() });
    await expect(other.stores.getPushCertificates(s.other)).rejects.toBeInstanceOf(WardError);

    // Copy the other tenant's sealed key into this tenant's row: it must not open here.
    await s.t.database.db.updateTable('push_certificates').set({ certificate_key: row.certificate_key, certificate_key_sha256: row.certificate_key_sha256 }).where('tenant_id', '=', s.tenant).execute();
    const error: unknown = await sealed.stores.getPushCertificates(s.tenant).then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(WardError);
    expect((error as WardError).code).toBe('INTERNAL');
  });
});
