import { X509Certificate } from 'node:crypto';
import { parsePlist, type PlistDict, type PlistValue } from '@ward/apple';
import { request, type Dispatcher } from 'undici';
import { verifyCms } from './cms-signed-data.js';
import { isPlainDict, plistFields } from './plist-fields.js';
import type { ScepSubject } from './rsa-identity.js';

/** The com.apple.security.scep payload, as a device reads it. */
export interface ScepPayload {
  readonly payloadUuid: string;
  readonly url: URL;
  readonly challenge?: string;
  readonly subject: ScepSubject;
  /** RSA modulus size; Apple's default is 1024, which Ward never sends: 2048 when absent. */
  readonly keySize: number;
  /** Apple's bit mask: 1 signing, 4 encryption. */
  readonly keyUsage?: number;
  /** The CA's Name, sent as GetCACert's message. */
  readonly name?: string;
}

/** The com.apple.mdm payload, as a device reads it. */
export interface MdmPayload {
  readonly serverUrl: URL;
  /** Where Authenticate, TokenUpdate and CheckOut go: CheckInURL, or ServerURL when absent. */
  readonly checkInUrl: URL;
  readonly topic: string;
  readonly identityCertificateUuid: string;
  readonly signMessage: boolean;
  readonly accessRights: number;
  readonly checkOutWhenRemoved: boolean;
  readonly serverCapabilities: readonly string[];
}

/** An enrollment profile a virtual device accepted. */
export interface EnrollmentProfile {
  /** The profile's outer dictionary (PayloadIdentifier, PayloadUUID, PayloadContent …). */
  readonly plist: PlistDict;
  readonly payloadIdentifier: string;
  readonly payloadUuid: string;
  /** Present when the profile came signed: its signer's certificate, DER. */
  readonly signerCertificateDer?: Uint8Array;
  readonly scep: ScepPayload;
  readonly mdm: MdmPayload;
  /** Certificates from com.apple.security.root / pkcs1 / pem payloads: trust for the MDM server's TLS. */
  readonly anchorCertificatesDer: readonly Uint8Array[];
}

/** How a profile is checked. */
export interface ReadEnrollmentProfileOptions {
  /** Roots the signer must chain to; a signed profile with none of them is refused. Absent: the signature is still checked, the chain is not. */
  readonly trustAnchorsDer?: readonly Uint8Array[];
  /** Refuse a profile that is not signed. */
  readonly requireSignature?: boolean;
  /** For the chain's validity periods. */
  readonly now: Date;
  /** Largest profile accepted, bytes (1 MiB by default). */
  readonly maxBytes?: number;
}

const maxChainLength = 6;

function certificateValidAt(certificate: X509Certificate, now: Date): boolean {
  return Date.parse(certificate.validFrom) <= now.getTime() && now.getTime() <= Date.parse(certificate.validTo);
}

/**
 * Whether `signerDer` chains, through `intermediatesDer`, to one of `anchorsDer`: each link's
 * issuer name matches and its signature verifies, every certificate is valid at `now`.
 */
export function chainsToAnchor(signerDer: Uint8Array, intermediatesDer: readonly Uint8Array[], anchorsDer: readonly Uint8Array[], now: Date): boolean {
  const anchors = anchorsDer.map((der) => new X509Certificate(Buffer.from(der)));
  const intermediates = intermediatesDer.map((der) => new X509Certificate(Buffer.from(der)));
  let current = new X509Certificate(Buffer.from(signerDer));
  for (let depth = 0; depth < maxChainLength; depth += 1) {
    if (!certificateValidAt(current, now)) return false;
    const link = current;
    if (anchors.some((anchor) => anchor.raw.equals(link.raw))) return true;
    const anchor = anchors.find((candidate) => link.checkIssued(candidate) && link.verify(candidate.publicKey));
    if (anchor) return certificateValidAt(anchor, now);
    const next = intermediates.find((candidate) => !candidate.raw.equals(link.raw) && candidate.ca && link.checkIssued(candidate) && link.verify(candidate.publicKey));
    if (!next) return false;
    current = next;
  }
  return false;
}

function firstNonWhitespace(bytes: Uint8Array): number | undefined {
  return bytes.find((byte) => byte !== 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0d && byte !== 0xef && byte !== 0xbb && byte !== 0xbf);
}

