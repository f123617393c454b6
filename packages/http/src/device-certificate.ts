import { createHash } from 'node:crypto';
import { TLSSocket } from 'node:tls';
import type { FastifyRequest } from 'fastify';
import type { PresentedCertificate } from '@ward/core';
import type { ClientCertificateVerifier } from './api-options.js';
import { ApiError } from './api-error.js';

/** How a device may prove its certificate on this server. */
export interface DeviceCertificateSettings {
  /**
   * Whether the request's immediate peer may vouch for the client certificate with an RFC 9440
   * `Client-Cert` header, and how to check that certificate's chain; absent: the header is refused.
   */
  readonly proxyHeader?: { readonly trusted: (peerAddress: string | undefined) => boolean; readonly verify: ClientCertificateVerifier };
}

/** The RFC 9440 header field, as Node lower-cases it. */
export const clientCertHeader = 'client-cert';

// RFC 8941 sf-binary: base64 (standard alphabet, padded) between colons. Far above any device
// certificate Ward issues, low enough that a hostile header is refused before it is decoded.
const sfBinary = /^:([A-Za-z0-9+/]{1,21848}={0,2}):$/;

/** SHA-256 of a certificate's DER as colon-separated upper-case hex, as `@ward/pki` writes it. */
export function certificateFingerprint(der: Uint8Array): string {
  return (createHash('sha256').update(der).digest('hex').toUpperCase().match(/../g) ?? []).join(':');
}

/**
 * A serial number as `@ward/pki` records it: lower-case hex of the positive integer, no leading zero
 * bytes, even length. Node prints OpenSSL's upper-case form, whose leading zero handling differs
 * between OpenSSL versions, so both are brought to one form here.
 */
export function normalizeSerial(serial: string): string {
  const digits = serial.replaceAll(':', '').toLowerCase().replace(/^0+/, '');
  return digits.length % 2 === 1 ? `0${digits}` : digits;
}

// A connection presents one certificate for its whole life (Node refuses client renegotiation), so
// it is read and hashed once per connection rather than once per request on a keep-alive socket.
const presentedBySocket = new WeakMap<TLSSocket, PresentedCertificate | ApiError>();

function fromTlsSocket(socket: TLSSocket): PresentedCertificate | ApiError {
  const peer = socket.getPeerCertificate();
  // Node answers an empty object when the client sent no certificate.
  if (!('raw' in peer) || !Buffer.isBuffer(peer.raw)) return new ApiError('UNAUTHENTICATED', 'This endpoint needs the device certificate Ward issued at enrollment, presented as a TLS client certificate.');
  if (!socket.authorized) {
    // The server verifies chains without refusing the handshake, so the refusal carries our code.
    // Node's types say Error; at run time it is OpenSSL's code as a string (`CERT_HAS_EXPIRED`).
    const error: unknown = socket.authorizationError;
    const reason = error instanceof Error ? error.message : String(error);
    if (reason === 'CERT_HAS_EXPIRED') return new ApiError('DEVICE_CERTIFICATE_EXPIRED', 'This device certificate has expired; enroll the device again.');
    return new ApiError('DEVICE_CERTIFICATE_INVALID', 'This certificate was not issued by Ward\'s device CA.', { reason });
  }
  return { serialNumber: normalizeSerial(peer.serialNumber), fingerprint: certificateFingerprint(peer.raw) };
}

async function fromHeader(value: string, verify: ClientCertificateVerifier): Promise<PresentedCertificate> {
  const match = sfBinary.exec(value.trim());
  const base64 = match?.[1];
  if (base64 === undefined) throw new ApiError('DEVICE_CERTIFICATE_INVALID', 'The Client-Cert header is not an RFC 9440 byte sequence.', { header: clientCertHeader });
  const checked = await verify(new Uint8Array(Buffer.from(base64, 'base64')));
  if (!checked.ok) {
    if (checked.code === 'CERT_EXPIRED') throw new ApiError('DEVICE_CERTIFICATE_EXPIRED', 'This device certificate has expired; enroll the device again.');
    throw new ApiError('DEVICE_CERTIFICATE_INVALID', 'This certificate was not issued by Ward\'s device CA.', { reason: checked.code });
  }
  return { serialNumber: normalizeSerial(checked.serialNumber), fingerprint: checked.fingerprintSha256 };
}

/**
 * The device certificate a request presents, its chain already verified: from the RFC 9440 header
 * when a trusted proxy sent it, else from the TLS connection. A header from anyone else is refused
 * outright rather than ignored, so a misconfigured proxy fails loudly instead of looking like a
 * device without a certificate. Whether the certificate still identifies an enrolled device
 * (revocation, retirement) is core's `authenticateDevice`, asked next.
 *
 * @throws ApiError UNAUTHENTICATED (no certificate), DEVICE_CERTIFICATE_INVALID or _EXPIRED.
 */
export async function presentedCertificate(request: FastifyRequest, settings: DeviceCertificateSettings): Promise<PresentedCertificate> {
  const header = request.headers[clientCertHeader];
  if (header !== undefined) {
    const proxy = settings.proxyHeader;
    if (proxy === undefined || !proxy.trusted(request.raw.socket.remoteAddress)) {
      throw new ApiError('DEVICE_CERTIFICATE_INVALID', 'A Client-Cert header is accepted only from a trusted proxy.', { header: clientCertHeader });
    }
    return fromHeader(Array.isArray(header) ? header.join(',') : header, proxy.verify);
  }
  const socket = request.raw.socket;
  if (!(socket instanceof TLSSocket)) throw new ApiError('UNAUTHENTICATED', 'This endpoint needs the device certificate Ward issued at enrollment, over TLS.');
  let presented = presentedBySocket.get(socket);
  if (presented === undefined) {
    presented = fromTlsSocket(socket);
    presentedBySocket.set(socket, presented);
  }
  if (presented instanceof ApiError) throw presented;
  return presented;
}
