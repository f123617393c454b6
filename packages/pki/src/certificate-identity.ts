import { berContent, berRaw, isContext, isUniversal, readBer } from './ber-reader.js';
import type { PkiErrorCode } from './pki-error.js';
import { PkiError } from './pki-error.js';

/** The parts of an X.509 certificate CMS identifies it by (RFC 5652 §10.2.4). */
export interface CertificateIdentity {
  /** The DER of the issuer Name. */
  readonly issuerDer: Uint8Array;
  /** The content octets of the serialNumber INTEGER. */
  readonly serialNumber: Uint8Array;
  /** The DER of the SubjectPublicKeyInfo. */
  readonly subjectPublicKeyInfoDer: Uint8Array;
}

/**
 * Reads issuer, serial number and public key of a DER certificate (RFC 5280 §4.1) by structure
 * alone, keeping the exact bytes, which is what matching a CMS issuerAndSerialNumber needs.
 *
 * @throws PkiError `code` when `der` is not a certificate.
 */
export function readCertificateIdentity(der: Uint8Array, code: PkiErrorCode): CertificateIdentity {
  const certificate = readBer(der, code);
  const tbs = certificate.children[0];
  if (!isUniversal(certificate, 16) || !isUniversal(tbs, 16)) throw new PkiError(code, 'not an X.509 certificate');
  const fields = isContext(tbs.children[0], 0) ? tbs.children.slice(1) : tbs.children;
  const [serial, , issuer, , , spki] = fields;
  if (!isUniversal(serial, 2) || !isUniversal(issuer, 16) || !isUniversal(spki, 16)) throw new PkiError(code, 'not an X.509 certificate');
  return { issuerDer: berRaw(issuer), serialNumber: berContent(serial), subjectPublicKeyInfoDer: berRaw(spki) };
}