function payloadsOfType(payloads: readonly PlistDict[], type: string): PlistDict[] {
  return payloads.filter((payload) => plistFields.string(payload, 'PayloadType') === type);
}

function readSubject(value: PlistValue | undefined): ScepSubject {
  if (value === undefined) return [];
  if (!Array.isArray(value)) throw new Error('the SCEP Subject is not an array');
  return (value as readonly PlistValue[]).map((rdn) => {
    if (!Array.isArray(rdn)) throw new Error('a SCEP Subject RDN is not an array');
    return (rdn as readonly PlistValue[]).map((pair) => {
      const items = Array.isArray(pair) ? (pair as readonly PlistValue[]) : [];
      const [type, text] = items;
      if (items.length !== 2 || typeof type !== 'string' || typeof text !== 'string') throw new Error('a SCEP Subject pair is not [type, value]');
      return [type, text] as const;
    });
  });
}

function readUrl(text: string | undefined, what: string): URL {
  if (text === undefined) throw new Error(`the profile has no ${what}`);
  if (!URL.canParse(text)) throw new Error(`the profile's ${what} is not a URL`);
  const url = new URL(text);
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error(`the profile's ${what} is not http(s)`);
  return url;
}

function readScep(payload: PlistDict): ScepPayload {
  const content = plistFields.dict(payload, 'PayloadContent');
  if (!content) throw new Error('the SCEP payload has no PayloadContent dictionary');
  const challenge = plistFields.string(content, 'Challenge');
  const keyUsage = plistFields.integer(content, 'Key Usage');
  const name = plistFields.string(content, 'Name');
  return {
    payloadUuid: plistFields.string(payload, 'PayloadUUID') ?? '',
    url: readUrl(plistFields.string(content, 'URL'), 'SCEP URL'),
    subject: readSubject(content.Subject),
    keySize: plistFields.integer(content, 'Keysize') ?? 2048,
    ...(challenge !== undefined ? { challenge } : {}),
    ...(keyUsage !== undefined ? { keyUsage } : {}),
    ...(name !== undefined ? { name } : {}),
  };
}

function readMdm(payload: PlistDict): MdmPayload {
  const serverUrl = readUrl(plistFields.string(payload, 'ServerURL'), 'ServerURL');
  const checkIn = plistFields.string(payload, 'CheckInURL');
  const topic = plistFields.string(payload, 'Topic');
  const identityCertificateUuid = plistFields.string(payload, 'IdentityCertificateUUID');
  const accessRights = plistFields.integer(payload, 'AccessRights');
  if (topic === undefined || topic === '') throw new Error('the MDM payload has no Topic');
  if (identityCertificateUuid === undefined) throw new Error('the MDM payload has no IdentityCertificateUUID');
  // A User Enrollment names the user's Managed Apple Account, and its AccessRights are ignored
  // (com.apple.mdm.yaml: userenrollment mode ignored): it gets Apple's fixed user-enrollment rights.
  const userEnrollment = plistFields.string(payload, 'AssignedManagedAppleID') !== undefined || plistFields.string(payload, 'ManagedAppleID') !== undefined;
  if (!userEnrollment && (accessRights === undefined || accessRights < 1 || accessRights > 8191)) throw new Error('the MDM payload AccessRights is not 1…8191');
  return {
    serverUrl,
    checkInUrl: checkIn === undefined ? serverUrl : readUrl(checkIn, 'CheckInURL'),
    topic,
    identityCertificateUuid,
    signMessage: plistFields.boolean(payload, 'SignMessage') ?? false,
    accessRights: accessRights ?? 0,
    checkOutWhenRemoved: plistFields.boolean(payload, 'CheckOutWhenRemoved') ?? false,
    serverCapabilities: plistFields.strings(payload, 'ServerCapabilities') ?? [],
  };
}

function anchorsOf(payloads: readonly PlistDict[]): Uint8Array[] {
  return ['com.apple.security.root', 'com.apple.security.pkcs1', 'com.apple.security.pem'].flatMap((type) =>
    payloadsOfType(payloads, type).flatMap((payload) => {
      const data = plistFields.data(payload, 'PayloadContent');
      if (!data) return [];
      try {
        return [new Uint8Array(new X509Certificate(Buffer.from(data)).raw)];
      } catch {
        return [];
      }
    }),
  );
}

