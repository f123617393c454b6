import type { FastifyRequest } from 'fastify';
import { resolveAppleRequest, type AppleSession, type BoundAppleSession, type Origin } from '@ward/core';
import { mdmRequestCertificate } from './mdm-request-certificate.js';
import { MdmRouteError } from './mdm-route-error.js';
import type { AppleMdmRouteOptions } from './mdm-route-options.js';

/** Where an MDM request came from, for the audit trail: a device, like the agent's requests. */
export function mdmOrigin(request: FastifyRequest): Origin {
  const userAgent = request.headers['user-agent'];
  return { via: 'agent', ip: request.ip, requestId: request.id, ...(userAgent === undefined ? {} : { userAgent: userAgent.slice(0, 256) }) };
}

/** The identifiers a check-in message or command report names its device by. */
export interface MdmMessageIdentity {
  readonly udid?: string;
  readonly enrollmentId?: string;
}

/** The UDID and EnrollmentID of a decoded message, whatever its type (some schemas omit them, devices send them). */
export function messageIdentity(dict: object): MdmMessageIdentity {
  const udid = 'UDID' in dict ? dict.UDID : undefined;
  const enrollmentId = 'EnrollmentID' in dict ? dict.EnrollmentID : undefined;
  return { ...(typeof udid === 'string' ? { udid } : {}), ...(typeof enrollmentId === 'string' ? { enrollmentId } : {}) };
}

/**
 * Authenticates an MDM request: its certificate (see `mdmRequestCertificate`), then the core's
 * `resolveAppleRequest` with the identifiers the message names, so a certificate speaks only for
 * the device it was bound to at Authenticate.
 *
 * @throws {MdmRouteError} with the certificate's or the core's code.
 */
export async function mdmSession(request: FastifyRequest, body: Uint8Array, options: AppleMdmRouteOptions, identity: MdmMessageIdentity): Promise<AppleSession> {
  const certificate = await mdmRequestCertificate(request, body, options);
  const resolved = await resolveAppleRequest(options.deps, { certificate, ...identity, origin: mdmOrigin(request) });
  if (!resolved.ok) throw MdmRouteError.from(resolved);
  return resolved.value;
}

/** The session of an enrolled device; a certificate not yet bound may only send Authenticate (APPLE_NOT_AUTHENTICATED). */
export function boundSession(session: AppleSession): BoundAppleSession {
  if (session.kind !== 'bound') throw new MdmRouteError('APPLE_NOT_AUTHENTICATED', 'This device has not sent Authenticate yet.');
  return session;
}
