import type { FastifyInstance, FastifyPluginAsync, FastifyReply } from 'fastify';
import {
  decodeScepRequest,
  encodeCertRep,
  encodeScepCaCertificates,
  MAX_SCEP_MESSAGE_BYTES,
  scepCaCapsText,
  type PkiErrorCode,
  type ScepCertRepResult,
  type ScepFailInfo,
  type ScepRaCredential,
} from '@ward/pki';
import type { ScepService } from './scep-service.js';

/** Options of {@link scepRoute}. */
export interface ScepRouteOptions {
  /** The SCEP RA credential; a function so a rotated credential is picked up without a restart. */
  readonly ra: () => ScepRaCredential;
  readonly service: ScepService;
  /** The path served; `/mdm/scep` by default. */
  readonly path?: string;
}

const PKI_MESSAGE = 'application/x-pki-message';
// base64 of the largest message, plus slack for URL-encoding leftovers.
const MAX_GET_MESSAGE_CHARS = Math.ceil(MAX_SCEP_MESSAGE_BYTES / 3) * 4 + 16;

/** What a request that cannot be authenticated is told: HTTP 400 with Ward's code. */
interface ScepHttpError {
  readonly error: { readonly code: string; readonly message: string };
}

/**
 * The SCEP endpoint (RFC 8894 §4): `GET|POST <path>?operation=GetCACaps|GetCACert|PKIOperation`.
 * PKIOperation takes the pkiMessage as a base64 `message` query parameter (GET) or as the body
 * (POST, `application/x-pki-message`; `application/octet-stream` too, as some clients send it).
 *
 * Thin by design: decodes through @ward/pki, asks the {@link ScepService}, encodes the CertRep. A
 * request whose signature verifies gets a signed CertRep FAILURE when refused, so the device shows a
 * reason; one that cannot be authenticated gets HTTP 400 and no CertRep.
 */
export const scepRoute: FastifyPluginAsync<ScepRouteOptions> = (app: FastifyInstance, options: ScepRouteOptions) => {
  const path = options.path ?? '/mdm/scep';
  // Encapsulated plugin: these parsers apply to this route only.
  app.addContentTypeParser([PKI_MESSAGE, 'application/octet-stream'], { parseAs: 'buffer', bodyLimit: MAX_SCEP_MESSAGE_BYTES }, (_request, body, done) => {
    done(null, body);
  });

  const handle = async (operation: unknown, message: Uint8Array | undefined, reply: FastifyReply): Promise<FastifyReply> => {
    switch (operation) {
      case 'GetCACaps':
        return reply.type('text/plain; charset=utf-8').send(scepCaCapsText());
      case 'GetCACert': {
        const certificates = encodeScepCaCertificates(options.ra());
        return reply.type(certificates.contentType).send(Buffer.from(certificates.body));
      }
      case 'PKIOperation':
      {
        if (message === undefined || message.length === 0) return badRequest(reply, 'SCEP_MESSAGE_MALFORMED', 'PKIOperation needs a pkiMessage');
        const outcome = await pkiOperation(message, options);
        if (!outcome.ok) return badRequest(reply, outcome.code, outcome.message);
        return reply.type(PKI_MESSAGE).send(Buffer.from(outcome.certRep));
      }
      default:
        return badRequest(reply, 'SCEP_OPERATION_UNSUPPORTED', 'operation must be GetCACaps, GetCACert or PKIOperation');
    }
  };

  app.get(path, async (request, reply) => {
    const query = request.query as Record<string, unknown>;
    let message: Uint8Array | undefined;
    if (query.operation === 'PKIOperation') {
      const text = query.message;
      if (typeof text !== 'string' || text.length > MAX_GET_MESSAGE_CHARS || !/^[A-Za-z0-9+/=\s_-]*$/.test(text)) {
        return badRequest(reply, 'SCEP_MESSAGE_MALFORMED', 'message must be base64 of at most 64 KiB');
      }
      // A "+" that was not percent-encoded arrives as a space.
      message = Buffer.from(text.replace(/ /g, '+'), 'base64');
    }
    return handle(query.operation, message, reply);
  });

  app.post(path, async (request, reply) => {
    const query = request.query as Record<string, unknown>;
    const body = request.body;
    return handle(query.operation, body instanceof Uint8Array ? body : undefined, reply);
  });
  return Promise.resolve();
};

type PkiOperationOutcome = { readonly ok: true; readonly certRep: Uint8Array } | { readonly ok: false; readonly code: string; readonly message: string };

async function pkiOperation(message: Uint8Array, options: ScepRouteOptions): Promise<PkiOperationOutcome> {
  const ra = options.ra();
  const decoded = decodeScepRequest(message, ra);
  if (!decoded.ok) {
    // Without a verified signature there is nobody to answer with a signed CertRep.
    if (decoded.replyTo === undefined) return { ok: false, code: decoded.code, message: decoded.message };
    const failure: ScepCertRepResult = { status: 'FAILURE', failInfo: failInfoFor(decoded.code), failInfoText: decoded.code };
    return { ok: true, certRep: encodeCertRep({ ra, replyTo: decoded.replyTo, result: failure }) };
  }
  const { request } = decoded;
  const decision = await options.service.enroll({
    messageType: request.messageType,
    transactionId: request.transactionId,
    challengePassword: request.challengePassword,
    csrDer: request.csrDer,
    csrPem: request.csrPem,
    csrSubject: request.csrSubject,
    csrPublicKeyDer: request.csrPublicKeyDer,
    signerCertificateDer: request.signerCertificateDer,
    raw: request.raw,
  });
  const result: ScepCertRepResult = decision.ok
    ? { status: 'SUCCESS', issuedCertificateDer: decision.certificateDer, chainDer: decision.chainDer ?? [] }
    : { status: 'FAILURE', failInfo: decision.failInfo, failInfoText: decision.code };
  return { ok: true, certRep: encodeCertRep({ ra, replyTo: request, result }) };
}

function failInfoFor(code: PkiErrorCode): ScepFailInfo {
  switch (code) {
    case 'SCEP_ALGORITHM_UNSUPPORTED':
      return 'badAlg';
    case 'SCEP_CSR_INVALID':
    case 'SCEP_MESSAGE_TYPE_UNSUPPORTED':
      return 'badRequest';
    default:
      return 'badMessageCheck';
  }
}

function badRequest(reply: FastifyReply, code: string, message: string): FastifyReply {
  const body: ScepHttpError = { error: { code, message } };
  return reply.code(400).type('application/json').send(body);
}
