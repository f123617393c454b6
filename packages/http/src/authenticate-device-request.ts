import type { FastifyRequest, onRequestAsyncHookHandler } from 'fastify';
import { authenticateDevice, type DeviceIdentityStore, type DeviceSession, type DeviceStore, type Deps, type Origin, type PresentedCertificate } from '@ward/core';
import { ApiError, failureError } from './api-error.js';
import { presentedCertificate, type DeviceCertificateSettings } from './device-certificate.js';

/** What the device hook established about a request. */
interface DeviceRequest {
  readonly session: DeviceSession;
  /** The verified certificate it presented, which a push socket keeps to authenticate each of its messages. */
  readonly certificate: PresentedCertificate;
}

const authenticated = new WeakMap<FastifyRequest, DeviceRequest>();

function deviceRequestOf(request: FastifyRequest): DeviceRequest {
  const found = authenticated.get(request);
  if (found === undefined) throw new ApiError('INTERNAL', 'No device session on a route that requires one.');
  return found;
}

/** Where an agent request came from, for the audit trail. */
export function agentOrigin(request: FastifyRequest): Origin {
  const userAgent = request.headers['user-agent'];
  return { via: 'agent', ip: request.ip, requestId: request.id, ...(userAgent === undefined ? {} : { userAgent: userAgent.slice(0, 256) }) };
}

/**
 * The device an agent request was authenticated as. Only routes with the device hook have one;
 * asking elsewhere is a bug, reported as INTERNAL.
 */
export function deviceSessionOf(request: FastifyRequest): DeviceSession {
  return deviceRequestOf(request).session;
}

/**
 * The client certificate a device request presented, its chain verified and its device checked.
 * Only routes with the device hook have one; asking elsewhere is a bug, reported as INTERNAL.
 */
export function presentedCertificateOf(request: FastifyRequest): PresentedCertificate {
  return deviceRequestOf(request).certificate;
}

/**
 * The `onRequest` hook of the device routes: the verified client certificate must name an active
 * identity of a device that is not retired, checked against storage on every request so that a
 * revocation takes effect at once. Runs before the body is read, so a stranger cannot make the
 * server parse a 2 MB check-in, and before a push socket is upgraded.
 */
export function authenticateDeviceHook(
  deps: Deps<Pick<DeviceIdentityStore, 'getDeviceIdentity'> & Pick<DeviceStore, 'getDevice'>>,
  settings: DeviceCertificateSettings,
): onRequestAsyncHookHandler {
  return async function authenticateDeviceRequest(request) {
    const presented = await presentedCertificate(request, settings);
    const result = await authenticateDevice(deps, presented, agentOrigin(request));
    if (!result.ok) throw failureError(result);
    authenticated.set(request, { session: result.value, certificate: presented });
  };
}
