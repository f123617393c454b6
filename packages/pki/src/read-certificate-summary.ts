import { berContent, berOid, berRaw, isContext, isUniversal, readBer, type BerNode } from './ber-reader.js';
import { PkiError, type PkiErrorCode } from './pki-error.js';

/** What Ward reads from a certificate's TBSCertificate (RFC 5280 §4.1) without a full X.509 parser. */
export interface CertificateSummary {
  /** Lowercase hex of the serialNumber octets, a sign octet dropped (as @peculiar/x509 has it). */
  readonly serialNumber: string;
  /** The DER of the issuer Name, to compare byte for byte with the CA's subject. */
  readonly issuerDer: Uint8Array;
  /** The first commonName of the subject, or null when there is none or it is not text. */
  readonly subjectCommonName: string | null;
  readonly notBefore: Date;
  readonly notAfter: Date;
  /** The DER of the SubjectPublicKeyInfo. */
  readonly subjectPublicKeyInfoDer: Uint8Array;
}

const COMMON_NAME = '2.5.4.3';

/**
 * Reads the fields of a DER certificate Ward checks client certificates by, from its structure
 * alone; the signature is not checked here.
 *
 * @throws PkiError `code` when `der` is not shaped like a certificate or a time is not RFC 5280's form.
 */
export function readCertificateSummary(der: Uint8Array, code: PkiErrorCode): CertificateSummary {
  const malformed = (why: string): never => {
    throw new PkiError(code, `not an X.509 certificate: ${why}`);
  };
  const certificate = readBer(der, code);
  const tbs = certificate.children[0];
  if (!isUniversal(certificate, 16) || !isUniversal(tbs, 16) || certificate.indefinite || tbs.indefinite) return malformed('no TBSCertificate');
  const fields = isContext(tbs.children[0], 0) ? tbs.children.slice(1) : tbs.children;
  const [serial, , issuer, validity, subject, spki] = fields;
  if (!isUniversal(serial, 2) || !isUniversal(issuer, 16) || !isUniversal(validity, 16) || !isUniversal(subject, 16) || !isUniversal(spki, 16)) {
    return malformed('bad TBSCertificate fields');
  }
  const [notBefore, notAfter] = validity.children;
  return {
    serialNumber: serialHex(berContent(serial)),
    issuerDer: berRaw(issuer),
    subjectCommonName: commonName(subject),
    notBefore: readTime(notBefore) ?? malformed('bad notBefore'),
    notAfter: readTime(notAfter) ?? malformed('bad notAfter'),
    subjectPublicKeyInfoDer: berRaw(spki),
  };
}

function serialHex(octets: Uint8Array): string {
  const first = octets[0];
  const second = octets[1];
  const trimmed = octets.length > 1 && first === 0 && second !== undefined && second > 0x7f ? octets.subarray(1) : octets;
  return Buffer.from(trimmed.buffer, trimmed.byteOffset, trimmed.byteLength).toString('hex');
}

// RFC 5280 §4.1.2.5: UTCTime YYMMDDHHMMSSZ (years 1950–2049), GeneralizedTime YYYYMMDDHHMMSSZ.
const UTC_TIME = /^(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})Z$/;
const GENERALIZED_TIME = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})Z$/;

function readTime(node: BerNode | undefined): Date | undefined {
  if (node === undefined || node.constructed) return undefined;
  const text = Buffer.from(berContent(node)).toString('latin1');
  let parts: RegExpExecArray | null;
  let year: number;
  if (isUniversal(node, 23) && (parts = UTC_TIME.exec(text)) !== null) {
    const yy = Number(parts[1]);
    year = yy < 50 ? 2000 + yy : 1900 + yy;
  } else if (isUniversal(node, 24) && (parts = GENERALIZED_TIME.exec(text)) !== null) {
    year = Number(parts[1]);
  } else {
    return undefined;
  }
  const [month, day, hour, minute, second] = parts.slice(2).map(Number) as [number, number, number, number, number];
  const time = Date.UTC(year, month - 1, day, hour, minute, second);
  const date = new Date(time);
  // Date.UTC rolls 31 February over to March; a certificate saying so is malformed.
  if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day || hour > 23 || minute > 59 || second > 59) return undefined;
  if (year < 100) date.setUTCFullYear(year);
  return date;
}

function commonName(name: BerNode): string | null {
  for (const rdn of name.children) {
    for (const attribute of rdn.children) {
      const [type, value] = attribute.children;
      if (isUniversal(attribute, 16) && berOid(type) === COMMON_NAME && value !== undefined) return directoryString(value);
    }
  }
  return null;
}

function directoryString(node: BerNode): string | null {
  if (node.tagClass !== 0 || node.constructed) return null;
  const bytes = Buffer.from(berContent(node));
  switch (node.tagNumber) {
    case 12: // UTF8String
      return bytes.toString('utf8');
    case 19: // PrintableString
    case 22: // IA5String
    case 20: // TeletexString, read as Latin-1 as most software does
      return bytes.toString('latin1');
    case 30: // BMPString: UCS-2 big-endian
      return bytes.length % 2 === 0 ? Buffer.from(bytes).swap16().toString('utf16le') : null;
    default:
      return null;
  }
}
