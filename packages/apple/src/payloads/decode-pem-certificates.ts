import { AsnConvert } from '@peculiar/asn1-schema';
import { Certificate } from '@peculiar/asn1-x509';

/** Longest PEM text accepted: a chain of a few certificates, far above any real one. */
export const MAX_CERTIFICATE_PEM_LENGTH = 65_536;
/** Most certificates accepted in one PEM text. */
export const MAX_PEM_CERTIFICATES = 10;

/** One X.509 certificate decoded from PEM. */
export interface DecodedCertificate {
  readonly der: Uint8Array;
  /** The subject's first common name, for display; undefined when the subject has none. */
  readonly commonName: string | undefined;
}

const PEM_CERTIFICATE = /-----BEGIN CERTIFICATE-----([A-Za-z0-9+/=\s]{1,60000}?)-----END CERTIFICATE-----/g;
const COMMON_NAME_OID = '2.5.4.3';

/**
 * The X.509 certificates of a PEM text (RFC 7468 `CERTIFICATE` blocks), in order, each checked to
 * parse as an RFC 5280 Certificate. Returns undefined for text that is too long, has no block, too
 * many blocks, a block whose base64 is damaged, or one that is not a certificate: a credential
 * that cannot be read is never turned into a payload that installs something else.
 */
export function decodePemCertificates(pem: string): DecodedCertificate[] | undefined {
  if (pem.length > MAX_CERTIFICATE_PEM_LENGTH) return undefined;
  const certificates: DecodedCertificate[] = [];
  for (const match of pem.matchAll(PEM_CERTIFICATE)) {
    if (certificates.length === MAX_PEM_CERTIFICATES) return undefined;
    const body = (match[1] ?? '').replace(/\s+/g, '');
    if (!/^[A-Za-z0-9+/]+={0,2}$/.test(body) || body.length % 4 !== 0) return undefined;
    const der = new Uint8Array(Buffer.from(body, 'base64'));
    const certificate = parseCertificate(der);
    if (certificate === undefined) return undefined;
    certificates.push({ der, commonName: commonNameOf(certificate) });
  }
  return certificates.length === 0 ? undefined : certificates;
}

function parseCertificate(der: Uint8Array): Certificate | undefined {
  try {
    const certificate = AsnConvert.parse(der, Certificate);
    // A prefix that parses is not a certificate: the whole block must be one DER value.
    return AsnConvert.serialize(certificate).byteLength === der.byteLength ? certificate : undefined;
  } catch {
    return undefined;
  }
}

function commonNameOf(certificate: Certificate): string | undefined {
  for (const rdn of certificate.tbsCertificate.subject) {
    for (const attribute of rdn) {
      if (attribute.type === COMMON_NAME_OID) return attribute.value.toString();
    }
  }
  return undefined;
}
