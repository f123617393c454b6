import { TLSSocket } from 'node:tls';
import { authenticateDevice, type Deps, type DeviceId, type TenantId } from '@ward/core';
import type { FastifyRequest } from 'fastify';
import { verifyDeviceAssertion, type DeviceAssertionContext, type DeviceAssertionStores } from './device-assertion.js';

/**
 * The outcome of checking a client certificate's chain against Ward's device CA: `@ward/pki`'s
 * `ca.verifyClientCertificate(der, clock.now())` fits. `code` is the PKI's (`CERT_EXPIRED`, `CERT_UNTRUSTED`…).
 */
export type SignInCertificateCheck =
  | { readonly ok: true; readonly serialNumber: string; readonly fingerprintSha256: string }
  | { readonly ok: false; readonly code: string };

/** Verifies a client certificate (DER) against the device CA now. Injected: this package holds no CA material. */
export type SignInCertificateVerifier = (der: Uint8Array) => Promise<SignInCertificateCheck>;

/** How the sign-in pages learn which device a browser runs on (issue 6 §3). */
export interface DeviceProofOptions {
  /** Checks a presented certificate's chain; without it no device is ever proven. */
  readonly verifyClientCertificate?: SignInCertificateVerifier;
  /**
   * Whether the request's immediate peer is a trusted TLS-terminating proxy whose RFC 9440
   * `Client-Cert` header is believed. Absent: the header is ignored.
   */
  readonly trustedPeer?: (address: string | undefined) => boolean;
}

/** Which device proved itself, or why none did (shown on the blocked page, never matched on). */
export interface DeviceProof {
  readonly deviceId: DeviceId | null;
  /** Null when no certificate was presented, or when it identified a device. */
  readonly problem: string | null;
}

/** A device-key assertion presented with a sign-in (a form field or the authorization request's parameter). */
export interface PresentedDeviceAssertion extends Omit<DeviceAssertionContext, 'verifyClientCertificate'> {
  /** The compact JWS; empty means none. */
  readonly token: string;
}

async function proveByAssertion(deps: Deps<DeviceAssertionStores>, request: FastifyRequest, tenantId: TenantId, options: DeviceProofOptions, assertion: PresentedDeviceAssertion): Promise<DeviceProof> {
  if (options.verifyClientCertificate === undefined) return { deviceId: null, problem: null };
  const checked = await verifyDeviceAssertion(deps, assertion.token, { audience: assertion.audience, interactionUid: assertion.interactionUid, verifyClientCertificate: options.verifyClientCertificate });
  if (!checked.ok) {
    // The page shows the message; operators see the reason code, to tell an attack from a clock problem.
    request.log.warn({ deviceAssertion: checked.reason }, `device assertion refused: ${checked.message}`);
    return { deviceId: null, problem: checked.message };
  }
  if (checked.tenantId !== tenantId) return { deviceId: null, problem: 'This device is enrolled in another organisation.' };
  return { deviceId: checked.deviceId, problem: null };
}

/** RFC 9440's header, as Node lower-cases it. */
export const clientCertHeader = 'client-cert';

// RFC 8941 sf-binary between colons; bounded well above any certificate Ward issues.
const sfBinary = /^:([A-Za-z0-9+/]{1,21848}={0,2}):$/u;

function presentedDer(request: FastifyRequest, options: DeviceProofOptions): Uint8Array | string | undefined {
  const header = request.headers[clientCertHeader];
  if (header !== undefined && options.trustedPeer?.(request.raw.socket.remoteAddress) === true) {
    const base64 = sfBinary.exec((Array.isArray(header) ? header.join(',') : header).trim())?.[1];
    if (base64 === undefined) return 'The Client-Cert header from the proxy is not an RFC 9440 byte sequence.';
    return new Uint8Array(Buffer.from(base64, 'base64'));
  }
  // A header from any other peer is the client speaking for itself: it proves nothing and is ignored.
  const socket = request.raw.socket;
  if (!(socket instanceof TLSSocket)) return undefined;
  const peer = socket.getPeerCertificate();
  // Node answers an empty object when the client sent no certificate.
  return 'raw' in peer && Buffer.isBuffer(peer.raw) ? new Uint8Array(peer.raw) : undefined;
}

/**
 * The device behind a sign-in request: its TLS client certificate (the server asks for one but does
 * not require it) or the certificate a trusted proxy vouches for, checked against Ward's device CA
 * and then bound to an enrolled device by core's `authenticateDevice` (revoked, superseded and
 * expired certificates and retired devices are refused there). Without a certificate, a device-key
 * assertion (`assertion`, see `verifyDeviceAssertion`) proves the device instead; a refused one is
 * logged with its reason. Anything short of that is an
 * unknown device (as is a device of another tenant), which fails a "require compliant device" control and nothing else.
 */
export async function proveDevice(
  deps: Deps<DeviceAssertionStores>,
  request: FastifyRequest,
  tenantId: TenantId,
  options: DeviceProofOptions,
  assertion?: PresentedDeviceAssertion,
): Promise<DeviceProof> {
  const der = presentedDer(request, options);
  if (der === undefined) return assertion === undefined || assertion.token === '' ? { deviceId: null, problem: null } : proveByAssertion(deps, request, tenantId, options, assertion);
  if (typeof der === 'string') return { deviceId: null, problem: der };
  if (options.verifyClientCertificate === undefined) return { deviceId: null, problem: null };
  const checked = await options.verifyClientCertificate(der);
  if (!checked.ok) {
    return { deviceId: null, problem: checked.code === 'CERT_EXPIRED' ? 'This device\'s certificate has expired; enroll the device again.' : 'This browser presented a certificate that Ward did not issue.' };
  }
  const session = await authenticateDevice(deps, { serialNumber: checked.serialNumber.toLowerCase(), fingerprint: checked.fingerprintSha256 }, { via: 'api', ip: request.ip });
  if (!session.ok) return { deviceId: null, problem: session.message };
  // Serials are unique across tenants; a device of another tenant is a stranger here.
  if (session.value.device.tenantId !== tenantId) return { deviceId: null, problem: 'This device is enrolled in another organisation.' };
  return { deviceId: session.value.device.id, problem: null };
}
