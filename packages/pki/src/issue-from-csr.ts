import { verify } from 'node:crypto';
import { berRaw, readBer } from './ber-reader.js';
import { buildName } from './build-name.js';
import { decodePem } from './decode-pem.js';
import { derElementLength } from './der-element-length.js';
import { encodePem } from './encode-pem.js';
import { fingerprintSha256 } from './fingerprint-sha256.js';
import { inspectPublicKey, type PublicKeyFacts } from './inspect-public-key.js';
import type { IssuerContext } from './issuer-context.js';
import { MAX_SERVER_CERTIFICATE_DAYS } from './issue-server-certificate.js';
import { PkiError, type CsrRejectionCode } from './pki-error.js';
import { publicKeyFromSpki } from './public-key-cache.js';
import { normalizeSerialNumber, randomSerialNumber } from './serial-number.js';
import { signLeafCertificateDer } from './sign-leaf-certificate.js';
import { validityPeriod } from './validity-period.js';
import { x509 } from './x509.js';

/**
 * Largest CSR text accepted, in characters. An RSA-8192 request with a few attributes is about
 * 3.5 KB of PEM; the limit keeps hostile input from reaching the ASN.1 parser.
 */
export const MAX_CSR_PEM_LENGTH = 16 * 1024;

/** Longest validity of a device identity certificate, in days (before the issuing CA's cap). */
export const MAX_DEVICE_CERTIFICATE_DAYS = 3650;

/** A request to certify the key in a PKCS#10 CSR. */
export interface IssueFromCsrInput {
  /** The CSR, PEM (`CERTIFICATE REQUEST` or `NEW CERTIFICATE REQUEST`); untrusted device input. */
  readonly csrPem: string;
  /**
   * The subject the CA assigns, e.g. the device id as commonName; the CSR's own subject and
   * requested extensions are ignored. Without it the commonName is the certificate's serial number.
   * The issuing CA's organization is always added as O.
   */
  readonly subject?: { readonly commonName: string; readonly organizationalUnit?: string | undefined } | undefined;
  /** Validity from `now`, 1 to 3650 days (825 for serverAuth); capped at the issuing CA's end. */
  readonly validityDays: number;
  readonly now: Date;
  /** What the certificate is for: device identity is `clientAuth`. */
  readonly extendedKeyUsage: 'clientAuth' | 'serverAuth';
  /** Hex serial number chosen by the caller (e.g. reserved in storage first); random if absent. */
  readonly serialNumber?: string | undefined;
  /**
   * Accept a CSR self-signed over SHA-1, as Apple devices' SCEP requests are. The CSR's signature
   * only proves possession of its key; forging one for a key you do not hold needs a second
   * preimage, which SHA-1 still resists (its known attacks are collisions). The certificate Ward
   * issues is signed over SHA-256 whatever the CSR used. Off by default.
   */
  readonly acceptSha1Signature?: boolean | undefined;
}

/** A certificate issued from a CSR. */
export interface IssuedCertificate {
  readonly ok: true;
  /** The certificate, PEM. */
  readonly certificatePem: string;
  /** Lowercase hex serial number, the form CRLs and verifyClientCertificate use. */
  readonly serialNumber: string;
  readonly notBefore: Date;
  readonly notAfter: Date;
  /** SHA-256 fingerprint, colon-separated uppercase hex. */
  readonly fingerprintSha256: string;
}

/** A CSR the CA refused; `code` is stable, `message` explains it to people. */
export interface CsrRejection {
  readonly ok: false;
  readonly code: CsrRejectionCode;
  readonly message: string;
}

/** The outcome of {@link issueFromCsr}. */
export type IssueFromCsrResult = IssuedCertificate | CsrRejection;

