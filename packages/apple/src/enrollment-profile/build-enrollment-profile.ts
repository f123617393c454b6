import { randomUUID } from 'node:crypto';
import type { PlistDict, PlistValue } from '../plist/plist-value.js';

/** Every access right of com.apple.mdm.yaml (bits 1 to 4096): what a device enrolment asks for. */
export const FULL_ACCESS_RIGHTS = 8191;
/** The SCEP payload's key usage: 1 signing | 4 encryption (com.apple.security.scep.yaml). */
export const MDM_IDENTITY_KEY_USAGE = 5;
/** The RSA key size of the device's MDM identity. */
export const MDM_IDENTITY_KEY_SIZE = 2048;
/** Capabilities Ward announces in ServerCapabilities (com.apple.mdm.yaml). */
export const WARD_SERVER_CAPABILITIES = ['com.apple.mdm.per-user-connections', 'com.apple.mdm.bootstraptoken'] as const;

/** What an enrollment profile needs. */
export interface EnrollmentProfileInput {
  /** The MDM command endpoint: https (ServerURL). */
  readonly serverUrl: string;
  /** The check-in endpoint: https (CheckInURL). */
  readonly checkInUrl: string;
  /** Ward's SCEP endpoint: the device gets its MDM identity there. */
  readonly scepUrl: string;
  /** The one-time SCEP challenge for this enrolment. A secret: never log the result. */
  readonly challenge: string;
  /** The APNs topic of the push certificate, `com.apple.mgmt.External.…`. */
  readonly topic: string;
  /** Shown as PayloadOrganization, and the O of the identity's subject. */
  readonly organization: string;
  /** Reverse-DNS prefix of the identifiers, such as `com.example.ward`. */
  readonly identifierPrefix: string;
  /**
   * A user enrolment of a personal device: the reduced rights Apple grants it, no AccessRights
   * (ignored for user enrolment), and the user's Managed Apple Account.
   */
  readonly userEnrollment: boolean;
  /**
   * How a user enrolment runs: `accountDriven` (iOS 15+, macOS 14+: AssignedManagedAppleID and
   * EnrollmentMode BYOD) or `profileDriven` (iOS 13–17, macOS 10.15–13: ManagedAppleID; removed
   * in iOS 18 and macOS 15). Default `accountDriven`.
   */
  readonly userEnrollmentFlow?: 'accountDriven' | 'profileDriven';
  /** The Managed Apple Account; required for a user enrolment. */
  readonly managedAppleId?: string;
  /** DER of Ward's CA certificates the device must trust (root first), each as a com.apple.security.root payload. */
  readonly caCertificatesDer: readonly Uint8Array[];
  /** Whether the device signs each message (Mdm-Signature header). Default true. */
  readonly signMessage?: boolean;
  /** AccessRights for a device enrolment; default {@link FULL_ACCESS_RIGHTS}. */
  readonly accessRights?: number;
  /** Shown as the profile's name; default `<organization> device management`. */
  readonly displayName?: string;
  /** New UUIDs (upper case); `crypto.randomUUID` when absent. */
  readonly randomUuid?: () => string;
}

const REVERSE_DNS = /^[A-Za-z0-9-]{1,63}(\.[A-Za-z0-9-]{1,63}){1,20}$/;

/** Raised for an enrollment profile input that cannot make a valid profile: a configuration bug. */
export class InvalidEnrollmentProfileInput extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidEnrollmentProfileInput';
  }
}

/**
 * The enrollment `.mobileconfig` (unsigned; sign it with `signProfile`): a Configuration profile
 * with Ward's CA as com.apple.security.root payloads, a com.apple.security.scep payload that gets
 * the device its MDM identity (RSA 2048, key usage signing and encryption, a one-time challenge, a
 * subject that names no person or device), and the com.apple.mdm payload (com.apple.mdm.yaml)
 * whose IdentityCertificateUUID is the SCEP payload's UUID, with CheckOutWhenRemoved and Ward's
 * ServerCapabilities. A device enrolment asks for every access right (8191); a user enrolment
 * carries the Managed Apple Account instead, and Apple then grants only the user-enrolment rights.
 *
 * @throws InvalidEnrollmentProfileInput for a URL that is not https, a topic outside
 *   `com.apple.mgmt.`, an empty challenge, no CA certificate, invalid access rights, or a user
 *   enrolment without a Managed Apple Account.
 */
