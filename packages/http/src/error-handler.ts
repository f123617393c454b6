import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { errorStatus, WardError, type ErrorCode } from '@ward/core';
import { ApiError } from './api-error.js';
import { errorBody } from './error-body.js';

/** How an error is answered: its code and message, and whether it was a failure of the server. */
export interface Problem {
  readonly code: ErrorCode;
  readonly message: string;
  readonly details?: Readonly<Record<string, unknown>>;
  /** True for faults of the server (logged at error level with the cause), false for refusals. */
  readonly serverFault: boolean;
}

const internal: Problem = { code: 'INTERNAL', message: 'The server failed to handle the request. Quote the request id when reporting this.', serverFault: true };

/** Fastify's own request errors, by their `code`, in Ward's terms. */
const fastifyCodes: Readonly<Record<string, Omit<Problem, 'serverFault'>>> = {
  FST_ERR_CTP_INVALID_JSON_BODY: { code: 'VALIDATION_FAILED', message: 'The request body is not well-formed JSON.', details: { in: 'body', reason: 'malformedJson' } },
  FST_ERR_CTP_EMPTY_JSON_BODY: { code: 'VALIDATION_FAILED', message: 'The request body is empty but its content type says JSON.', details: { in: 'body', reason: 'emptyBody' } },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: { code: 'VALIDATION_FAILED', message: 'The Content-Length header does not match the body.', details: { in: 'headers', reason: 'contentLength' } },
  FST_ERR_CTP_BODY_TOO_LARGE: { code: 'PAYLOAD_TOO_LARGE', message: 'The request body is larger than this endpoint accepts.' },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { code: 'UNSUPPORTED_MEDIA_TYPE', message: 'This endpoint does not accept that Content-Type.' },
  FST_ERR_BAD_URL: { code: 'VALIDATION_FAILED', message: 'The request URL is malformed.', details: { in: 'path', reason: 'badUrl' } },
};

/** A client error Fastify raised without a code we know, by HTTP status. */
function codeForClientStatus(status: number): ErrorCode {
  switch (status) {
    case 401: return 'UNAUTHENTICATED';
    case 403: return 'FORBIDDEN';
    case 404: return 'NOT_FOUND';
    case 413: return 'PAYLOAD_TOO_LARGE';
    case 415: return 'UNSUPPORTED_MEDIA_TYPE';
    case 429: return 'RATE_LIMITED';
    default: return 'VALIDATION_FAILED';
  }
}

function field(value: unknown, name: string): unknown {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[name] : undefined;
}

/**
 * Classifies anything a handler, hook or Fastify itself threw. Codes come from core's table; the
 * message of a server fault is never the thrown one, which may carry SQL, paths or secrets.
 */
export function problemOf(error: unknown): Problem {
  if (error instanceof ApiError) {
    const serverFault = errorStatus[error.code] >= 500;
    if (serverFault) return error.code === 'INTERNAL' ? internal : { ...internal, code: error.code, message: messageOfFault(error.code) };
    return error.details === undefined ? { code: error.code, message: error.message, serverFault } : { code: error.code, message: error.message, details: error.details, serverFault };
  }
  if (error instanceof WardError) {
    if (errorStatus[error.code] >= 500) return error.code === 'INTERNAL' ? internal : { ...internal, code: error.code, message: messageOfFault(error.code) };
    return { code: error.code, message: error.message, serverFault: false };
  }
  const fastifyCode = field(error, 'code');
  if (typeof fastifyCode === 'string') {
    const known = fastifyCodes[fastifyCode];
    if (known !== undefined) return { ...known, serverFault: false };
  }
  const status = field(error, 'statusCode');
  if (typeof status === 'number' && status >= 400 && status < 500) {
    const code = codeForClientStatus(status);
    const message = field(error, 'message');
    return { code, message: typeof message === 'string' && message !== '' ? message : 'The request was refused.', serverFault: false };
  }
  return internal;
}

function messageOfFault(code: ErrorCode): string {
  return code === 'UNAVAILABLE' ? 'The service is temporarily unavailable; try again shortly.' : internal.message;
}

/** Sends `problem` in the API's error shape with its status from core's table. */
export function sendProblem(request: FastifyRequest, reply: FastifyReply, problem: Problem): FastifyReply {
  return reply
    .code(errorStatus[problem.code])
    .header('x-request-id', request.id)
    .header('cache-control', 'no-store')
    .type('application/json; charset=utf-8')
    .send(errorBody(problem.code, problem.message, request.id, problem.details));
}

/**
 * Installs the one error handler and the not-found handler on `app`: every failure the API answers
 * goes through here, so there is exactly one mapping from errors to statuses.
 */
export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: unknown, request, reply) => {
    const problem = problemOf(error);
    if (problem.serverFault) {
      request.log.error({ err: error, code: problem.code }, 'request failed');
    } else {
      request.log.info({ code: problem.code, status: errorStatus[problem.code] }, 'request refused');
    }
    return sendProblem(request, reply, problem);
  });
  app.setNotFoundHandler((request, reply) => {
    // The path is the client's own text; cap it so a huge URL is not echoed back in full.
    const path = (request.url.split('?')[0] ?? '').slice(0, 200);
    return sendProblem(request, reply, { code: 'NOT_FOUND', message: `There is no ${request.method} ${path} endpoint.`, serverFault: false });
  });
}