// OpenSSL's names for the curves Ward accepts: P-256 and P-384.
const ACCEPTED_CURVES = new Set(['prime256v1', 'secp384r1']);
const ACCEPTED_HASHES = new Set(['SHA-256', 'SHA-384', 'SHA-512']);
const MIN_RSA_BITS = 2048;
// Verifying with a huge modulus costs the server real CPU, for a key no device needs.
const MAX_RSA_BITS = 8192;

/**
 * Issues a certificate for the key in a PKCS#10 CSR after checking the request: size, form, key
 * strength (RSA 2048–8192 bits with a sane exponent, EC P-256 or P-384), signature algorithm
 * (RSASSA-PKCS1-v1_5 or ECDSA over SHA-2) and the self-signature, which proves the requester holds
 * the private key. A refused CSR is an expected outcome and comes back as a {@link CsrRejection}.
 *
 * @throws PkiError `INVALID_INPUT` for a bad subject, serial number or validity (caller bugs);
 * `CA_EXPIRED` when the issuing CA is no longer valid at `now`.
 */
export function issueFromCsr(issuer: IssuerContext, input: IssueFromCsrInput): Promise<IssueFromCsrResult> {
  // Every step is synchronous now; errors still arrive as a rejected promise, as callers expect.
  try {
    return Promise.resolve(issue(issuer, input));
  } catch (error) {
    return Promise.reject(error instanceof Error ? error : new Error(String(error)));
  }
}

function issue(issuer: IssuerContext, input: IssueFromCsrInput): IssueFromCsrResult {
  const maxDays = input.extendedKeyUsage === 'serverAuth' ? MAX_SERVER_CERTIFICATE_DAYS : MAX_DEVICE_CERTIFICATE_DAYS;
  // Caller mistakes surface before the device's input is judged, whatever the CSR holds.
  const validity = validityPeriod(input.now, input.validityDays, maxDays, issuer.certificate.notAfter);
  const serialNumber = input.serialNumber === undefined ? randomSerialNumber() : normalizeSerialNumber(input.serialNumber);
  const subject = buildName({
    organization: issuer.organization,
    organizationalUnit: input.subject?.organizationalUnit,
    commonName: input.subject?.commonName ?? serialNumber,
  });

  const parsed = parseCsr(input.csrPem);
  if (!parsed.ok) return parsed;
  const { csr } = parsed;
  const key = inspectPublicKey(csr.publicKey.rawData);
  const keyProblem = checkKey(key);
  if (keyProblem !== undefined) return keyProblem;
  const rsaKey = key?.type === 'rsa';
  const signatureProblem = checkSignature(csr, rsaKey, input.acceptSha1Signature === true);
  if (signatureProblem !== undefined) return signatureProblem;

  const certificateDer = signLeafCertificateDer(issuer, {
    publicKeyDer: new Uint8Array(csr.publicKey.rawData),
    rsaKey,
    subject,
    serialNumber,
    validity,
    extendedKeyUsage: input.extendedKeyUsage,
  });
  return {
    ok: true,
    certificatePem: encodePem(certificateDer, 'CERTIFICATE'),
    serialNumber,
    notBefore: validity.notBefore,
    notAfter: validity.notAfter,
    fingerprintSha256: fingerprintSha256(certificateDer),
  };
}

function parseCsr(csrPem: unknown): { ok: true; csr: x509.Pkcs10CertificateRequest } | CsrRejection {
  if (typeof csrPem !== 'string') return reject('CSR_MALFORMED', 'the CSR must be PEM text');
  if (csrPem.length > MAX_CSR_PEM_LENGTH) return reject('CSR_TOO_LARGE', `the CSR exceeds ${MAX_CSR_PEM_LENGTH} characters`);
  const blocks = decodePem(csrPem);
  const block = blocks?.length === 1 ? blocks[0] : undefined;
  if (block === undefined || (block.label !== 'CERTIFICATE REQUEST' && block.label !== 'NEW CERTIFICATE REQUEST')) {
    return reject('CSR_MALFORMED', 'expected exactly one PEM CERTIFICATE REQUEST block');
  }
  // Bytes after the request would be skipped by the parser; what is signed must be all there is.
  if (derElementLength(block.der) !== block.der.length) return reject('CSR_MALFORMED', 'the CSR has bytes outside its DER structure');
  try {
    return { ok: true, csr: new x509.Pkcs10CertificateRequest(block.der) };
  } catch {
    return reject('CSR_MALFORMED', 'the CSR is not a valid PKCS#10 request');
  }
}

