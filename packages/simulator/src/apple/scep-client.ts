import { createHash, createPublicKey, X509Certificate, type KeyObject } from 'node:crypto';
import { request, type Dispatcher } from 'undici';
import { parseSignedData, signedDataCertificates } from './cms-signed-data.js';
import type { ContentCipher } from './cms-envelope.js';
import {
  createScepCsr,
  createSelfSignedCertificate,
  encodeSubjectName,
  generateRsaKey,
  type DeviceDigest,
  type RsaIdentity,
  type ScepSubject,
} from './rsa-identity.js';
import { createSenderNonce, decodeCertRep, encodeScepRequest } from './scep-message.js';

/** Where and how a SCEP client talks to its server. */
export interface ScepEndpoint {
  /** The profile's SCEP URL; the client adds `operation=` (and `message=` for GET). */
  readonly url: URL;
  /** The connection pool (TLS trust for https URLs); undici's global one when absent. */
  readonly dispatcher?: Dispatcher;
  readonly timeoutMs?: number;
}

/** The authority's certificates from GetCACert (RFC 8894 §4.2). */
export interface ScepAuthority {
  /** The certificate requests are encrypted to: the RA when there is one, else the CA. */
  readonly recipientDer: Uint8Array;
  /** Every certificate GetCACert returned; CertReps must be signed by one of them. */
  readonly certificatesDer: readonly Uint8Array[];
}

/** How a virtual device chooses its SCEP algorithms. */
export type ScepAlgorithms =
  /** SHA-1 and 3DES whatever the server offers, as iOS has long done. */
  | 'iphone'
  /** SHA-256 and AES-256 when GetCACaps lists them (RFC 8894 §3.5.2), else SHA-1 and 3DES. */
  | 'strongest';

/** What enrolling over SCEP needs. */
export interface ScepEnrollment extends ScepEndpoint {
  /** The profile's Challenge; absent for a RenewalReq signed by `renew`. */
  readonly challenge?: string;
  readonly subject: ScepSubject;
  /** RSA modulus size; the profile's Keysize, 2048 by default. */
  readonly keySize?: number;
  readonly algorithms?: ScepAlgorithms;
  /** Renew: sign a RenewalReq with this current identity instead of a self-signed PKCSReq. */
  readonly renew?: RsaIdentity;
  /**
   * The key to certify, made beforehand (a benchmark keeps the device's key generation out of the
   * timed enrollment); a fresh `keySize` key when absent.
   */
  readonly privateKey?: KeyObject;
  readonly now: Date;
}

/** A certificate the SCEP server issued, with the key it certifies and its chain. */
export interface ScepIdentity extends RsaIdentity {
  readonly chainDer: readonly Uint8Array[];
}

function operationUrl(endpoint: ScepEndpoint, operation: string, message?: string): URL {
  const url = new URL(endpoint.url);
  url.searchParams.set('operation', operation);
  if (message !== undefined) url.searchParams.set('message', message);
  return url;
}

async function exchange(endpoint: ScepEndpoint, url: URL, init: { method: 'GET' | 'POST'; body?: Uint8Array }): Promise<{ contentType: string; body: Uint8Array }> {
  const timeout = endpoint.timeoutMs ?? 30_000;
  const response = await request(url, {
    method: init.method,
    ...(endpoint.dispatcher ? { dispatcher: endpoint.dispatcher } : {}),
    ...(init.body ? { body: Buffer.from(init.body), headers: { 'content-type': 'application/x-pki-message' } } : {}),
    headersTimeout: timeout,
    bodyTimeout: timeout,
  });
  const body = new Uint8Array(await response.body.arrayBuffer());
  if (response.statusCode !== 200) throw new Error(`SCEP ${url.searchParams.get('operation') ?? ''} answered ${response.statusCode}`);
  const header = response.headers['content-type'];
  return { contentType: (Array.isArray(header) ? header[0] : header) ?? '', body };
}

/** GetCACaps (RFC 8894 §3.5.1): the capabilities, one per line, compared case-insensitively. */
export async function getScepCapabilities(endpoint: ScepEndpoint): Promise<ReadonlySet<string>> {
  const { body } = await exchange(endpoint, operationUrl(endpoint, 'GetCACaps'), { method: 'GET' });
  return new Set(
    Buffer.from(body)
      .toString('utf8')
      .split(/\r?\n/)
      .map((line) => line.trim().toLowerCase())
      .filter((line) => line !== ''),
  );
}

