import type { Selectable } from 'kysely';
import { WardError, type ActivePushCertificate, type PendingPushRequest, type PushCertificateStore, type TenantId } from '@ward/core';
import type { PushCertificatesTable } from '../database/schema.js';
import type { SecretSealer } from './secret-sealer.js';
import type { StoreContext } from './store-context.js';

/**
 * SecretBox labels of the two keys. Tenant and key fingerprint are bound in, so a sealed key copied
 * to another tenant's row, or from the request columns to the certificate columns of another key,
 * does not open.
 */
const pendingLabel = (tenantId: string, requestId: string): string => `push-certificate:${tenantId}:request:${requestId}`;
const activeLabel = (tenantId: string, publicKeySha256: string): string => `push-certificate:${tenantId}:certificate:${publicKeySha256}`;

/**
 * {@link PushCertificateStore} over `push_certificates`, one row per tenant written by upsert. Keys
 * are sealed with `sealer` on the way in and opened on the way out. Activation is one conditional
 * UPDATE on the pending request's id, so of two uploads racing for one request exactly one wins.
 */
export function createPushCertificateStore(ctx: StoreContext, sealer: SecretSealer): PushCertificateStore {
  const { db, codec } = ctx;

  const pendingOf = (row: Selectable<PushCertificatesTable>): PendingPushRequest | null => {
    const { pending_id: id, pending_csr: csrPem, pending_key: key, pending_key_sha256: publicKeySha256, pending_requested_at: requestedAt } = row;
    if (id === null) return null;
    if (csrPem === null || key === null || publicKeySha256 === null || requestedAt === null) throw incomplete(row.tenant_id, 'pending request');
    const owner = () => `The pending push certificate request of tenant ${row.tenant_id}`;
    return { tenantId: row.tenant_id as TenantId, id, csrPem, privateKeyPem: sealer.open(key, pendingLabel(row.tenant_id, id), owner), publicKeySha256, requestedAt: codec.readTime(requestedAt) };
  };

  const activeOf = (row: Selectable<PushCertificatesTable>): ActivePushCertificate | null => {
    if (row.certificate === null) return null;
    const { topic, certificate_key: key, certificate_key_sha256: publicKeySha256, serial_number: serialNumber, subject, not_before: notBefore, not_after: notAfter, uploaded_at: uploadedAt } = row;
    if (topic === null || key === null || publicKeySha256 === null || serialNumber === null || subject === null || notBefore === null || notAfter === null || uploadedAt === null) {
      throw incomplete(row.tenant_id, 'active certificate');
    }
    const owner = () => `The push certificate (topic ${topic}) of tenant ${row.tenant_id}`;
    return {
      tenantId: row.tenant_id as TenantId,
      topic,
      certificatePem: row.certificate,
      privateKeyPem: sealer.open(key, activeLabel(row.tenant_id, publicKeySha256), owner),
      publicKeySha256,
      serialNumber,
      subject,
      notBefore: codec.readTime(notBefore),
      notAfter: codec.readTime(notAfter),
      uploadedAt: codec.readTime(uploadedAt),
    };
  };

  return {
    async getPushCertificates(tenantId) {
      const row = await db.selectFrom('push_certificates').selectAll().where('tenant_id', '=', tenantId).executeTakeFirst();
      if (row === undefined) return { pending: null, active: null };
      return { pending: pendingOf(row), active: activeOf(row) };
    },

    async putPendingPushRequest(request) {
      const fields = {
        pending_id: request.id,
        pending_csr: request.csrPem,
        pending_key: sealer.seal(request.privateKeyPem, pendingLabel(request.tenantId, request.id)),
        pending_key_sha256: request.publicKeySha256,
        pending_requested_at: codec.time(request.requestedAt),
        updated_at: codec.time(request.requestedAt),
      };
      await db
        .insertInto('push_certificates')
        .values({ tenant_id: request.tenantId, ...fields })
        .onConflict((oc) => oc.column('tenant_id').doUpdateSet(fields))
        .execute();
    },

    async activatePushCertificate(certificate, pendingId) {
      const result = await db
        .updateTable('push_certificates')
        .set({
          pending_id: null,
          pending_csr: null,
          pending_key: null,
          pending_key_sha256: null,
          pending_requested_at: null,
          topic: certificate.topic,
          certificate: certificate.certificatePem,
          certificate_key: sealer.seal(certificate.privateKeyPem, activeLabel(certificate.tenantId, certificate.publicKeySha256)),
          certificate_key_sha256: certificate.publicKeySha256,
          serial_number: certificate.serialNumber,
          subject: certificate.subject,
          not_before: codec.time(certificate.notBefore),
          not_after: codec.time(certificate.notAfter),
          uploaded_at: codec.time(certificate.uploadedAt),
          updated_at: codec.time(certificate.uploadedAt),
        })
        .where('tenant_id', '=', certificate.tenantId)
        .where('pending_id', '=', pendingId)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },
  };
}

function incomplete(tenantId: string, part: string): WardError {
  return new WardError('INTERNAL', `push_certificates row of tenant ${tenantId}: the ${part} is incomplete (a column is null).`);
}
