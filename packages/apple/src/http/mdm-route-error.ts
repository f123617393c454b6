import type { FastifyReply, FastifyRequest } from 'fastify';
import { errorStatus, type ErrorCode, type Failure } from '@ward/core';
import { AppleProtocolError, type AppleProtocolErrorCode } from '../spec/apple-protocol-error.js';

/**
 * Codes only the MDM endpoints answer with: what the transport refuses without a domain decision.
 * Domain refusals keep the core's codes and statuses (`errorStatus`); protocol refusals the
 * {@link AppleProtocolError} codes (`appleProtocolErrorStatus`).
 */
export const mdmRouteErrorStatus = {
  /** DeclarativeManagement and GetToken check-ins: Ward does not implement them yet (RFC 9110 §15.6.2). */
  MDM_MESSAGE_UNSUPPORTED: 501,
} as const;

export type MdmRouteErrorCode = keyof typeof mdmRouteErrorStatus;

/** Every code an MDM endpoint answers with. */
export type MdmErrorCode = ErrorCode | AppleProtocolErrorCode | MdmRouteErrorCode;

/**
 * A refusal of an MDM request, thrown where it is found and rendered by {@link sendMdmError}, the
 * one place the MDM endpoints map codes to statuses.
 */
export class MdmRouteError extends Error {
  override readonly name = 'MdmRouteError';

  constructor(
    readonly code: ErrorCode | MdmRouteErrorCode,
    message: string,
    readonly details?: Readonly<Record<string, unknown>>,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }

  /** The error for a core use case's failure. */
  static from(failure: Failure<ErrorCode>): MdmRouteError {
    return new MdmRouteError(failure.code, failure.message, failure.details);
  }

  get status(): number {
    return Object.hasOwn(mdmRouteErrorStatus, this.code) ? mdmRouteErrorStatus[this.code as MdmRouteErrorCode] : errorStatus[this.code as ErrorCode];
  }
}

/** The body of a refused MDM request. Devices act on the status only; the code is for logs, tests and people. */
export interface MdmErrorBody {
  readonly error: { readonly code: MdmErrorCode; readonly message: string; readonly details?: Readonly<Record<string, unknown>> };
}

// Fastify's own refusals while reading a body, by its error code.
const fastifyBodyErrors: Readonly<Record<string, { readonly code: MdmErrorCode; readonly message: string }>> = {
  FST_ERR_CTP_BODY_TOO_LARGE: { code: 'MDM_MESSAGE_TOO_LARGE', message: 'The request body is larger than this endpoint accepts.' },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: { code: 'MDM_MESSAGE_MALFORMED', message: 'The request body does not match its Content-Length.' },
};

/**
 * Renders any error an MDM route raised: {@link MdmRouteError}, {@link AppleProtocolError} and
 * Fastify's body-reading errors with their status and code; anything else is a server fault, 500,
 * logged with its stack and not described to the client.
 */
export function sendMdmError(request: FastifyRequest, reply: FastifyReply, error: unknown): FastifyReply {
  let status: number;
  let body: MdmErrorBody;
  if (error instanceof MdmRouteError) {
    status = error.status;
    body = { error: { code: error.code, message: error.message, ...(error.details === undefined ? {} : { details: error.details }) } };
  } else if (error instanceof AppleProtocolError) {
    status = error.status;
    body = { error: { code: error.code, message: error.message, ...(error.problems.length === 0 ? {} : { details: { problems: error.problems } }) } };
  } else {
    const fastifyCode = typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string' ? error.code : undefined;
    const known = fastifyCode === undefined ? undefined : fastifyBodyErrors[fastifyCode];
    if (known === undefined) {
      request.log.error({ err: error }, 'MDM request failed');
      return reply.code(500).type('application/json').send({ error: { code: 'INTERNAL', message: 'The server failed to handle this request.' } } satisfies MdmErrorBody);
    }
    status = known.code === 'MDM_MESSAGE_TOO_LARGE' ? 413 : 400;
    body = { error: known };
  }
  request.log.info({ code: body.error.code, status }, 'MDM request refused');
  return reply.code(status).type('application/json').send(body);
}