function checkKey(key: PublicKeyFacts | undefined): CsrRejection | undefined {
  if (key === undefined) return reject('CSR_KEY_UNSUPPORTED', 'the CSR public key could not be read');
  switch (key.type) {
    case 'rsa':
      if (key.modulusLength < MIN_RSA_BITS) return reject('CSR_WEAK_KEY', `RSA keys need at least ${MIN_RSA_BITS} bits, got ${key.modulusLength}`);
      if (key.modulusLength > MAX_RSA_BITS) return reject('CSR_KEY_UNSUPPORTED', `RSA keys over ${MAX_RSA_BITS} bits are not accepted`);
      // An even or tiny exponent makes RSA insecure or broken outright (e = 1 signs nothing).
      if (key.publicExponent < 3n || key.publicExponent % 2n === 0n) return reject('CSR_WEAK_KEY', 'the RSA public exponent is unusable');
      return undefined;
    case 'ec':
      return ACCEPTED_CURVES.has(key.namedCurve) ? undefined : reject('CSR_KEY_UNSUPPORTED', `EC curve ${key.namedCurve} is not accepted; use P-256 or P-384`);
    case 'other':
      return reject('CSR_KEY_UNSUPPORTED', `${key.description} keys are not accepted; use RSA or EC P-256/P-384`);
  }
}

function checkSignature(csr: x509.Pkcs10CertificateRequest, keyIsRsa: boolean, acceptSha1: boolean): CsrRejection | undefined {
  let name: unknown;
  let hash: unknown;
  try {
    const algorithm: { name?: unknown; hash?: { name?: unknown } } = csr.signatureAlgorithm;
    name = algorithm.name;
    hash = algorithm.hash?.name;
  } catch {
    return reject('CSR_SIGNATURE_INVALID', 'the CSR signature algorithm could not be read');
  }
  const expectedName = keyIsRsa ? 'RSASSA-PKCS1-v1_5' : 'ECDSA';
  if (name !== expectedName || typeof hash !== 'string' || !(ACCEPTED_HASHES.has(hash) || (acceptSha1 && hash === 'SHA-1'))) {
    return reject('CSR_SIGNATURE_INVALID', `the CSR must be signed with ${expectedName} over SHA-256, SHA-384 or SHA-512`);
  }
  try {
    // node:crypto with the key imported once (inspectPublicKey read it just before): same check as
    // Web Crypto's, without a second import and a thread-pool round trip. ECDSA signatures are DER.
    const key = publicKeyFromSpki(new Uint8Array(csr.publicKey.rawData));
    if (verify(hash.replace('-', '').toLowerCase(), certificationRequestInfo(csr), { key, dsaEncoding: 'der' }, Buffer.from(csr.signature))) return undefined;
  } catch {
    // A signature that cannot even be decoded is as bad as one that does not verify.
  }
  return reject('CSR_SIGNATURE_INVALID', 'the CSR signature does not verify');
}

/** The DER of the CertificationRequestInfo, the bytes the CSR's signature covers (RFC 2986 §4.2). */
function certificationRequestInfo(csr: x509.Pkcs10CertificateRequest): Uint8Array {
  const request = readBer(new Uint8Array(csr.rawData), 'CSR_MALFORMED');
  const info = request.children[0];
  if (info === undefined) throw new PkiError('CSR_MALFORMED', 'the CSR has no CertificationRequestInfo');
  return berRaw(info);
}

function reject(code: CsrRejectionCode, message: string): CsrRejection {
  return { ok: false, code, message };
}
