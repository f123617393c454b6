import { ok, type Result } from '../kernel/result.js';
import { appIdentifier, invalid, MamInvalid, oneOf, optionalText, record, text } from './mam-fields.js';
import { sdkLimits, sdkPlatforms, type SdkPublicKey } from './model.js';
import { isP256Point } from './p256-point.js';
import type { SdkRegistrationRequest } from './sdk-wire.js';

const deviceTagPattern = /^[A-Za-z0-9_-]+$/;
// App and SDK versions as apps spell them (`1.2.0`, `2.0.0-beta.1`): visible ASCII without spaces.
const versionTextPattern = /^[\x21-\x7e]+$/;

/** A version text of at most 64 visible characters. */
export function sdkVersionText(value: unknown, field: string): string {
  if (typeof value !== 'string' || value.length === 0 || value.length > sdkLimits.versionLength || !versionTextPattern.test(value)) {
    invalid(field, `must be a version: 1 to ${sdkLimits.versionLength} visible characters without spaces`);
  }
  return value;
}

/** A device tag: 22 to 64 base64url characters (at least 128 random bits). */
export function deviceTag(value: unknown, field: string): string {
  const { min, max } = sdkLimits.deviceTag;
  if (typeof value !== 'string' || value.length < min || value.length > max || !deviceTagPattern.test(value)) invalid(field, `must be ${min} to ${max} base64url characters`);
  return value;
}

// Members WebCrypto's exportKey('jwk') adds to a public key; they say nothing the server needs.
const ignoredJwkMembers = ['ext', 'key_ops', 'alg', 'use', 'kid'];

/** An ECDSA P-256 public key as a JWK whose point is on the curve. A private key (`d`) is refused. */
export function sdkPublicKey(value: unknown, field: string): SdkPublicKey {
  if (typeof value === 'object' && value !== null && 'd' in value) invalid(`${field}.d`, 'is a private key; send only the public key');
  const r = record(value, field, ['kty', 'crv', 'x', 'y', ...ignoredJwkMembers]);
  if (r.kty !== 'EC') invalid(`${field}.kty`, 'must be EC');
  if (r.crv !== 'P-256') invalid(`${field}.crv`, 'must be P-256');
  if (typeof r.x !== 'string' || typeof r.y !== 'string' || !isP256Point(r.x, r.y)) invalid(field, 'is not a point of P-256 (x and y: 43 base64url characters each, on the curve)');
  return { kty: 'EC', crv: 'P-256', x: r.x, y: r.y };
}

/**
 * Reads a registration body (sdk-v1.md, "Register"). Failures are VALIDATION_FAILED with the
 * offending `field`; unknown fields are refused.
 */
export function validateSdkRegistration(body: unknown): Result<SdkRegistrationRequest, 'VALIDATION_FAILED'> {
  try {
    const r = record(body, 'body', ['appId', 'appVersion', 'sdkVersion', 'platform', 'deviceTag', 'deviceName', 'osName', 'osVersion', 'publicKey']);
    return ok({
      appId: appIdentifier(r.appId, 'appId'),
      appVersion: sdkVersionText(r.appVersion, 'appVersion'),
      sdkVersion: sdkVersionText(r.sdkVersion, 'sdkVersion'),
      platform: oneOf(r.platform, 'platform', sdkPlatforms),
      deviceTag: deviceTag(r.deviceTag, 'deviceTag'),
      deviceName: optionalText(r.deviceName, 'deviceName', sdkLimits.deviceNameLength),
      osName: optionalText(r.osName, 'osName', sdkLimits.osFieldLength),
      osVersion: r.osVersion === undefined || r.osVersion === null ? null : text(r.osVersion, 'osVersion', { min: 1, max: sdkLimits.osFieldLength }),
      publicKey: sdkPublicKey(r.publicKey, 'publicKey'),
    });
  } catch (error) {
    if (error instanceof MamInvalid) return error.failure('VALIDATION_FAILED');
    throw error;
  }
}