/**
 * Unwraps a profile as a device does: a CMS SignedData (DER) around an XML plist, or a bare XML
 * plist. A signature is verified; with trust anchors, the signer must chain to one. Returns the
 * profile's outer dictionary and its payload list, unchecked (InstallProfile's path).
 *
 * @throws Error (or PlistError from the plist parser) when the profile is unsigned but must be,
 *   the signature or chain does not verify, or the plist is malformed.
 */
export function openProfile(bytes: Uint8Array, options: ReadEnrollmentProfileOptions): { plist: PlistDict; payloads: PlistDict[]; signerCertificateDer?: Uint8Array } {
  const maxBytes = options.maxBytes ?? 1024 * 1024;
  if (bytes.length > maxBytes) throw new Error(`the profile is larger than ${maxBytes} bytes`);
  let xml = bytes;
  let signerCertificateDer: Uint8Array | undefined;
  if (firstNonWhitespace(bytes) === 0x30) {
    const verified = verifyCms(bytes);
    if (options.trustAnchorsDer && !chainsToAnchor(verified.signerCertificateDer, verified.certificatesDer, options.trustAnchorsDer, options.now)) {
      throw new Error('the profile signer does not chain to a trusted root');
    }
    xml = verified.content;
    signerCertificateDer = verified.signerCertificateDer;
  } else if (options.requireSignature) {
    throw new Error('the profile is not signed');
  }
  const plist = parsePlist(xml, { maxBytes });
  if (!isPlainDict(plist)) throw new Error('the profile is not a dictionary');
  const content = plistFields.array(plist, 'PayloadContent') ?? [];
  const payloads = content.filter((item): item is PlistDict => isPlainDict(item));
  return { plist, payloads, ...(signerCertificateDer ? { signerCertificateDer } : {}) };
}

/**
 * Reads an MDM enrollment profile (Apple, "Profile-Specific Payload Keys": Configuration with a
 * com.apple.security.scep and a com.apple.mdm payload whose IdentityCertificateUUID names it).
 *
 * @throws Error when the profile is not one, or fails {@link openProfile}'s checks.
 */
export function readEnrollmentProfile(bytes: Uint8Array, options: ReadEnrollmentProfileOptions): EnrollmentProfile {
  const { plist, payloads, signerCertificateDer } = openProfile(bytes, options);
  if (plistFields.string(plist, 'PayloadType') !== 'Configuration') throw new Error('the profile is not a Configuration profile');
  const [mdmPayload, ...moreMdm] = payloadsOfType(payloads, 'com.apple.mdm');
  if (!mdmPayload || moreMdm.length > 0) throw new Error('the profile must hold exactly one com.apple.mdm payload');
  const mdm = readMdm(mdmPayload);
  const scepPayload = payloadsOfType(payloads, 'com.apple.security.scep').find((payload) => plistFields.string(payload, 'PayloadUUID') === mdm.identityCertificateUuid);
  if (!scepPayload) throw new Error('the IdentityCertificateUUID names no SCEP payload of the profile');
  return {
    plist,
    payloadIdentifier: plistFields.string(plist, 'PayloadIdentifier') ?? '',
    payloadUuid: plistFields.string(plist, 'PayloadUUID') ?? '',
    ...(signerCertificateDer ? { signerCertificateDer } : {}),
    scep: readScep(scepPayload),
    mdm,
    anchorCertificatesDer: anchorsOf(payloads),
  };
}

/**
 * Downloads the enrollment profile (`GET <url>`, e.g. Ward's `/mdm/enroll?token=…`) and reads it
 * with {@link readEnrollmentProfile}.
 */
export async function fetchEnrollmentProfile(url: URL, options: ReadEnrollmentProfileOptions & { readonly dispatcher?: Dispatcher; readonly timeoutMs?: number }): Promise<EnrollmentProfile> {
  const timeout = options.timeoutMs ?? 30_000;
  const response = await request(url, { method: 'GET', ...(options.dispatcher ? { dispatcher: options.dispatcher } : {}), headersTimeout: timeout, bodyTimeout: timeout });
  const body = new Uint8Array(await response.body.arrayBuffer());
  if (response.statusCode !== 200) throw new Error(`the enrollment profile download answered ${response.statusCode}`);
  return readEnrollmentProfile(body, options);
}