export function buildEnrollmentProfile(input: EnrollmentProfileInput): PlistDict {
  check(input);
  const uuid = input.randomUuid ?? (() => randomUUID().toUpperCase());
  const prefix = input.identifierPrefix;
  const roots = input.caCertificatesDer.map((der, index) => ({
    PayloadType: 'com.apple.security.root',
    PayloadVersion: 1,
    PayloadIdentifier: `${prefix}.enrollment.ca.${index}`,
    PayloadUUID: uuid(),
    PayloadDisplayName: `${input.organization} certificate authority`,
    PayloadCertificateFileName: `ward-ca-${index}.cer`,
    PayloadContent: der,
  }));
  const identityUuid = uuid();
  const scep: PlistDict = {
    PayloadType: 'com.apple.security.scep',
    PayloadVersion: 1,
    PayloadIdentifier: `${prefix}.enrollment.identity`,
    PayloadUUID: identityUuid,
    PayloadDisplayName: 'Device management identity',
    PayloadContent: {
      URL: input.scepUrl,
      Challenge: input.challenge,
      Keysize: MDM_IDENTITY_KEY_SIZE,
      'Key Type': 'RSA',
      'Key Usage': MDM_IDENTITY_KEY_USAGE,
      // Only a random id: the subject is visible to anyone who sees the certificate.
      Subject: [[['O', input.organization]], [['CN', `Ward MDM Identity ${uuid()}`]]],
    },
  };
  const mdm: Record<string, PlistValue> = {
    PayloadType: 'com.apple.mdm',
    PayloadVersion: 1,
    PayloadIdentifier: `${prefix}.mdm`,
    PayloadUUID: uuid(),
    PayloadDisplayName: 'Device management',
    ServerURL: input.serverUrl,
    CheckInURL: input.checkInUrl,
    Topic: input.topic,
    IdentityCertificateUUID: identityUuid,
    SignMessage: input.signMessage ?? true,
    CheckOutWhenRemoved: true,
    ServerCapabilities: [...WARD_SERVER_CAPABILITIES],
  };
  if (input.userEnrollment) {
    const managedAppleId = input.managedAppleId ?? '';
    if ((input.userEnrollmentFlow ?? 'accountDriven') === 'accountDriven') Object.assign(mdm, { AssignedManagedAppleID: managedAppleId, EnrollmentMode: 'BYOD' });
    else mdm.ManagedAppleID = managedAppleId;
  } else {
    mdm.AccessRights = input.accessRights ?? FULL_ACCESS_RIGHTS;
  }
  return {
    PayloadType: 'Configuration',
    PayloadVersion: 1,
    PayloadIdentifier: `${prefix}.enrollment`,
    PayloadUUID: uuid(),
    PayloadDisplayName: input.displayName ?? `${input.organization} device management`,
    PayloadOrganization: input.organization,
    PayloadDescription: 'Lets your organization manage this device.',
    PayloadContent: [...roots, scep, mdm],
  };
}

function check(input: EnrollmentProfileInput): void {
  for (const [name, url] of [['serverUrl', input.serverUrl], ['checkInUrl', input.checkInUrl], ['scepUrl', input.scepUrl]] as const) {
    if (!isHttpsUrl(url)) throw new InvalidEnrollmentProfileInput(`${name} must be an https URL`);
  }
  if (!/^com\.apple\.mgmt\.[!-~]{1,200}$/.test(input.topic)) throw new InvalidEnrollmentProfileInput('topic must be an APNs MDM topic (com.apple.mgmt.…)');
  if (input.challenge.length === 0 || input.challenge.length > 1024) throw new InvalidEnrollmentProfileInput('challenge must be 1 to 1024 characters');
  if (input.organization.trim() === '' || input.organization.length > 64) throw new InvalidEnrollmentProfileInput('organization must be 1 to 64 characters');
  if (!REVERSE_DNS.test(input.identifierPrefix)) throw new InvalidEnrollmentProfileInput('identifierPrefix must be reverse-DNS, such as com.example.ward');
  if (input.caCertificatesDer.length === 0 || input.caCertificatesDer.some((der) => der.length === 0)) throw new InvalidEnrollmentProfileInput('at least one CA certificate is needed');
  if (input.userEnrollment) {
    const id = input.managedAppleId ?? '';
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(id) || id.length > 254) throw new InvalidEnrollmentProfileInput('a user enrolment needs the Managed Apple Account (an e-mail address)');
  } else if (input.accessRights !== undefined && !validAccessRights(input.accessRights)) {
    throw new InvalidEnrollmentProfileInput('accessRights must be a non-zero OR of the com.apple.mdm bits, with 1 when 2 is set and 64 when 128 is set');
  }
}

/** com.apple.mdm.yaml, AccessRights: not 0; 2 needs 1; 128 needs 64. */
function validAccessRights(rights: number): boolean {
  if (!Number.isSafeInteger(rights) || rights <= 0 || rights > FULL_ACCESS_RIGHTS) return false;
  if ((rights & 2) !== 0 && (rights & 1) === 0) return false;
  return (rights & 128) === 0 || (rights & 64) !== 0;
}

function isHttpsUrl(text: string): boolean {
  if (text.length > 2048) return false;
  try {
    const url = new URL(text);
    return url.protocol === 'https:' && url.hostname !== '' && url.username === '' && url.password === '';
  } catch {
    return false;
  }
}
