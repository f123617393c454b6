import { X509Certificate, createHash, verify as verifySignature } from 'node:crypto';
import { authenticateDevice, type Deps, type DeviceId, type DeviceIdentityStore, type DeviceStore, type IdentityProviderStateStore, type TenantId } from '@ward/core';
import type { SignInCertificateVerifier } from './prove-device.js';

/**
 * Device-key assertions at sign-in (issue 6 §3: "a short-lived assertion signed with the device
 * key that the agent or the SDK provides"): a compact JWS (RFC 7515) whose
 *
 * - header is `{ "alg": "ES256", "typ": "ward-device-assertion+jwt", "x5c": [<device certificate>, …] }`
 *   (RFC 7515 §4.1.6: the first certificate is the device's Ward certificate, standard base64 DER);
 * - claims are `iss` = the device id, `aud` = Ward's issuer (`<public URL>/oidc`), `iat`, `exp`
 *   (at most {@link deviceAssertionMaxLifetimeSeconds} after `iat`), a single-use `jti`, and
 *   `cnf: { "x5t#S256": <base64url SHA-256 of the certificate DER> }` (RFC 8705 §3.1);
 * - signature is ECDSA P-256 over SHA-256 with the private key of that certificate (RFC 7518 §3.4).
 *
 * The certificate must chain to Ward's device CA and be the device's active (or superseded, not
 * yet expired) identity; `iss` must be the device that identity belongs to.
 */
export const deviceAssertionParameter = 'device_assertion';

/** The JOSE `typ` the agent writes (RFC 8725 §3.11: explicit typing keeps it from passing for another JWT). */
export const deviceAssertionType = 'ward-device-assertion+jwt';

/** The longest life an assertion may claim (`exp - iat`), and how far ahead `exp` may be. */
export const deviceAssertionMaxLifetimeSeconds = 300;

/** Tolerated clock difference between the device and the server. */
export const deviceAssertionClockSkewSeconds = 60;

/** Far above a P-256 certificate chain of three and the claims; far below anything costly to parse. */
export const deviceAssertionMaxLength = 12 * 1024;

/** The provider-state model that remembers used `jti`s until their assertion expires. */
export const deviceAssertionStateModel = 'WardDeviceAssertion';

/** Why an assertion proved nothing: stable codes for logs and tests (the message is for people). */
export const deviceAssertionFailures = [
  'malformed',
  'unsupported_algorithm',
  'certificate_mismatch',
  'bad_signature',
  'wrong_audience',
  'expired',
  'not_yet_valid',
  'lifetime_too_long',
  'untrusted_certificate',
  'unknown_device',
  'device_mismatch',
  'replayed',
] as const;
export type DeviceAssertionFailure = (typeof deviceAssertionFailures)[number];

/** The outcome of {@link verifyDeviceAssertion}. */
export type DeviceAssertionCheck =
  | { readonly ok: true; readonly deviceId: DeviceId; readonly tenantId: TenantId }
  | { readonly ok: false; readonly reason: DeviceAssertionFailure; readonly message: string };

/** What an assertion is checked against. */
export interface DeviceAssertionContext {
  /** Ward's issuer: the only accepted `aud`. */
  readonly audience: string;
  /**
   * The sign-in (interaction uid) presenting it. An assertion is single-use across sign-ins, but
   * the pages of one sign-in (password, code, "try again") may present the one they were given.
   */
  readonly interactionUid: string;
  /** Checks the certificate's chain against the device CA now (as for mTLS). */
  readonly verifyClientCertificate: SignInCertificateVerifier;
}

export type DeviceAssertionStores = Pick<DeviceIdentityStore, 'getDeviceIdentity'> & Pick<DeviceStore, 'getDevice'> & IdentityProviderStateStore;

const base64UrlPart = /^[A-Za-z0-9_-]+$/u;
const base64Der = /^[A-Za-z0-9+/]+={0,2}$/u;
const jtiPattern = /^[A-Za-z0-9._~-]{16,128}$/u;
const maxChain = 4;