/**
 * GetCACert (RFC 8894 §4.2): a single CA certificate (application/x-x509-ca-cert) or a degenerate
 * certs-only SignedData with the RA and CA certificates (application/x-x509-ca-ra-cert), in which
 * the RA is the one certificate that is not a CA.
 */
export async function getScepAuthority(endpoint: ScepEndpoint): Promise<ScepAuthority> {
  const { contentType, body } = await exchange(endpoint, operationUrl(endpoint, 'GetCACert', 'ward'), { method: 'GET' });
  if (contentType.startsWith('application/x-x509-ca-cert')) {
    new X509Certificate(Buffer.from(body));
    return { recipientDer: body, certificatesDer: [body] };
  }
  if (!contentType.startsWith('application/x-x509-ca-ra-cert')) throw new Error(`GetCACert answered ${contentType || 'no content type'}`);
  const certificatesDer = signedDataCertificates(parseSignedData(body));
  const recipientDer = certificatesDer.find((der) => !new X509Certificate(Buffer.from(der)).ca) ?? certificatesDer[0];
  if (!recipientDer) throw new Error('GetCACert returned no certificate');
  return { recipientDer, certificatesDer };
}

/** RFC 8894 §3.2.1.1 asks for a hash of the public key; hex SHA-256 of the SPKI is a PrintableString. */
export function scepTransactionId(publicKey: KeyObject): string {
  return createHash('sha256').update(createPublicKey(publicKey).export({ type: 'spki', format: 'der' })).digest('hex').toUpperCase();
}

/**
 * Enrolls a new key over SCEP as an iPhone does for a com.apple.security.scep payload: GetCACaps,
 * GetCACert, a fresh RSA key, a CSR with the challenge, a PKCSReq (or RenewalReq when renewing)
 * signed by a self-signed certificate (or the current identity), POST when the server lists
 * POSTPKIOperation and GET otherwise, and the CertRep checked and opened.
 *
 * @throws Error when the server refuses (the failInfo is in the message), leaves the request
 *   pending, or answers outside the protocol.
 */
export async function enrollOverScep(enrollment: ScepEnrollment): Promise<ScepIdentity> {
  const capabilities = await getScepCapabilities(enrollment);
  const authority = await getScepAuthority(enrollment);
  const strongest = enrollment.algorithms === 'strongest';
  const digest: DeviceDigest = strongest && capabilities.has('sha-256') ? 'sha256' : 'sha1';
  const cipher: ContentCipher = strongest && capabilities.has('aes') ? 'aes-256-cbc' : 'des-ede3-cbc';
  const privateKey = enrollment.privateKey ?? generateRsaKey(enrollment.keySize ?? 2048);
  const subject = encodeSubjectName(enrollment.subject);
  const csrDer = createScepCsr({ privateKey, subject, digest, ...(enrollment.challenge !== undefined ? { challenge: enrollment.challenge } : {}) });
  const signer: RsaIdentity = enrollment.renew ?? { privateKey, certificateDer: createSelfSignedCertificate(privateKey, subject, enrollment.now, digest) };
  const transactionId = scepTransactionId(privateKey);
  const senderNonce = createSenderNonce();
  const message = encodeScepRequest({
    messageType: enrollment.renew ? 'RenewalReq' : 'PKCSReq',
    csrDer,
    recipientDer: authority.recipientDer,
    signer,
    digest,
    cipher,
    transactionId,
    senderNonce,
    signingTime: enrollment.now,
  });
  const answer = capabilities.has('postpkioperation')
    ? await exchange(enrollment, operationUrl(enrollment, 'PKIOperation'), { method: 'POST', body: message })
    : await exchange(enrollment, operationUrl(enrollment, 'PKIOperation', Buffer.from(message).toString('base64')), { method: 'GET' });
  const certRep = decodeCertRep(answer.body, {
    transactionId,
    senderNonce,
    authorityDer: authority.certificatesDer,
    requester: signer,
    requestedKeySpki: createPublicKey(privateKey).export({ type: 'spki', format: 'der' }),
  });
  if (certRep.status === 'FAILURE') throw new Error(`SCEP enrollment refused: ${certRep.failInfo}`);
  if (certRep.status === 'PENDING') throw new Error('SCEP enrollment left pending: manual approval is not simulated');
  const chainDer = certRep.certificatesDer.filter((der) => der !== certRep.certificateDer);
  return { privateKey, certificateDer: certRep.certificateDer, chainDer };
}
