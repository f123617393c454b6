import { TLSSocket } from 'node:tls';
import type { FastifyRequest } from 'fastify';
import type { AppleRequestCertificate } from '@ward/core';
import { MAX_CMS_SIGNATURE_BYTES, PkiError, verifyCmsDetached } from '@ward/pki';
import { MdmRouteError } from './mdm-route-error.js';
import type { AppleCertificateCheck, AppleMdmRouteOptions } from './mdm-route-options.js';

/** Apple's header: base64 of a detached CMS signature over the body, made with the device identity (SignMessage). */
export const mdmSignatureHeader = 'mdm-signature';
/** RFC 9440's header, as Node lower-cases it. */
export const clientCertHeader = 'client-cert';

// RFC 8941 sf-binary between colons; bounded well above any certificate Ward issues.
const sfBinary = /^:([A-Za-z0-9+/]{1,21848}={0,2}):$/;
const maxSignatureChars = Math.ceil(MAX_CMS_SIGNATURE_BYTES / 3) * 4;
const base64Text = /^[A-Za-z0-9+/]+={0,2}$/;

/** The certificate of the request's TLS connection, as Node's TLS socket has it; undefined without TLS or without a client certificate. */
export function tlsPeerCertificate(request: FastifyRequest): Uint8Array | undefined {
  const socket = request.raw.socket;
  if (!(socket instanceof TLSSocket)) return undefined;
  const peer = socket.getPeerCertificate();
  // Node answers an empty object when the client sent no certificate.
  return 'raw' in peer && Buffer.isBuffer(peer.raw) ? new Uint8Array(peer.raw) : undefined;
}

/**
 * The certificate an MDM request is made with (Apple, "Managing certificates for MDM servers and
 * devices"): the TLS client certificate, or the one a trusted proxy vouches for in an RFC 9440
 * `Client-Cert` header, and/or the signer of the `Mdm-Signature` header (detached CMS over the exact
 * body, BER or DER, SHA-1 or SHA-256). Each is checked against Ward's device CA; when a request has
 * both, they must be the same certificate, so a signature cannot lend one device's identity to
 * another's connection. Whether the certificate still names an enrolled device is the core's
 * `resolveAppleRequest`, asked next.
 *
 * @throws {MdmRouteError} UNAUTHENTICATED (no certificate at all), DEVICE_CERTIFICATE_INVALID (not
 * Ward's, a bad signature, a header from an untrusted peer, two different certificates),
 * DEVICE_CERTIFICATE_EXPIRED. With `transportOnly` (app downloads), only the connection's or the
 * proxy's certificate counts: UNAUTHENTICATED without one.
 */
export async function mdmRequestCertificate(
  request: FastifyRequest,
  body: Uint8Array,
  options: AppleMdmRouteOptions,
  mode: { readonly transportOnly?: boolean } = {},
): Promise<AppleRequestCertificate> {
  const transportDer = transportCertificate(request, options);
  // A GET has no body: a signature over nothing would be a credential good for any URL, forever.
  if (mode.transportOnly === true && transportDer === undefined) {
    throw new MdmRouteError('UNAUTHENTICATED', 'An app download needs the device identity as TLS client certificate.');
  }
  const signerDer = mode.transportOnly === true ? undefined : signatureCertificate(request, body);
  if (transportDer === undefined && signerDer === undefined) {
    throw new MdmRouteError('UNAUTHENTICATED', 'An MDM request needs the device identity certificate: a TLS client certificate or an Mdm-Signature header.');
  }
  const [transport, signer] = await Promise.all([verified(transportDer, options), verified(signerDer, options)]);
  if (transport !== undefined && signer !== undefined && transport.fingerprint !== signer.fingerprint) {
    throw new MdmRouteError('DEVICE_CERTIFICATE_INVALID', 'The Mdm-Signature was made with another certificate than the connection presented.', { reason: 'CERTIFICATE_MISMATCH' });
  }
  const certificate = transport ?? signer;
  if (certificate === undefined) throw new MdmRouteError('UNAUTHENTICATED', 'No certificate.');
  return certificate;
}

function transportCertificate(request: FastifyRequest, options: AppleMdmRouteOptions): Uint8Array | undefined {
  const header = request.headers[clientCertHeader];
  if (header !== undefined) {
    // Refused outright rather than ignored, so a misconfigured proxy fails loudly.
    if (options.trustedProxy?.(request.raw.socket.remoteAddress) !== true) {
      throw new MdmRouteError('DEVICE_CERTIFICATE_INVALID', 'A Client-Cert header is accepted only from a trusted proxy.', { header: clientCertHeader });
    }
    const base64 = sfBinary.exec((Array.isArray(header) ? header.join(',') : header).trim())?.[1];
    if (base64 === undefined) throw new MdmRouteError('DEVICE_CERTIFICATE_INVALID', 'The Client-Cert header is not an RFC 9440 byte sequence.', { header: clientCertHeader });
    return new Uint8Array(Buffer.from(base64, 'base64'));
  }
  return (options.peerCertificate ?? tlsPeerCertificate)(request);
}

function signatureCertificate(request: FastifyRequest, body: Uint8Array): Uint8Array | undefined {
  const header = request.headers[mdmSignatureHeader];
  if (header === undefined) return undefined;
  const text = (Array.isArray(header) ? header.join('') : header).replace(/\s+/g, '');
  if (text.length === 0 || text.length > maxSignatureChars || !base64Text.test(text)) {
    throw new MdmRouteError('DEVICE_CERTIFICATE_INVALID', 'The Mdm-Signature header is not base64 of at most 64 KiB.', { header: mdmSignatureHeader });
  }
  try {
    return verifyCmsDetached(new Uint8Array(Buffer.from(text, 'base64')), body).signerCertificateDer;
  } catch (error) {
    if (!(error instanceof PkiError)) throw error;
    throw new MdmRouteError('DEVICE_CERTIFICATE_INVALID', 'The Mdm-Signature does not verify over this body.', { header: mdmSignatureHeader, reason: error.code }, { cause: error });
  }
}

async function verified(der: Uint8Array | undefined, options: AppleMdmRouteOptions): Promise<AppleRequestCertificate | undefined> {
  if (der === undefined) return undefined;
  const checked: AppleCertificateCheck = await options.verifyClientCertificate(der);
  if (checked.ok) return { serialNumber: checked.serialNumber, fingerprint: checked.fingerprintSha256 };
  if (checked.code === 'CERT_EXPIRED') throw new MdmRouteError('DEVICE_CERTIFICATE_EXPIRED', 'This device certificate has expired; enroll the device again.');
  throw new MdmRouteError('DEVICE_CERTIFICATE_INVALID', "This certificate was not issued by Ward's device CA.", { reason: checked.code });
}