function refuse(reason: DeviceAssertionFailure, message: string): DeviceAssertionCheck {
  return { ok: false, reason, message };
}

function jsonObject(part: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

function isSeconds(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value > 0;
}

/** base64url SHA-256 of a certificate's DER: the `x5t#S256` confirmation (RFC 8705 §3.1). */
export function certificateThumbprint(der: Uint8Array): string {
  return createHash('sha256').update(der).digest('base64url');
}

interface ParsedAssertion {
  readonly signingInput: string;
  readonly signature: Buffer;
  readonly leaf: Buffer;
  readonly iss: string;
  readonly jti: string;
  readonly iat: number;
  readonly exp: number;
}

function parse(assertion: string, audience: string): ParsedAssertion | DeviceAssertionCheck {
  if (assertion.length > deviceAssertionMaxLength) return refuse('malformed', 'The device assertion is too long.');
  const parts = assertion.split('.');
  const [headerPart = '', payloadPart = '', signaturePart = ''] = parts;
  if (parts.length !== 3 || ![headerPart, payloadPart, signaturePart].every((p) => base64UrlPart.test(p))) return refuse('malformed', 'The device assertion is not a compact JWS.');
  const header = jsonObject(headerPart);
  const claims = jsonObject(payloadPart);
  if (header === undefined || claims === undefined) return refuse('malformed', 'The device assertion\'s header or claims are not JSON objects.');
  // Only ES256: never "none", never a MAC keyed with something public, never a key named by the token.
  if (header['alg'] !== 'ES256') return refuse('unsupported_algorithm', 'The device assertion is not signed with ES256.');
  if (header['crit'] !== undefined || header['jku'] !== undefined || header['jwk'] !== undefined || header['x5u'] !== undefined) return refuse('unsupported_algorithm', 'The device assertion names a key or extension Ward does not accept.');
  if (header['typ'] !== undefined && header['typ'] !== deviceAssertionType) return refuse('malformed', `The device assertion's typ is not ${deviceAssertionType}.`);
  const x5c = header['x5c'];
  if (!Array.isArray(x5c) || x5c.length === 0 || x5c.length > maxChain || !x5c.every((c): c is string => typeof c === 'string' && base64Der.test(c))) {
    return refuse('malformed', 'The device assertion carries no certificate (x5c).');
  }
  const { iss, aud, iat, exp, jti, cnf } = claims;
  if (typeof iss !== 'string' || typeof jti !== 'string' || !jtiPattern.test(jti) || !isSeconds(iat) || !isSeconds(exp)) return refuse('malformed', 'The device assertion lacks iss, jti, iat or exp.');
  if (!(aud === audience || (Array.isArray(aud) && aud.length === 1 && aud[0] === audience))) return refuse('wrong_audience', 'The device assertion is for another server.');
  const thumbprint = typeof cnf === 'object' && cnf !== null ? (cnf as Record<string, unknown>)['x5t#S256'] : undefined;
  const leaf = Buffer.from(x5c[0] ?? '', 'base64');
  if (typeof thumbprint !== 'string' || thumbprint !== certificateThumbprint(leaf)) return refuse('certificate_mismatch', 'The device assertion is not bound to the certificate it carries.');
  return { signingInput: `${headerPart}.${payloadPart}`, signature: Buffer.from(signaturePart, 'base64url'), leaf, iss, jti, iat, exp };
}

function signatureHolds(parsed: ParsedAssertion): boolean {
  // An IEEE P1363 ES256 signature is r‖s, 32 bytes each (RFC 7518 §3.4).
  if (parsed.signature.length !== 64) return false;
  try {
    const key = new X509Certificate(parsed.leaf).publicKey;
    if (key.asymmetricKeyType !== 'ec' || key.asymmetricKeyDetails?.namedCurve !== 'prime256v1') return false;
    return verifySignature('sha256', Buffer.from(parsed.signingInput), { key, dsaEncoding: 'ieee-p1363' }, parsed.signature);
  } catch {
    return false;
  }
}

/**
 * Remembers `jti` for the device until the assertion expires, with an insert that only one writer
 * can win: of two sign-ins racing with one assertion, exactly one proves the device. The same
 * interaction may present it again (a form re-submitted after a second factor).
 */
async function claimOnce(stores: IdentityProviderStateStore, deviceId: string, jti: string, interactionUid: string, expiresAt: Date): Promise<boolean> {
  const id = `${deviceId}:${jti}`;
  const state = { model: deviceAssertionStateModel, id, payload: { interaction: interactionUid }, grantId: null, uid: null, userCode: null, clientId: null, expiresAt, consumedAt: null };
  if (await stores.insertIdpStateIfAbsent(state)) return true;
  const seen = await stores.findIdpState(deviceAssertionStateModel, id);
  return seen?.payload['interaction'] === interactionUid;
}

/**
 * Checks a device assertion (see {@link deviceAssertionParameter} for its form): structure, ES256
 * signature by the key of the certificate in `x5c[0]`, `cnf` binding to that certificate, audience,
 * times (`exp` in the future, `iat` not ahead, a lifetime of at most five minutes), the
 * certificate's chain to Ward's device CA, the device identity it belongs to (core's
 * `authenticateDevice`: revoked, expired, retired refused), `iss` naming that device, and finally
 * that `jti` was not used by another sign-in. Cheap checks come first and the database is read
 * only after the signature holds. Never throws for bad input.
 */
export async function verifyDeviceAssertion(deps: Deps<DeviceAssertionStores>, assertion: string, context: DeviceAssertionContext): Promise<DeviceAssertionCheck> {
  const parsed = parse(assertion, context.audience);
  if ('ok' in parsed) return parsed;
  const now = Math.floor(deps.clock.now().getTime() / 1000);
  if (parsed.exp <= now - deviceAssertionClockSkewSeconds) return refuse('expired', 'The device assertion has expired.');
  if (parsed.iat > now + deviceAssertionClockSkewSeconds) return refuse('not_yet_valid', 'The device assertion was issued in the future.');
  if (parsed.exp < parsed.iat || parsed.exp - parsed.iat > deviceAssertionMaxLifetimeSeconds || parsed.exp > now + deviceAssertionMaxLifetimeSeconds + deviceAssertionClockSkewSeconds) {
    return refuse('lifetime_too_long', `A device assertion may live ${deviceAssertionMaxLifetimeSeconds} seconds at most.`);
  }
  if (!signatureHolds(parsed)) return refuse('bad_signature', 'The device assertion\'s signature does not verify with its certificate.');
  const checked = await context.verifyClientCertificate(new Uint8Array(parsed.leaf));
  if (!checked.ok) return refuse('untrusted_certificate', checked.code === 'CERT_EXPIRED' ? 'This device\'s certificate has expired; enroll the device again.' : 'The device assertion carries a certificate that Ward did not issue.');
  const session = await authenticateDevice(deps, { serialNumber: checked.serialNumber.toLowerCase(), fingerprint: checked.fingerprintSha256 }, { via: 'api' });
  if (!session.ok) return refuse('unknown_device', session.message);
  const device = session.value.device;
  if (parsed.iss !== device.id) return refuse('device_mismatch', 'The device assertion names another device than its certificate.');
  const expiresAt = new Date((parsed.exp + deviceAssertionClockSkewSeconds) * 1000);
  if (!(await claimOnce(deps.stores, device.id, parsed.jti, context.interactionUid, expiresAt))) return refuse('replayed', 'This device assertion was used already; get a new one.');
  return { ok: true, deviceId: device.id, tenantId: device.tenantId };
}
