import type { FastifyPluginAsyncTypebox, TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { createPushCertificateRequest, getPushCertificateStatus, maxPushCertificateUploadBytes, uploadPushCertificate, type PushCertificateCrypto, type UploadPushCertificateInput } from '@ward/core';
import { ApiError, unwrap } from '../api-error.js';
import { apiPrefix } from '../api-prefix.js';
import { principalOf } from '../authenticate.js';
import { requires } from '../route-access.js';
import type { RouteDeps } from '../route-deps.js';
import { CreatedPushCertificateRequest, JsonUploadBody, PemText, pemMediaType, PemUploadBody, PushCertificateStatus } from '../schemas/push-certificate.js';

/** Options of the push certificate routes. */
export interface PushCertificateRoutesOptions extends RouteDeps {
  /** Makes keys and CSRs and reads uploaded certificates (`createPushCertificateCrypto()` of @ward/apple). */
  readonly pushCrypto: PushCertificateCrypto;
}

const tags = ['enrollment'];
const path = '/apple/push-certificate';
const uploadErrors = ['PUSH_CERTIFICATE_INVALID', 'PUSH_CERTIFICATE_KEY_MISMATCH', 'PUSH_CERTIFICATE_EXPIRED', 'PUSH_CERTIFICATE_TOPIC_MISMATCH', 'PUSH_CERTIFICATE_REQUEST_NOT_FOUND'] as const;

// Room for the JSON form of the largest certificate the core reads: base64 grows it by a third.
const uploadBodyLimit = 2 * maxPushCertificateUploadBytes;
const base64Text = /^[A-Za-z0-9+/]+={0,2}$/;

/**
 * The certificate of an upload body as the core reads it: PEM text as it is, base64 as its DER
 * bytes. A body the schemas did not vet (no Content-Type, so no parser and no schema ran) is a
 * validation failure here rather than a crash further in.
 */
function uploadedCertificate(body: unknown): UploadPushCertificateInput['certificate'] {
  if (typeof body === 'string') return body;
  const text = typeof body === 'object' && body !== null && 'certificate' in body ? body.certificate : undefined;
  if (typeof text !== 'string') {
    throw new ApiError('VALIDATION_FAILED', `Send the certificate as ${pemMediaType} or as JSON { "certificate": "…" }.`, { in: 'body', reason: 'missingBody' });
  }
  if (text.includes('-----BEGIN')) return text;
  const compact = text.replace(/\s+/g, '');
  // Not base64 either: the core reads the text and refuses it as no certificate, with its own code.
  if (compact.length % 4 !== 0 || !base64Text.test(compact)) return text;
  return new Uint8Array(Buffer.from(compact, 'base64'));
}

/**
 * `/api/v1/apple/push-certificate`: the APNs certificate Apple devices are woken with (issue 5 §1).
 * Ward makes the key and the CSR; the admin has the CSR signed (MDM vendor, then Apple's portal) and
 * uploads the certificate Apple returns. See docs/apple-push-certificate.md.
 */
export const pushCertificateRoutes: FastifyPluginAsyncTypebox<PushCertificateRoutesOptions> = async (app, { deps, pushCrypto }) => {
  const cryptoDeps = { ...deps, pushCrypto };

  app.get(path, {
    schema: {
      tags,
      operationId: 'getPushCertificateStatus',
      summary: 'The Apple push certificate: state, topic, expiry (expiresSoon within 30 days) and the pending CSR. Needs tenant-wide devices.read.',
      response: { 200: PushCertificateStatus },
    },
    config: requires('devices.read'),
  }, async (request) => unwrap(await getPushCertificateStatus(deps, principalOf(request))));

  app.post(`${path}/request`, {
    schema: {
      tags,
      operationId: 'createPushCertificateRequest',
      summary: 'Make a new key and CSR for the Apple push certificate, replacing any pending one; an active certificate keeps working until its renewal is uploaded. Needs tenant-wide settings.manage.',
      response: { 201: CreatedPushCertificateRequest },
    },
    config: requires('settings.manage'),
  }, async (request, reply) => {
    const created = unwrap(await createPushCertificateRequest(cryptoDeps, principalOf(request)));
    return reply.code(201).header('location', `${apiPrefix}${path}/request.csr`).send(created);
  });

  app.get(`${path}/request.csr`, {
    schema: {
      tags,
      operationId: 'downloadPushCertificateRequest',
      summary: 'The pending CSR as a PEM file, to have signed and uploaded to Apple. Needs tenant-wide devices.read.',
      response: { 200: { content: { [pemMediaType]: { schema: PemText } } } },
    },
    config: requires('devices.read', ['PUSH_CERTIFICATE_REQUEST_NOT_FOUND']),
  }, async (request, reply) => {
    const { pending } = unwrap(await getPushCertificateStatus(deps, principalOf(request)));
    if (pending === null) throw new ApiError('PUSH_CERTIFICATE_REQUEST_NOT_FOUND', 'There is no pending push certificate request: create one first.');
    return reply.type(pemMediaType).header('content-disposition', 'attachment; filename="ward-push-certificate.csr"').send(pending.csrPem);
  });

  // PEM text is accepted only here: elsewhere that Content-Type stays a 415.
  await app.register((scope, _options, done) => {
    scope.addContentTypeParser(pemMediaType, { parseAs: 'string' }, (_request, body, parsed) => {
      parsed(null, body);
    });
    scope.withTypeProvider<TypeBoxTypeProvider>().put(path, {
      bodyLimit: uploadBodyLimit,
      schema: {
        tags,
        operationId: 'uploadPushCertificate',
        summary: 'Upload the certificate Apple issued for the pending CSR (PEM, or JSON with PEM or base64 DER). It must carry an MDM topic, match the pending key and, for a renewal, keep the topic. Needs tenant-wide settings.manage.',
        body: { content: { 'application/json': { schema: JsonUploadBody }, [pemMediaType]: { schema: PemUploadBody } } },
        response: { 200: PushCertificateStatus },
      },
      config: requires('settings.manage', uploadErrors),
    }, async (request) => unwrap(await uploadPushCertificate(cryptoDeps, principalOf(request), { certificate: uploadedCertificate(request.body) })));
    done();
  });
};
